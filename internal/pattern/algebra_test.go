package pattern

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestCovers(t *testing.T) {
	const seg = string(SegmentStar)
	for _, c := range []struct {
		rule string
		q, p string
		c    Case
		want bool
	}{
		{"a service star covers its actions", "s3:*", "s3:GetObject", FoldASCII, true},
		{"a star covers a longer pattern with the same start", "s3:Get*", "s3:GetObject*", FoldASCII, true},
		{"a star does not cover a pattern that can start otherwise", "s3:Get*", "s3:*Object", FoldASCII, false},
		{"question mark covers one letter", "s3:Get?bject", "s3:GetObject", FoldASCII, true},
		{"question mark does not cover a star", "s3:Get?bject", "s3:Get*bject", FoldASCII, false},
		{"action names cover across ASCII case", "s3:GetObject", "S3:getobject", FoldASCII, true},
		{"resources do not cover across case", "arn:aws:s3:::B/*", "arn:aws:s3:::b/*", Sensitive, false},
		{"the lone star covers the empty pattern", "*", "", Sensitive, true},
		{"the empty pattern covers itself", "", "", Sensitive, true},
		{"a letter does not cover the empty pattern", "a", "", Sensitive, false},
		{"a resource star covers deeper paths", "arn:aws:s3:::b*", "arn:aws:s3:::b/x/*", Sensitive, true},
		{"different buckets", "arn:aws:s3:::b/*", "arn:aws:s3:::c/*", Sensitive, false},
		{"a star after a non-ASCII letter", "arn:aws:s3:::é*", "arn:aws:s3:::éa", Sensitive, true},
		{"question mark covers a non-ASCII letter", "a?c", "aéc", Sensitive, true},
		{"star-question covers question-star (normalized)", "*?", "?*", Sensitive, true},
		{"star-star covers question-star-question", "**", "?*?", Sensitive, true},
		{"an escaped star covers only a literal star", "\x00*", "\x00*", Sensitive, true},
		{"an escaped star does not cover a wildcard", "\x00*", "*", Sensitive, false},
		{"a star covers an escaped star", "a*", "a\x00*", Sensitive, true},
		{"a segment star covers colon-free text", seg, "abc", Sensitive, true},
		{"a segment star does not cover a colon", seg, "a:c", Sensitive, false},
		{"a segment star does not cover a question mark, which may be a colon", seg, "?", Sensitive, false},
		{"a star covers a segment star", "*", seg, Sensitive, true},
		{"a segment star covers itself", "a" + seg, "a" + seg + seg, Sensitive, true},
		{"bytes that are not UTF-8 stay distinct", "\xff", "\xfe", Sensitive, false},
		{"a literal start must agree", "b*", "a*", Sensitive, false},
		{"a literal end must agree", "*b", "*a", Sensitive, false},
		{"an escaped letter is the letter", "\x00a*", "a*", Sensitive, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := Covers(c.q, c.p, c.c); got != c.want {
				t.Errorf("Covers(%q, %q, %v) = %v, want %v", c.q, c.p, c.c, got, c.want)
			}
			if c.want && !MayCover(c.q, c.p, c.c) {
				t.Errorf("MayCover(%q, %q) = false, but it covers", c.q, c.p)
			}
		})
	}
}

func TestIntersects(t *testing.T) {
	const seg = string(SegmentStar)
	for _, c := range []struct {
		rule string
		a, b string
		c    Case
		want bool
	}{
		{"question mark meets a star run", "a?c", "*b*", Sensitive, true},
		{"different last letters", "a?c", "abd", Sensitive, false},
		{"the empty pattern meets a star", "", "*", Sensitive, true},
		{"the empty pattern does not meet a question mark", "", "?", Sensitive, false},
		{"action names meet across ASCII case", "A*", "a", FoldASCII, true},
		{"resources do not meet across case", "A*", "a", Sensitive, false},
		{"an escaped star meets only a star", "\x00*", "x", Sensitive, false},
		{"a segment star does not meet a colon", "a" + seg, "a:", Sensitive, false},
		{"a segment star meets a question mark", "a" + seg, "a?", Sensitive, true},
		{"two stars always meet", "*x", "y*", Sensitive, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := Intersects(c.a, c.b, c.c); got != c.want {
				t.Errorf("Intersects(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
			}
			if got := Intersects(c.b, c.a, c.c); got != c.want {
				t.Errorf("Intersects(%q, %q) = %v, want %v (swapped)", c.b, c.a, got, c.want)
			}
		})
	}
}

