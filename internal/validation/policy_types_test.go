package validation

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// The docs' table of which codes apply to which policy type says what the
// checks do: each code's firing policy, validated as each type, fires
// exactly where the table says yes, and a code the table leaves out fires
// under every type.
func TestPolicyTypeTableInTheDocs(t *testing.T) {
	doc, err := os.ReadFile("../../templates/data-sources/policy_validation.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	table := map[Code][]bool{}
	row := regexp.MustCompile("(?m)^\\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \\| (yes|no) \\| (yes|no) \\| (yes|no) \\| (yes|no) \\|$")
	for _, m := range row.FindAllStringSubmatch(string(doc), -1) {
		for _, code := range strings.Split(m[1], ", ") {
			table[Code(strings.Trim(code, "`"))] = []bool{m[2] == "yes", m[3] == "yes", m[4] == "yes", m[5] == "yes"}
		}
	}
	if len(table) < 10 {
		t.Fatalf("found %d rows in the policy type table", len(table))
	}
	types := []PolicyType{Identity, Resource, Boundary, SCP}
	for _, c := range codeCases {
		if c.fire == "" {
			continue
		}
		want, listed := table[c.code]
		for i, typ := range types {
			opts := c.opts
			opts.PolicyType = typ
			fired := hasCode(validate(t, c.fire, opts).Findings, c.code)
			if listed && fired != want[i] || !listed && !fired {
				t.Errorf("%s as %s: fired %v, but the docs say %v", c.code, typ, fired, !listed || want[i])
			}
		}
	}
}

// Version 2008-10-17 reads policy variables as plain text in Condition
// values too (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
func TestPolicyVariableInOldVersionConditionValue(t *testing.T) {
	src := `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::home",` +
		`"Condition":{"StringLike":{"s3:prefix":["public/*","home/${aws:username}/*"]}}}]}`
	for _, f := range validate(t, src, Options{}).Findings {
		if f.Code == VariableInOldVersion {
			if f.Path != "Statement[0].Condition.StringLike.s3:prefix[1]" || !strings.Contains(f.Message, `"home/${aws:username}/*"`) {
				t.Errorf("finding at %s: %s", f.Path, f.Message)
			}
			return
		}
	}
	t.Errorf("no %s finding", VariableInOldVersion)
}
