package validation

import (
	"strings"
	"testing"
)

func TestConditionOperators(t *testing.T) {
	valid := []string{
		"StringEquals", "StringNotEqualsIgnoreCase", "StringLikeIfExists", "ForAnyValue:StringLike",
		"ForAllValues:StringNotEqualsIfExists", "NumericGreaterThanEquals", "DateLessThanIfExists",
		"Bool", "BoolIfExists", "BinaryEquals", "IpAddress", "NotIpAddressIfExists", "ArnNotLike",
		"ForAnyValue:ArnLike", "Null", "ForAllValues:Null",
	}
	for _, name := range valid {
		if msg := checkOperator(name); msg != "" {
			t.Errorf("%s: %s", name, msg)
		}
	}
	for _, c := range []struct{ name, hint string }{
		{"stringEquals", `write "StringEquals"`},
		{"forAnyValue:StringLike", `write "ForAnyValue:StringLike"`},
		{"StringEqualsIFEXISTS", `write "StringEqualsIfExists"`},
		{"NullIfExists", "Null takes no IfExists"},
		{"StringEqualz", `did you mean "StringEquals"`},
		{"ForAnyValues:StringLike", `did you mean "ForAnyValue:"`},
		{"ForAllValues:ForAnyValue:StringLike", "at most one set operator"},
		{"StringEqualsIfExistsIfExists", "not one IAM knows"},
		{"IfExists", "not one IAM knows"},
		{"", "not one IAM knows"},
		{"NumericEquals ", "not one IAM knows"},
	} {
		msg := checkOperator(c.name)
		if msg == "" || !strings.Contains(msg, c.hint) {
			t.Errorf("%q: message %q, want one containing %q", c.name, msg, c.hint)
		}
	}
}
