package policy

import (
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
)

var (
	expanderOnce sync.Once
	sharedExp    *Expander
	expanderErr  error
)

// testExpander is one Expander over the embedded snapshot for every test,
// as a provider would share one.
func testExpander(t testing.TB) *Expander {
	t.Helper()
	expanderOnce.Do(func() { sharedExp, expanderErr = NewExpander(t.Context(), embedded.Default()) })
	if expanderErr != nil {
		t.Fatal(expanderErr)
	}
	return sharedExp
}

// withPrefix keeps the names of one service's actions.
func withPrefix(s ActionSet, prefix string) []string {
	var out []string
	for a := range s.All() {
		if a.Service() == prefix {
			out = append(out, a.Name)
		}
	}
	return out
}

// mustExpand parses and expands src, failing on any error.
func mustExpand(t *testing.T, src string) (*Result, Diagnostics) {
	t.Helper()
	res, diags := testExpander(t).ExpandJSON(src, Options{StatementActions: true, CompactStatements: true})
	if diags.HasError() || res == nil {
		t.Fatalf("unexpected errors: %v", diags)
	}
	return res, diags
}

// onlyDiag returns the single diagnostic of the given severity.
func onlyDiag(t *testing.T, diags Diagnostics, sev Severity) Diagnostic {
	t.Helper()
	var found []Diagnostic
	for _, d := range diags {
		if d.Severity == sev {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s, got %v", sev, diags)
	}
	return found[0]
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
