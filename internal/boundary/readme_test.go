package boundary

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// TestREADMEBoundaryTable computes the README's table of one-document
// boundaries beside AWS's ReadOnlyAccess, from the embedded snapshot and
// the managed-policy corpus, and checks that README.md and the boundary
// guide hold every row.
func TestREADMEBoundaryTable(t *testing.T) {
	ctx := t.Context()
	exp, err := policy.NewExpander(ctx, embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	row := func(name string, chars int, res *policy.Result, total int) {
		listRead := res.Net.Levels.Of(iam.List) + res.Net.Levels.Of(iam.Read)
		rows = append(rows, fmt.Sprintf("| %s | %s | %s of %s (%.1f%%) | %d |",
			name, thousands(chars), thousands(listRead), thousands(total), 100*float64(listRead)/float64(total), res.Net.NonReadOnly.Len()))
	}
	for _, c := range []struct {
		name  string
		mode  readonly.Wildcards
		cross bool
	}{
		{"`iamv2_permission_boundary` (default: `word`, cross-service)", readonly.WildcardsWord, true},
		{"`iamv2_permission_boundary`, `wildcards = \"prefix\"`", readonly.WildcardsPrefix, true},
		{"`iamv2_permission_boundary`, `cross_service = false`", readonly.WildcardsWord, false},
	} {
		p, size := problemFor(t, readonly.Options{Services: []string{"*"}}, c.mode, c.cross)
		sol, err := Solve(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		res, diags := exp.ExpandJSON(sol.PolicyJSON, policy.Options{})
		if res == nil {
			t.Fatal(diags)
		}
		row(c.name, sol.Chars, res, size)
	}
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	_, size := problemFor(t, readonly.Options{Services: []string{"*"}}, readonly.WildcardsWord, true)
	for _, mp := range all {
		if mp.Name == "ReadOnlyAccess" {
			res, diags := exp.ExpandJSON(string(mp.Document), policy.Options{UnknownActions: policy.UnknownIgnore})
			if res == nil {
				t.Fatal(diags)
			}
			row("AWS `ReadOnlyAccess` (AWS managed: exempt from the 6,144 limit)", countChars(string(mp.Document)), res, size)
		}
	}
	if len(rows) != 4 {
		t.Fatalf("rows %q: ReadOnlyAccess missing from the corpus", rows)
	}
	for _, file := range []string{"../../README.md", "../../templates/guides/readonly-permission-boundary.md.tmpl"} {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if !strings.Contains(string(text), r+"\n") {
				t.Errorf("%s lacks the row\n%s", file, r)
			}
		}
	}
	t.Log("\n" + strings.Join(rows, "\n"))
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
