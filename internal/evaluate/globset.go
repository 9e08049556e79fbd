package evaluate

import (
	"strings"
	"unicode/utf8"
)

// Questions about the sets of strings globs match, for the policy checks:
// does one glob match everything another matches (covers), and can any
// string match both (intersects). Each is a dynamic program over the two
// globs' tokens. covers is sound, never claiming a coverage that does not
// hold; intersects is exact. Past maxGlobWork cells both give the
// answer that keeps a check sound: not covered, and intersecting.
const maxGlobWork = 1 << 18

type tokenKind uint8

const (
	tokLit tokenKind = iota
	tokStar
	tokOne
)

type token struct {
	kind tokenKind
	r    rune
}

func tokens(g string, fold bool) []token {
	out := make([]token, 0, len(g))
	for i := 0; i < len(g); {
		switch c := g[i]; c {
		case '*':
			out, i = append(out, token{kind: tokStar}), i+1
		case '?':
			out, i = append(out, token{kind: tokOne}), i+1
		default:
			if c == escape && i+1 < len(g) {
				i++
			}
			r, w := utf8.DecodeRuneInString(g[i:])
			if fold && r < utf8.RuneSelf {
				r = rune(lowerASCII(byte(r)))
			}
			out, i = append(out, token{kind: tokLit, r: r}), i+w
		}
	}
	return out
}

// globCovers reports whether glob q matches every string glob p matches.
func globCovers(q, p string, fold bool) bool {
	if q == "*" {
		return true
	}
	qt, pt := tokens(q, fold), tokens(p, fold)
	if (len(qt)+1)*(len(pt)+1) > maxGlobWork {
		return false
	}
	// c[i][j]: qt[i:] covers pt[j:], filled from the ends.
	w := len(pt) + 1
	c := make([]bool, (len(qt)+1)*w)
	c[len(qt)*w+len(pt)] = true
	for i := len(qt) - 1; i >= 0; i-- {
		for j := len(pt); j >= 0; j-- {
			var v bool
			switch q := qt[i]; {
			case q.kind == tokStar:
				v = c[(i+1)*w+j] || (j < len(pt) && c[i*w+j+1])
			case j == len(pt) || pt[j].kind == tokStar:
				v = false // p may end, or give any run, where q needs one character
			case q.kind == tokOne:
				v = c[(i+1)*w+j+1]
			default:
				v = pt[j].kind == tokLit && pt[j].r == q.r && c[(i+1)*w+j+1]
			}
			c[i*w+j] = v
		}
	}
	return c[0]
}

// globsIntersect reports whether some string matches both globs.
func globsIntersect(a, b string, fold bool) bool {
	at, bt := tokens(a, fold), tokens(b, fold)
	if (len(at)+1)*(len(bt)+1) > maxGlobWork {
		return true
	}
	w := len(bt) + 1
	d := make([]bool, (len(at)+1)*w)
	for i := len(at); i >= 0; i-- {
		for j := len(bt); j >= 0; j-- {
			var v bool
			switch {
			case i == len(at) && j == len(bt):
				v = true
			case i < len(at) && at[i].kind == tokStar:
				v = d[(i+1)*w+j] || (j < len(bt) && d[i*w+j+1])
			case j < len(bt) && bt[j].kind == tokStar:
				v = d[i*w+j+1] || (i < len(at) && d[(i+1)*w+j])
			case i == len(at) || j == len(bt):
				v = false
			case at[i].kind == tokOne || bt[j].kind == tokOne || at[i].r == bt[j].r:
				v = d[(i+1)*w+j+1]
			}
			d[i*w+j] = v
		}
	}
	return d[0]
}

// resourceCovers reports whether resource pattern q matches every ARN
// pattern p matches, under matchARN's segment rules: per segment, with a
// pattern that ends early in '*' ("arn:aws:s3:*") matching the rest whole.
func resourceCovers(q, p string) bool {
	if q == "*" {
		return true
	}
	qs, qn := splitARN(q)
	ps, pn := splitARN(p)
	qShort := qn < arnSegments && endsInWildStar(qs[qn-1])
	pShort := pn < arnSegments && endsInWildStar(ps[pn-1])
	switch {
	case qn == arnSegments && pn == arnSegments:
		for i := 0; i < arnSegments; i++ {
			if !globCovers(qs[i], ps[i], false) {
				return false
			}
		}
		return true
	case qShort && (pn == arnSegments || pShort) && qn <= pn:
		for i := 0; i < qn-1; i++ {
			if !globCovers(qs[i], ps[i], false) {
				return false
			}
		}
		return globCovers(qs[qn-1], strings.Join(ps[qn-1:pn], ":"), false)
	case !pShort && pn < arnSegments:
		// p matches only names that are not six-part ARNs, which matchARN
		// compares whole.
		return globCovers(q, p, false)
	}
	return false
}
