package pattern

import "unicode/utf8"

// Two questions are asked of pairs of patterns, each answered by a dynamic
// program over the two patterns' tokens:
//
//   - Covers(q, p): does q match every string p matches? Then p is
//     redundant next to q.
//   - Intersects(a, b): does some string match both?
//
// Covers is sound but not complete: it never claims a coverage that does
// not hold, and may miss one that does ("*a*" covers "a*a" by a choice of
// runs it does not try); runs of wildcards are normalized first so the
// common forms are seen. Intersects is exact. Both give up on pairs whose
// product of lengths passes maxWork, answering on the safe side for a
// check: not covered, and intersecting.

// maxWork bounds the cells of one dynamic program.
const maxWork = 1 << 18

// Covers reports whether pattern q matches every string pattern p matches.
func Covers(q, p string, c Case) bool {
	if q == "*" || q == p {
		return true
	}
	if !MayCover(q, p, c) {
		return false
	}
	qt, pt := trimCommon(normalize(tokens(q, c)), normalize(tokens(p, c)))
	if (len(qt)+1)*(len(pt)+1) > maxWork {
		return false
	}
	// prev[j]: qt[:i-1] covers pt[:j]; cur[j]: qt[:i] covers pt[:j].
	rows := make([]bool, 2*(len(pt)+1))
	prev, cur := rows[:len(pt)+1], rows[len(pt)+1:]
	prev[0] = true
	for i := 1; i <= len(qt); i++ {
		t := qt[i-1]
		cur[0] = t.star() && prev[0]
		for j := 1; j <= len(pt); j++ {
			d := pt[j-1]
			switch t.kind {
			case tokStar:
				// '*' takes in any run of p, wildcards included.
				cur[j] = prev[j] || cur[j-1]
			case tokSegment:
				// A colon-free star takes in what produces no colon.
				cur[j] = prev[j] || cur[j-1] && (d.kind == tokSegment || d.kind == tokLit && d.r != ':')
			case tokOne:
				cur[j] = prev[j-1] && (d.kind == tokLit || d.kind == tokOne)
			default:
				cur[j] = prev[j-1] && d.kind == tokLit && d.r == t.r
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(pt)]
}

// trimCommon drops the literal start and end two patterns share: a
// literal there can only pair with the other's, so both questions have
// the same answer for what remains, and patterns mostly differ only in
// the middle.
func trimCommon(qt, pt []token) ([]token, []token) {
	same := func(a, b token) bool { return a.kind == tokLit && b.kind == tokLit && a.r == b.r }
	for len(qt) > 0 && len(pt) > 0 && same(qt[0], pt[0]) {
		qt, pt = qt[1:], pt[1:]
	}
	for len(qt) > 0 && len(pt) > 0 && same(qt[len(qt)-1], pt[len(pt)-1]) {
		qt, pt = qt[:len(qt)-1], pt[:len(pt)-1]
	}
	return qt, pt
}

// MayCover is a quick necessary condition for Covers(q, p), for callers
// that compare many pairs: q's literal start and end must be p's too, as
// far as both are plainly literal there. It compares bytes and allocates
// nothing, and stops at any byte whose meaning depends on its neighbours.
func MayCover(q, p string, c Case) bool {
	n := min(len(q), len(p))
	for k := 0; k < n; k++ {
		a, b := q[k], p[k]
		if a == '*' || a == '?' || a == Escape || a == segmentLead || b == Escape {
			break // q's wildcards end its literal start; p's may not
		}
		if !sameByte(a, b, c) {
			return false
		}
	}
	for k := 1; k <= n; k++ {
		a, b := q[len(q)-k], p[len(p)-k]
		if a == '*' || a == '?' || a == Escape || a >= utf8.RuneSelf ||
			b == '*' || b == '?' || b == Escape || b >= utf8.RuneSelf {
			break // an escape, or the end of a longer character, may come before
		}
		if !sameByte(a, b, c) {
			return false
		}
	}
	return true
}

// segmentLead is the first byte of SegmentStar's encoding.
var segmentLead = string(SegmentStar)[0]

func sameByte(a, b byte, c Case) bool {
	return a == b || c == FoldASCII && foldByte(a) == foldByte(b)
}

// Intersects reports whether some string matches both a and b.
func Intersects(a, b string, c Case) bool {
	at, bt := trimCommon(tokens(a, c), tokens(b, c))
	if (len(at)+1)*(len(bt)+1) > maxWork {
		return true
	}
	return intersect(at, bt)
}

func intersect(at, bt []token) bool {
	// reach[i][j]: some string matches both at[:i] and bt[:j]; filled row
	// by row, since every step moves to a later cell in row-major order.
	rows := make([]bool, 2*(len(bt)+1))
	cur, next := rows[:len(bt)+1], rows[len(bt)+1:]
	cur[0] = true
	for i := 0; ; i++ {
		clear(next)
		for j := 0; j <= len(bt); j++ {
			if !cur[j] {
				continue
			}
			ai, bj := i < len(at), j < len(bt)
			if ai && at[i].star() {
				next[j] = true // the star matches nothing more
				if bj && !bt[j].star() && at[i].absorbs(bt[j]) {
					cur[j+1] = true // the star takes in b's next character
				}
			}
			if bj && bt[j].star() {
				cur[j+1] = true
				if ai && !at[i].star() && bt[j].absorbs(at[i]) {
					next[j] = true
				}
			}
			if ai && bj && !at[i].star() && !bt[j].star() &&
				(at[i].kind == tokOne || bt[j].kind == tokOne || at[i].r == bt[j].r) {
				next[j+1] = true
			}
		}
		if i == len(at) {
			return cur[len(bt)]
		}
		cur, next = next, cur
	}
}
