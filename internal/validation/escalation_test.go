package validation

import "testing"

// Every action of every escalation path is one the catalog has, so a
// rename in a snapshot update cannot silently disable a path.
func TestEscalationActionsExist(t *testing.T) {
	v := testValidator(t)
	for _, e := range escalations {
		if e.how == "" || len(e.actions) == 0 {
			t.Errorf("empty escalation %+v", e)
		}
		for _, a := range e.actions {
			p := v.classify(a, "")
			if !p.exact() || p.problem != "" || p.set.Len() != 1 {
				t.Errorf("%s: %v", a, p.why)
			}
		}
	}
}

// A path needs all of its actions, and is reported once, at the value
// that grants its first action.
func TestEscalationNeedsEveryAction(t *testing.T) {
	src := pol(
		allow(`"ec2:RunInstances"`, `"*"`),
		allow(`["s3:GetObject","iam:Pass*"]`, `"arn:aws:iam::123456789012:role/app"`),
	)
	rep := validate(t, src, Options{IgnoreCodes: []string{"COMPACT_ACTIONS"}})
	var found []Finding
	for _, f := range rep.Findings {
		if f.Code == PrivilegeEscalation {
			found = append(found, f)
		}
	}
	if len(found) != 1 || found[0].Path != "Statement[1].Action[1]" {
		t.Errorf("escalation findings:\n%s", listFindings(found))
	}
	rep = validate(t, pol(allow(`"ec2:RunInstances"`, `"*"`)), Options{})
	if hasCode(rep.Findings, PrivilegeEscalation) {
		t.Errorf("ec2:RunInstances alone is reported:\n%s", listFindings(rep.Findings))
	}
}
