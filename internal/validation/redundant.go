package validation

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// redundancy says that patterns[i] is covered by patterns[by].
type redundancy struct{ i, by int }

// redundant finds the patterns of a list that another pattern of the list
// covers: one that covers it without being covered back, or an equal one
// that comes first. Only a pattern with a wildcard can cover a different
// one, so exact patterns are only looked up for duplicates, and the
// wildcard ones are compared pairwise, a literal prefix check first. The
// pairwise work is charged to the run's budget.
func (r *run) redundant(patterns []string, c pattern.Case) []redundancy {
	keys := patterns
	if c == pattern.FoldASCII {
		keys = make([]string, len(patterns))
		for i, p := range patterns {
			keys[i] = iam.ToLowerASCII(p)
		}
	}
	first := make(map[string]int, len(patterns))
	var wild []int
	for i, k := range keys {
		if _, dup := first[k]; !dup {
			first[k] = i
		}
		if hasWildcard(k) {
			wild = append(wild, i)
		}
	}
	var out []redundancy
	for i, p := range patterns {
		if j := first[keys[i]]; j != i {
			out = append(out, redundancy{i, j})
			continue
		}
		for _, j := range wild {
			q := patterns[j]
			if j == i || keys[j] == keys[i] || !pattern.MayCover(q, p, c) || !piecesIn(keys[j], keys[i]) {
				continue
			}
			if !r.spend(len(p)*len(q) + 1) {
				return out
			}
			if pattern.Covers(q, p, c) && (j < i || !pattern.Covers(p, q, c)) {
				out = append(out, redundancy{i, j})
				break
			}
		}
	}
	return out
}

// piecesIn is another necessary condition for pattern.Covers(q, p): the literal
// runs of q match only literal characters of p, so each must occur in p,
// in order. Both are already in one case when folding.
func piecesIn(q, p string) bool {
	at := 0
	for _, piece := range strings.FieldsFunc(q, func(r rune) bool { return r == '*' || r == '?' }) {
		k := strings.Index(p[at:], piece)
		if k < 0 {
			return false
		}
		at += k + len(piece)
	}
	return true
}

func hasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }
