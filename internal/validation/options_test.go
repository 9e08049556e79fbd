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
