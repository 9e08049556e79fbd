package policy

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

const allActions = 22091 // in the embedded snapshot

// reference expands a pattern the slow, obvious way: every action of every
// service through iam.Match, sorted with sort.Strings.
func reference(t *testing.T, pattern string) []string {
	t.Helper()
	ctx := t.Context()
	cat := embedded.Default()
	summaries, err := cat.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svcPart, actPart, _ := strings.Cut(pattern, ":")
	if pattern == "*" {
		svcPart, actPart = "*", "*"
	}
	var out []string
	for _, s := range summaries {
		if !iam.Match(svcPart, s.Prefix) {
			continue
		}
		svc, err := cat.Service(ctx, s.Prefix)
		if err != nil {
			t.Fatal(err)
		}
		for i := range svc.Actions {
			if iam.Match(actPart, svc.Actions[i].Name) {
				out = append(out, svc.FullName(&svc.Actions[i]))
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestExpandPatternMatchesReference(t *testing.T) {
	e := testExpander(t)
	for _, p := range []string{"s3:GetObject", "S3:getobject", "s3:Get*", "s3:*Tagging", "s3:Get?bject", "ec2:*", "ec2:***",
		"s3*:Get*", "*:Describe*", "?3:List*", "*:*", "*", "iam:*Policy*", "cloudtrail:De*"} {
		got, err := e.ExpandPattern(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := reference(t, p)
		if !slices.Equal(got.Names(), want) {
			t.Errorf("%s: got %d actions, reference %d", p, got.Len(), len(want))
		}
		if len(want) == 0 {
			t.Errorf("%s: test pattern matches nothing", p)
		}
	}
}

func TestExpandPatternProblems(t *testing.T) {
	e := testExpander(t)
	for _, c := range []struct{ pattern, want string }{
		{"s4:GetObject", `unknown service prefix "s4"; did you mean "s3"`},
		{"s3:GetObjekt", `service "s3" has no action "GetObjekt"; did you mean "s3:GetObject"`},
		{"s3:Fly*", `"Fly*" matches no action of service "s3"`},
		{"zz*:Get*", `no service prefix matches "zz*"`},
		{"s3*:Fly*", `"Fly*" matches no action of the`},
		{" s3:GetObject", "leading or trailing whitespace"},
		{"GetObject", "has no service prefix"},
		{"s3:a:b", "2 colons"},
	} {
		set, err := e.ExpandPattern(c.pattern)
		if err == nil || !strings.Contains(err.Error(), c.want) || set.Len() != 0 {
			t.Errorf("ExpandPattern(%q) = %d actions, %v; want an error containing %q", c.pattern, set.Len(), err, c.want)
		}
	}
}

func TestExpandCanonicalSortedDeduplicated(t *testing.T) {
	res, diags := mustExpand(t, stmt(`"Effect":"Allow","Action":["S3:GETOBJECT","s3:getobject","s3:GetObject*","cloudtrail:describetrails"],"Resource":"*"`))
	if len(diags) != 0 {
		t.Errorf("diagnostics: %s", listDiags(diags))
	}
	want := append([]string{"cloudtrail:DescribeTrails"}, reference(t, "s3:GetObject*")...)
	if got := res.Statements[0].Actions.Names(); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := res.Net.Allowed.Names(); !slices.Equal(got, want) || !sort.StringsAreSorted(got) {
		t.Errorf("net %q", got)
	}
	a := res.Net.Allowed.At(0)
	if a.Name != "cloudtrail:DescribeTrails" || a.Level != iam.Read || a.Service() != "cloudtrail" {
		t.Errorf("first action %+v", a)
	}
}

// "*", and an asterisk escaped as \u002a, name every action of every service.
func TestExpandEverything(t *testing.T) {
	for _, action := range []string{`"*"`, `"\u002a"`, `"*:*"`} {
		res, _ := mustExpand(t, stmt(`"Effect":"Allow","Action":`+action+`,"Resource":"*"`))
		if n := res.Net.Allowed.Len(); n != allActions {
			t.Errorf("%s allows %d actions", action, n)
		}
		if len(res.Services) != 456 || res.Services[0].Summary() != "Full access" {
			t.Errorf("%s: %d services, first %+v", action, len(res.Services), res.Services[0])
		}
	}
}

func TestExpandServiceWildcardWarns(t *testing.T) {
	res, diags := mustExpand(t, stmt(`"Effect":"Allow","Action":["s3:ListBucket","s3*:GetObject"],"Resource":"*"`))
	d := onlyDiag(t, diags, SeverityWarning)
	if d.Path != "Statement[0].Action[1]" || !containsAll(d.Detail, `"s3*:GetObject"`, "matches 7 service prefixes") {
		t.Errorf("warning %s", d)
	}
	want := []string{"s3-object-lambda:GetObject", "s3-outposts:GetObject", "s3:GetObject", "s3:ListBucket"}
	if got := res.Net.Allowed.Names(); !slices.Equal(got, want) {
		t.Errorf("got %q", got)
	}
}

// NotAction in an Allow statement allows every action of every service
// except those listed, not only the other actions of the named service.
func TestExpandNotActionAllow(t *testing.T) {
	res, diags := mustExpand(t, stmt(`"Effect":"Allow","NotAction":["iam:*","s3:GetObject"],"Resource":"*"`))
	if len(diags) != 0 {
		t.Errorf("diagnostics: %s", listDiags(diags))
	}
	iamCount := len(reference(t, "iam:*"))
	st := res.Statements[0]
	if !st.NotAction || st.Actions.Len() != allActions-iamCount-1 {
		t.Errorf("NotAction statement applies to %d actions, want %d", st.Actions.Len(), allActions-iamCount-1)
	}
	for name, want := range map[string]bool{"iam:CreateUser": false, "s3:GetObject": false, "s3:PutObject": true, "ec2:RunInstances": true} {
		if res.Net.Allowed.Contains(name) != want {
			t.Errorf("Allowed.Contains(%q) = %v", name, !want)
		}
	}
}

// A Deny with NotAction denies everything it does not list.
func TestExpandNotActionDeny(t *testing.T) {
	res, _ := mustExpand(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"*","Resource":"*"},
		{"Effect":"Deny","NotAction":["s3:*","cloudtrail:DescribeTrails"],"Resource":"*"}]}`)
	want := append(reference(t, "cloudtrail:DescribeTrails"), reference(t, "s3:*")...)
	sort.Strings(want)
	if got := res.Net.Allowed.Names(); !slices.Equal(got, want) {
		t.Errorf("allowed %d actions, want %d", len(got), len(want))
	}
}

func TestExpandDeny(t *testing.T) {
	allow := `{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject","s3:PutObject"],"Resource":"*"}`
	cases := []struct {
		name        string
		deny        string
		allowed     string
		condDenied  string
		scoped, cnd bool
	}{
		{"unconditional", `"Resource":"*"`, "s3:GetObject s3:PutObject", "", false, false},
		{"star among resources", `"Resource":["arn:aws:s3:::b/*","*"]`, "s3:GetObject s3:PutObject", "", false, false},
		{"conditional", `"Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}`,
			"s3:DeleteObject s3:GetObject s3:PutObject", "s3:DeleteObject", false, true},
		{"resource-scoped", `"Resource":"arn:aws:s3:::b/*"`, "s3:DeleteObject s3:GetObject s3:PutObject", "s3:DeleteObject", true, false},
		{"NotResource", `"NotResource":"arn:aws:s3:::b/*"`, "s3:DeleteObject s3:GetObject s3:PutObject", "s3:DeleteObject", true, false},
		{"empty condition", `"Resource":"*","Condition":{}`, "s3:GetObject s3:PutObject", "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := `{"Version":"2012-10-17","Statement":[` + allow + `,{"Sid":"NoDelete","Effect":"Deny","Action":"s3:Delete*",` + c.deny + `}]}`
			res, _ := mustExpand(t, src)
			if got := strings.Join(res.Net.Allowed.Names(), " "); got != c.allowed {
				t.Errorf("allowed %q, want %q", got, c.allowed)
			}
			if got := strings.Join(res.Net.ConditionallyDenied.Names(), " "); got != c.condDenied {
				t.Errorf("conditionally denied %q, want %q", got, c.condDenied)
			}
			st := res.Statements[1]
			if st.Path != "Statement[1]" || st.Sid != "NoDelete" || st.Effect != Deny || st.NotAction ||
				st.ResourceScoped != c.scoped || st.Conditional != c.cnd {
				t.Errorf("statement %+v", st)
			}
		})
	}
}

func TestExpandNet(t *testing.T) {
	res, _ := mustExpand(t, stmt(`"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:PutObject","s3:PutBucketPolicy","s3:TagResource"],"Resource":"arn:aws:s3:::b/*"`))
	net := res.Net
	if net.Levels != (LevelCounts{List: 1, Read: 1, Write: 1, PermissionsManagement: 1, Tagging: 1}) {
		t.Errorf("levels %+v", net.Levels)
	}
	for _, l := range iam.AccessLevels {
		if net.Levels.Of(l) != 1 {
			t.Errorf("Levels.Of(%s) = %d", l, net.Levels.Of(l))
		}
	}
	if got := strings.Join(net.NonReadOnly.Names(), " "); got != "s3:PutBucketPolicy s3:PutObject s3:TagResource" || net.ReadOnly {
		t.Errorf("non-read-only %q, read-only %v", got, net.ReadOnly)
	}
	if !res.Statements[0].ResourceScoped || res.Statements[0].Conditional {
		t.Errorf("statement %+v", res.Statements[0])
	}
	ro, _ := mustExpand(t, stmt(`"Effect":"Allow","Action":["s3:List*","s3:GetObject"],"Resource":"*"`))
	if !ro.Net.ReadOnly || ro.Net.NonReadOnly.Len() != 0 {
		t.Errorf("List and Read policy: read-only %v, non-read-only %q", ro.Net.ReadOnly, ro.Net.NonReadOnly.Names())
	}
}

func TestServiceSummary(t *testing.T) {
	// Every List action of CloudTrail and one of its Read actions.
	var lists []string
	for _, n := range reference(t, "cloudtrail:*") {
		set, _ := testExpander(t).ExpandPattern(n)
		if set.At(0).Level == iam.List {
			lists = append(lists, `"`+n+`"`)
		}
	}
	res, _ := mustExpand(t, stmt(`"Effect":"Allow","Action":[`+strings.Join(lists, ",")+`,"cloudtrail:GetTrail","s3:*"],"Resource":"*"`))
	if len(res.Services) != 2 {
		t.Fatalf("services %+v", res.Services)
	}
	ct, s3 := res.Services[0], res.Services[1]
	if ct.Prefix != "cloudtrail" || ct.Name == "" || ct.Full() || ct.Allowed != len(lists)+1 || ct.Total != len(reference(t, "cloudtrail:*")) {
		t.Errorf("cloudtrail %+v", ct)
	}
	if got := ct.Summary(); got != "Full: List Limited: Read" {
		t.Errorf("cloudtrail summary %q", got)
	}
	if s3.Prefix != "s3" || !s3.Full() || s3.Summary() != "Full access" {
		t.Errorf("s3 %+v, %q", s3, s3.Summary())
	}
	for _, c := range []struct {
		sa   ServiceAccess
		want string
	}{
		{ServiceAccess{Levels: iam.LevelSet(0).Add(iam.List).Add(iam.Read), Allowed: 2, Total: 9}, "Limited: List, Read"},
		{ServiceAccess{Levels: iam.LevelSet(0).Add(iam.Write), FullLevels: iam.LevelSet(0).Add(iam.Write), Allowed: 3, Total: 9}, "Full: Write"},
	} {
		if got := c.sa.Summary(); got != c.want {
			t.Errorf("Summary() = %q, want %q", got, c.want)
		}
	}
}

func TestUnknownActionModes(t *testing.T) {
	src := stmt(`"Effect":"Allow","Action":["s3:GetObject","s3:GetObjekt","s4:PutObject"],"Resource":"*"`)
	e := testExpander(t)
	for _, c := range []struct {
		mode  UnknownMode
		sev   Severity
		count int
	}{{"", SeverityWarning, 2}, {UnknownWarn, SeverityWarning, 2}, {UnknownError, SeverityError, 2}, {UnknownIgnore, 0, 0}} {
		res, diags := e.ExpandJSON(src, Options{UnknownActions: c.mode})
		if len(diags) != c.count {
			t.Fatalf("mode %q: %s", c.mode, listDiags(diags))
		}
		if c.count > 0 {
			if !hasDiag(diags, c.sev, "Statement[0].Action[1]", []string{`"s3:GetObjekt" names no known action`, `did you mean "s3:GetObject"`}) ||
				!hasDiag(diags, c.sev, "Statement[0].Action[2]", []string{`unknown service prefix "s4"; did you mean "s3"`}) {
				t.Errorf("mode %q: %s", c.mode, listDiags(diags))
			}
		}
		if got := strings.Join(res.Net.Unknown, " "); got != "s3:GetObjekt s4:PutObject" {
			t.Errorf("mode %q: unknown %q", c.mode, got)
		}
		if got := strings.Join(res.Statements[0].Unknown, " "); got != "s3:GetObjekt s4:PutObject" || res.Net.Allowed.Len() != 1 {
			t.Errorf("mode %q: statement unknown %q, allowed %q", c.mode, got, res.Net.Allowed.Names())
		}
	}
	if _, diags := e.ExpandJSON(src, Options{UnknownActions: "loud"}); !hasDiag(diags, SeverityError, "", []string{`"loud"`, `"warn", "error", "ignore"`}) {
		t.Errorf("invalid mode: %s", listDiags(diags))
	}
}

// However unknown actions are handled, a statement they leave empty, or
// a NotAction they make all-embracing, is said so.
func TestUnknownOnlyStatements(t *testing.T) {
	e := testExpander(t)
	res, diags := e.ExpandJSON(stmt(`"Effect":"Allow","Action":["s3:Fly","s4:Get*"],"Resource":"*"`), Options{UnknownActions: UnknownIgnore})
	if d := onlyDiag(t, diags, SeverityWarning); d.Path != "Statement[0].Action" || !strings.Contains(d.Detail, "applies to no action") {
		t.Errorf("warning %s", d)
	}
	if res.Net.Allowed.Len() != 0 || len(res.Net.Unknown) != 2 {
		t.Errorf("allowed %d, unknown %q", res.Net.Allowed.Len(), res.Net.Unknown)
	}
	for _, mode := range UnknownModes {
		res, diags = e.ExpandJSON(stmt(`"Effect":"Allow","NotAction":"s3:Fly","Resource":"*"`), Options{UnknownActions: mode})
		if !hasDiag(diags, SeverityWarning, "Statement[0].NotAction", []string{"applies to every action of every service"}) {
			t.Errorf("mode %s: %s", mode, listDiags(diags))
		}
		if res.Net.Allowed.Len() != allActions {
			t.Errorf("mode %s: allowed %d", mode, res.Net.Allowed.Len())
		}
	}
}

// "ignore" asks for quiet: statements left empty by unknown actions are
// said so in one warning for the document, however many there are, never
// a wall of them cut off by "Too many problems".
func TestIgnoredUnknownActionsGiveOneWarningPerDocument(t *testing.T) {
	statements := make([]string, 150)
	for i := range statements {
		statements[i] = `{"Effect":"Allow","Action":"s4:Fly","Resource":"*"}`
	}
	src := `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
	res, diags := testExpander(t).ExpandJSON(src, Options{UnknownActions: UnknownIgnore})
	d := onlyDiag(t, diags, SeverityWarning)
	if len(diags) != 1 || d.Path != "Statement[0].Action" ||
		!containsAll(d.Detail, "150 statements", "Statement[1].Action", "apply to no action") {
		t.Errorf("diagnostics %s", listDiags(diags))
	}
	if res.Net.Allowed.Len() != 0 || len(res.Net.Unknown) != 1 {
		t.Errorf("allowed %d, unknown %q", res.Net.Allowed.Len(), res.Net.Unknown)
	}
}

// Principal is out of place in an identity policy, but the statement is
// still expanded.
func TestExpandWithPrincipal(t *testing.T) {
	res, diags := mustExpand(t, stmt(okStatement+`,"Principal":"*"`))
	if d := onlyDiag(t, diags, SeverityWarning); d.Path != "Statement[0].Principal" {
		t.Errorf("warning %s", d)
	}
	if got := res.Net.Allowed.Names(); !slices.Equal(got, []string{"s3:GetObject"}) {
		t.Errorf("allowed %q", got)
	}
}

// A document built by hand rather than parsed may hold a malformed
// pattern; Expand reports it rather than guess.
func TestExpandHandBuiltDocument(t *testing.T) {
	doc := &Document{Version: Version2012, Statements: []Statement{{
		Path: "Statement[0]", Effect: Allow,
		Action:   &StringList{Path: "Statement[0].Action", Values: []string{"s3:GetObject", "nonsense"}, Array: true},
		Resource: &StringList{Path: "Statement[0].Resource", Values: []string{"*"}},
	}}}
	res, diags := testExpander(t).Expand(doc, Options{})
	if d := onlyDiag(t, diags, SeverityError); d.Path != "Statement[0].Action[1]" || !strings.Contains(d.Detail, `"nonsense" has no service prefix`) {
		t.Errorf("error %s", d)
	}
	if res.Net.Allowed.Len() != 1 {
		t.Errorf("allowed %q", res.Net.Allowed.Names())
	}
}

func TestActionSet(t *testing.T) {
	set, err := testExpander(t).ExpandPattern("s3:GetObject*")
	if err != nil {
		t.Fatal(err)
	}
	if !set.Contains("S3:GETOBJECTACL") || set.Contains("s3:PutObject") || set.Contains("s4:GetObject") || set.Contains("GetObject") {
		t.Error("Contains is wrong")
	}
	var all []string
	for a := range set.All() {
		all = append(all, a.Name)
		if a != set.At(len(all)-1) {
			t.Errorf("All and At disagree at %d", len(all)-1)
		}
	}
	if !slices.Equal(all, set.Names()) || !sort.StringsAreSorted(all) {
		t.Errorf("All %q, Names %q", all, set.Names())
	}
	var empty ActionSet
	if empty.Len() != 0 || empty.Contains("s3:GetObject") || len(empty.Names()) != 0 {
		t.Error("zero ActionSet is not empty")
	}
}

// One Expander serves concurrent expansions, its cache filling as they go.
func TestExpandConcurrently(t *testing.T) {
	e, err := NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	docs := loadCorpus(t)[:200]
	want := make([][]string, len(docs))
	for i, p := range docs {
		res, _ := testExpander(t).ExpandJSON(string(p.Document), Options{})
		want[i] = res.Net.Allowed.Names()
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range docs {
				j := (i + g*50) % len(docs)
				res, diags := e.ExpandJSON(string(docs[j].Document), Options{})
				if res == nil || !slices.Equal(res.Net.Allowed.Names(), want[j]) {
					t.Errorf("%s: concurrent result differs: %s", docs[j].Name, listDiags(diags))
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestNewExpanderCatalogError(t *testing.T) {
	_, err := NewExpander(t.Context(), embedded.New([]byte("not a snapshot")))
	if err == nil || !strings.Contains(err.Error(), "policy expansion") {
		t.Errorf("err = %v", err)
	}
}
