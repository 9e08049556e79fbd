package pattern

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/fuzzlimit"
)

func FuzzMatch(f *testing.F) {
	f.Add("Get*Tagging", "GetBucketTagging")
	f.Add("*a*a*a*!", "aaaaaaaa")
	f.Add("?é*", "xé")
	f.Add("De?c*", "Describe")
	f.Add("a\x00*b", "a*b")
	f.Add("arn:\uE000:s3:*", "arn:aws:s3:::b")
	f.Fuzz(func(t *testing.T, pattern, name string) {
		if len(pattern) > 64 || len(name) > 64 || !utf8.ValidString(pattern) || !utf8.ValidString(name) {
			t.Skip()
		}
		fuzzlimit.Run(t, pattern+"\x00"+name, func(t *testing.T) {
			for _, c := range []Case{Sensitive, FoldASCII} {
				if got, want := Match(pattern, name, c), referenceMatch(pattern, name, c); got != want {
					t.Fatalf("Match(%q, %q, %v) = %v, reference says %v", pattern, name, c, got, want)
				}
			}
		})
	})
}

// FuzzCovers is the property the algebra stands on: it samples strings p
// matches and checks that q matches each of them whenever Covers(q, p)
// holds (and CoversARN under the ARN rules), and that Intersects(p, q)
// holds whenever q matches one of them.
func FuzzCovers(f *testing.F) {
	f.Add("s3:Get*", "s3:GetObject*", uint64(1))
	f.Add("*?", "?*", uint64(2))
	f.Add("arn:aws:s3:*", "arn:aws:s3:::b/*", uint64(3))
	f.Add("arn:aws:*:*:*:*", "arn:aws:s3:::b", uint64(4))
	f.Add("a\uE000b", "a*b", uint64(5))
	f.Add("a*", "a\x00*", uint64(6))
	f.Add("S3:*", "s3:get?bject", uint64(7))
	f.Fuzz(func(t *testing.T, q, p string, seed uint64) {
		if len(q) > 64 || len(p) > 64 || !utf8.ValidString(q) || !utf8.ValidString(p) {
			t.Skip()
		}
		fuzzlimit.Run(t, q+"\x00"+p, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, seed>>32))
			for _, c := range []Case{Sensitive, FoldASCII} {
				covers := Covers(q, p, c)
				if covers && !MayCover(q, p, c) {
					t.Fatalf("Covers(%q, %q, %v) but not MayCover", q, p, c)
				}
				for range 16 {
					s := sample(rng, p, q, c)
					if !Match(p, s, c) {
						t.Fatalf("sample %q of %q does not match it", s, p)
					}
					mq := Match(q, s, c)
					if covers && !mq {
						t.Fatalf("Covers(%q, %q, %v), but %q matches only the second", q, p, c, s)
					}
					if mq && !Intersects(p, q, c) {
						t.Fatalf("Intersects(%q, %q, %v) = false, but %q matches both", p, q, c, s)
					}
				}
			}
			coversARN := CoversARN(q, p)
			for range 16 {
				s := sample(rng, p, q, Sensitive)
				if coversARN && MatchARN(p, s) && !MatchARN(q, s) {
					t.Fatalf("CoversARN(%q, %q), but %q matches only the second", q, p, s)
				}
			}
		})
	})
}

// sample returns a random string pattern p matches: wildcards produce
// characters of both patterns, colons and a few others, and when folding,
// letters come in either case.
func sample(rng *rand.Rand, p, q string, c Case) string {
	pool := []rune(":aA/é*")
	for _, t := range tokens(q+p, Sensitive) {
		if t.kind == tokLit {
			pool = append(pool, t.r)
		}
	}
	char := func(noColon bool) rune {
		for {
			if r := pool[rng.IntN(len(pool))]; !noColon || r != ':' {
				return r
			}
		}
	}
	var b strings.Builder
	for _, t := range tokens(p, c) {
		switch t.kind {
		case tokLit:
			r := t.r
			if c == FoldASCII && 'a' <= r && r <= 'z' && rng.IntN(2) == 0 {
				r += 'A' - 'a'
			}
			b.WriteRune(r)
		case tokOne:
			b.WriteRune(char(false))
		default:
			for range rng.IntN(4) {
				b.WriteRune(char(t.kind == tokSegment))
			}
		}
	}
	return b.String()
}
