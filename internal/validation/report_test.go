package validation

import (
	"fmt"
	"strings"
	"testing"
)

func TestStatementIndex(t *testing.T) {
	for path, want := range map[string]int{
		"":                         -1,
		"Version":                  -1,
		"Statement":                0,
		"Statement.Sid":            0,
		"Statement[0]":             0,
		"Statement[12].Action[3]":  12,
		`Statement[3]["a.b"]`:      3,
		"Statement[x]":             0,
		"Statement[":               0,
		"StatementX":               0,
		"Statement[2].Condition.a": 2,
	} {
		if got := statementIndex(path); got != want {
			t.Errorf("statementIndex(%q) = %d, want %d", path, got, want)
		}
	}
}

// Findings come in document order: document-level ones first, then by
// statement, and within a statement in registry order.
func TestFindingOrder(t *testing.T) {
	src := `{"Statement":[` + strings.Join([]string{
		allow(`["s3:Get*","s3:GetObject"]`, `"*"`),
		allow(`["nosuch:Thing","iam:PassRole"]`, `"*"`),
	}, ",") + `]}`
	rep := validate(t, src, Options{})
	got := fmt.Sprint(codesOf(rep.Findings))
	want := fmt.Sprint([]Code{MissingVersion, RedundantAction, UnknownService, PassRoleOnAll})
	if got != want {
		t.Errorf("codes %s, want %s:\n%s", got, want, listFindings(rep.Findings))
	}
	if rep.Valid || rep.Counts != (Counts{Error: 1, SecurityWarning: 1, Warning: 2}) || rep.Omitted != 0 {
		t.Errorf("valid %v, counts %+v, omitted %d", rep.Valid, rep.Counts, rep.Omitted)
	}
}

// A report lists at most MaxFindings findings and counts them all.
func TestReportCapsFindings(t *testing.T) {
	actions := make([]string, 300)
	for i := range actions {
		actions[i] = fmt.Sprintf(`"nosuch%d:Thing"`, i)
	}
	rep := validate(t, pol(allow("["+strings.Join(actions, ",")+"]", `"*"`)), Options{})
	if len(rep.Findings) != MaxFindings || rep.Omitted != 100 || rep.Counts.Error != 300 || rep.Valid {
		t.Errorf("%d findings, %d omitted, counts %+v, valid %v", len(rep.Findings), rep.Omitted, rep.Counts, rep.Valid)
	}
	if rep.Findings[MaxFindings-1].Path != fmt.Sprintf("Statement[0].Action[%d]", MaxFindings-1) {
		t.Errorf("last listed finding at %s", rep.Findings[MaxFindings-1].Path)
	}
}

func TestValidPolicyIsValid(t *testing.T) {
	rep := validate(t, pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::bucket/*"`)), Options{})
	if !rep.Valid || len(rep.Findings) != 0 || rep.Counts != (Counts{}) {
		t.Errorf("valid %v, counts %+v:\n%s", rep.Valid, rep.Counts, listFindings(rep.Findings))
	}
}

func TestCodes(t *testing.T) {
	codes := Codes()
	seen := map[Code]bool{}
	rank := map[Severity]int{Error: 0, SecurityWarning: 1, Warning: 2, Suggestion: 3}
	for i, c := range codes {
		if seen[c.Code] {
			t.Errorf("%s listed twice", c.Code)
		}
		seen[c.Code] = true
		if _, ok := rank[c.Severity]; !ok || c.Description == "" || strings.Contains(c.Description, "\n") {
			t.Errorf("%s: severity %q, description %q", c.Code, c.Severity, c.Description)
		}
		if c.Code != Code(strings.ToUpper(string(c.Code))) {
			t.Errorf("%s is not upper case", c.Code)
		}
		if i > 0 && (rank[codes[i-1].Severity] > rank[c.Severity] ||
			codes[i-1].Severity == c.Severity && codes[i-1].Code > c.Code) {
			t.Errorf("%s listed after %s", c.Code, codes[i-1].Code)
		}
		if info, ok := Lookup(c.Code); !ok || info != c {
			t.Errorf("Lookup(%s) = %+v, %v", c.Code, info, ok)
		}
	}
	if len(codes) != len(checks) {
		t.Errorf("%d codes for %d registry entries", len(codes), len(checks))
	}
	if _, ok := Lookup("NO_SUCH_CODE"); ok {
		t.Error("Lookup found an unknown code")
	}
}

func TestCountsOf(t *testing.T) {
	c := Counts{Error: 1, SecurityWarning: 2, Warning: 3, Suggestion: 4}
	for i, s := range Severities {
		if c.Of(s) != i+1 {
			t.Errorf("Of(%s) = %d", s, c.Of(s))
		}
	}
	if c.Of("NOTICE") != 0 {
		t.Error("an unknown severity has a count")
	}
}

// The findings of thousands of typos are all counted, and the listed ones
// suggest close names; the suggestions are worked out for those alone.
func TestUnknownActionFindingsSuggestWhereListed(t *testing.T) {
	var patterns []string
	for i := range 5000 {
		patterns = append(patterns, fmt.Sprintf(`"ec2:DescribeInstanceZ%d"`, i))
	}
	rep, err := testValidator(t).Validate(pol(allow("["+strings.Join(patterns, ",")+"]", `"*"`)),
		Options{IgnoreCodes: []string{string(PolicySizeExceeded)}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts.Error != 5000 || len(rep.Findings) != MaxFindings || rep.Omitted != 5000-MaxFindings+countNonErrors(rep) {
		t.Fatalf("counts %+v, %d listed, %d omitted", rep.Counts, len(rep.Findings), rep.Omitted)
	}
	for _, f := range rep.Findings {
		if f.Code == UnknownAction && !strings.Contains(f.Message, `did you mean "ec2:DescribeInstance`) {
			t.Fatalf("finding without a suggestion: %+v", f)
		}
	}
}

func countNonErrors(rep Report) int {
	return rep.Counts.SecurityWarning + rep.Counts.Warning + rep.Counts.Suggestion
}
