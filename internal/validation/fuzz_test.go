package validation

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/fuzzlimit"
)

// FuzzValidate checks that no input makes Validate panic or fail, for any
// policy type, and that every report is consistent: counts match the
// findings, Valid means no ERROR, and every finding has a registered code,
// its severity and a message. The seeds are small policies: the fuzzer
// minimizes every new input it finds interesting, and minimizing one of
// the 100 KB managed policies would take it minutes.
func FuzzValidate(f *testing.F) {
	for _, name := range []string{"AdministratorAccess", "PowerUserAccess", "AmazonS3FullAccess", "AWSLambda_FullAccess", "IAMReadOnlyAccess"} {
		for _, p := range loadCorpus(f) {
			if p.Name == name {
				f.Add(string(p.Document), uint8(0))
			}
		}
	}
	for _, c := range codeCases {
		if c.fire != "" {
			f.Add(c.fire, uint8(0))
		}
	}
	for _, s := range []string{
		"", "null", "{}", "[]", `{"Statement":[]}`,
		`{"Statement":{"Effect":"Allow","NotAction":"*","NotResource":"*","Principal":"*","Condition":{"ForAllValues:NullIfExists":{"":[true,1,"x"]}}}}`,
		`{"Version":"2012-10-17","Statement":[{"Sid":"","Effect":"Allow","Action":["*:*","?:?","\u002a"],"Resource":["*","arn:${x}:*:::${","arn:::::::::::::"]}]}`,
		pol(allow(`["s3:`+strings.Repeat("*?", 300)+`","s3:`+strings.Repeat("?*", 300)+`"]`, `["arn:`+strings.Repeat("*a", 400)+`","arn:`+strings.Repeat("a*", 400)+`"]`)),
		pol(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/${aws:username}":"x","s3:<key>":"y","${Partition}:x":"z"}}}`),
	} {
		f.Add(s, uint8(0))
	}
	v := testValidator(f)
	f.Fuzz(func(t *testing.T, src string, typ uint8) {
		fuzzlimit.Run(t, src, func(t *testing.T) { fuzzValidate(t, v, src, typ) })
	})
}

func fuzzValidate(t *testing.T, v *Validator, src string, typ uint8) {
	opts := Options{PolicyType: PolicyTypes[int(typ)%len(PolicyTypes)], ExpectReadOnly: typ&4 != 0}
	rep, err := v.Validate(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	var counts Counts
	for _, f := range rep.Findings {
		info, ok := Lookup(f.Code)
		if !ok || info.Severity != f.Severity || f.Message == "" {
			t.Fatalf("bad finding %+v", f)
		}
		counts.add(f.Severity)
	}
	if rep.Omitted == 0 && counts != rep.Counts || len(rep.Findings) > MaxFindings ||
		rep.Valid != (rep.Counts.Error == 0) {
		t.Fatalf("inconsistent report: counts %+v for listed %+v, omitted %d, valid %v", rep.Counts, counts, rep.Omitted, rep.Valid)
	}
}
