package evaluate

import (
	"fmt"
	"testing"
)

// decisionCase is a request against a set of policies, written as JSON.
type decisionCase struct {
	name      string
	principal string
	identity  []string
	boundary  string
	session   string
	scps      [][]string
	rcps      [][]string
	resource  string
	resAcct   string
	action    string
	arn       string
	ctx       map[string][]string
	want      Decision
	decidedBy Kind
	// uncertain is true where AWS's documentation does not settle the decision.
	uncertain bool
}

func (c *decisionCase) set(t *testing.T) *Set {
	s := &Set{}
	for _, src := range c.identity {
		s.Identity = append(s.Identity, compile(t, Identity, src))
	}
	if c.boundary != "" {
		s.Boundary = compile(t, PermissionsBoundary, c.boundary)
	}
	if c.session != "" {
		s.Session = compile(t, SessionPolicy, c.session)
	}
	for _, l := range c.scps {
		var level []*Policy
		for _, src := range l {
			level = append(level, compile(t, ServiceControlPolicy, src))
		}
		s.SCPs = append(s.SCPs, level)
	}
	for _, l := range c.rcps {
		var level []*Policy
		for _, src := range l {
			level = append(level, compile(t, ResourceControlPolicy, src))
		}
		s.RCPs = append(s.RCPs, level)
	}
	if c.resource != "" {
		s.Resource = compile(t, ResourcePolicy, c.resource)
	}
	return s
}

func runDecisionCases(t *testing.T, cases []decisionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pr := c.principal
			if pr == "" {
				pr = alice
			}
			res := c.set(t).Evaluate(&Request{Principal: principal(t, pr), Action: c.action, Resource: c.arn, ResourceAccount: c.resAcct, Context: c.ctx})
			if res.Decision != c.want || res.DecidedBy != c.decidedBy {
				t.Fatalf("%s on %s: %v decided by %v, want %v decided by %v; matched %+v", c.action, c.arn, res.Decision, res.DecidedBy, c.want, c.decidedBy, res.Matched)
			}
			if (res.Uncertain != "") != c.uncertain {
				t.Fatalf("%s on %s: uncertain %q, want uncertain %v", c.action, c.arn, res.Uncertain, c.uncertain)
			}
		})
	}
}

const (
	role        = "arn:aws:iam::111122223333:role/app"
	roleSession = "arn:aws:sts::111122223333:assumed-role/app/s1"
	otherUser   = "arn:aws:iam::444455556666:user/bob"
	bucketObj   = "arn:aws:s3:::amzn-s3-demo-bucket/key"
)

func resourcePolicy(principal, effect string) string {
	return doc(fmt.Sprintf(`{"Effect":%q,"Principal":%s,"Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`, effect, principal))
}

var allowGet = doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)

