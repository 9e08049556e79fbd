package policy

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/fuzzlimit"
)

// FuzzParse checks that no input makes Parse or Expand panic, that Parse
// returns a document exactly when it reports no error, that every
// diagnostic says something, and that a parsed document written back with
// MarshalJSON parses to the same document with the same diagnostics.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"AdministratorAccess", "PowerUserAccess", "AmazonS3FullAccess", "AWSCodeStarFullAccess"} {
		for _, p := range loadCorpus(f) {
			if p.Name == name {
				f.Add(string(p.Document))
			}
		}
	}
	for _, s := range []string{
		"", " ", "null", "[]", "{}", `"x"`, "{", "}", `{"a":}`, `{"a" 1}`, "[1,]", "-", "-0.5e+3", "01", "1e",
		`{"Statement":{"Effect":"Allow","NotAction":"*","NotResource":"*","Condition":{"Bool":{"a":[true,1,"x"]}}}}`,
		`{"Version":"2008-10-17","Id":"","Statement":[{"Sid":"","Effect":"Deny","Action":["\u002a:Get\u002a","s3:?et*"],"Resource":["*"],"Principal":"*"}]}`,
		`{"Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*","NotPrincipal":{"AWS":["a","b"],"Service":"c"}}]}`,
		`{"Statement":[{"Effect":"Allow","Effect":"Allow","action":"s3:*"}],"Statement":1}`,
		`{"Statement":[{"Effect":"Allow","Action":"s3:\ud83d\ude00","Resource":"*"}]}`,
		"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:\xc3\x28\",\"Resource\":\"*\"}]}",
		`{"a.b":{"":{"\"":["[0]"]}}}`,
		strings.Repeat("[", 40) + strings.Repeat("]", 40),
		strings.Repeat(`{"a":`, 40) + "1" + strings.Repeat("}", 40),
	} {
		f.Add(s)
	}
	e := testExpander(f)
	f.Fuzz(func(t *testing.T, src string) { fuzzlimit.Run(t, src, func(t *testing.T) { fuzzParse(t, e, src) }) })
}

func fuzzParse(t *testing.T, e *Expander, src string) {
	doc, diags := Parse(src)
	if (doc == nil) != diags.HasError() {
		t.Fatalf("document %v, errors %v:\n%s", doc != nil, diags.HasError(), listDiags(diags))
	}
	for _, d := range diags {
		if d.Summary == "" || d.Detail == "" || (d.Severity != SeverityError && d.Severity != SeverityWarning) {
			t.Fatalf("empty or invalid diagnostic %+v", d)
		}
	}
	if doc == nil {
		return
	}
	checkRoundTrip(t, src)
	if res, more := e.Expand(doc, Options{CompactStatements: true}); res == nil || len(res.Statements) != len(doc.Statements) {
		t.Fatalf("Expand: %v\n%s", res, listDiags(more))
	}
}
