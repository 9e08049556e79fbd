package evaluate

import (
	"fmt"
	"testing"
)

// conditionCase evaluates one Condition element against a context.
type conditionCase struct {
	name    string
	cond    string // the Condition object
	ctx     map[string][]string
	want    bool
	missing []string
}

func runConditionCases(t *testing.T, cases []conditionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := compile(t, Identity, doc(fmt.Sprintf(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":%s}`, c.cond)))
			set := &Set{Identity: []*Policy{p}}
			res := set.Evaluate(&Request{Principal: principal(t, alice), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: c.ctx})
			if got := res.Decision == Allowed; got != c.want {
				t.Fatalf("condition %s with context %v: holds = %v, want %v", c.cond, c.ctx, got, c.want)
			}
			if c.missing != nil && fmt.Sprint(res.MissingKeys) != fmt.Sprint(c.missing) {
				t.Fatalf("missing keys %v, want %v", res.MissingKeys, c.missing)
			}
		})
	}
}

func one(k, v string) map[string][]string { return map[string][]string{k: {v}} }

// Every case cites reference_policies_elements_condition_operators.html
// unless it names another page.
func TestConditionOperators(t *testing.T) {
	runConditionCases(t, []conditionCase{
		{"StringEquals is exact and case-sensitive", `{"StringEquals":{"aws:PrincipalTag/team":"Dev"}}`, one("aws:PrincipalTag/team", "dev"), false, nil},
		{"StringEquals matches its exact value", `{"StringEquals":{"aws:PrincipalTag/team":"Dev"}}`, one("aws:principaltag/TEAM", "Dev"), true, nil},
		{"StringEquals takes no wildcards", `{"StringEquals":{"k":"a*"}}`, one("k", "abc"), false, nil},
		{"condition key names are case-insensitive", `{"StringEquals":{"AWS:SourceVpc":"vpc-1"}}`, one("aws:sourcevpc", "vpc-1"), true, nil},
		{"values of one key are ORed", `{"StringEquals":{"k":["a","b"]}}`, one("k", "b"), true, nil},
		{"keys of one operator are ANDed", `{"StringEquals":{"k":"a","j":"b"}}`, map[string][]string{"k": {"a"}, "j": {"c"}}, false, nil},
		{"operators are ANDed", `{"StringEquals":{"k":"a"},"StringLike":{"j":"x*"}}`, map[string][]string{"k": {"a"}, "j": {"xy"}}, true, nil},
		{"StringNotEquals holds when the value matches none", `{"StringNotEquals":{"k":["a","b"]}}`, one("k", "c"), true, nil},
		{"StringNotEquals fails when the value matches one", `{"StringNotEquals":{"k":["a","b"]}}`, one("k", "b"), false, nil},
		{"StringEqualsIgnoreCase ignores case", `{"StringEqualsIgnoreCase":{"k":"ABC"}}`, one("k", "abc"), true, nil},
		{"StringNotEqualsIgnoreCase ignores case", `{"StringNotEqualsIgnoreCase":{"k":"ABC"}}`, one("k", "abc"), false, nil},
		{"StringLike star matches any run", `{"StringLike":{"k":"home/*/x"}}`, one("k", "home/a/b/x"), true, nil},
		{"StringLike question mark matches one character", `{"StringLike":{"k":"a?c"}}`, one("k", "abbc"), false, nil},
		{"StringLike is case-sensitive", `{"StringLike":{"k":"A*"}}`, one("k", "abc"), false, nil},
		{"StringNotLike holds for a non-matching value", `{"StringNotLike":{"k":"a*"}}`, one("k", "ba"), true, nil},
		{"a missing key fails a positive operator", `{"StringEquals":{"aws:SourceVpc":"vpc-1"}}`, nil, false, []string{"aws:SourceVpc"}},
		{"a missing key satisfies a negated operator", `{"StringNotLike":{"aws:SourceVpc":"vpc-*"}}`, nil, true, []string{"aws:SourceVpc"}},
		{"a missing key satisfies ArnNotLike", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:t"}}`, nil, true, nil},
		{"IfExists passes a missing key", `{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}`, nil, true, []string{"ec2:InstanceType"}},
		{"IfExists checks a present key", `{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}`, one("ec2:InstanceType", "m5.large"), false, nil},
		{"NumericLessThan compares numbers", `{"NumericLessThan":{"s3:max-keys":"10"}}`, one("s3:max-keys", "9"), true, nil},
		{"NumericLessThan is strict", `{"NumericLessThan":{"s3:max-keys":"10"}}`, one("s3:max-keys", "10"), false, nil},
		{"NumericLessThanEquals includes equality", `{"NumericLessThanEquals":{"s3:max-keys":10}}`, one("s3:max-keys", "10.0"), true, nil},
		{"NumericGreaterThan", `{"NumericGreaterThan":{"n":"1.5"}}`, one("n", "2"), true, nil},
		{"NumericGreaterThanEquals", `{"NumericGreaterThanEquals":{"n":"2"}}`, one("n", "1"), false, nil},
		{"NumericEquals", `{"NumericEquals":{"n":"2"}}`, one("n", "2.0"), true, nil},
		{"NumericNotEquals", `{"NumericNotEquals":{"n":"2"}}`, one("n", "3"), true, nil},
		{"a request value that is not a number matches no numeric operator", `{"NumericNotEquals":{"n":"2"}}`, one("n", "x"), false, nil},
		{"DateGreaterThan compares ISO 8601 times", `{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"}}`, one("aws:CurrentTime", "2021-01-01T00:00:00Z"), true, nil},
		{"DateLessThan accepts epoch seconds", `{"DateLessThan":{"aws:EpochTime":"1700000000"}}`, one("aws:EpochTime", "1600000000"), true, nil},
		{"DateLessThanEquals mixes forms", `{"DateLessThanEquals":{"aws:CurrentTime":"2020-09-13T12:26:40Z"}}`, one("aws:CurrentTime", "1600000000"), true, nil},
		{"DateEquals", `{"DateEquals":{"t":"2020-01-01"}}`, one("t", "2020-01-01T00:00:00Z"), true, nil},
		{"DateNotEquals", `{"DateNotEquals":{"t":"2020-01-01"}}`, one("t", "2020-01-02"), true, nil},
		{"DateGreaterThanEquals", `{"DateGreaterThanEquals":{"t":"2020-01-02"}}`, one("t", "2020-01-01"), false, nil},
		{"aws:CurrentTime is never assumed: a missing time fails DateLessThan", `{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}`, nil, false, []string{"aws:CurrentTime"}},
		{"Bool true", `{"Bool":{"aws:SecureTransport":"true"}}`, one("aws:SecureTransport", "true"), true, nil},
		{"Bool compares without case", `{"Bool":{"aws:SecureTransport":true}}`, one("aws:SecureTransport", "TRUE"), true, nil},
		{"Bool false", `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, one("aws:MultiFactorAuthPresent", "false"), false, nil},
		{"BoolIfExists passes a missing key", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, nil, true, nil},
		{"BinaryEquals compares decoded bytes", `{"BinaryEquals":{"key":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`, one("key", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="), true, nil},
		{"BinaryEquals differs", `{"BinaryEquals":{"key":"QmluYXJ5"}}`, one("key", "QmluYXJ6"), false, nil},
		{"IpAddress CIDR", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, one("aws:SourceIp", "203.0.113.7"), true, nil},
		{"IpAddress outside the block", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, one("aws:SourceIp", "203.0.114.7"), false, nil},
		{"IpAddress IPv6", `{"IpAddress":{"aws:SourceIp":"2001:db8::/32"}}`, one("aws:SourceIp", "2001:db8::1"), true, nil},
		{"IpAddress single address", `{"IpAddress":{"aws:SourceIp":"192.0.2.1"}}`, one("aws:SourceIp", "192.0.2.1"), true, nil},
		{"NotIpAddress", `{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]}}`, one("aws:SourceIp", "198.51.100.1"), true, nil},
		{"NotIpAddress inside a block", `{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24"]}}`, one("aws:SourceIp", "192.0.2.9"), false, nil},
		{"ArnLike per segment", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:t*"}}`, one("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic"), true, nil},
		{"ArnEquals takes wildcards per segment too", `{"ArnEquals":{"aws:SourceArn":"arn:aws:s3:::b*"}}`, one("aws:SourceArn", "arn:aws:s3:::bucket"), true, nil},
		{"ArnLike wildcard does not cross a segment", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-*:t"}}`, one("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:t"), false, nil},
		{"ArnLike is case-sensitive", `{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::B"}}`, one("aws:SourceArn", "arn:aws:s3:::b"), false, nil},
		{"ArnNotEquals", `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:s3:::a"}}`, one("aws:SourceArn", "arn:aws:s3:::b"), true, nil},
		{"a request value that is not an ARN matches no Arn operator", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:s3:::a"}}`, one("aws:SourceArn", "bucket"), false, nil},
		{"Null true holds for a missing key", `{"Null":{"aws:TokenIssueTime":"true"}}`, nil, true, nil},
		{"Null true fails for a present key", `{"Null":{"aws:TokenIssueTime":"true"}}`, one("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), false, nil},
		{"Null false holds for a present key", `{"Null":{"aws:TokenIssueTime":false}}`, one("aws:TokenIssueTime", "x"), true, nil},
	})
}

// reference_policies_condition-single-vs-multi-valued-context-keys.html
func TestSetOperators(t *testing.T) {
	tags := func(v ...string) map[string][]string { return map[string][]string{"aws:TagKeys": v} }
	runConditionCases(t, []conditionCase{
		{"ForAllValues holds when every request value matches", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tags("env"), true, nil},
		{"ForAllValues fails when one request value matches none", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, tags("env", "cost"), false, nil},
		{"ForAllValues holds for a missing key", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, nil, true, []string{"aws:TagKeys"}},
		{"ForAllValues holds for an empty set", `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, tags(), true, nil},
		{"ForAnyValue holds when one request value matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, tags("cost", "env"), true, nil},
		{"ForAnyValue fails when none matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, tags("cost"), false, nil},
		{"ForAnyValue fails for a missing key", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, nil, false, nil},
		{"ForAnyValue with IfExists passes a missing key", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env"]}}`, nil, true, nil},
		{"ForAllValues:StringNotEquals holds when no value is listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, tags("env", "team"), true, nil},
		{"ForAllValues:StringNotEquals fails when one is listed", `{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}`, tags("env", "secret"), false, nil},
		{"ForAnyValue:StringNotEquals holds when one value is unlisted", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, tags("env", "x"), true, nil},
		{"ForAnyValue:StringNotEquals fails for a missing key", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, nil, false, nil},
		{"ForAllValues:StringLike", `{"ForAllValues:StringLike":{"aws:TagKeys":["key*"]}}`, tags("key1", "key2"), true, nil},
		{"a multivalued key without a set operator: positive holds if any value matches", `{"StringEquals":{"aws:TagKeys":"env"}}`, tags("x", "env"), true, nil},
		{"a multivalued key without a set operator: negated holds if no value matches", `{"StringNotEquals":{"aws:TagKeys":"env"}}`, tags("x", "env"), false, nil},
	})
}

// reference_policies_variables.html
func TestPolicyVariables(t *testing.T) {
	runConditionCases(t, []conditionCase{
		{"a variable takes the request's value", `{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}`, one("aws:ResourceTag/owner", "alice"), true, nil},
		{"a variable of a principal tag", `{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}`, map[string][]string{"aws:ResourceTag/team": {"red"}, "aws:PrincipalTag/team": {"red"}}, true, nil},
		{"a variable with no value makes the condition fail", `{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}`, one("aws:ResourceTag/team", "red"), false, []string{"aws:PrincipalTag/team"}},
		{"a variable with no value fails a negated operator too", `{"StringNotEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}`, one("aws:ResourceTag/team", "red"), false, nil},
		{"a default stands in for a missing key", `{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team, 'none'}"}}`, one("aws:ResourceTag/team", "none"), true, nil},
		{"a default's doubled quote is one quote", `{"StringEquals":{"k":"${aws:PrincipalTag/x, 'it''s'}"}}`, one("k", "it's"), true, nil},
		{"${*} is a literal star in StringLike", `{"StringLike":{"k":"a${*}"}}`, one("k", "ab"), false, nil},
		{"${*} matches a star", `{"StringLike":{"k":"a${*}"}}`, one("k", "a*"), true, nil},
		{"${?} is a literal question mark", `{"StringLike":{"k":"a${?}"}}`, one("k", "a?"), true, nil},
		{"${$} is a dollar", `{"StringEquals":{"k":"${$}{x}"}}`, one("k", "${x}"), true, nil},
		{"a substituted value is literal, not a pattern", `{"StringLike":{"k":"${aws:PrincipalTag/p}"}}`, map[string][]string{"k": {"abc"}, "aws:PrincipalTag/p": {"a*"}}, false, nil},
		{"a multivalued key is no variable", `{"StringEquals":{"k":"${aws:TagKeys}"}}`, map[string][]string{"k": {"a"}, "aws:TagKeys": {"a", "b"}}, false, nil},
		{"aws:username is derived for an IAM user", `{"StringEquals":{"k":"${aws:username}"}}`, one("k", "alice"), true, nil},
		{"variables work in ArnLike", `{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:user/${aws:username}"}}`, one("aws:SourceArn", "arn:aws:iam::111122223333:user/alice"), true, nil},
	})
}

func TestVersion2008HasNoVariables(t *testing.T) {
	// reference_policies_variables.html: variables need Version 2012-10-17.
	p := compile(t, Identity, `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}"}]}`)
	set := &Set{Identity: []*Policy{p}}
	for res, want := range map[string]Decision{"arn:aws:s3:::b/alice": ImplicitDeny, "arn:aws:s3:::b/${aws:username}": Allowed} {
		if got := set.Evaluate(&Request{Principal: principal(t, alice), Action: "s3:GetObject", Resource: res}).Decision; got != want {
			t.Errorf("%s: %v, want %v", res, got, want)
		}
	}
}

// A request value its key's type cannot hold is one no condition can read
// (reference_policies_elements_condition_operators.html), so the simulation
// refuses it rather than let every comparison fail unnoticed.
func TestCheckContextValue(t *testing.T) {
	cases := []struct {
		name, typ, value string
		ok               bool
	}{
		{"an IPv4 address is an IPAddress", "IPAddress", "10.0.0.1", true},
		{"an IPv6 address is an IPAddress", "IPAddress", "2001:db8::1", true},
		{"a CIDR block is no request address", "IPAddress", "10.0.0.0/8", false},
		{"a word is no IPAddress", "IPAddress", "not-an-ip", false},
		{"ISO 8601 is a Date", "Date", "2026-01-31T12:00:00Z", true},
		{"epoch seconds are a Date", "Date", "1767225600", true},
		{"a word is no Date", "Date", "yesterday", false},
		{"a decimal is Numeric", "Numeric", "3600.5", true},
		{"a word is not Numeric", "Numeric", "an hour", false},
		{"true in any case is a Bool", "Bool", "TRUE", true},
		{"yes is no Bool", "Bool", "yes", false},
		{"an ARN is an ARN", "ARN", "arn:aws:iam::111122223333:role/app", true},
		{"a name is no ARN", "ARN", "app", false},
		{"every element of an array is checked as its type", "ArrayOfARN", "app", false},
		{"any text is a String", "String", "not-an-ip", true},
		{"an unknown type is not checked", "Geometry", "anything", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := CheckContextValue(c.typ, c.value); (err == nil) != c.ok {
				t.Fatalf("CheckContextValue(%s, %q) = %v, want ok %v", c.typ, c.value, err, c.ok)
			}
		})
	}
}
