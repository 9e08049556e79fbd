package validation

import (
	"fmt"
	"strings"
	"testing"
)

func TestOptionsCheck(t *testing.T) {
	for _, c := range []struct {
		opts Options
		want string // "" for valid options
	}{
		{Options{}, ""},
		{Options{PolicyType: Resource, IgnoreCodes: []string{"MISSING_VERSION", "COMPACT_ACTIONS"}, ExpectReadOnly: true}, ""},
		{Options{PolicyType: "Identity"}, `unknown policy type "Identity": valid values are "identity", "resource", "boundary", "scp", "trust", "session"`},
		{Options{PolicyType: "rcp"}, `unknown policy type "rcp"`},
		{Options{PolicyType: InlineRole, SizeLimit: 20000}, ""},
		{Options{SizeLimit: -1}, "size limit -1 is negative"},
		{Options{IgnoreCodes: []string{"missing_version"}}, `unknown finding code "missing_version" in ignore codes; did you mean "MISSING_VERSION"?`},
		{Options{IgnoreCodes: []string{"MISSING_VERSION", "NOPE"}}, `unknown finding code "NOPE"`},
	} {
		err := c.opts.Check()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v", c.opts, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v: error %v, want one containing %q", c.opts, err, c.want)
		}
		if _, verr := testValidator(t).Validate(pol(allow(`"s3:GetObject"`, `"*"`)), c.opts); (verr == nil) != (err == nil) {
			t.Errorf("%+v: Validate error %v, Check error %v", c.opts, verr, err)
		}
	}
}

// Ignored codes are neither listed nor counted, and an ignored ERROR no
// longer makes the policy invalid.
func TestIgnoreCodes(t *testing.T) {
	src := `{"Statement":[` + allow(`["s3:GetObjekt","s3:Get*","s3:GetObject"]`, `"*"`) + `]}`
	full := validate(t, src, Options{})
	if fmt.Sprint(codesOf(full.Findings)) != fmt.Sprint([]Code{MissingVersion, UnknownAction, RedundantAction}) || full.Valid {
		t.Fatalf("without ignores:\n%s", listFindings(full.Findings))
	}
	rep := validate(t, src, Options{IgnoreCodes: []string{"UNKNOWN_ACTION", "MISSING_VERSION"}})
	if fmt.Sprint(codesOf(rep.Findings)) != fmt.Sprint([]Code{RedundantAction}) || !rep.Valid || rep.Counts != (Counts{Warning: 1}) {
		t.Errorf("with ignores: valid %v, counts %+v:\n%s", rep.Valid, rep.Counts, listFindings(rep.Findings))
	}
}

// ErrorsOnly keeps exactly the ERROR findings of a full validation, for
// every code's firing policy under every policy type.
func TestErrorsOnlyKeepsExactlyTheErrors(t *testing.T) {
	errorsOf := func(fs []Finding) string {
		var out []string
		for _, f := range fs {
			if f.Severity == Error {
				out = append(out, fmt.Sprintf("%s at %s: %s", f.Code, f.Path, f.Message))
			}
		}
		return strings.Join(out, "\n")
	}
	for _, c := range codeCases {
		if c.fire == "" {
			continue
		}
		for _, typ := range PolicyTypes {
			opts := c.opts
			opts.PolicyType = typ
			full := validate(t, c.fire, opts)
			opts.ErrorsOnly = true
			only := validate(t, c.fire, opts)
			want, got := errorsOf(full.Findings), errorsOf(only.Findings)
			if full.Omitted > 0 { // a full listing is capped, warnings included: compare the counts
				want, got = fmt.Sprint(full.Counts.Error), fmt.Sprint(only.Counts.Error)
			}
			if got != want || only.Counts != (Counts{Error: only.Counts.Error}) {
				t.Errorf("%s as %s: errors only\n%s\nwant\n%s", c.code, typ, listFindings(only.Findings), want)
			}
		}
	}
}

// Refuses names the first ERROR finding and counts the rest; warnings do
// not refuse a document.
func TestRefusesNamesTheFirstError(t *testing.T) {
	v := testValidator(t)
	if err := v.Refuses(pol(allow(`["s3:GetObject","s3:GetObject"]`, `"*"`)), Options{PolicyType: Boundary}); err != nil {
		t.Errorf("a document with only a warning: %v", err)
	}
	err := v.Refuses(pol(`{"Sid":"a-b","Effect":"Allow","Action":"s3:GetObject","Resource":"bucket"}`), Options{PolicyType: Boundary})
	want := `IAM would refuse it as a permissions boundary: INVALID_RESOURCE at Statement[0].Resource: "bucket" is neither "*" nor an ARN such as "arn:aws:s3:::bucket/*" (and 1 more)`
	if err == nil || err.Error() != want {
		t.Errorf("Refuses = %v, want %s", err, want)
	}
	// A type that says where the policy goes is named by its grammar.
	err = v.Refuses(pol(`{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}`), Options{PolicyType: Trust})
	if want := "IAM would refuse it as a resource policy: MISSING_PRINCIPAL"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Refuses as trust = %v, want %s...", err, want)
	}
}
