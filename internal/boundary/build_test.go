package boundary

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

func buildOver(t *testing.T, req Request) (*Result, []readonly.Diagnostic, error) {
	t.Helper()
	e := enginesOf(t)
	return Build(t.Context(), e.cat, e.exp, e.u, e.v, req)
}

var teamRequest = Request{Services: TeamServices, Exclude: TeamExclude, CrossService: true}

// A team boundary adds a few Write actions in statements: the document
// grants them, while the generated part stays within the target set.
func TestBuildTeamBoundaryWithWriteStatements(t *testing.T) {
	req := teamRequest
	req.Statements = `[{"Sid":"Deploy","Effect":"Allow","Action":["lambda:UpdateFunctionCode","lambda:PublishVersion"],"Resource":"*"}]`
	res, diags, err := buildOver(t, req)
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	// All but the six that vend credentials by name, which the deny words
	// block (readonly.MatchesDenyWord).
	vending := []string{"cloudwatch:GetSpaceCredentials", "cloudwatch:GetSpaceCredentialsForOrganization", "ec2:GetPasswordData",
		"iam:GetAccountPasswordPolicy", "iam:GetCredentialReport", "secretsmanager:GetRandomPassword"}
	if res.Coverage != 0.9909 || !slices.Equal(res.UngrantedActions, vending) || res.TargetCount != 661 {
		t.Errorf("coverage %v of %d, ungranted %q: want all of 661 but %q", res.Coverage, res.TargetCount, res.UngrantedActions, vending)
	}
	for _, a := range []string{"lambda:UpdateFunctionCode", "lambda:PublishVersion", "ec2:DescribeInstances"} {
		if !slices.Contains(res.GrantedActions, a) {
			t.Errorf("granted_actions lack %s", a)
		}
	}
	for _, a := range []string{"s3:GetObject", "secretsmanager:GetSecretValue", "kms:Decrypt", "lambda:InvokeFunction"} {
		if slices.Contains(res.GrantedActions, a) {
			t.Errorf("granted_actions hold %s", a)
		}
	}
	if !strings.Contains(res.PolicyJSON, req.Statements[1:len(req.Statements)-1]) {
		t.Errorf("the statements are not in the document verbatim: %s", res.PolicyJSON)
	}
	if res.CharCount > 6144 || len(res.FutureExposure) == 0 {
		t.Errorf("%d characters, future exposure %v", res.CharCount, res.FutureExposure)
	}
}

