package iam

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/fuzzlimit"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"DescribeTrails", "describetrails", true},
		{"De*", "DescribeTrails", true},
		{"de*", "DescribeTrails", true},
		{"De*", "De", true},
		{"De*", "D", false},
		{"*", "", true},
		{"*", "anything", true},
		{"", "", true},
		{"", "a", false},
		{"?", "", false},
		{"?", "a", true},
		{"?", "ab", false},
		{"Get?bject", "GetObject", true},
		{"Get*Tagging", "GetBucketTagging", true},
		{"Get*Tagging", "GetBucketTaggingX", false},
		{"*Tagging", "Tagging", true},
		{"Get.*", "GetObject", false},
		{"Get.*", "Get.Object", true},
		{"[a-z]*", "abc", false},
		{"[a-z]*", "[a-z]x", true},
		{`a\*`, `a\bc`, true},
		{`a\*`, "a*", false},
		{"(Get)*", "(get)Object", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbYcZ", false},
		{"*a*a*a*a*a*a*a*a*!", strings.Repeat("a", 200), false},
		{strings.Repeat("*", 10000), "GetObject", true},
		{strings.Repeat("*", 10000) + "x", "GetObject", false},
		{"?é", "aé", true},
		{"??", "é", false},
		{"É", "é", false}, // only ASCII folds, as IAM does
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
		if got := referenceMatch(c.pattern, c.name); got != c.want {
			t.Errorf("referenceMatch(%q, %q) = %v, want %v (test table is wrong)", c.pattern, c.name, got, c.want)
		}
	}
}

// referenceMatch is the obvious recursive definition, over runes, memoized.
func referenceMatch(pattern, name string) bool {
	p, n := []rune(pattern), []rune(name)
	memo := map[[2]int]bool{}
	var m func(i, j int) bool
	m = func(i, j int) bool {
		if v, ok := memo[[2]int{i, j}]; ok {
			return v
		}
		var r bool
		switch {
		case i == len(p):
			r = j == len(n)
		case p[i] == '*':
			r = m(i+1, j) || (j < len(n) && m(i, j+1))
		case j == len(n):
			r = false
		case p[i] == '?':
			r = m(i+1, j+1)
		default:
			r = foldRune(p[i]) == foldRune(n[j]) && m(i+1, j+1)
		}
		memo[[2]int{i, j}] = r
		return r
	}
	return m(0, 0)
}

func foldRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func FuzzMatch(f *testing.F) {
	f.Add("Get*Tagging", "GetBucketTagging")
	f.Add("*a*a*a*!", "aaaaaaaa")
	f.Add("?é*", "xé")
	f.Add("De?c*", "Describe")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if len(pattern) > 64 || len(name) > 64 || !utf8.ValidString(pattern) || !utf8.ValidString(name) {
			t.Skip()
		}
		fuzzlimit.Run(t, pattern+"\x00"+name, func(t *testing.T) {
			if got, want := Match(pattern, name), referenceMatch(pattern, name); got != want {
				t.Fatalf("Match(%q, %q) = %v, reference says %v", pattern, name, got, want)
			}
		})
	})
}

func BenchmarkMatchHostile(b *testing.B) {
	pattern := "*a*a*a*a*a*a*a*a*!"
	name := strings.Repeat("a", 128)
	for b.Loop() {
		Match(pattern, name)
	}
}

func BenchmarkMatchManyStars(b *testing.B) {
	pattern := strings.Repeat("*", 10000) + "x"
	for b.Loop() {
		Match(pattern, "DescribeTrails")
	}
}

func TestParsePattern(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    Pattern
		wantErr string
	}{
		{"Desc*", Pattern{Action: "Desc*"}, ""},
		{"s3:Get*", Pattern{Service: "s3", Action: "Get*"}, ""},
		{"*:Describe*", Pattern{Service: "*", Action: "Describe*"}, ""},
		{"", Pattern{}, "empty action pattern"},
		{":", Pattern{}, `action pattern ":" has an empty service prefix`},
		{"s3:", Pattern{}, `action pattern "s3:" has an empty action name`},
		{"s3:Get:Object", Pattern{}, `action pattern "s3:Get:Object" has 2 colons`},
	} {
		got, err := ParsePattern(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("ParsePattern(%q) error = %v, want %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ParsePattern(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
		if got.String() != c.in {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), c.in)
		}
	}
}
