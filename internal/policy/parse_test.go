package policy

import (
	"fmt"
	"strings"
	"testing"
)

// stmt builds a one-statement document around the given statement members.
func stmt(members string) string {
	return `{"Version":"2012-10-17","Statement":[{` + members + `}]}`
}

const okStatement = `"Effect":"Allow","Action":"s3:GetObject","Resource":"*"`

func TestParseBadInput(t *testing.T) {
	// deep nests n arrays in a condition value, itself at depth 5
	// (document, Statement, statement, Condition, operator).
	deep := func(n int) string {
		return stmt(okStatement + `,"Condition":{"StringEquals":{"k":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}}`)
	}
	tooDeep := deep(MaxDepth - 4)
	tooDeepColumn := fmt.Sprintf("column %d", strings.Index(tooDeep, "[[")+MaxDepth-5+1)
	cases := []struct {
		name     string
		src      string
		severity Severity // the diagnostic to find
		path     string
		contains []string // in the diagnostic's String()
	}{
		{"empty string", "", SeverityError, "", []string{"Empty policy document"}},
		{"whitespace only", " \n\t\r\n ", SeverityError, "", []string{"Empty policy document"}},
		{"invalid JSON position", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [}\n", SeverityError, "Statement[0]",
			[]string{"Invalid JSON", "line 3, column 17", `unexpected character '}', expected a value`}},
		{"unterminated", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow"`, SeverityError, "Statement[0]",
			[]string{"line 1, column 55", "end of input"}},
		{"trailing comma", stmt(okStatement + `,`), SeverityError, "Statement[0]", []string{`expected a string key`}},
		{"missing comma in array", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject" "s3:PutObject"],"Resource":"*"}]}`,
			SeverityError, "Statement[0].Action", []string{`line 1, column 81`, `expected ',' or ']' after an array element`}},
		{"missing comma in object", `{"Version":"2012-10-17" "Statement":[]}`, SeverityError, "",
			[]string{`line 1, column 25`, `expected ',' or '}' after an object member`}},
		{"comment", "{/* c */}", SeverityError, "", []string{"line 1, column 2", `'/'`}},
		{"leading zero", stmt(okStatement + `,"Condition":{"NumericEquals":{"k":01}}`), SeverityError,
			"Statement[0].Condition.NumericEquals.k", []string{"leading zero"}},
		{"text after the document", stmt(okStatement) + " x", SeverityError, "", []string{"after the end of the document"}},
		{"top level array", `[{"Version":"2012-10-17"}]`, SeverityError, "", []string{"must be a JSON object", "an array of 1 values"}},
		{"top level string", `"Allow"`, SeverityError, "", []string{"must be a JSON object", `the string "Allow"`}},
		{"missing Statement", `{"Version":"2012-10-17"}`, SeverityError, "", []string{"Missing Statement"}},
		{"Statement a string", `{"Version":"2012-10-17","Statement":"s3:*"}`, SeverityError, "Statement",
			[]string{"object or an array of objects", `the string "s3:*"`}},
		{"Statement element not an object", `{"Version":"2012-10-17","Statement":[42]}`, SeverityError, "Statement[0]",
			[]string{"must be an object", "the number 42"}},
		{"empty Statement", `{"Version":"2012-10-17","Statement":[]}`, SeverityWarning, "Statement", []string{"grants nothing"}},
		{"empty Action", stmt(`"Effect":"Allow","Action":[],"Resource":"*"`), SeverityWarning, "Statement[0].Action", []string{"grants nothing"}},
		{"empty NotAction", stmt(`"Effect":"Allow","NotAction":[],"Resource":"*"`), SeverityWarning, "Statement[0].NotAction", []string{"every action"}},
		{"missing Effect", stmt(`"Action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0]", []string{"Missing Effect"}},
		{"Effect lower case", stmt(`"Effect":"allow","Action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0].Effect",
			[]string{`"allow"`, "case-sensitive"}},
		{"Effect Permit", stmt(`"Effect":"Permit","Action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0].Effect",
			[]string{`"Permit"`, `"Allow" or "Deny"`}},
		{"Effect not a string", stmt(`"Effect":true,"Action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0].Effect",
			[]string{"the boolean true"}},
		{"Action and NotAction", stmt(`"Effect":"Allow","Action":"s3:GetObject","NotAction":"s3:PutObject","Resource":"*"`),
			SeverityError, "Statement[0]", []string{"Both Action and NotAction"}},
		{"neither Action nor NotAction", stmt(`"Effect":"Allow","Resource":"*"`), SeverityError, "Statement[0]", []string{"Missing Action"}},
		{"action a number", stmt(`"Effect":"Allow","Action":["s3:GetObject",42],"Resource":"*"`), SeverityError, "Statement[0].Action[1]",
			[]string{"must be a string", "the number 42"}},
		{"action an object", stmt(`"Effect":"Allow","Action":[{"s3":"GetObject"}],"Resource":"*"`), SeverityError, "Statement[0].Action[0]",
			[]string{"an object with 1 keys"}},
		{"action null", stmt(`"Effect":"Allow","Action":[null],"Resource":"*"`), SeverityError, "Statement[0].Action[0]", []string{"got null"}},
		{"Action a number", stmt(`"Effect":"Allow","Action":7,"Resource":"*"`), SeverityError, "Statement[0].Action",
			[]string{"a string or an array of strings", "the number 7"}},
		{"lower-case element", stmt(`"Effect":"Allow","action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0].action",
			[]string{"case-sensitive", `write "Action", not "action"`}},
		{"lower-case Statement", `{"Version":"2012-10-17","statement":[]}`, SeverityError, "statement", []string{`write "Statement"`}},
		{"unknown element", stmt(okStatement + `,"Actions":"s3:*"`), SeverityError, "Statement[0].Actions", []string{"Unknown element", `"Actions"`}},
		{"duplicate Effect", stmt(`"Effect":"Allow","Effect":"Deny","Action":"s3:GetObject","Resource":"*"`), SeverityError,
			"Statement[0].Effect", []string{"Duplicate key", `"Effect" appears twice`, "line 1, column 56", "first at line 1, column 39"}},
		{"duplicate Statement", `{"Version":"2012-10-17","Statement":[],"Statement":[]}`, SeverityError, "Statement", []string{"Duplicate key"}},
		{"duplicate condition key", stmt(okStatement + `,"Condition":{"StringEquals":{"aws:SourceVpc":"a","aws:SourceVpc":"b"}}`),
			SeverityError, "Statement[0].Condition.StringEquals.aws:SourceVpc", []string{`"aws:SourceVpc" appears twice`}},
		{"duplicate condition operator", stmt(okStatement + `,"Condition":{"Bool":{"a":true},"Bool":{"b":true}}`),
			SeverityError, "Statement[0].Condition.Bool", []string{`"Bool" appears twice`}},
		{"invalid Version", `{"Version":"2012-10-18","Statement":[]}`, SeverityError, "Version", []string{`"2012-10-18"`, `"2012-10-17"`}},
		{"Version a number", `{"Version":2012,"Statement":[]}`, SeverityError, "Version", []string{"the number 2012"}},
		{"missing Version", `{"Statement":[{` + okStatement + `}]}`, SeverityWarning, "", []string{"Missing Version", "2008-10-17"}},
		{"character above U+00FF", stmt(`"Effect":"Allow","Action":"s3:GetObjectĀ","Resource":"*"`), SeverityError, "Statement[0].Action",
			[]string{"Invalid character", "U+0100", "line 1, column 78"}},
		{"escape above U+00FF", stmt(`"Effect":"Allow","Action":"s3:Get\u0100","Resource":"*"`), SeverityError, "Statement[0].Action",
			[]string{"Invalid character", `escape "\\u0100" decodes to U+0100`}},
		{"escaped NUL", stmt(`"Sid":"a\u0000","Effect":"Allow","Action":"s3:GetObject","Resource":"*"`), SeverityError, "Statement[0].Sid",
			[]string{"Invalid character", "U+0000"}},
		{"raw control character", stmt("\"Sid\":\"a\x01\"," + okStatement), SeverityError, "Statement[0].Sid", []string{"U+0001 must be escaped"}},
		{"invalid UTF-8", stmt("\"Sid\":\"a\xff\"," + okStatement), SeverityError, "Statement[0].Sid", []string{"invalid UTF-8"}},
		{"byte order mark", "\ufeff" + stmt(okStatement), SeverityError, "", []string{"line 1, column 1", "U+FEFF"}},
		{"two colons", stmt(`"Effect":"Allow","Action":["s3:GetObject","s3:Get:Object"],"Resource":"*"`), SeverityError,
			"Statement[0].Action[1]", []string{`"s3:Get:Object" has 2 colons`}},
		{"no colon", stmt(`"Effect":"Allow","Action":"GetObject","Resource":"*"`), SeverityError, "Statement[0].Action",
			[]string{`"GetObject" has no service prefix`}},
		{"empty service", stmt(`"Effect":"Allow","Action":":GetObject","Resource":"*"`), SeverityError, "Statement[0].Action",
			[]string{"empty service prefix"}},
		{"empty action", stmt(`"Effect":"Allow","Action":[""],"Resource":"*"`), SeverityError, "Statement[0].Action[0]",
			[]string{"empty string"}},
		{"too large", `{"Version":"2012-10-17","Statement":[],"Id":"` + strings.Repeat("a", MaxDocumentSize) + `"}`, SeverityError, "",
			[]string{"too large", "1048576"}},
		{"too deep", tooDeep, SeverityError, "Statement[0].Condition.StringEquals.k" + strings.Repeat("[0]", MaxDepth-5),
			[]string{"deeper than 32 levels", tooDeepColumn}},
		{"deep but within the cap", deep(MaxDepth - 5), SeverityError, "Statement[0].Condition.StringEquals.k[0]",
			[]string{"Invalid condition value", "an array of 1 values"}},
		{"condition value an object", stmt(okStatement + `,"Condition":{"StringEquals":{"aws:SourceVpc":{"a":"b"}}}`), SeverityError,
			"Statement[0].Condition.StringEquals.aws:SourceVpc", []string{"strings, numbers or booleans"}},
		{"condition value null in array", stmt(okStatement + `,"Condition":{"StringEquals":{"aws:SourceVpc":["a",null]}}`), SeverityError,
			"Statement[0].Condition.StringEquals.aws:SourceVpc[1]", []string{"got null"}},
		{"Condition an array", stmt(okStatement + `,"Condition":[]`), SeverityError, "Statement[0].Condition", []string{"Invalid Condition"}},
		{"condition operator a string", stmt(okStatement + `,"Condition":{"Bool":"true"}`), SeverityError, "Statement[0].Condition.Bool",
			[]string{`"Bool" must map condition keys`}},
		{"odd condition key in path", stmt(okStatement + `,"Condition":{"StringEquals":{"a.b":{}}}`), SeverityError,
			`Statement[0].Condition.StringEquals["a.b"]`, []string{"an object with 0 keys"}},
		{"Resource and NotResource", stmt(`"Effect":"Allow","Action":"s3:GetObject","Resource":"*","NotResource":"*"`), SeverityError,
			"Statement[0]", []string{"Both Resource and NotResource"}},
		{"missing Resource", stmt(`"Effect":"Allow","Action":"s3:GetObject"`), SeverityWarning, "Statement[0]", []string{"Missing Resource"}},
		{"Principal", stmt(okStatement + `,"Principal":{"AWS":["arn:aws:iam::123456789012:root"]}`), SeverityWarning, "Statement[0].Principal",
			[]string{"identity policy"}},
		{"Principal and NotPrincipal", stmt(okStatement + `,"Principal":"*","NotPrincipal":"*"`), SeverityError, "Statement[0]",
			[]string{"Both Principal and NotPrincipal"}},
		{"Principal an ARN string", stmt(okStatement + `,"Principal":"arn:aws:iam::123456789012:root"`), SeverityError, "Statement[0].Principal",
			[]string{`must be "*" or an object`}},
		{"Sid a number", stmt(`"Sid":1,` + okStatement), SeverityError, "Statement[0].Sid", []string{"must be a string", "the number 1"}},
		{"single statement path", `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[1],"Resource":"*"}}`, SeverityError,
			"Statement.Action[0]", []string{"the number 1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, diags := Parse(c.src)
			if !hasDiag(diags, c.severity, c.path, c.contains) {
				t.Errorf("want a %s at %q containing %q; got:\n%s", c.severity, c.path, c.contains, listDiags(diags))
			}
			if (doc == nil) != diags.HasError() {
				t.Errorf("Parse returned document %v with errors %v", doc != nil, diags.HasError())
			}
			if c.severity == SeverityWarning && diags.HasError() {
				t.Errorf("want only warnings, got:\n%s", listDiags(diags))
			}
		})
	}
}

func hasDiag(diags Diagnostics, sev Severity, path string, contains []string) bool {
	for _, d := range diags {
		if d.Severity == sev && d.Path == path && containsAll(d.String(), contains...) {
			return true
		}
	}
	return false
}

func listDiags(diags Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("  " + d.String() + "\n")
	}
	return b.String()
}

// A misspelled element is reported once, not also as the element missing.
func TestParseWrongCaseReportedOnce(t *testing.T) {
	_, diags := Parse(`{"version":"2012-10-17","Statement":[{"effect":"Allow","notaction":"s3:*","resource":"*"}]}`)
	var paths []string
	for _, d := range diags {
		paths = append(paths, d.Path)
	}
	want := "version Statement[0].effect Statement[0].notaction Statement[0].resource"
	if got := strings.Join(paths, " "); got != want {
		t.Errorf("diagnostics at %q, want %q:\n%s", got, want, listDiags(diags))
	}
}

// Every problem of a document is reported, not only the first.
func TestParseReportsEveryProblem(t *testing.T) {
	_, diags := Parse(`{"Version":"1","Statement":[{"Effect":"allow","Action":["s3","a:b:c"],"Resource":"*"},{"Effect":"Deny","Action":[null],"Resource":"*"}]}`)
	want := []string{"Version", "Statement[0].Effect", "Statement[0].Action[0]", "Statement[0].Action[1]", "Statement[1].Action[0]"}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(want), listDiags(diags))
	}
	for i, d := range diags {
		if d.Severity != SeverityError || d.Path != want[i] {
			t.Errorf("diagnostic %d = %s, want an error at %s", i, d, want[i])
		}
	}
}

// Oversized and over-deep documents are refused before they are decoded:
// the work done does not grow with what follows the point of refusal.
func TestParseRefusesHostileInputCheaply(t *testing.T) {
	huge := `{"Statement":"` + strings.Repeat("x", 4*MaxDocumentSize) + `"}`
	if allocs := testing.AllocsPerRun(5, func() { Parse(huge) }); allocs > 10 {
		t.Errorf("refusing an oversized document took %v allocations", allocs)
	}
	deepArrays := strings.Repeat("[", MaxDocumentSize-1)
	if allocs := testing.AllocsPerRun(5, func() { Parse(deepArrays) }); allocs > 200 {
		t.Errorf("refusing a deep document took %v allocations", allocs)
	}
	_, diags := Parse(deepArrays)
	if !hasDiag(diags, SeverityError, strings.Repeat("[0]", MaxDepth), []string{"deeper than 32", "column 33"}) {
		t.Errorf("got %s", listDiags(diags))
	}
}

// A document of more statements than MaxStatements is refused before any
// is expanded: each NotAction statement stands for every action.
func TestParseRefusesTooManyStatements(t *testing.T) {
	stmt := `{"Effect":"Allow","NotAction":"s3:GetObject","Resource":"*"}`
	doc := func(n int) string {
		return `{"Version":"2012-10-17","Statement":[` + strings.TrimSuffix(strings.Repeat(stmt+",", n), ",") + `]}`
	}
	if _, diags := Parse(doc(MaxStatements)); diags.HasError() {
		t.Fatalf("%d statements refused: %s", MaxStatements, listDiags(diags))
	}
	_, diags := Parse(doc(MaxStatements + 1))
	if !hasDiag(diags, SeverityError, "Statement", []string{"1001 statements; at most 1000 are accepted"}) {
		t.Errorf("got %s", listDiags(diags))
	}
}

// Duplicate keys are found in objects of any size, and a document made of
// nothing else reports a bounded number of them.
func TestParseDuplicateKeysInLargeObject(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Version":"2012-10-17","Statement":[{` + okStatement + `,"Condition":{"StringEquals":{`)
	for i := range 1000 {
		b.WriteString(`"k` + strings.Repeat("x", i%100) + `":"v",`)
	}
	b.WriteString(`"end":"v"}}}]}`)
	_, diags := Parse(b.String())
	if len(diags) != maxJSONErrors {
		t.Fatalf("got %d diagnostics, want %d", len(diags), maxJSONErrors)
	}
	if d := diags[0]; d.Path != "Statement[0].Condition.StringEquals.k" || !strings.Contains(d.Detail, `"k" appears twice`) {
		t.Errorf("first diagnostic = %s", d)
	}
}

// \u escapes are decoded before anything else looks at a value, so an
// escaped asterisk is a wildcard and an escaped letter a letter.
func TestParseDecodesEscapes(t *testing.T) {
	doc, diags := Parse(stmt(`"Sid":"\u0041\t\"\\\/\u00e9","Effect":"\u0041llow","Action":["\u002a","s3:Get\u002A"],"Resource":"*"`))
	if doc == nil {
		t.Fatal(listDiags(diags))
	}
	st := doc.Statements[0]
	if st.Sid != "A\t\"\\/é" || st.Effect != Allow {
		t.Errorf("Sid %q, Effect %q", st.Sid, st.Effect)
	}
	if got := strings.Join(st.Action.Values, " "); got != "* s3:Get*" {
		t.Errorf("actions %q", got)
	}
}

func TestParseKeepsStructure(t *testing.T) {
	doc, diags := Parse(`{"Id":"","Statement":{"Sid":"","Effect":"Deny","NotAction":"s3:*","NotResource":["arn:aws:s3:::b"],` +
		`"Condition":{"NumericLessThan":{"s3:max-keys":[10,"20"]},"Bool":{"aws:SecureTransport":false}},"NotPrincipal":{"AWS":"*"}}}`)
	if doc == nil {
		t.Fatal(listDiags(diags))
	}
	if !doc.HasID || doc.ID != "" || doc.Version != "" || doc.StatementArray || len(doc.Statements) != 1 {
		t.Fatalf("document %+v", doc)
	}
	st := doc.Statements[0]
	if st.Path != "Statement" || !st.HasSid || st.Effect != Deny || st.Actions() != st.NotAction || st.NotAction.Array {
		t.Errorf("statement %+v", st)
	}
	if st.NotResource.ValuePath(0) != "Statement.NotResource[0]" || st.NotAction.ValuePath(0) != "Statement.NotAction" {
		t.Errorf("paths %q %q", st.NotResource.ValuePath(0), st.NotAction.ValuePath(0))
	}
	ops := st.Condition.Operators
	if len(ops) != 2 || ops[0].Name != "NumericLessThan" || ops[1].Path != "Statement.Condition.Bool" {
		t.Fatalf("operators %+v", ops)
	}
	k := ops[0].Keys[0]
	if k.Name != "s3:max-keys" || !k.Array || k.ValuePath(1) != "Statement.Condition.NumericLessThan.s3:max-keys[1]" ||
		k.Values[0] != (ConditionValue{NumberValue, "10"}) || k.Values[1] != (ConditionValue{StringValue, "20"}) {
		t.Errorf("key %+v", k)
	}
	if b := ops[1].Keys[0]; b.Array || b.Values[0] != (ConditionValue{BoolValue, "false"}) || b.ValuePath(0) != "Statement.Condition.Bool.aws:SecureTransport" {
		t.Errorf("key %+v", b)
	}
	if p := st.NotPrincipal; p.Wildcard || len(p.Entries) != 1 || p.Entries[0].Type != "AWS" || p.Entries[0].Values.Path != "Statement.NotPrincipal.AWS" {
		t.Errorf("NotPrincipal %+v", p)
	}
	if !st.Conditional() || st.AllResources() {
		t.Errorf("Conditional %v, AllResources %v", st.Conditional(), st.AllResources())
	}
}

func TestDiagnosticsAreCapped(t *testing.T) {
	_, diags := Parse(stmt(`"Effect":"Allow","Action":[` + strings.Repeat(`1,`, 150) + `1],"Resource":"*"`))
	if len(diags) != MaxDiagnostics || diags[98].Path != "Statement[0].Action[98]" {
		t.Fatalf("got %d diagnostics:\n%s", len(diags), listDiags(diags))
	}
	if last := diags[MaxDiagnostics-1]; last.Severity != SeverityError || last.Detail != "52 more problems are not shown; fix the ones above first" {
		t.Errorf("last diagnostic %s", last)
	}
	unknown := `"s3:Nope",`
	res, diags := testExpander(t).ExpandJSON(stmt(`"Effect":"Allow","Action":[`+strings.Repeat(unknown, 120)+`"s3:GetObject"],"Resource":"*"`), Options{})
	if len(diags) != MaxDiagnostics || diags.HasError() || len(res.Statements[0].Unknown) != 120 {
		t.Errorf("got %d diagnostics, errors %v", len(diags), diags.HasError())
	}
}
