package iam

import (
	"strings"
	"testing"
)

// IAM folds case in ASCII only and accepts tab, LF, CR and U+0020 to U+00FF
// in a policy (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
func TestCaseFoldingIsASCIIOnly(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"IAM", "iam", true},
		{"S3:GetObject", "s3:getobject", true},
		{"İAM", "iam", false},      // dotted capital I: Unicode lowers it to i
		{"\u212Ams", "kms", false}, // Kelvin sign: Unicode folds it to k
		{"ſ3", "s3", false},        // long s: Unicode folds it to s
		{"É", "é", false},          // Latin-1, accepted in a policy but never folded
		{"iam", "iam:", false},
	} {
		if got := EqualFoldASCII(c.a, c.b); got != c.want {
			t.Errorf("EqualFoldASCII(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := ToLowerASCII(c.a) == ToLowerASCII(c.b); got != c.want {
			t.Errorf("ToLowerASCII(%q) == ToLowerASCII(%q) is %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestCheckTextRefusesWhatThePolicyParserRefuses(t *testing.T) {
	for s, bad := range map[string]string{"İam:PassRole": "U+0130", "\u212Ams": "U+212A", "a\x00b": "U+0000", "s3:Get😀": "U+1F600"} {
		err := CheckText(s)
		if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "not one IAM accepts in a policy") {
			t.Errorf("CheckText(%q) = %v, want the character %s named", s, err, bad)
		}
		if _, err := ParsePattern(s); err == nil {
			t.Errorf("ParsePattern(%q) accepted it", s)
		}
	}
	for _, s := range []string{"s3:GetObject", "tab\there", "Latin-1 é ÿ"} {
		if err := CheckText(s); err != nil {
			t.Errorf("CheckText(%q) = %v", s, err)
		}
	}
}
