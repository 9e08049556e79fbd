package pattern

import (
	"strings"
	"testing"
)

// The matching rules of IAM's Action, Resource and Condition elements
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
func TestMatch(t *testing.T) {
	const seg = string(SegmentStar)
	for _, c := range []struct {
		rule          string
		pattern, name string
		c             Case
		want          bool
	}{
		{"action names fold ASCII case", "DescribeTrails", "describetrails", FoldASCII, true},
		{"a folded star prefix matches", "de*", "DescribeTrails", FoldASCII, true},
		{"only ASCII folds", "É", "é", FoldASCII, false},
		{"resources compare case-sensitively", "A*", "abc", Sensitive, false},
		{"star matches the empty run", "De*", "De", FoldASCII, true},
		{"star alone matches the empty name", "*", "", Sensitive, true},
		{"star matches anything", "*", "anything", Sensitive, true},
		{"the empty pattern matches only the empty name", "", "a", Sensitive, false},
		{"the empty pattern matches the empty name", "", "", Sensitive, true},
		{"question mark needs a character", "?", "", Sensitive, false},
		{"question mark takes exactly one", "?", "ab", Sensitive, false},
		{"question mark in the middle", "Get?bject", "GetObject", FoldASCII, true},
		{"question mark is one character, not one byte", "é?", "éü", Sensitive, true},
		{"two question marks are two characters", "??", "é", Sensitive, false},
		{"star between literals", "Get*Tagging", "GetBucketTagging", FoldASCII, true},
		{"the whole name must match", "Get*Tagging", "GetBucketTaggingX", FoldASCII, false},
		{"regex syntax is literal: dot", "Get.*", "GetObject", FoldASCII, false},
		{"regex syntax is literal: dot matches a dot", "Get.*", "Get.Object", FoldASCII, true},
		{"regex syntax is literal: brackets", "[a-z]*", "abc", Sensitive, false},
		{"backslash is literal", `a\*`, "a*", Sensitive, false},
		{"backslash is literal and star still wild", `a\*`, `a\bc`, Sensitive, true},
		{"several stars", "a*b*c", "aXbYc", Sensitive, true},
		{"several stars, whole name", "a*b*c", "aXbYcZ", Sensitive, false},
		{"hostile pattern fails fast", "*a*a*a*a*a*a*a*a*!", strings.Repeat("a", 200), Sensitive, false},
		{"thousands of stars", strings.Repeat("*", 10000), "GetObject", Sensitive, true},
		{"thousands of stars then a literal", strings.Repeat("*", 10000) + "x", "GetObject", Sensitive, false},
		{"an escaped star is a literal star", "\x00*", "*", Sensitive, true},
		{"an escaped star matches nothing else", "\x00*", "x", Sensitive, false},
		{"an escaped question mark is literal", "a\x00?", "a?", Sensitive, true},
		{"an escaped letter folds like a letter", "\x00A", "a", FoldASCII, true},
		{"a trailing escape is itself", "a\x00", "a\x00", Sensitive, true},
		{"a segment star matches no colon", "a" + seg + "b", "ax:yb", Sensitive, false},
		{"a segment star matches a colon-free run", "a" + seg + "b", "axyb", Sensitive, true},
		{"a star before a segment star takes the colons", "*:" + seg + "b", "x:a:yb", Sensitive, true},
		{"a segment star in a name is literal", "a", "a" + seg, Sensitive, false},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := Match(c.pattern, c.name, c.c); got != c.want {
				t.Errorf("Match(%q, %q, %v) = %v, want %v", c.pattern, c.name, c.c, got, c.want)
			}
			if got := referenceMatch(c.pattern, c.name, c.c); got != c.want {
				t.Errorf("referenceMatch(%q, %q) = %v, want %v (the table is wrong)", c.pattern, c.name, got, c.want)
			}
		})
	}
}

func TestLiteralAndUnescape(t *testing.T) {
	for _, s := range []string{"", "plain", "a*b?c", "\x00", "x" + string(SegmentStar) + "y", "é*"} {
		if !Match(Literal(s), s, Sensitive) {
			t.Errorf("Literal(%q) = %q does not match its text", s, Literal(s))
		}
		for _, tok := range tokens(Literal(s), Sensitive) {
			if tok.kind != tokLit {
				t.Errorf("Literal(%q) = %q has a wildcard", s, Literal(s))
			}
		}
		if !strings.ContainsRune(s, SegmentStar) && Unescape(Literal(s)) != s {
			t.Errorf("Unescape(Literal(%q)) = %q", s, Unescape(Literal(s)))
		}
	}
	if Match(Literal("a*"), "ab", Sensitive) {
		t.Error("a literal star matched a letter")
	}
}

// MatchARN's part-by-part rule
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
func TestMatchARN(t *testing.T) {
	for _, c := range []struct {
		rule          string
		pattern, name string
		want          bool
	}{
		{"a star stays within its part", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"a star does not run into the next part", "arn:aws:s3:*:b", "arn:aws:s3:x:y:b", false},
		{"a pattern that ends early in a star takes the rest", "arn:aws:s3:*", "arn:aws:s3:::b/k", true},
		{"a pattern that ends early without a star does not", "arn:aws:s3:x", "arn:aws:s3:x::b", false},
		{"the resource part keeps its colons", "arn:aws:lambda:*:*:function:*", "arn:aws:lambda:r:1:function:f:1", true},
		{"ARNs are case-sensitive", "arn:aws:s3:::B", "arn:aws:s3:::b", false},
		{"a name that is not an ARN is matched whole", "*", "not-an-arn", true},
		{"a name that is not an ARN against an ARN pattern", "arn:*", "arn:x", true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := MatchARN(c.pattern, c.name); got != c.want {
				t.Errorf("MatchARN(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
			}
		})
	}
}

// referenceMatch is the obvious recursive definition over tokens, memoized.
func referenceMatch(pattern, name string, c Case) bool {
	p, n := tokens(pattern, c), []rune(name)
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
		case p[i].kind == tokStar:
			r = m(i+1, j) || (j < len(n) && m(i, j+1))
		case p[i].kind == tokSegment:
			r = m(i+1, j) || (j < len(n) && n[j] != ':' && m(i, j+1))
		case j == len(n):
			r = false
		case p[i].kind == tokOne:
			r = m(i+1, j+1)
		default:
			r = p[i].r == fold(n[j], c) && m(i+1, j+1)
		}
		memo[[2]int{i, j}] = r
		return r
	}
	return m(0, 0)
}

func fold(r rune, c Case) rune {
	if c == FoldASCII {
		return foldRune(r)
	}
	return r
}

func BenchmarkMatchAction(b *testing.B) {
	for b.Loop() {
		Match("Describe*", "DescribeInstanceAttribute", FoldASCII)
	}
}

func BenchmarkMatchHostile(b *testing.B) {
	pattern := "*a*a*a*a*a*a*a*a*!"
	name := strings.Repeat("a", 128)
	for b.Loop() {
		Match(pattern, name, Sensitive)
	}
}

func BenchmarkMatchManyStars(b *testing.B) {
	pattern := strings.Repeat("*", 10000) + "x"
	for b.Loop() {
		Match(pattern, "DescribeTrails", FoldASCII)
	}
}