func TestCoversARN(t *testing.T) {
	for _, c := range []struct {
		rule string
		q, p string
		want bool
	}{
		{"the lone star covers every resource", "*", "arn:aws:s3:::b/*", true},
		{"a shorter path prefix covers a longer one", "arn:aws:s3:::b/*", "arn:aws:s3:::b/k/*", true},
		{"a longer path prefix does not cover a shorter one", "arn:aws:s3:::b/k/*", "arn:aws:s3:::b/*", false},
		{"a pattern that ends early in a star covers the rest", "arn:aws:s3:*", "arn:aws:s3:::b/*", true},
		{"a star per part covers every part", "arn:aws:*:*:*:*", "arn:aws:s3:::b", true},
		{"an exact ARN does not cover a short pattern", "arn:aws:s3:::b", "arn:aws:s3:*", false},
		{"a region star covers a region", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"a region prefix does not cover every region", "arn:aws:ec2:us-*:111122223333:instance/*", "arn:aws:ec2:*:111122223333:instance/*", false},
		{"a star within a part does not cover a colon the part cannot hold", "arn:aws:s3:*:b", "arn:aws:s3:x:y:b", false},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := CoversARN(c.q, c.p); got != c.want {
				t.Errorf("CoversARN(%q, %q) = %v, want %v", c.q, c.p, got, c.want)
			}
		})
	}
}

// Huge pairs are not compared: Covers says no and Intersects yes, the
// answers that never make a check claim too much.
func TestWorkLimitAnswersOnTheSafeSide(t *testing.T) {
	long := strings.Repeat("a", 600)
	// q covers p, but the pair is past maxWork once their ends are trimmed.
	if Covers("*"+strings.Repeat("a?", 300)+"*", strings.Repeat("ab", 300)+"c", Sensitive) {
		t.Error("Covers compared a pair past maxWork")
	}
	if !Covers("*"+long, long, Sensitive) {
		t.Error("Covers did not trim the common end of a pair that is small once trimmed")
	}
	// No string matches both, but the pair is past maxWork.
	if !Intersects("*"+long+"b", long+"c?", Sensitive) {
		t.Error("Intersects compared a pair past maxWork")
	}
}

// TestAgainstEnumeration compares both questions with Match over every
// string of up to six characters of a small alphabet, for random
// patterns of up to four tokens: Covers must be sound, Intersects exact.
func TestAgainstEnumeration(t *testing.T) {
	const alphabet = "aA:"
	var strs []string
	var grow func(s string)
	grow = func(s string) {
		strs = append(strs, s)
		if len(s) < 6 {
			for i := range len(alphabet) {
				grow(s + alphabet[i:i+1])
			}
		}
	}
	grow("")
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "A", ":", "*", "?", string(SegmentStar), "\x00*"}
	pattern := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 3000 {
		a, b := pattern(), pattern()
		for _, c := range []Case{Sensitive, FoldASCII} {
			inter, aInB := false, true
			for _, s := range strs {
				ma, mb := Match(a, s, c), Match(b, s, c)
				inter = inter || ma && mb
				aInB = aInB && (!ma || mb)
			}
			// A literal star is outside the alphabet, so a pattern that
			// needs one matches none of the strings; leave those out.
			if !strings.Contains(a+b, "\x00") {
				if got := Intersects(a, b, c); got != inter {
					t.Fatalf("Intersects(%q, %q, %v) = %v, enumeration says %v", a, b, c, got, inter)
				}
			}
			if Covers(b, a, c) && !aInB {
				t.Fatalf("Covers(%q, %q, %v) but a string of the second is not matched by the first", b, a, c)
			}
		}
	}
}

func BenchmarkCoversAction(b *testing.B) {
	for b.Loop() {
		Covers("ec2:Describe*", "ec2:DescribeInstance*", FoldASCII)
	}
}

func BenchmarkIntersectsARN(b *testing.B) {
	for b.Loop() {
		Intersects("arn:aws:s3:::my-bucket/logs/*", "arn:"+string(SegmentStar)+":s3:::*/*", FoldASCII)
	}
}

// normalize leaves a pattern alone exactly when it is already normal: the
// quick check agrees with rewriting.
func TestNormalizeChangesOnlyWhatNeedsIt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "*", "?", string(SegmentStar)}
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(7) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		ts := tokens(b.String(), Sensitive)
		rewritten := rewriteRuns(ts)
		same := len(rewritten) == len(ts)
		for i := 0; same && i < len(ts); i++ {
			same = rewritten[i] == ts[i]
		}
		if needsNormalizing(ts) == same {
			t.Fatalf("%q: needsNormalizing %v, but normalizing changes it: %v", b.String(), needsNormalizing(ts), !same)
		}
	}
}
