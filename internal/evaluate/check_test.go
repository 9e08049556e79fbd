package evaluate

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCheckNoNewAccess(t *testing.T) {
	s3Read := `{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::logs/*"}`
	cases := []struct {
		name          string
		kind          Kind
		newer, oldest string
		pass          bool
	}{
		{"the same policy grants nothing new", Identity, doc(s3Read), doc(s3Read), true},
		{"a narrower action is contained", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}`), doc(s3Read), true},
		{"action case does not matter", Identity, doc(`{"Effect":"Allow","Action":"S3:getobject","Resource":"arn:aws:s3:::logs/*"}`), doc(s3Read), true},
		{"a broader action is new", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::logs/*"}`), doc(s3Read), false},
		{"a narrower resource is contained", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/2026/*"}`), doc(s3Read), true},
		{"resources are case-sensitive", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::LOGS/x"}`), doc(s3Read), false},
		{"another resource is new", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::secrets/*"}`), doc(s3Read), false},
		{"pairs may be covered by different statements", Identity,
			doc(`{"Effect":"Allow","Action":["s3:GetObject","ec2:DescribeInstances"],"Resource":"*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}`), true},
		{"an added condition only narrows", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`), doc(s3Read), true},
		{"a dropped condition is new access", Identity, doc(s3Read), doc(`{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::logs/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`), false},
		{"fewer accepted values are stricter", Identity,
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1"]}}}`),
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}}`), true},
		{"more accepted values are new access", Identity,
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-3"]}}}`),
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}}`), false},
		{"IfExists is weaker than the plain operator", Identity,
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}}`),
			doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1"}}}`), false},
		{"a removed Deny is new access", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`), false},
		{"a kept Deny is fine", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Sid":"Renamed","Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}`), true},
		{"a removed Deny elsewhere does not matter", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`, `{"Effect":"Deny","Action":"ec2:*","Resource":"*"}`), true},
		{"NotAction is covered only by a broader NotAction", Identity, doc(`{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}`),
			doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), true},
		{"NotAction that leaves out less is new access", Identity, doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`),
			doc(`{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}`), false},
		{"an action outside an existing NotAction is covered", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`),
			doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), true},
		{"a variable resource is covered by itself", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}`), true},
		{"a variable resource is widened to any value", Identity, doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}`),
			doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/alice/*"}`), false},
		{"a resource policy naming one role is covered by its account", ResourcePolicy,
			doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/r"},"Action":"s3:GetObject","Resource":"*"}`),
			doc(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"*"}`), true},
		{"a resource policy opened to everyone is new access", ResourcePolicy,
			doc(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}`),
			doc(`{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"s3:GetObject","Resource":"*"}`), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckNoNewAccess(compile(t, c.kind, c.newer), compile(t, c.kind, c.oldest))
			if got.Pass != c.pass || got.Pass == (len(got.Reasons) > 0) || got.Message == "" {
				t.Fatalf("pass = %v, want %v: %+v", got.Pass, c.pass, got)
			}
		})
	}
}

func TestCheckAccessNotGranted(t *testing.T) {
	cases := []struct {
		name   string
		policy string
		access Access
		pass   bool
	}{
		{"an Allow of the action fails", doc(`{"Effect":"Allow","Action":"iam:*","Resource":"*"}`), Access{Actions: []string{"iam:CreateUser"}}, false},
		{"an Allow of other actions passes", doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), Access{Actions: []string{"iam:CreateUser"}}, true},
		{"a conditional Allow may grant", doc(`{"Effect":"Allow","Action":"iam:CreateUser","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}`), Access{Actions: []string{"iam:CreateUser"}}, false},
		{"an unconditional Deny takes it away", doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:Create*","Resource":"*"}`), Access{Actions: []string{"iam:CreateUser"}}, true},
		{"a conditional Deny does not", doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}`), Access{Actions: []string{"iam:CreateUser"}}, false},
		{"a resource-scoped Deny does not cover every resource", doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, `{"Effect":"Deny","Action":"iam:*","Resource":"arn:aws:iam::*:user/admin*"}`), Access{Actions: []string{"iam:CreateUser"}}, false},
		{"another resource passes", doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::public/*"}`), Access{Resources: []string{"arn:aws:s3:::private/*"}}, true},
		{"the resource fails", doc(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::p*"}`), Access{Resources: []string{"arn:aws:s3:::private/x"}}, false},
		{"NotAction may grant what it does not list", doc(`{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}`), Access{Actions: []string{"iam:PassRole"}}, false},
		{"NotAction does not grant what it lists", doc(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), Access{Actions: []string{"iam:PassRole"}}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CheckAccessNotGranted(compile(t, Identity, c.policy), []Access{c.access})
			if got.Pass != c.pass {
				t.Fatalf("pass = %v, want %v: %+v", got.Pass, c.pass, got)
			}
		})
	}
}

func TestCheckNoPublicAccess(t *testing.T) {
	read := `"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"`
	cases := []struct {
		name, policy string
		pass         bool
	}{
		{"an Allow to everyone is public", doc(`{"Effect":"Allow","Principal":"*",` + read + `}`), false},
		{"an Allow to every AWS principal is public", doc(`{"Effect":"Allow","Principal":{"AWS":"*"},` + read + `}`), false},
		{"an Allow to an account is not", doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},` + read + `}`), true},
		{"an Allow to a service is not", doc(`{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},` + read + `}`), true},
		{"NotPrincipal with Allow is public", doc(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},` + read + `}`), false},
		{"pinned to an organization", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		{"pinned to an account", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}`), true},
		{"pinned to a source ARN with an account", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}}}`), true},
		{"pinned to a VPC endpoint", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b"}}}`), true},
		{"a wildcard organization pins nothing", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"StringLike":{"aws:PrincipalOrgID":"o-*"}}}`), false},
		{"IfExists pins nothing", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc123"}}}`), false},
		{"a source IP pins no account", doc(`{"Effect":"Allow","Principal":"*",` + read + `,"Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`), false},
		{"a secure-transport Deny leaves it public", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`), false},
		{"a Deny outside the organization pins it", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		// The standard guard (AWS's data-perimeter bucket policies): a Deny to everyone outside the organization,
		// account or source, which must cover every action and resource the public Allow grants.
		{"a guard scoped to the same action pins it", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*",`+read+`,"Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		{"a guard on s3:* and every resource pins it", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceAccount":"111122223333"}}}`), true},
		{"a guard on every action of the bucket's own ARNs pins it", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}`), true},
		{"a guard to AWS * pins an Allow to AWS *", doc(`{"Effect":"Allow","Principal":{"AWS":"*"},`+read+`}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		{"a guard to * pins an Allow to AWS *", doc(`{"Effect":"Allow","Principal":{"AWS":"*"},`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		{"a guard of every S3 action pins an Allow of every action on a bucket", doc(`{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:s3:::b/*"}`, `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), true},
		{"a guard of another action leaves it public", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), false},
		{"a guard of another bucket leaves it public", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"arn:aws:s3:::other/*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), false},
		{"a guard to AWS * leaves an Allow to * public to anonymous callers", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`), false},
		{"a guard with a second condition denies less and leaves it public", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"},"Bool":{"aws:SecureTransport":"false"}}}`), false},
		{"a guard with a wildcard organization pins nothing", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*","Condition":{"StringNotLike":{"aws:PrincipalOrgID":"o-*"}}}`), false},
		{"a trust of a web identity provider without an audience is public", doc(`{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"s3:GetObject","Resource":"*"}`), false},
		{"a trust of a web identity provider pinned to an audience is not", doc(`{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"accounts.google.com:aud":"app-123"}}}`), true},
		{"another service's actions are not this resource's", doc(`{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}`), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := CheckNoPublicAccess(compile(t, ResourcePolicy, c.policy), "AWS::S3::Bucket")
			if err != nil || got.Pass != c.pass {
				t.Fatalf("pass = %v, want %v: %+v %v", got.Pass, c.pass, got, err)
			}
		})
	}
	reasons := []struct{ name, policy, want string }{
		{"no guard", doc(`{"Effect":"Allow","Principal":"*",` + read + `}`),
			`the statement allows "s3:GetObject" to anyone: no condition limits it to an account, organization, source or VPC endpoint, and no Deny to everyone outside one (such as StringNotEquals on aws:PrincipalOrgID) covers it`},
		{"a guard of another action", doc(`{"Effect":"Allow","Principal":"*","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}`, `{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`),
			`the statement allows "s3:GetObject", "s3:PutObject" to anyone, and no Deny to everyone outside an account, organization, source or VPC endpoint covers it: the Deny at Statement[1] does not cover "s3:PutObject"`},
		{"a guard of another resource", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":"*","Action":"*","Resource":"arn:aws:s3:::b","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`),
			`the statement allows "s3:GetObject" to anyone, and no Deny to everyone outside an account, organization, source or VPC endpoint covers it: the Deny at Statement[1] does not cover resource "arn:aws:s3:::b/*"`},
		{"a guard to AWS *", doc(`{"Effect":"Allow","Principal":"*",`+read+`}`, `{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc123"}}}`),
			`the statement allows "s3:GetObject" to anyone, and no Deny to everyone outside an account, organization, source or VPC endpoint covers it: the Deny at Statement[1] names {"AWS": "*"}, which is not documented to include the anonymous callers that "*" (or NotPrincipal) lets in`},
	}
	for _, c := range reasons {
		t.Run("reason: "+c.name, func(t *testing.T) {
			got, err := CheckNoPublicAccess(compile(t, ResourcePolicy, c.policy), "AWS::S3::Bucket")
			if err != nil || got.Pass || len(got.Reasons) != 1 || got.Reasons[0].Description != c.want {
				t.Fatalf("got %+v %v\nwant the reason %s", got, err, c.want)
			}
		})
	}
	if _, err := CheckNoPublicAccess(compile(t, ResourcePolicy, doc(`{"Effect":"Allow","Principal":"*",`+read+`}`)), "AWS::S3::Bukket"); err == nil || !strings.Contains(err.Error(), "AWS::S3::Bucket") {
		t.Fatalf("unknown type: %v", err)
	}
}

// The sampling below generates random policies from a vocabulary small
// enough that the request grid reaches every distinction the policies can
// make, and checks that no check passes when the simulation finds the
// access it claims is absent.
var (
	sampleActions   = []string{"s3:GetObject", "s3:PutObject", "s3:GetBucketPolicy", "ec2:RunInstances", "iam:CreateUser"}
	sampleResources = []string{"arn:aws:s3:::a/x", "arn:aws:s3:::a/y", "arn:aws:s3:::b/x", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}
	sampleContexts  = []map[string][]string{
		nil, {"aws:SourceVpce": {"vpce-1"}}, {"aws:SourceVpce": {"vpce-2"}}, {"aws:SecureTransport": {"true"}},
		{"aws:SourceVpce": {"vpce-1"}, "aws:SecureTransport": {"true"}}, {"aws:PrincipalOrgID": {"o-1"}},
	}
	patternPool   = []string{"s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*", "ec2:*", "*", "iam:Create*", "s3:?etObject"}
	resourcePool  = []string{"arn:aws:s3:::a/*", "arn:aws:s3:::a/x", "arn:aws:s3:::b/*", "*", "arn:aws:s3:::*", "arn:aws:ec2:*:*:instance/*", "arn:aws:s3:::?/x"}
	conditionPool = []string{"", `{"StringEquals":{"aws:SourceVpce":"vpce-1"}}`, `{"StringEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]}}`,
		`{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}`, `{"Bool":{"aws:SecureTransport":"true"}}`, `{"StringNotEquals":{"aws:SourceVpce":"vpce-2"}}`,
		`{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}`, `{"Null":{"aws:SourceVpce":"false"}}`}
	principalPool = []string{`"*"`, `{"AWS":"*"}`, `{"AWS":"111122223333"}`, `{"AWS":"arn:aws:iam::999988887777:root"}`, `{"AWS":"arn:aws:iam::111122223333:user/alice"}`}
)

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func randomStatement(r *rand.Rand, resourcePolicy bool) string {
	effect := "Allow"
	if r.IntN(4) == 0 {
		effect = "Deny"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"Effect":%q`, effect)
	if resourcePolicy {
		key := "Principal"
		if r.IntN(8) == 0 {
			key = "NotPrincipal"
		}
		fmt.Fprintf(&b, `,%q:%s`, key, pick(r, principalPool))
	}
	actKey, resKey := "Action", "Resource"
	if r.IntN(6) == 0 {
		actKey = "NotAction"
	}
	if r.IntN(6) == 0 {
		resKey = "NotResource"
	}
	fmt.Fprintf(&b, `,%q:[%q,%q],%q:[%q]`, actKey, pick(r, patternPool), pick(r, patternPool), resKey, pick(r, resourcePool))
	if c := pick(r, conditionPool); c != "" {
		b.WriteString(`,"Condition":` + c)
	}
	b.WriteString("}")
	return b.String()
}

func randomPolicy(r *rand.Rand, resourcePolicy bool) string {
	n := 1 + r.IntN(3)
	sts := make([]string, n)
	for i := range sts {
		sts[i] = randomStatement(r, resourcePolicy)
	}
	return doc(sts...)
}

func forEachRequest(do func(action, resource string, ctx map[string][]string) bool) {
	for _, a := range sampleActions {
		for _, res := range sampleResources {
			for _, ctx := range sampleContexts {
				if !do(a, res, ctx) {
					return
				}
			}
		}
	}
}

func TestNoNewAccessIsSoundBySampling(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pr := principal(t, alice)
	passes := 0
	for range 3000 {
		newSrc, oldSrc := randomPolicy(r, false), randomPolicy(r, false)
		if r.IntN(3) == 0 {
			oldSrc = newSrc // equal policies must pass: the check is not just "always FAIL"
		}
		newer, older := compile(t, Identity, newSrc), compile(t, Identity, oldSrc)
		check := CheckNoNewAccess(newer, older)
		if !check.Pass {
			continue
		}
		passes++
		newSet, oldSet := &Set{Identity: []*Policy{newer}}, &Set{Identity: []*Policy{older}}
		forEachRequest(func(a, res string, ctx map[string][]string) bool {
			req := &Request{Principal: pr, Action: a, Resource: res, Context: ctx}
			if newSet.Evaluate(req).Decision == Allowed && oldSet.Evaluate(req).Decision != Allowed {
				t.Fatalf("no_new_access passed, but %s on %s with %v is new access:\nnew %s\nold %s", a, res, ctx, newSrc, oldSrc)
				return false
			}
			return true
		})
	}
	if passes < 1000 {
		t.Fatalf("only %d of 3000 pairs passed: the sample says little", passes)
	}
}

func TestAccessNotGrantedIsSoundBySampling(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	pr := principal(t, alice)
	passes := 0
	for range 3000 {
		src := randomPolicy(r, false)
		p := compile(t, Identity, src)
		acc := Access{Actions: []string{pick(r, sampleActions)}}
		if r.IntN(2) == 0 {
			acc.Resources = []string{pick(r, sampleResources)}
		}
		if !CheckAccessNotGranted(p, []Access{acc}).Pass {
			continue
		}
		passes++
		set := &Set{Identity: []*Policy{p}}
		resources := acc.Resources
		if resources == nil {
			resources = sampleResources
		}
		for _, res := range resources {
			for _, ctx := range sampleContexts {
				if set.Evaluate(&Request{Principal: pr, Action: acc.Actions[0], Resource: res, Context: ctx}).Decision == Allowed {
					t.Fatalf("access_not_granted passed, but %s on %s with %v is allowed by %s", acc.Actions[0], res, ctx, src)
				}
			}
		}
	}
	if passes < 500 {
		t.Fatalf("only %d passes", passes)
	}
}

func TestNoPublicAccessIsSoundBySampling(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	outsider := principal(t, "arn:aws:iam::444455556666:user/outsider")
	anyIdentity := compile(t, Identity, doc(allowAll))
	passes := 0
	for range 3000 {
		src := randomPolicy(r, true)
		p := compile(t, ResourcePolicy, src)
		check, err := CheckNoPublicAccess(p, "AWS::S3::Bucket")
		if err != nil {
			t.Fatal(err)
		}
		if !check.Pass {
			continue
		}
		passes++
		// An outsider whose context pins nothing must be refused.
		set := &Set{Identity: []*Policy{anyIdentity}, Resource: p}
		for _, a := range sampleActions[:3] {
			for _, res := range sampleResources[:3] {
				for _, ctx := range []map[string][]string{nil, {"aws:SecureTransport": {"true"}}, {"aws:PrincipalOrgID": {"o-other"}}, {"aws:SourceVpce": {"vpce-other"}}} {
					req := &Request{Principal: outsider, Action: a, Resource: res, ResourceAccount: "111122223333", Context: ctx}
					if set.Evaluate(req).Decision == Allowed {
						t.Fatalf("no_public_access passed, but the outsider may %s on %s with %v under %s", a, res, ctx, src)
					}
				}
			}
		}
	}
	if passes < 300 {
		t.Fatalf("only %d passes", passes)
	}
}

// Two documents of 1,000 statements share no pattern: proving coverage
// would compare every statement with every other, so the check stops at
// its budget and fails, as it must when it cannot prove no new access.
// A document checked against itself passes through the exact-match index.
func TestNoNewAccessStaysWithinItsBudget(t *testing.T) {
	doc := func(verb string) string {
		statements := make([]string, 1000)
		for i := range statements {
			actions := make([]string, 30)
			for j := range actions {
				actions[j] = fmt.Sprintf(`"s3:%s%dObject%d"`, verb, i, j)
			}
			statements[i] = `{"Effect":"Allow","Action":[` + strings.Join(actions, ",") + `],"Resource":"*"}`
		}
		return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
	}
	newPolicy, existing := compile(t, Identity, doc("Get")), compile(t, Identity, doc("Put"))
	res := CheckNoNewAccess(newPolicy, existing)
	if res.Pass || len(res.Reasons) == 0 || !strings.Contains(res.Reasons[len(res.Reasons)-1].Description, "pattern comparisons") {
		t.Fatalf("pass %v, reasons %+v", res.Pass, res.Reasons)
	}
	if self := CheckNoNewAccess(newPolicy, newPolicy); !self.Pass {
		t.Errorf("a document does not cover itself: %+v", self.Reasons)
	}
}
