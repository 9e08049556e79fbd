package validation

import (
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
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
	validatorOnce.Do(func() { sharedV, validatorErr = New(t.Context(), testCatalog(), nil) })
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

// managedPolicy is one policy of the corpus: the latest version of every
// AWS managed policy (internal/managedpolicies).
type managedPolicy = managedpolicies.Policy

func loadCorpus(t testing.TB) []managedPolicy {
	t.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	return all
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
