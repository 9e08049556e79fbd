package boundary

import (
	"slices"
	"strings"
	"testing"
)

// read_scope = "metadata" adds a Deny of the data-read patterns after the
// caller's statements; the figures against AWS's view-only policies are
// pinned in the viewonly package.
func TestBuildMetadataDeniesDataReads(t *testing.T) {
	res, diags, err := buildOver(t, Request{Services: []string{"s3", "secretsmanager", "ssm"}, ReadScope: "metadata", CrossService: true})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	if !strings.Contains(res.PolicyJSON, `{"Effect":"Deny","Action":["*:*LogEvents*",`) || !strings.Contains(res.PolicyJSON, `"*:GetObject*"`) {
		t.Errorf("the document lacks the data-read Deny: %s", res.PolicyJSON)
	}
	for _, a := range []string{"s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParametersByPath"} {
		if slices.Contains(res.GrantedActions, a) || slices.Contains(res.UngrantedActions, a) {
			t.Errorf("%s is granted or counted as a target", a)
		}
	}
	if res.Coverage != 1 || !slices.Contains(res.GrantedActions, "ssm:DescribeParameters") {
		t.Errorf("coverage %v, want every metadata read of the three services", res.Coverage)
	}
}

// A Deny would take back what the caller's statements grant: a pattern that
// matches an action they allow stays out of it, and the data reads it
// covers are still no target.
func TestBuildMetadataKeepsWhatStatementsAllow(t *testing.T) {
	res, diags, err := buildOver(t, Request{
		Services:     []string{"s3"},
		ReadScope:    "metadata",
		CrossService: true,
		Statements:   `[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::team-bucket/*"}]`,
	})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	if strings.Contains(res.PolicyJSON, `"*:GetObject*"`) || !strings.Contains(res.PolicyJSON, `"*:*SecretValue*"`) {
		t.Errorf("the Deny should keep every pattern but *:GetObject*: %s", res.PolicyJSON)
	}
	if !slices.Contains(res.GrantedActions, "s3:GetObject") {
		t.Errorf("the statement's s3:GetObject is not granted")
	}
	for _, a := range []string{"s3:GetObjectVersion", "s3:GetObjectTorrent"} {
		if slices.Contains(res.GrantedActions, a) {
			t.Errorf("%s is granted: a data read the statements do not allow", a)
		}
	}
	for _, p := range res.AllowPatterns {
		if strings.HasPrefix(strings.ToLower(p), "s3:getobject") || p == "s3:Get*" || p == "*:Get*" {
			t.Errorf("Allow pattern %s matches s3:GetObject, which the statements allow on one bucket only", p)
		}
	}
}

func TestBuildMetadataDenyOverBudgetIsReadScopesError(t *testing.T) {
	_, diags, err := buildOver(t, Request{Services: []string{"s3"}, ReadScope: "metadata", MaxPolicyChars: 500})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 || diags[0].Attribute != "read_scope" ||
		!strings.Contains(diags[0].Detail, `read_scope = "metadata" adds a Deny statement of `) ||
		!strings.Contains(diags[0].Detail, `but max_policy_chars is 500: set max_policy_chars to at least `) {
		t.Errorf("diagnostics %v, want one error on read_scope with the characters it needs", diags)
	}
}
