package evaluate

import (
	"strings"
	"testing"
)

// Bad policies are refused with the path of the offending element.
func TestCompileRefusesWithPaths(t *testing.T) {
	cases := []struct {
		name       string
		kind       Kind
		src        string
		path, text string
	}{
		{"an unknown operator", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"k":"v"}}}`), "Statement[0].Condition.StringEqual", "not one IAM knows"},
		{"an operator in the wrong case", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"stringEquals":{"k":"v"}}}`), "Statement[0].Condition.stringEquals", `did you mean "StringEquals"`},
		{"Null with IfExists", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}`), "Statement[0].Condition.NullIfExists", "Null takes no IfExists"},
		{"a number that is not one", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"k":["1","ten"]}}}`), "Statement[0].Condition.NumericLessThan.k[1]", `"ten" is not a number`},
		{"a date that is not one", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}`), "Statement[0].Condition.DateLessThan.aws:CurrentTime", "not a date"},
		{"a CIDR that is not one", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}`), "Statement[0].Condition.IpAddress.aws:SourceIp", "not a CIDR block"},
		{"a Bool that is not one", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"k":"yes"}}}`), "Statement[0].Condition.Bool.k", "not a boolean"},
		{"binary that is not base64", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"BinaryEquals":{"k":"!!"}}}`), "Statement[0].Condition.BinaryEquals.k", "not base64"},
		{"an unclosed variable", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username"}`), "Statement[0].Resource", "no closing brace"},
		{"a default without quotes", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username, x}"}`), "Statement[0].Resource", "single quotes"},
		{"a variable nested in another names no key", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${${aws:username}}"}`), "Statement[0].Resource", "nests a policy variable in another"},
		{"a nested variable in a condition value", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"${${aws:username}}"}}}`), "Statement[0].Condition.StringEquals.aws:PrincipalTag/team", "nests a policy variable in another"},
		{"an empty variable", Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${}"}`), "Statement[0].Resource", "names no context key"},
		{"a Principal in an identity policy", Identity, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`), "Statement[0].Principal", "Principal in an identity policy: an identity policy has no Principal"},
		{"a Principal in an SCP", ServiceControlPolicy, doc(`{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}`), "Statement[0].Principal", "a service control policy has no Principal"},
		{"a resource policy without Principal", ResourcePolicy, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`), "Statement[0]", "needs Principal"},
		{"a partial wildcard principal", ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/*"},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal.AWS", "wildcard"},
		{"an unknown principal type", ResourcePolicy, doc(`{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal.Aws", "Unknown principal type"},
		{"an identity statement without Resource", Identity, doc(`{"Effect":"Allow","Action":"s3:*"}`), "Statement[0]", "no Resource"},
		{"a parse error", Identity, `{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`, "Statement[0].Effect", "case-sensitive"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, diags := CompileJSON(c.src, Source{Kind: c.kind})
			if p != nil || !diags.HasError() {
				t.Fatalf("compiled %v with %v", p, diags)
			}
			for _, d := range diags {
				if d.Path == c.path && strings.Contains(d.Summary+": "+d.Detail, c.text) {
					return
				}
			}
			t.Fatalf("no error at %s saying %q in %v", c.path, c.text, diags)
		})
	}
}

func TestHugeConditionSetsAreRefused(t *testing.T) {
	vals := make([]string, maxConditionValues+1)
	for i := range vals {
		vals[i] = `"v"`
	}
	src := doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"k":[` + strings.Join(vals, ",") + `]}}}`)
	if p, diags := CompileJSON(src, Source{Kind: Identity}); p != nil || !strings.Contains(diags[len(diags)-1].Detail, "more than 10000 values") {
		t.Fatalf("%v", diags)
	}
}

func TestThousandStatementDocumentsEvaluate(t *testing.T) {
	sts := make([]string, 1000)
	for i := range sts {
		sts[i] = `{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b` + strings.Repeat("x", i%7) + `/*"}`
	}
	p := compile(t, Identity, doc(sts...))
	res := (&Set{Identity: []*Policy{p}}).Evaluate(&Request{Principal: principal(t, alice), Action: "s3:GetObject", Resource: "arn:aws:s3:::bxx/k"})
	if res.Decision != Allowed || len(res.Matched) == 0 {
		t.Fatalf("%+v", res.Decision)
	}
}

func TestParsePrincipal(t *testing.T) {
	good := map[string]PrincipalType{
		"arn:aws:iam::111122223333:root":                  Root,
		"arn:aws:iam::111122223333:user/a/b/alice":        User,
		"arn:aws:iam::111122223333:role/app":              Role,
		"arn:aws:sts::111122223333:assumed-role/app/s":    AssumedRole,
		"arn:aws:sts::111122223333:federated-user/bob":    FederatedUser,
		"arn:aws:iam::111122223333:saml-provider/corp":    WebIdentity,
		"lambda.amazonaws.com":                            Service,
		"cognito-identity.amazonaws.com":                  WebIdentity,
		"arn:aws-cn:iam::111122223333:user/x":             User,
		"arn:aws:iam::111122223333:oidc-provider/a.b/c/d": WebIdentity,
	}
	for s, want := range good {
		if p, err := ParsePrincipal(s); err != nil || p.Type != want {
			t.Errorf("%s: %v %v, want %v", s, p.Type, err, want)
		}
	}
	for _, s := range []string{"", "alice", "arn:aws:iam::1234:user/x", "arn:aws:s3:::bucket", "arn:aws:iam::111122223333:user/*",
		"arn:aws:sts::111122223333:assumed-role/app", "arn::iam::111122223333:root", "arn:aws:iam::111122223333:group/g"} {
		if _, err := ParsePrincipal(s); err == nil {
			t.Errorf("%q parsed", s)
		}
	}
}

func TestDerivedContextKeys(t *testing.T) {
	cases := map[string]map[string]string{
		alice:                            {"aws:username": "alice", "aws:principaltype": "User", "aws:principalarn": alice, "aws:principalaccount": "111122223333"},
		roleSession:                      {"aws:principaltype": "AssumedRole", "aws:principalarn": role},
		"arn:aws:iam::111122223333:root": {"aws:principaltype": "Account", "aws:userid": "111122223333"},
		"arn:aws:sts::111122223333:federated-user/bob": {"aws:principaltype": "FederatedUser", "aws:userid": "111122223333:bob"},
		"ec2.amazonaws.com":                            {"aws:principalisawsservice": "true", "aws:principalservicename": "ec2.amazonaws.com"},
	}
	for arn, want := range cases {
		p := principal(t, arn)
		got := p.derivedKeys()
		for k, v := range want {
			if len(got[k]) != 1 || got[k][0] != v {
				t.Errorf("%s: %s = %v, want %s", arn, k, got[k], v)
			}
		}
	}
	session := principal(t, roleSession)
	if _, ok := session.derivedKeys()["aws:username"]; ok {
		t.Error("a role session has no aws:username")
	}
}

func TestGivenContextOverridesDerivedKeys(t *testing.T) {
	p := compile(t, Identity, doc(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/app"}}}`))
	res := (&Set{Identity: []*Policy{p}}).Evaluate(&Request{Principal: principal(t, roleSession), Action: "s3:GetObject", Resource: "*",
		Context: map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/team/app"}}})
	if res.Decision != Allowed {
		t.Fatal(res.Decision)
	}
}