// awsDelegationExample holds the statements of AWS's example policy for
// delegating with permissions boundaries, from "Permissions boundaries for
// IAM entities", section "Delegating responsibility to others using
// permissions boundaries":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
// Only the statements the delegation guard comes from are kept.
const awsDelegationExample = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "CreateOrChangeOnlyWithBoundary",
      "Effect": "Allow",
      "Action": ["iam:AttachUserPolicy", "iam:CreateUser", "iam:DeleteUserPolicy", "iam:DetachUserPolicy",
                 "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy"],
      "Resource": "*",
      "Condition": {"StringEquals": {"iam:PermissionsBoundary": "arn:aws:iam::123456789012:policy/XCompanyBoundaries"}}
    },
    {
      "Sid": "NoBoundaryPolicyEdit",
      "Effect": "Deny",
      "Action": ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"],
      "Resource": ["arn:aws:iam::123456789012:policy/XCompanyBoundaries", "arn:aws:iam::123456789012:policy/DelegatedUserBoundary"]
    },
    {
      "Sid": "NoBoundaryUserDelete",
      "Effect": "Deny",
      "Action": "iam:DeleteUserPermissionsBoundary",
      "Resource": "*"
    }
  ]
}`

// Each delegation guard statement does what its statement in AWS's example
// does, for users and for roles alike.
func TestDelegationGuardFollowsTheAWSExample(t *testing.T) {
	const arn = "arn:aws:iam::123456789012:policy/XCompanyBoundaries"
	b := &builder{}
	guard := b.guard(Guard{BoundaryPolicyARN: arn})
	if len(b.diags) != 0 {
		t.Fatal(b.diags)
	}
	ours := parse(t, Document(nil, nil, guard))
	aws := parse(t, awsDelegationExample)
	bySid := func(doc *policy.Document, sid string) *policy.Statement {
		for i := range doc.Statements {
			if doc.Statements[i].Sid == sid {
				return &doc.Statements[i]
			}
		}
		t.Fatalf("no statement %q", sid)
		return nil
	}
	// Creating a user or setting its boundary: allowed only with this
	// boundary, the same condition as AWS's; the role actions likewise.
	create, awsCreate := bySid(ours, "CreateOrChangeOnlyWithBoundary"), bySid(aws, "CreateOrChangeOnlyWithBoundary")
	sameCondition(t, create, awsCreate)
	for _, a := range []string{"iam:CreateUser", "iam:PutUserPermissionsBoundary"} {
		if !slices.Contains(awsCreate.Action.Values, a) || !slices.Contains(create.Action.Values, a) {
			t.Errorf("%s: AWS's example allows it under the boundary condition, the guard must too", a)
		}
	}
	for _, a := range []string{"iam:CreateRole", "iam:PutRolePermissionsBoundary"} {
		if !slices.Contains(create.Action.Values, a) {
			t.Errorf("%s: the guard must allow it under the boundary condition, as AWS's example does for users", a)
		}
	}
	if create.Effect != awsCreate.Effect || !slices.Equal(create.Resource.Values, awsCreate.Resource.Values) {
		t.Errorf("effect %s on %q, want AWS's %s on %q", create.Effect, create.Resource.Values, awsCreate.Effect, awsCreate.Resource.Values)
	}
	// Changing the boundary policy: the same four actions denied on its ARN.
	edit, awsEdit := bySid(ours, "NoBoundaryPolicyEdit"), bySid(aws, "NoBoundaryPolicyEdit")
	if edit.Effect != awsEdit.Effect || !slices.Equal(edit.Action.Values, awsEdit.Action.Values) ||
		!slices.Contains(awsEdit.Resource.Values, edit.Resource.Values[0]) || len(edit.Resource.Values) != 1 {
		t.Errorf("NoBoundaryPolicyEdit: %s %q on %q, want AWS's %s %q on the boundary's ARN",
			edit.Effect, edit.Action.Values, edit.Resource.Values, awsEdit.Effect, awsEdit.Action.Values)
	}
	// Deleting a boundary: denied everywhere, for users as in AWS's
	// example, and for roles.
	del, awsDel := bySid(ours, "NoBoundaryDelete"), bySid(aws, "NoBoundaryUserDelete")
	if del.Effect != awsDel.Effect || !slices.Equal(del.Resource.Values, awsDel.Resource.Values) ||
		!slices.Contains(del.Action.Values, awsDel.Action.Values[0]) || !slices.Contains(del.Action.Values, "iam:DeleteRolePermissionsBoundary") {
		t.Errorf("NoBoundaryDelete: %s %q on %q", del.Effect, del.Action.Values, del.Resource.Values)
	}
}

func parse(t *testing.T, doc string) *policy.Document {
	t.Helper()
	d, diags := policy.Parse(doc)
	if d == nil || diags.HasError() {
		t.Fatalf("%s: %v", doc, diags)
	}
	return d
}

func sameCondition(t *testing.T, a, b *policy.Statement) {
	t.Helper()
	if a.Condition == nil || b.Condition == nil || len(a.Condition.Operators) != 1 || len(b.Condition.Operators) != 1 {
		t.Fatalf("conditions %+v and %+v", a.Condition, b.Condition)
	}
	oa, ob := a.Condition.Operators[0], b.Condition.Operators[0]
	if oa.Name != ob.Name || len(oa.Keys) != 1 || oa.Keys[0].Name != ob.Keys[0].Name || oa.Keys[0].Values[0].Text != ob.Keys[0].Values[0].Text {
		t.Errorf("condition %+v, want AWS's %+v", oa, ob)
	}
}

// With the guard, the team may create roles only under the boundary: the
// document grants iam:CreateRole (conditionally, as granted_actions shows),
// and no generated pattern grants it outright.
func TestBuildWithDelegationGuard(t *testing.T) {
	req := teamRequest
	req.Guard = &Guard{BoundaryPolicyARN: "arn:aws:iam::123456789012:policy/TeamBoundary", Path: "/team/"}
	res, diags, err := buildOver(t, req)
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	for _, want := range []string{
		`"Resource":["arn:aws:iam::123456789012:role/team/*","arn:aws:iam::123456789012:user/team/*"]`,
		`"Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/TeamBoundary"}}`,
		`{"Sid":"NoBoundaryDelete","Effect":"Deny","Action":["iam:DeleteRolePermissionsBoundary","iam:DeleteUserPermissionsBoundary"],"Resource":"*"}`,
	} {
		if !strings.Contains(res.PolicyJSON, want) {
			t.Errorf("policy lacks %s:\n%s", want, res.PolicyJSON)
		}
	}
	if !slices.Contains(res.GrantedActions, "iam:CreateRole") || slices.Contains(res.GrantedActions, "iam:DeleteRolePermissionsBoundary") {
		t.Errorf("granted_actions: CreateRole %v, DeleteRolePermissionsBoundary %v",
			slices.Contains(res.GrantedActions, "iam:CreateRole"), slices.Contains(res.GrantedActions, "iam:DeleteRolePermissionsBoundary"))
	}
	for _, p := range res.AllowPatterns {
		if strings.HasPrefix(p, "iam:Create") || strings.HasPrefix(p, "iam:Put") {
			t.Errorf("allow pattern %s would grant what the guard allows only conditionally", p)
		}
	}
}

// Bad input gets an error naming the attribute and the value, never a
// silent result.
func TestBuildBadInput(t *testing.T) {
	for _, c := range []struct {
		name string
		req  Request
		attr string
		want string
	}{
		{"statements not JSON", Request{Services: []string{"s3"}, Statements: `[{"Effect": "Allow",]`},
			"statements", "invalid character ']' looking for beginning of object key string at character 21"},
		{"statements a string", Request{Services: []string{"s3"}, Statements: `"lambda:UpdateFunctionCode"`},
			"statements", "statements must be a JSON array of statement objects (or one object), got a string"},
		{"a statement without Effect", Request{Services: []string{"s3"}, Statements: `[{"Action":"s3:PutObject","Resource":"*"}]`},
			"statements", "statements[0]: the statement has no Effect"},
		{"a bad Effect", Request{Services: []string{"s3"}, Statements: `[{"Effect":"allow","Action":"s3:PutObject","Resource":"*"}]`},
			"statements", "statements[0].Effect"},
		{"a statement with a malformed action", Request{Services: []string{"s3"}, Statements: `[{"Effect":"Allow","Action":"s3 PutObject","Resource":"*"}]`},
			"statements", "statements[0].Action"},
		{"statements alone over the budget", Request{Services: []string{"s3"}, MaxPolicyChars: 100,
			Statements: `[{"Effect":"Allow","Action":["lambda:UpdateFunctionCode","lambda:PublishVersion"],"Resource":"*"}]`},
			"statements", "the statements alone need a document of 135 characters, but max_policy_chars is 100"},
		{"required that cannot fit", Request{Services: []string{"ec2"}, Required: []string{"ec2"}, MaxPolicyChars: 300, Wildcards: readonly.WildcardsNone},
			"required", "the required actions, with the statements, need a document of"},
		{"a budget below the smallest document", Request{Services: []string{"s3"}, MaxPolicyChars: 60},
			"max_policy_chars", "the smallest document granting one action, with the statements, need a document of"},
		{"required names no target action", Request{Services: []string{"s3"}, Required: []string{"s3:PutObject"}},
			"required", `"s3:PutObject" matches none of the actions`},
		{"unknown service", Request{Services: []string{"ec2", "cloudtrial"}}, "services", `unknown service prefix "cloudtrial"; did you mean "cloudtrail"?`},
		{"unknown level", Request{Services: []string{"s3"}, AccessLevels: []string{"Lst"}}, "access_levels", `unknown access level "Lst"`},
		{"bad wildcards", Request{Services: []string{"s3"}, Wildcards: "some"}, "wildcards", `unknown wildcards mode "some"`},
		{"bad boundary ARN", Request{Services: []string{"s3"}, Guard: &Guard{BoundaryPolicyARN: "TeamBoundary"}},
			"delegation_guard.boundary_policy_arn", `"TeamBoundary" is not the ARN of a customer managed policy`},
		{"a Sid the guard uses", Request{Services: []string{"s3"}, Guard: &Guard{BoundaryPolicyARN: "arn:aws:iam::123456789012:policy/B"},
			Statements: `[{"Sid":"NoBoundaryDelete","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]`},
			"statements", `statements[0] has the Sid "NoBoundaryDelete", which a delegation_guard statement has too`},
		{"bad path", Request{Services: []string{"s3"}, Guard: &Guard{BoundaryPolicyARN: "arn:aws:iam::123456789012:policy/B", Path: "team"}},
			"delegation_guard.path", `path "team" is no IAM path`},
		// What IAM refuses in a managed policy, which a boundary is, found
		// by the validator's ERROR checks for the policy type "boundary".
		{"a Principal", Request{Services: []string{"s3"}, Statements: `[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},` +
			`{"Effect":"Allow","Principal":"*","Action":"s3:PutObject","Resource":"*"}]`},
			"statements", "statements[1].Principal: Principal is only for resource policies; a permissions boundary applies to the principals it is attached to, so remove it (UNSUPPORTED_PRINCIPAL)"},
		{"a NotPrincipal", Request{Services: []string{"s3"}, Statements: `{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:PutObject","Resource":"*"}`},
			"statements", "statements.NotPrincipal: NotPrincipal is only for resource policies"},
		{"a missing Resource", Request{Services: []string{"s3"}, Statements: `[{"Effect":"Allow","Action":"s3:PutObject"}]`},
			"statements", `statements[0]: the statement has neither Resource nor NotResource, which a permissions boundary requires; add "Resource": "*" or the ARNs it applies to (MISSING_RESOURCE)`},
		{"an invalid Sid", Request{Services: []string{"s3"}, Statements: `[{"Sid":"put-objects","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]`},
			"statements", `statements[0].Sid: Sid "put-objects" has the character "-"; IAM accepts only letters A-Z and a-z and digits 0-9 in a permissions boundary (INVALID_SID)`},
		{"a Resource that is no ARN", Request{Services: []string{"s3"}, Statements: `[{"Effect":"Allow","Action":"s3:PutObject","Resource":["*","team-bucket"]}]`},
			"statements", `statements[0].Resource[1]: "team-bucket" is neither "*" nor an ARN such as "arn:aws:s3:::bucket/*" (INVALID_RESOURCE)`},
		{"a duplicate Sid", Request{Services: []string{"s3"}, Statements: `[{"Sid":"Put","Effect":"Allow","Action":"s3:PutObject","Resource":"*"},` +
			`{"Sid":"Put","Effect":"Allow","Action":"s3:PutBucketTagging","Resource":"*"}]`},
			"statements", `statements[1].Sid: Sid "Put" is also the Sid of statements[0]; IAM requires each Sid of a permissions boundary to be unique: rename one (UNIQUE_SIDS_REQUIRED)`},
		{"an unknown service", Request{Services: []string{"s3"}, Statements: `[{"Effect":"Allow","Action":"s33:PutObject","Resource":"*"}]`},
			"statements", `statements[0].Action: action "s33:PutObject": unknown service prefix "s33"; did you mean "s3" or "scn" or "sdb"?. If AWS added it after this catalog's data (embedded 0.21.202609261), a live catalog_source knows it (UNKNOWN_SERVICE)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, diags, err := buildOver(t, c.req)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, d := range diags {
				if d.Severity == readonly.SeverityError && d.Attribute == c.attr && strings.Contains(d.Detail, c.want) {
					found = true
				}
			}
			if res != nil || !found {
				t.Errorf("result %v, diagnostics %v: want an error on %s saying %q", res != nil, diags, c.attr, c.want)
			}
		})
	}
}

// The check on every read refuses a document whose generated part allows
// a non-target action, naming it: here a hand-made "iam:Pass*".
func TestVerifyRefusesANonTargetAction(t *testing.T) {
	e := enginesOf(t)
	p, _ := problemFor(t, readonly.Options{Services: []string{"iam"}}, readonly.WildcardsWord, true)
	allow := []string{"iam:Get*", "iam:List*", "iam:Pass*"}
	doc := Document(allow, nil, nil)
	_, err := verify(e.exp, e.v, p, &Solution{PolicyJSON: doc, Chars: countChars(doc), Allow: allow}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "its generated part allows iam:PassRole, which is outside the target set") {
		t.Errorf("verify = %v, want a refusal naming iam:PassRole", err)
	}
	deny := []string{"iam:GetRole"}
	doc = Document(allow[:2], deny, nil)
	_, err = verify(e.exp, e.v, p, &Solution{PolicyJSON: doc, Chars: countChars(doc), Allow: allow[:2], Deny: deny}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "removes iam:GetRole") {
		t.Errorf("verify = %v, want a refusal of a Deny on a target action", err)
	}
}

// A guard rail the caller denies outright costs the generated part
// nothing: no pattern is spent on the actions it denies, and none needs an
// exception for them, while coverage still counts them as left out.
func TestBuildSpendsNothingOnWhatStatementsDeny(t *testing.T) {
	req := teamRequest
	req.Statements = `[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]`
	res, diags, err := buildOver(t, req)
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	for _, p := range append(res.AllowPatterns, res.DenyPatterns...) {
		if strings.HasPrefix(p, "iam:") {
			t.Errorf("pattern %s is spent on actions the statements deny", p)
		}
	}
	if !slices.Contains(res.UngrantedActions, "iam:GetRole") || slices.Contains(res.GrantedActions, "iam:GetRole") || res.TargetCount != 661 || res.Coverage >= 1 {
		t.Errorf("coverage %v of %d: iam:GetRole must count as left out", res.Coverage, res.TargetCount)
	}
}

// scopedStatements are issue 18's reproducer: three target actions the
// caller allows only on some resources or under a condition.
const scopedStatements = `[
  {"Sid":"TeamQueues","Effect":"Allow","Action":"sqs:ReceiveMessage","Resource":"arn:aws:sqs:*:123456789012:team-*"},
  {"Sid":"TaggedParameters","Effect":"Allow","Action":"ssm:GetParameter","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}},
  {"Sid":"TeamBucket","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::team-bucket/*"}]`

// A target action the statements allow only on some resources or under a
// condition is matched by no generated pattern, at any access level, and
// named by no Deny: the statements' scope is the only one that grants it.
// Coverage counts it as granted, within that scope.
func TestBuildKeepsScopedStatementsScoped(t *testing.T) {
	res, diags, err := buildOver(t, Request{Statements: scopedStatements, CrossService: true})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	for _, name := range []string{"sqs:ReceiveMessage", "ssm:GetParameter", "s3:GetObject"} {
		svc, act, _ := strings.Cut(name, ":")
		for _, p := range append(append([]string{}, res.AllowPatterns...), res.DenyPatterns...) {
			ps, pa, _ := strings.Cut(p, ":")
			if iam.Match(ps, svc) && iam.Match(pa, act) {
				t.Errorf("generated pattern %s matches %s, which the statements allow only in a scope", p, name)
			}
		}
		if !slices.Contains(res.GrantedActions, name) || slices.Contains(res.UngrantedActions, name) {
			t.Errorf("%s: the statements grant it in their scope, so it counts as granted", name)
		}
	}
	// Without the wildcards that would match them the document grants less
	// of the rest: the price of keeping the scope, shown by coverage and
	// quoted in the guide.
	free, diags, err := buildOver(t, Request{CrossService: true})
	if err != nil || free == nil {
		t.Fatal(err, diags)
	}
	if res.Coverage >= free.Coverage || res.TargetCount != free.TargetCount {
		t.Errorf("coverage %v of %d, want below the %v of %d without the statements", res.Coverage, res.TargetCount, free.Coverage, free.TargetCount)
	}
	guide, err := os.ReadFile("../../templates/guides/readonly-permission-boundary.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	if line := fmt.Sprintf("grants %.1f%% of List and Read instead of %.1f%%.", 100*res.Coverage, 100*free.Coverage); !strings.Contains(string(guide), line) {
		t.Errorf("the guide lacks the line %q", line)
	}
}

// An include or a required entry that names only actions the statements
// scope says so: include is kept to the scope with a warning, and required
// cannot be met without undoing it.
func TestBuildScopedIncludeAndRequired(t *testing.T) {
	req := Request{Services: []string{"s3"}, Include: []string{"s3:PutObject"}, CrossService: true,
		Statements: `[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::team-bucket/*"}]`}
	res, diags, err := buildOver(t, req)
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	if slices.Contains(res.AllowPatterns, "s3:PutObject") || len(diags) != 1 || diags[0].Attribute != "include" ||
		!strings.Contains(diags[0].Detail, "include adds s3:PutObject (statements[0]), which the statements allow only under a condition or on some resources") {
		t.Errorf("allow %q, diagnostics %v", res.AllowPatterns, diags)
	}
	req.Required = []string{"s3:PutObject"}
	res, diags, err = buildOver(t, req)
	if err != nil || res != nil || !hasError(diags, "required", `"s3:PutObject" matches only s3:PutObject, which the statements allow only under a condition`) {
		t.Errorf("result %v, diagnostics %v: want an error on required", res != nil, diags)
	}
	// The delegation guard's conditional statement scopes iam:CreateRole.
	res, diags, err = buildOver(t, Request{Services: []string{"iam"}, Include: []string{"iam:CreateRole"}, CrossService: true,
		Guard: &Guard{BoundaryPolicyARN: "arn:aws:iam::123456789012:policy/B"}})
	if err != nil || res == nil || slices.Contains(res.AllowPatterns, "iam:CreateRole") || len(diags) != 1 ||
		!strings.Contains(diags[0].Detail, "include adds iam:CreateRole (delegation_guard), which the statements allow only") {
		t.Errorf("diagnostics %v", diags)
	}
}

func hasError(diags []readonly.Diagnostic, attr, detail string) bool {
	for _, d := range diags {
		if d.Severity == readonly.SeverityError && d.Attribute == attr && strings.Contains(d.Detail, detail) {
			return true
		}
	}
	return false
}

// The check on every read also runs the validator's ERROR checks for a
// permissions boundary over the whole document: here two statements with
// one Sid, which IAM refuses.
func TestVerifyRefusesADocumentIAMRefuses(t *testing.T) {
	e := enginesOf(t)
	p, _ := problemFor(t, readonly.Options{Services: []string{"iam"}}, readonly.WildcardsWord, true)
	allow := []string{"iam:Get*", "iam:List*"}
	same := `{"Sid":"Same","Effect":"Deny","Action":"iam:GetRole","Resource":"arn:aws:iam::123456789012:role/a"}`
	doc := Document(allow, nil, []string{same, same})
	_, err := verify(e.exp, e.v, p, &Solution{PolicyJSON: doc, Chars: countChars(doc), Allow: allow}, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "IAM would refuse it as a permissions boundary: UNIQUE_SIDS_REQUIRED at Statement[2].Sid") {
		t.Errorf("verify = %v, want a refusal naming the duplicate Sid", err)
	}
}

// Statements that deny every target action outright leave a document that
// grants none: a warning says so, beside coverage 0.
func TestBuildWarnsWhenStatementsDenyEverything(t *testing.T) {
	res, diags, err := buildOver(t, Request{Services: []string{"s3"}, Statements: `[{"Effect":"Deny","Action":"*","Resource":"*"}]`})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	want := "the statements deny all 84 target actions outright, so the boundary grants none of them (coverage 0)"
	if res.Coverage != 0 || len(res.AllowPatterns) != 0 || len(diags) != 1 || diags[0].Severity != readonly.SeverityWarning ||
		diags[0].Attribute != "statements" || !strings.Contains(diags[0].Detail, want) {
		t.Errorf("coverage %v, allow %q, diagnostics %v: want a warning saying %q", res.Coverage, res.AllowPatterns, diags, want)
	}
}
