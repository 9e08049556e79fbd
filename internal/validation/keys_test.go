package validation

import (
	"sort"
	"testing"
)

func TestKeyPattern(t *testing.T) {
	for name, want := range map[string]string{
		"aws:RequestTag/${TagKey}":            "aws:RequestTag/*",
		"s3:ExistingObjectTag/<key>":          "s3:ExistingObjectTag/*",
		"aws:PrincipalTag/tag-key":            "aws:PrincipalTag/*",
		"elasticloadbalancing:ResourceTag/":   "elasticloadbalancing:ResourceTag/*",
		"token.actions.${Domain}.ghe.com:sub": "token.actions.*.ghe.com:sub",
		"s3:prefix":                           "s3:prefix",
		"apigateway:Request/Stage":            "apigateway:Request/Stage",
	} {
		if got := keyPattern(name); got != want {
			t.Errorf("keyPattern(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestKeyLookup(t *testing.T) {
	v := testValidator(t)
	for _, c := range []struct {
		key      string
		global   bool
		services []string
	}{
		{"aws:SourceIp", true, nil},
		{"AWS:sourceip", true, nil},
		{"aws:ResourceTag/team", true, nil},
		{"aws:NoSuchKey", false, nil},
		{"s3:prefix", false, []string{"s3"}},
		{"S3:Prefix", false, []string{"s3"}},
		{"secretsmanager:ResourceTag/owner", false, []string{"secretsmanager"}},
		{"token.actions.example.ghe.com:actor", false, []string{"sts"}},
		{"kms:ViaService", false, []string{"kms"}},
	} {
		global, defs := v.keys.lookup(c.key)
		var got []string
		for _, d := range defs {
			got = append(got, d.svc.Prefix)
		}
		sort.Strings(got)
		if global != c.global || !equalStrings(got, c.services) {
			t.Errorf("lookup(%q) = %v, %v; want %v, %v", c.key, global, got, c.global, c.services)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