func TestDecisionsWithinOneAccount(t *testing.T) {
	runDecisionCases(t, []decisionCase{
		// reference_policies_evaluation-logic_policy-eval-denyallow.html
		{name: "every request is implicitly denied by default", action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: Identity},
		{name: "an identity Allow allows", identity: []string{allowGet}, action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "actions match case-insensitively", identity: []string{allowGet}, action: "S3:getobject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "an explicit deny overrides any allow", identity: []string{allowGet, doc(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`)}, action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: Identity},
		{name: "the root user has full access", principal: "arn:aws:iam::111122223333:root", action: "iam:CreateUser", arn: "*", want: Allowed, decidedBy: Identity},
		{name: "the root user is denied by a resource policy Deny", principal: "arn:aws:iam::111122223333:root", resource: resourcePolicy(`"*"`, "Deny"), action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: ResourcePolicy},
		// reference_policies_evaluation-logic_policy-eval-basics.html: the union
		{name: "a resource policy alone allows within the account", resource: resourcePolicy(`{"AWS":"`+alice+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a resource policy Deny overrides an identity Allow", identity: []string{allowGet}, resource: resourcePolicy(`{"AWS":"`+alice+`"}`, "Deny"), action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: ResourcePolicy},
		{name: "a resource policy naming the account delegates to identity policies", resource: resourcePolicy(`{"AWS":"111122223333"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: Identity},
		// policy-eval-denyallow.html: role trust and KMS key policies must allow themselves.
		{name: "an identity policy alone does not open a KMS key", identity: []string{doc(allowAll)}, action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:111122223333:key/k1", want: ImplicitDeny, decidedBy: ResourcePolicy},
		{name: "a key policy naming the account lets identity policies decide", identity: []string{doc(allowAll)}, resource: doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`), action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:111122223333:key/k1", want: Allowed, decidedBy: Identity},
		{name: "a key policy naming the account grants nothing by itself", resource: doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}`), action: "kms:Decrypt", arn: "arn:aws:kms:us-east-1:111122223333:key/k1", want: ImplicitDeny, decidedBy: Identity},
		{name: "assuming a role needs its trust policy", principal: roleSession, identity: []string{doc(allowAll)}, action: "sts:AssumeRole", arn: "arn:aws:iam::111122223333:role/admin", want: ImplicitDeny, decidedBy: ResourcePolicy},
		// access_policies_boundaries.html
		{name: "a boundary limits identity policies to the intersection", identity: []string{doc(allowAll)}, boundary: doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), action: "iam:CreateUser", arn: "*", want: ImplicitDeny, decidedBy: PermissionsBoundary},
		{name: "the intersection of identity policy and boundary allows", identity: []string{doc(allowAll)}, boundary: doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "a boundary grants nothing by itself", boundary: doc(allowAll), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: Identity},
		{name: "a boundary does not limit a resource policy naming the IAM user", boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+alice+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a boundary does not limit a resource policy granting everyone to an IAM user", boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`"*"`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		// The pages settle grants to the role ARN and to the session ARN, not to "*".
		{name: "a boundary lacking an Allow leaves a grant to everyone for a role session unsettled, read restrictively", principal: roleSession, boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"*"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: PermissionsBoundary, uncertain: true},
		{name: "a boundary lacking an Allow leaves a grant to Principal * for a federated user session unsettled", principal: "arn:aws:sts::111122223333:federated-user/carol", boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`"*"`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: PermissionsBoundary, uncertain: true},
		{name: "a session policy lacking an Allow leaves a grant to Principal * for a role session unsettled", principal: roleSession, session: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`"*"`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: SessionPolicy, uncertain: true},
		{name: "a grant to Principal * for a role session within its boundary is settled", principal: roleSession, boundary: doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), resource: resourcePolicy(`"*"`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a grant naming the role besides everyone settles the boundary's limit", principal: roleSession, boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}`, `{"Effect":"Allow","Principal":{"AWS":"`+role+`"},"Action":"s3:GetObject","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: PermissionsBoundary},
		{name: "a boundary limits a resource policy naming the role", principal: roleSession, boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+role+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: PermissionsBoundary},
		{name: "a boundary does not limit a resource policy naming the role session", principal: roleSession, boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+roleSession+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a role ARN with a path names the role's sessions", principal: roleSession, resource: resourcePolicy(`{"AWS":"arn:aws:iam::111122223333:role/team/app"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "NotPrincipal with Deny denies every principal with a boundary", identity: []string{allowGet}, boundary: doc(allowAll), resource: doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"` + alice + `"},"Action":"s3:*","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: ResourcePolicy},
		{name: "NotPrincipal with Deny spares the principals it names", identity: []string{allowGet}, resource: doc(`{"Effect":"Deny","NotPrincipal":{"AWS":"` + alice + `"},"Action":"s3:*","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		// access_policies.html#policies_session
		{name: "a session policy limits the role's identity policies", principal: roleSession, identity: []string{doc(allowAll)}, session: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: SessionPolicy},
		{name: "a session policy limits a resource policy naming the role", principal: roleSession, session: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+role+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: SessionPolicy},
		{name: "a session policy does not limit a resource policy naming the session", principal: roleSession, session: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+roleSession+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a session policy Deny denies", principal: roleSession, identity: []string{allowGet}, session: doc(`{"Effect":"Deny","Action":"*","Resource":"*"}`), action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: SessionPolicy},
	})
}

func TestDecisionsWithOrganizationPolicies(t *testing.T) {
	fullAccess := doc(allowAll)
	s3Only := doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)
	runDecisionCases(t, []decisionCase{
		// orgs_manage_policies_scps_evaluation.html: every level from the root to the account needs an Allow.
		{name: "SCPs allowing at every level leave identity policies to decide", identity: []string{allowGet}, scps: [][]string{{fullAccess}, {s3Only}}, action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "an SCP level without an Allow denies", identity: []string{doc(allowAll)}, scps: [][]string{{fullAccess}, {s3Only}}, action: "ec2:RunInstances", arn: "*", want: ImplicitDeny, decidedBy: ServiceControlPolicy},
		{name: "an Allow at a lower level does not make up for a higher one", identity: []string{doc(allowAll)}, scps: [][]string{{s3Only}, {fullAccess}}, action: "ec2:RunInstances", arn: "*", want: ImplicitDeny, decidedBy: ServiceControlPolicy},
		{name: "SCPs grant nothing", scps: [][]string{{fullAccess}}, action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: Identity},
		{name: "an SCP Deny denies", identity: []string{allowGet}, scps: [][]string{{fullAccess, doc(`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`)}}, action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: ServiceControlPolicy},
		{name: "SCPs limit the root user", principal: "arn:aws:iam::111122223333:root", scps: [][]string{{s3Only}}, action: "ec2:RunInstances", arn: "*", want: ImplicitDeny, decidedBy: ServiceControlPolicy},
		// kms/latest/developerguide/resource-control-policies.html restricts service principals with an RCP.
		{name: "RCPs apply to requests from AWS service principals", principal: "lambda.amazonaws.com", resource: doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}`), rcps: [][]string{{doc(`{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`)}}, ctx: one("aws:SecureTransport", "false"), action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:111122223333:q", want: ExplicitDeny, decidedBy: ResourceControlPolicy},
		{name: "an RCP exempting service principals with aws:PrincipalIsAWSService lets them through", principal: "lambda.amazonaws.com", resource: doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sqs:SendMessage","Resource":"*"}`), rcps: [][]string{{doc(`{"Effect":"Deny","Principal":"*","Action":"sqs:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:SourceAccount":"111122223333"},"BoolIfExists":{"aws:PrincipalIsAWSService":"false"}}}`)}}, action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:111122223333:q", want: Allowed, decidedBy: ResourcePolicy},
		{name: "SCPs do not apply to service principals", principal: "s3.amazonaws.com", scps: [][]string{{doc(`{"Effect":"Deny","Action":"*","Resource":"*"}`)}}, resource: resourcePolicy(`{"Service":"s3.amazonaws.com"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		// policy-eval-denyallow.html: RCPs.
		{name: "an RCP Deny denies", identity: []string{allowGet}, rcps: [][]string{{doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`)}}, action: "s3:GetObject", arn: bucketObj, want: ExplicitDeny, decidedBy: ResourceControlPolicy},
		{name: "an RCP Deny with a failing condition lets the request through", identity: []string{allowGet}, rcps: [][]string{{doc(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)}}, ctx: one("aws:SecureTransport", "true"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "RCPFullAWSAccess is implied at every level, so an RCP without an Allow restricts nothing", identity: []string{allowGet}, rcps: [][]string{{doc(`{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}`)}, {}}, action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
	})
}

func TestDecisionsAcrossAccounts(t *testing.T) {
	// reference_policies_evaluation-logic-cross-account.html
	runDecisionCases(t, []decisionCase{
		{name: "an identity policy alone does not reach another account", principal: otherUser, identity: []string{allowGet}, action: "s3:GetObject", arn: bucketObj, resAcct: "111122223333", want: ImplicitDeny, decidedBy: ResourcePolicy},
		{name: "a resource policy alone does not grant another account's principal", principal: otherUser, resource: resourcePolicy(`{"AWS":"`+otherUser+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, resAcct: "111122223333", want: ImplicitDeny, decidedBy: Identity},
		{name: "both sides allowing allows", principal: otherUser, identity: []string{allowGet}, resource: resourcePolicy(`{"AWS":"`+otherUser+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, resAcct: "111122223333", want: Allowed, decidedBy: ResourcePolicy},
		{name: "naming the other account trusts its identity policies", principal: otherUser, identity: []string{allowGet}, resource: resourcePolicy(`{"AWS":"arn:aws:iam::444455556666:root"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, resAcct: "111122223333", want: Allowed, decidedBy: ResourcePolicy},
		{name: "the boundary still limits across accounts", principal: otherUser, identity: []string{allowGet}, boundary: doc(`{"Effect":"Allow","Action":"ec2:*","Resource":"*"}`), resource: resourcePolicy(`{"AWS":"`+otherUser+`"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, resAcct: "111122223333", want: ImplicitDeny, decidedBy: PermissionsBoundary},
		{name: "the resource account comes from the ARN", principal: otherUser, identity: []string{doc(allowAll)}, action: "sqs:SendMessage", arn: "arn:aws:sqs:us-east-1:111122223333:q", want: ImplicitDeny, decidedBy: ResourcePolicy},
	})
}

func TestPrincipalMatching(t *testing.T) {
	// reference_policies_elements_principal.html
	trust := func(principal string) string {
		return doc(`{"Effect":"Allow","Principal":` + principal + `,"Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"]}`)
	}
	roleARN := "arn:aws:iam::111122223333:role/deployer"
	runDecisionCases(t, []decisionCase{
		{name: "a web identity provider assumes the role its trust policy names it in", principal: "accounts.google.com", resource: trust(`{"Federated":"accounts.google.com"}`), action: "sts:AssumeRoleWithWebIdentity", arn: roleARN, want: Allowed, decidedBy: ResourcePolicy},
		{name: "another provider does not", principal: "graph.facebook.com", resource: trust(`{"Federated":"accounts.google.com"}`), action: "sts:AssumeRoleWithWebIdentity", arn: roleARN, want: ImplicitDeny, decidedBy: ResourcePolicy},
		{name: "a service principal matches its Service entry case-insensitively", principal: "lambda.amazonaws.com", resource: trust(`{"Service":"Lambda.amazonaws.com"}`), action: "sts:AssumeRole", arn: roleARN, want: Allowed, decidedBy: ResourcePolicy},
		{name: "an account ID names the account's principals", principal: otherUser, identity: []string{doc(allowAll)}, resource: trust(`{"AWS":"444455556666"}`), action: "sts:AssumeRole", arn: roleARN, want: Allowed, decidedBy: ResourcePolicy},
		{name: "AWS * does not name a service", principal: "lambda.amazonaws.com", resource: trust(`{"AWS":"*"}`), action: "sts:AssumeRole", arn: roleARN, want: ImplicitDeny, decidedBy: ResourcePolicy},
		{name: "a Deny to AWS * against a service is unsettled, and read restrictively", principal: "lambda.amazonaws.com", resource: doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}`), action: "sts:AssumeRole", arn: roleARN, want: ExplicitDeny, decidedBy: ResourcePolicy, uncertain: true},
		{name: "a Deny to * against a service is settled", principal: "lambda.amazonaws.com", resource: doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":"*","Action":"sts:AssumeRole"}`), action: "sts:AssumeRole", arn: roleARN, want: ExplicitDeny, decidedBy: ResourcePolicy},
		{name: "a Deny to AWS * beside a settled Deny is settled", principal: "lambda.amazonaws.com", resource: doc(`{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}`, `{"Effect":"Deny","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`), action: "sts:AssumeRole", arn: roleARN, want: ExplicitDeny, decidedBy: ResourcePolicy},
		{name: "a Deny to AWS * against a web identity provider is unsettled", principal: "accounts.google.com", resource: doc(`{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRoleWithWebIdentity"}`), action: "sts:AssumeRoleWithWebIdentity", arn: roleARN, want: ExplicitDeny, decidedBy: ResourcePolicy, uncertain: true},
		{name: "* names a service", principal: "lambda.amazonaws.com", resource: trust(`"*"`), action: "sts:AssumeRole", arn: roleARN, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a federated user session is named by its ARN", principal: "arn:aws:sts::111122223333:federated-user/carol", resource: resourcePolicy(`{"AWS":"arn:aws:sts::111122223333:federated-user/carol"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: ResourcePolicy},
		{name: "a CanonicalUser names no IAM principal", resource: resourcePolicy(`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`, "Allow"), action: "s3:GetObject", arn: bucketObj, want: ImplicitDeny, decidedBy: Identity},
	})
}

func TestResourceMatching(t *testing.T) {
	cases := []struct {
		pattern, arn string
		want         bool
	}{
		{"*", "arn:aws:s3:::b", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::B/a", false}, // resources are case-sensitive
		{"arn:aws:s3:::b?", "arn:aws:s3:::bc", true},
		{"arn:aws:s3:::b?", "arn:aws:s3:::bcd", false},
		{"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"arn:aws:ec2:us-*:111122223333:instance/*", "arn:aws:ec2:eu-west-1:111122223333:instance/i-1", false},
		{"arn:aws:s3:*", "arn:aws:s3:::b/k", true}, // a trailing * of a short pattern runs over the colons
		{"arn:aws:s3:::b", "arn:aws:s3:::b/k", false},
		{"arn:aws:logs:*:*:log-group:g:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true},
		{"arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x", false},
		{"arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*", true},
	}
	for _, c := range cases {
		t.Run(c.pattern+" vs "+c.arn, func(t *testing.T) {
			p := compile(t, Identity, doc(fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":%q}`, c.pattern)))
			got := (&Set{Identity: []*Policy{p}}).Evaluate(&Request{Principal: principal(t, alice), Action: "s3:GetObject", Resource: c.arn}).Decision == Allowed
			if got != c.want {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}
}

func TestNotActionAndNotResource(t *testing.T) {
	// reference_policies_elements_notaction.html, reference_policies_elements_notresource.html
	runDecisionCases(t, []decisionCase{
		{name: "NotAction allows everything it does not list", identity: []string{doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)}, action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "NotAction does not allow what it lists", identity: []string{doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)}, action: "iam:CreateUser", arn: "*", want: ImplicitDeny, decidedBy: Identity},
		{name: "NotResource denies every other resource", identity: []string{doc(allowAll, `{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`)}, action: "s3:GetObject", arn: "arn:aws:s3:::other/k", want: ExplicitDeny, decidedBy: Identity},
		{name: "NotResource spares what it lists", identity: []string{doc(allowAll, `{"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::amzn-s3-demo-bucket/*"}`)}, action: "s3:GetObject", arn: bucketObj, want: Allowed, decidedBy: Identity},
		{name: "a Resource variable resolves per request", identity: []string{doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}`)}, action: "s3:PutObject", arn: "arn:aws:s3:::home/alice/f", want: Allowed, decidedBy: Identity},
		{name: "a Resource variable for another user does not match", identity: []string{doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}`)}, action: "s3:PutObject", arn: "arn:aws:s3:::home/bob/f", want: ImplicitDeny, decidedBy: Identity},
	})
}

func TestExplanation(t *testing.T) {
	id := compile(t, Identity, doc(`{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}`, `{"Sid":"Any","Effect":"Allow","Action":"s3:*","Resource":"*"}`))
	res := (&Set{Identity: []*Policy{id}}).Evaluate(&Request{Principal: principal(t, alice), Action: "s3:GetObject", Resource: bucketObj})
	if res.Decision != Allowed || len(res.Matched) != 1 {
		t.Fatalf("%+v", res)
	}
	m := res.Matched[0]
	if m.Kind != Identity || m.Statement != 1 || m.Sid != "Any" || m.Path != "Statement[1]" || m.Effect != "Allow" {
		t.Fatalf("matched %+v", m)
	}
	if fmt.Sprint(res.MissingKeys) != "[aws:SourceVpce]" {
		t.Fatalf("missing %v", res.MissingKeys)
	}
}
