package policy

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// By default a statement reports its counts, not its actions: a NotAction
// statement applies to about 21,000 of them.
func TestStatementCountsWithoutActions(t *testing.T) {
	res, diags := testExpander(t).ExpandJSON(stmt(`"Effect":"Allow","NotAction":["iam:*","s3:GetObject"],"Resource":"*"`), Options{})
	if res == nil || len(diags) != 0 {
		t.Fatalf("diagnostics: %s", listDiags(diags))
	}
	st := res.Statements[0]
	iamCount := len(reference(t, "iam:*"))
	if st.Actions.Len() != 0 || st.Count != allActions-iamCount-1 || st.Compacted != nil {
		t.Errorf("statement holds %d actions, counts %d, compacted %q; want 0, %d, none", st.Actions.Len(), st.Count, st.Compacted, allActions-iamCount-1)
	}
	levels := st.Levels
	if sum := levels.List + levels.Read + levels.Write + levels.PermissionsManagement + levels.Tagging; sum != st.Count {
		t.Errorf("levels %+v add up to %d, want %d", levels, sum, st.Count)
	}
	if res.Net.Levels != st.Levels {
		t.Errorf("the only statement counts %+v, the net %+v", st.Levels, res.Net.Levels)
	}
	if !slices.Equal(st.Patterns, []string{"iam:*", "s3:GetObject"}) {
		t.Errorf("patterns %q", st.Patterns)
	}
}

func TestStatementCompacted(t *testing.T) {
	describe := reference(t, "cloudtrail:Describe*")
	cases := []struct {
		rule, action string
		want         []string
	}{
		{"every action is *", `"Action":["s3:*","*:*"]`, []string{"*"}},
		{"every action of a service is svc:*", `"Action":["s3:Get*","s3:Put*","s3:*"]`, []string{"s3:*"}},
		{"full names compact exactly into a word pattern", `"Action":["` + strings.Join(describe, `","`) + `"]`, []string{"cloudtrail:Describe*"}},
		{"the canonical spelling wins over duplicates in other case", `"Action":["S3:GETOBJECT","s3:getobject"]`, []string{"s3:GetObject"}},
		{"a cross-service pattern is already compact", `"Action":"*:Describe*"`, []string{"*:Describe*"}},
		{"a tie keeps the patterns as written", `"Action":["S3:GetObject"]`, []string{"S3:GetObject"}},
		{"NotAction is compacted as the NotAction list", `"NotAction":["iam:*","s3:GetObject"]`, []string{"iam:*", "s3:GetObject"}},
		{"unknown patterns are left out", `"Action":["s3:GetObjekt","s3:GetObject","s3:GetObjectAcl"]`, []string{"s3:GetObject", "s3:GetObjectAcl"}},
		{"a statement of unknown patterns compacts to nothing", `"Action":["s3:GetObjekt"]`, nil},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			res, _ := mustExpand(t, stmt(`"Effect":"Allow",`+c.action+`,"Resource":"*"`))
			if got := res.Statements[0].Compacted; !slices.Equal(got, c.want) {
				t.Errorf("compacted %q, want %q", got, c.want)
			}
		})
	}
}

// Every statement of every AWS managed policy compacts to patterns that
// name exactly what its own patterns name, and never to more of them.
func TestManagedPoliciesCompactExactly(t *testing.T) {
	e := testExpander(t)
	statements, shorter := 0, 0
	for _, p := range loadCorpus(t) {
		res, _ := e.ExpandJSON(string(p.Document), Options{StatementActions: true, CompactStatements: true})
		for i, st := range res.Statements {
			statements++
			if len(st.Compacted) > len(st.Patterns) {
				t.Fatalf("%s statement %d: %d compacted patterns for %d written", p.Name, i, len(st.Compacted), len(st.Patterns))
			}
			if len(st.Compacted) < len(st.Patterns) {
				shorter++
			}
			src := stmt(`"Effect":"Allow","Action":["` + strings.Join(st.Compacted, `","`) + `"],"Resource":"*"`)
			if st.NotAction {
				src = strings.Replace(src, `"Action"`, `"NotAction"`, 1)
			}
			if len(st.Compacted) == 0 {
				continue // only unknown patterns: nothing to compare
			}
			again, diags := e.ExpandJSON(src, Options{StatementActions: true})
			if diags.HasError() || !slices.Equal(again.Statements[0].Actions.Names(), st.Actions.Names()) {
				t.Fatalf("%s statement %d: %q names %d actions, the statement %d", p.Name, i, st.Compacted,
					again.Statements[0].Actions.Len(), st.Actions.Len())
			}
		}
	}
	if statements < 5000 || shorter == 0 {
		t.Errorf("%d statements, %d compacted shorter", statements, shorter)
	}
	t.Logf("%d statements, %d compacted into fewer patterns", statements, shorter)
}

// A document of thousands of typos gets suggestions in the diagnostics it
// shows; the edit distances behind them are not worked out for the rest.
func TestUnknownActionsSuggestWhereShown(t *testing.T) {
	var patterns []string
	for i := range 5000 {
		patterns = append(patterns, fmt.Sprintf(`"ec2:DescribeInstanceZ%d"`, i))
	}
	res, diags := testExpander(t).ExpandJSON(stmt(`"Effect":"Allow","Action":[`+strings.Join(patterns, ",")+`],"Resource":"*"`), Options{})
	if res == nil || len(res.Net.Unknown) != 5000 || len(diags) != MaxDiagnostics {
		t.Fatalf("%d unknown patterns, %d diagnostics", len(res.Net.Unknown), len(diags))
	}
	for _, d := range diags[:MaxDiagnostics-1] {
		if !strings.Contains(d.Detail, `did you mean "ec2:DescribeInstance`) {
			t.Fatalf("diagnostic without a suggestion: %s", d)
		}
	}
	if last := diags[MaxDiagnostics-1]; last.Detail != "4901 more problems are not shown; fix the ones above first" {
		t.Errorf("last diagnostic %s", last)
	}
}
