package boundary

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// figureCase is one row of the figures issues 11 and 18 ask for.
type figureCase struct {
	name     string
	opts     readonly.Options
	mode     readonly.Wildcards
	cross    bool
	atLeast  float64 // coverage the issue requires, in percent
	granted  int     // what this optimizer reaches on the snapshot
	bound    int     // UpperBound on the snapshot
	maxChars int
}

var figureCases = []figureCase{
	{"every service, word, cross-service", readonly.Options{Services: []string{"*"}}, readonly.WildcardsWord, true, 97, 9311, 9363, 6144},
	{"every service, prefix, cross-service", readonly.Options{Services: []string{"*"}}, readonly.WildcardsPrefix, true, 99.2, 9590, 9590, 6144},
	{"every service, word, per service only", readonly.Options{Services: []string{"*"}}, readonly.WildcardsWord, false, 65, 6285, 6516, 6144},
	// The six actions of the team set that vend credentials by name
	// ("ec2:GetPasswordData") are blocked by the deny words.
	{"team set, word, cross-service", readonly.Options{Services: TeamServices, Exclude: TeamExclude}, readonly.WildcardsWord, true, 99, 655, 655, 1472},
}

// TestFigures checks the figures over the embedded snapshot: coverage at
// least what issues 11 and 18 require, the document within maxChars, and,
// by expanding the document with the policy package rather than trusting
// the optimizer's bookkeeping, no allowed action outside the target set.
// The upper bound is reported beside each figure (run with -v).
func TestFigures(t *testing.T) {
	exp, err := policy.NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-40s %9s %9s %7s %6s %5s\n", "case", "granted", "bound", "chars", "allow", "deny")
	for _, c := range figureCases {
		t.Run(c.name, func(t *testing.T) {
			p, size := problemFor(t, c.opts, c.mode, c.cross)
			sol, err := Solve(t.Context(), p)
			if err != nil {
				t.Fatal(err)
			}
			bound, err := UpperBound(p)
			if err != nil {
				t.Fatal(err)
			}
			checkRules(t, p, sol)
			allowed, nonTarget := expandAgainst(t, exp, p, sol.PolicyJSON)
			if nonTarget != "" {
				t.Errorf("the document allows %s, which is not a target action", nonTarget)
			}
			if allowed != sol.Granted {
				t.Errorf("expansion grants %d target actions, the optimizer counts %d", allowed, sol.Granted)
			}
			coverage := 100 * float64(allowed) / float64(size)
			if coverage < c.atLeast || allowed != c.granted || bound != c.bound || sol.Chars > c.maxChars {
				t.Errorf("granted %d of %d (%.2f%%, want at least %.1f%% and %d), bound %d (want %d), %d characters (want at most %d)",
					allowed, size, coverage, c.atLeast, c.granted, bound, c.bound, sol.Chars, c.maxChars)
			}
			if allowed > bound {
				t.Errorf("granted %d is over the upper bound %d", allowed, bound)
			}
			fmt.Fprintf(&table, "%-40s %9s %9s %7d %6d %5d\n", c.name, pct(allowed, size), pct(bound, size), sol.Chars, len(sol.Allow), len(sol.Deny))
		})
	}
	t.Log("\n" + table.String())
}

func pct(n, of int) string { return fmt.Sprintf("%.2f%%", 100*float64(n)/float64(of)) }

// expandAgainst expands the document and counts the target actions it
// allows, naming the first allowed action that is none.
func expandAgainst(t *testing.T, exp *policy.Expander, p Problem, doc string) (targets int, nonTarget string) {
	t.Helper()
	res, diags := exp.ExpandJSON(doc, policy.Options{UnknownActions: policy.UnknownError})
	if res == nil || diags.HasError() {
		t.Fatalf("the document does not expand: %v", diags)
	}
	class := map[string]Class{}
	for i, svc := range p.Universe.Services() {
		for j := range svc.Actions {
			class[svc.FullName(&svc.Actions[j])] = p.Classes[i][j]
		}
	}
	for _, name := range res.Net.Allowed.Names() {
		switch class[name] {
		case Target, Full:
			targets++
		case Neutral:
		default:
			if nonTarget == "" {
				nonTarget = name
			}
		}
	}
	return targets, nonTarget
}
