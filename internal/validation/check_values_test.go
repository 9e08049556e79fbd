package validation

import (
	"strings"
	"testing"
)

func TestValuePredicates(t *testing.T) {
	for _, c := range []struct {
		name  string
		valid func(string) bool
		good  []string
		bad   []string
	}{
		{"number", isNumber, []string{"0", "10", "-3", "+7", "1.5", "0.25"},
			[]string{"", "-", "1.", ".5", "1e3", "0x10", "NaN", "Inf", "1,000", " 1", "1_000"}},
		{"date", isDate, []string{"2026", "2026-01", "2026-01-31", "2026-01-31T12:00Z", "2026-01-31T12:00", "2026-01-31T12:00:00Z",
			"2026-01-31T12:00:00.123+01:00", "2026-01-31T12:00:00", "1798761599"},
			[]string{"", "yesterday", "2026-13-01", "2026-01-32", "31/01/2026", "2026-01-31 12:00:00", "2026-01-31T25:00:00Z", "-1"}},
		{"bool", isBool, []string{"true", "false", "TRUE", "False"}, []string{"", "1", "yes", "t", "true "}},
		{"ip", isIPRange, []string{"203.0.113.0/24", "203.0.113.7", "2001:db8::/32", "2001:DB8::1", "0.0.0.0/0"},
			[]string{"", "203.0.113.0/33", "203.0.113", "203.0.113.0/24/1", "fe80::1%eth0", "*", "10.0.0.0/8 "}},
		{"arn", isARNValue, []string{"*", "arn:aws:iam::123456789012:role/x", "arn:aws:sns:*:*:*", "ARN:aws:s3:::b"},
			[]string{"", "arn:aws:iam", "my-topic", "arn:*", "123456789012"}},
		{"base64", isBase64, []string{"", "QmluYXJ5", "QQ=="}, []string{"QQ", "not base64!"}},
		{"region", looksLikeRegion, []string{"us-east-1", "us-gov-west-1", "cn-north-1", "us-isob-east-1", "eusc-de-east-1", "ap-southeast-5"},
			[]string{"", "us-east", "US-EAST-1", "useast1", "us--1", "u-east-1", "us-east-1a", "global"}},
	} {
		for _, v := range c.good {
			if !c.valid(v) {
				t.Errorf("%s: %q refused", c.name, v)
			}
		}
		for _, v := range c.bad {
			if c.valid(v) {
				t.Errorf("%s: %q accepted", c.name, v)
			}
		}
	}
}

// The messages of the new checks name the offending value and say what
// would be valid.
func TestValueCheckMessages(t *testing.T) {
	for _, c := range []struct {
		policy string
		opts   Options
		code   Code
		want   []string
	}{
		{pol(`{"Sid":"read-objects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), Options{}, InvalidSid,
			[]string{`Sid "read-objects" has the character "-"`, "an identity policy"}},
		{pol(`{"Sid":"Lesenä","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), Options{PolicyType: Boundary}, InvalidSid,
			[]string{`the character "ä"`, "a permissions boundary"}},
		{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"next tuesday"}}}`), Options{}, InvalidConditionValue,
			[]string{`"next tuesday" is not a value DateLessThan can compare`, "ISO 8601"}},
		{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:SourceIp":"2026-01-01"}}}`), Options{}, ConditionTypeMismatch,
			[]string{"DateGreaterThan compares dates", `"aws:SourceIp" holds values of type IPAddress`}},
		{pol(allow(`"iam:GetRole"`, `"arn:aws:iam::12345:role/a"`)), Options{}, InvalidARNAccount,
			[]string{`"arn:aws:iam::12345:role/a" has account "12345"`, "12 digits"}},
		{pol(allow(`"sqs:SendMessage"`, `"arn:aws:sqs:us-east:123456789012:q"`)), Options{}, InvalidARNRegion,
			[]string{`has region "us-east"`}},
		{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`), Options{}, SetOperatorOnSingleValued,
			[]string{`ForAllValues is for multivalued keys, but "aws:RequestedRegion" has a single value; write "StringEquals"`}},
		{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"team"}}}`), Options{}, MissingSetOperator,
			[]string{`"aws:TagKeys" is a multivalued key; write "ForAnyValue:StringEquals"`}},
	} {
		rep := validate(t, c.policy, c.opts)
		var msgs []string
		for _, f := range rep.Findings {
			if f.Code == c.code {
				msgs = append(msgs, f.Message)
			}
		}
		if len(msgs) != 1 {
			t.Errorf("%s: %d findings, want 1:\n%s", c.code, len(msgs), listFindings(rep.Findings))
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(msgs[0], w) {
				t.Errorf("%s: message %q lacks %q", c.code, msgs[0], w)
			}
		}
	}
}
