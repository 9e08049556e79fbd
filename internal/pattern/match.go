package pattern

import (
	"strings"
	"unicode/utf8"
)

// Match reports whether the whole of name matches pattern.
//
// It walks both strings once, going back only to the most recent '*'; that
// bounds the work by len(pattern)*len(name) whatever the pattern, so no
// input can make it explode the way a backtracking regex can. A pattern
// with a SegmentStar, which that walk cannot handle, goes through the
// dynamic program of Intersects instead.
func Match(pattern, name string, c Case) bool {
	if strings.IndexByte(pattern, segmentLead) >= 0 && strings.Contains(pattern, string(SegmentStar)) {
		return intersect(tokens(pattern, c), tokens(Literal(name), c))
	}
	p, n := 0, 0
	star, starN := -1, 0 // position of the last '*' and where its run ends in name
	for n < len(name) {
		if p < len(pattern) {
			switch ch := pattern[p]; ch {
			case '*':
				star, starN = p, n
				p++
				continue
			case '?':
				_, w := utf8.DecodeRuneInString(name[n:])
				p, n = p+1, n+w
				continue
			default:
				lit := p
				if ch == Escape && p+1 < len(pattern) {
					lit++
					ch = pattern[lit]
				}
				if ch < utf8.RuneSelf {
					if nc := name[n]; ch == nc || c == FoldASCII && foldByte(ch) == foldByte(nc) {
						p, n = lit+1, n+1
						continue
					}
					break
				}
				_, pw := utf8.DecodeRuneInString(pattern[lit:])
				_, nw := utf8.DecodeRuneInString(name[n:])
				if pw == nw && pattern[lit:lit+pw] == name[n:n+nw] {
					p, n = lit+pw, n+nw
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		// Let the last '*' swallow one more character and retry after it.
		_, w := utf8.DecodeRuneInString(name[starN:])
		starN += w
		p, n = star+1, starN
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
