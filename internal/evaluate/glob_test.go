package evaluate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMatchGlob(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true},
		{"a*", "abc", true},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"A*", "abc", false}, // case-sensitive
		{"*a*a*a*a*a*b", strings.Repeat("a", 60), false},
		{"\x00*", "*", true}, // an escaped star is a star
		{"\x00*", "x", false},
		{"é?", "éü", true}, // '?' is one character, not one byte
	}
	for _, c := range cases {
		if got := matchGlob(c.pattern, c.name); got != c.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

// globCovers must be sound and globsIntersect exact: checked against
// matchGlob on random globs and strings of a small alphabet.
func TestGlobSetQuestionsAgreeWithMatching(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	glob := func() string {
		var b strings.Builder
		for range r.IntN(5) {
			b.WriteByte("ab*?"[r.IntN(4)])
		}
		return b.String()
	}
	var words []string
	for n := 0; n <= 5; n++ {
		var gen func(prefix string)
		gen = func(prefix string) {
			if len(prefix) == n {
				words = append(words, prefix)
				return
			}
			gen(prefix + "a")
			gen(prefix + "b")
		}
		gen("")
	}
	for range 3000 {
		q, p := glob(), glob()
		covers, meets := globCovers(q, p, false), globsIntersect(q, p, false)
		common := false
		for _, w := range words {
			mp, mq := matchGlob(p, w), matchGlob(q, w)
			if covers && mp && !mq {
				t.Fatalf("globCovers(%q, %q) but %q matches only the second", q, p, w)
			}
			common = common || mp && mq
		}
		if common && !meets {
			t.Fatalf("globsIntersect(%q, %q) = false, but some word matches both", q, p)
		}
		if meets && !common && len(q)+len(p) <= 4 {
			t.Fatalf("globsIntersect(%q, %q) = true, but no word of up to 5 letters matches both", q, p)
		}
	}
}

func TestResourceCovers(t *testing.T) {
	cases := []struct {
		q, p string
		want bool
	}{
		{"*", "arn:aws:s3:::b/*", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k/*", true},
		{"arn:aws:s3:::b/k/*", "arn:aws:s3:::b/*", false},
		{"arn:aws:s3:*", "arn:aws:s3:::b/*", true},
		{"arn:aws:*:*:*:*", "arn:aws:s3:::b", true},
		{"arn:aws:s3:::b", "arn:aws:s3:*", false},
		{"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"arn:aws:ec2:us-*:111122223333:instance/*", "arn:aws:ec2:*:111122223333:instance/*", false},
	}
	for _, c := range cases {
		if got := resourceCovers(c.q, c.p); got != c.want {
			t.Errorf("resourceCovers(%q, %q) = %v, want %v", c.q, c.p, got, c.want)
		}
	}
}
