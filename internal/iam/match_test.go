package iam

import (
	"strings"
	"testing"
)

// Match is the pattern package's matcher with action names' rules: ASCII
// case folds, and policy text is read as IAM reads it, so the pattern
// package's two extension characters are plain characters here.
func TestMatchReadsActionPatterns(t *testing.T) {
	for _, c := range []struct {
		rule          string
		pattern, name string
		want          bool
	}{
		{"action names fold ASCII case", "de*", "DescribeTrails", true},
		{"only ASCII folds", "É", "é", false},
		{"question mark is one character", "Get?bject", "GetObject", true},
		{"NUL is a plain character, not an escape", "a\x00*", "a*", false},
		{"NUL matches itself", "a\x00*", "a\x00b", true},
		{"U+E000 is a plain character, not a star", "a\uE000", "abc", false},
		{"U+E000 matches itself", "a\uE000", "a\uE000", true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := Match(c.pattern, c.name); got != c.want {
				t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
			}
		})
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

// Match reads the pattern as policy text first: two byte searches on the
// path of every action a wildcard is matched against.
func BenchmarkMatchAction(b *testing.B) {
	for b.Loop() {
		Match("Describe*", "DescribeInstanceAttribute")
	}
}
