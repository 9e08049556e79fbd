package validation

import "unicode/utf8"

// Patterns here are IAM's: '*' matches any run of characters, '?' any one
// character. Two questions are asked of pairs of them, each answered by a
// dynamic program over the two patterns' characters:
//
//   - covers(q, p): does q match every string p matches? Then p is
//     redundant next to q.
//   - intersects(a, b): does some string match both? If not, a resource
//     pattern can never name a resource of an ARN format.
//
// covers is sound but not complete (it never claims coverage that does not
// hold), and intersects is exact. Both give up on pairs whose product of
// lengths passes maxGlobWork, answering on the safe side: not covered, and
// intersecting, so a huge value costs little and is never flagged.
const maxGlobWork = 1 << 18

type globOpts struct {
	fold bool // compare ASCII letters case-insensitively
}

func runesOf(s string) []rune {
	if isASCII(s) {
		r := make([]rune, len(s))
		for i := 0; i < len(s); i++ {
			r[i] = rune(s[i])
		}
		return r
	}
	return []rune(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (o globOpts) eq(a, b rune) bool {
	if a == b {
		return true
	}
	if !o.fold {
		return false
	}
	return a < utf8.RuneSelf && b < utf8.RuneSelf && lowerByte(byte(a)) == lowerByte(byte(b))
}

func isWild(r rune) bool { return r == '*' || r == '?' }

// covers reports whether pattern q matches every string pattern p matches:
// q's '*' absorbs any run of p, wildcards included; q's '?' absorbs one
// character or '?' of p; a literal of q only the same literal.
func covers(q, p string, o globOpts) bool {
	if (len(q)+1)*(len(p)+1) > maxGlobWork {
		return false
	}
	qr, pr := runesOf(q), runesOf(p)
	// prev[j]: q[:i-1] covers p[:j]; cur[j]: q[:i] covers p[:j].
	prev := make([]bool, len(pr)+1)
	cur := make([]bool, len(pr)+1)
	prev[0] = true
	for i := 1; i <= len(qr); i++ {
		c := qr[i-1]
		cur[0] = c == '*' && prev[0]
		for j := 1; j <= len(pr); j++ {
			d := pr[j-1]
			switch c {
			case '*':
				cur[j] = prev[j] || cur[j-1]
			case '?':
				cur[j] = d != '*' && prev[j-1]
			default:
				cur[j] = !isWild(d) && o.eq(c, d) && prev[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(pr)]
}

// headerStar is a star that matches no colon. ARN formats use it for
// the variables of the partition, service, region and account fields,
// which never hold a colon, so that "arn:${Partition}:ec2:${Region}:${Account}:instance/*"
// cannot stretch over "volume/x:instance/". Policy text cannot hold it:
// the parser accepts only characters up to U+00FF.
const headerStar = '\uE000'

func isStar(r rune) bool { return r == '*' || r == headerStar }

// canAbsorb reports whether star s can take in the character c the other
// pattern produces ('?' produces one that suits).
func canAbsorb(s, c rune) bool { return s == '*' || c != ':' }

// intersects reports whether some string matches both a and b.
func intersects(a, b string, o globOpts) bool {
	if (len(a)+1)*(len(b)+1) > maxGlobWork {
		return true
	}
	ar, br := runesOf(a), runesOf(b)
	// reach[i][j]: some string matches both a[:i] and b[:j]; filled row by
	// row, since every step moves to a later cell in row-major order.
	cur := make([]bool, len(br)+1)
	next := make([]bool, len(br)+1)
	cur[0] = true
	for i := 0; i <= len(ar); i++ {
		clear(next)
		for j := 0; j <= len(br); j++ {
			if !cur[j] {
				continue
			}
			ai, bj := i < len(ar), j < len(br)
			if ai && isStar(ar[i]) {
				next[j] = true // the star matches nothing more
				if bj && !isStar(br[j]) && canAbsorb(ar[i], br[j]) {
					cur[j+1] = true // the star takes in b's next character
				}
			}
			if bj && isStar(br[j]) {
				cur[j+1] = true
				if ai && !isStar(ar[i]) && canAbsorb(br[j], ar[i]) {
					next[j] = true
				}
			}
			if ai && bj && !isStar(ar[i]) && !isStar(br[j]) && (ar[i] == '?' || br[j] == '?' || o.eq(ar[i], br[j])) {
				next[j+1] = true
			}
		}
		if i == len(ar) {
			return cur[len(br)]
		}
		cur, next = next, cur
	}
	return false
}

// lowerByte lowers an ASCII letter, as IAM folds case.
func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
