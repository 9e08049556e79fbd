package validation

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var (
	validatorOnce sync.Once
	sharedV       *Validator
	validatorErr  error
)

// testValidator is one Validator over the embedded snapshot for every
// test, as a provider shares one.
func testValidator(t testing.TB) *Validator {
	t.Helper()
	validatorOnce.Do(func() { sharedV, validatorErr = New(context.Background(), testCatalog()) })
	if validatorErr != nil {
		t.Fatal(validatorErr)
	}
	return sharedV
}

// testCatalog is the embedded snapshot every test validates against.
func testCatalog() *embedded.Catalog { return embedded.Default() }

// validate runs one validation that must not fail on its options.
func validate(t testing.TB, src string, opts Options) Report {
	t.Helper()
	rep, err := testValidator(t).Validate(src, opts)
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	return rep
}

// The corpus is the policy package's: the latest version of every AWS
// managed policy (see internal/policy/corpus_test.go for its origin).
type managedPolicy struct {
	Name     string          `json:"name"`
	Document json.RawMessage `json:"document"`
}

var (
	corpusOnce sync.Once
	corpus     []managedPolicy
	corpusErr  error
)

func loadCorpus(t testing.TB) []managedPolicy {
	t.Helper()
	corpusOnce.Do(func() { corpus, corpusErr = readCorpus("../policy/testdata/managed-policies.jsonl.gz") })
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

func readCorpus(path string) ([]managedPolicy, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	var out []managedPolicy
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, policy.MaxDocumentSize)
	for sc.Scan() {
		var p managedPolicy
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

// listFindings renders findings one a line, for failure messages.
func listFindings(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + string(f.Severity) + " " + string(f.Code) + " at " + f.Path + ": " + f.Message + "\n")
	}
	return b.String()
}

// codesOf returns the codes of the findings, in order.
func codesOf(fs []Finding) []Code {
	out := make([]Code, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}
