package evaluate

import (
	"encoding/json"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/fuzzlimit"
)

// FuzzCondition checks that no operator, key, policy value or request
// value makes compiling or evaluating a condition panic or stall, that a
// rejected condition says where and why, that ...IfExists passes a missing
// key, and that for the string operators, which read any value, a negated
// operator holds exactly when its positive counterpart does not.
func FuzzCondition(f *testing.F) {
	for _, s := range [][4]string{
		{"StringEquals", "aws:PrincipalTag/team", "dev", "dev"},
		{"ForAllValues:StringLike", "aws:TagKeys", "a*", "abc"},
		{"ForAnyValue:StringNotEqualsIfExists", "k", "${aws:username, 'x'}", "x"},
		{"NumericLessThan", "s3:max-keys", "10", "9.5"},
		{"DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:00Z", "1600000000"},
		{"IpAddress", "aws:SourceIp", "10.0.0.0/8", "10.1.2.3"},
		{"ArnLike", "aws:SourceArn", "arn:aws:s3:::b/${*}?", "arn:aws:s3:::b/*x"},
		{"BinaryEquals", "k", "QQ==", "QQ=="},
		{"Null", "k", "true", ""},
		{"Bool", "aws:SecureTransport", "${aws:x}", "true"},
		{"StringLike", "k", "*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	} {
		f.Add(s[0], s[1], s[2], s[3])
	}
	f.Fuzz(func(t *testing.T, op, key, value, request string) {
		fuzzlimit.Run(t, [4]string{op, key, value, request}, func(t *testing.T) { fuzzCondition(t, op, key, value, request) })
	})
}

func fuzzCondition(t *testing.T, op, key, value, request string) {
	holds, ok := conditionHolds(t, op, key, value, map[string][]string{key: {request}})
	if !ok {
		return
	}
	if again, _ := conditionHolds(t, op, key, value, map[string][]string{key: {request}}); again != holds {
		t.Fatal("evaluation is not deterministic")
	}
	if spec, set, ifExists, err := parseOperator(op); err == nil && ifExists && set == setNone {
		if missing, _ := conditionHolds(t, op, key, value, nil); !missing {
			t.Fatalf("%s does not pass a missing key", op)
		}
	} else if err == nil && set == setNone && !ifExists && spec.family == famString {
		negated := map[string]string{"StringEquals": "StringNotEquals", "StringLike": "StringNotLike", "StringEqualsIgnoreCase": "StringNotEqualsIgnoreCase"}[op]
		if negated == "" || len(value) > 1 && containsVar(value) {
			return
		}
		if neg, ok := conditionHolds(t, negated, key, value, map[string][]string{key: {request}}); ok && neg == holds {
			t.Fatalf("%s and %s both %v for %q against %q", op, negated, holds, value, request)
		}
	}
}

func containsVar(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '$' && s[i+1] == '{' {
			return true
		}
	}
	return false
}

// conditionHolds compiles {op: {key: value}} and evaluates it; ok is false
// when the policy was rightly refused.
func conditionHolds(t *testing.T, op, key, value string, ctx map[string][]string) (holds, ok bool) {
	cond, err := json.Marshal(map[string]map[string]string{op: {key: value}})
	if err != nil {
		return false, false
	}
	src := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + string(cond) + `}}`
	p, diags := CompileJSON(src, Source{Kind: Identity})
	if p == nil {
		for _, d := range diags {
			if d.Summary == "" || d.Detail == "" {
				t.Fatalf("empty diagnostic %+v", d)
			}
		}
		return false, false
	}
	pr, _ := ParsePrincipal(alice)
	res := (&Set{Identity: []*Policy{p}}).Evaluate(&Request{Principal: pr, Action: "s3:GetObject", Resource: "arn:aws:s3:::b", Context: ctx})
	return res.Decision == Allowed, true
}
