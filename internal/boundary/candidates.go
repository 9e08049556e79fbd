package boundary

import (
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// pick is a pattern with the actions it matches: a run of ranks, either of
// the catalog's order or, for a cross-service pattern, of byBare.
type pick struct {
	pattern string
	cost    int
	lo, hi  int32
	cross   bool
	svc     int32 // the service of a per-service pattern
	targets int   // how many of its actions are Target
}

// each calls f with every rank the pick matches.
func (ix *index) each(p *pick, f func(r int32)) {
	if p.cross {
		for _, r := range ix.byBare[p.lo:p.hi] {
			f(r)
		}
		return
	}
	for r := p.lo; r < p.hi; r++ {
		f(r)
	}
}

// candidates lists the patterns the optimizer may choose from (see the
// package comment), without those that match a Forbidden action or no
// Target action.
func (ix *index) candidates(mode readonly.Wildcards, cross bool, families *readonly.Families) []pick {
	var out []pick
	for i, svc := range ix.services {
		base := ix.lo[i]
		n := ix.lo[i+1] - base
		prefix := svc.Prefix + ":"
		for j := int32(0); j < n; j++ {
			if r := base + j; ix.class[r] == Target {
				name := prefix + svc.Actions[j].Name
				out = append(out, pick{pattern: name, cost: itemCost(name), lo: r, hi: r + 1, svc: int32(i), targets: 1})
			}
		}
		if mode == readonly.WildcardsNone || ix.targets[base+n] == ix.targets[base] {
			continue
		}
		name := func(r int32) string { return svc.Actions[r-base].Name }
		ix.walk(base, base+n, 0, ix.targets, ix.bare, func(lo, hi int32, depth, end int) {
			d, ok := starDepth(mode, families, name, lo, hi, depth, end, true)
			if !ok {
				return
			}
			p := pick{pattern: prefix + name(lo)[:d] + "*", lo: lo, hi: hi, svc: int32(i)}
			if ix.usable(&p) {
				p.cost = itemCost(p.pattern)
				out = append(out, p)
			}
		})
	}
	if !cross || mode == readonly.WildcardsNone {
		return out
	}
	name := func(k int32) string {
		r := ix.byBare[k]
		return ix.services[ix.svc[r]].Actions[r-ix.lo[ix.svc[r]]].Name
	}
	ix.walk(0, int32(len(ix.byBare)), 0, ix.crossTargets, ix.bareBy, func(lo, hi int32, depth, end int) {
		d, ok := starDepth(mode, families, name, lo, hi, max(depth, 1), end, false)
		if !ok {
			return
		}
		stem := name(lo)[:d]
		if fam, ok := families.Lookup(stem); ok {
			stem = fam.Prefix // "*:Get*", not the "*:GET*" of the first name in order
		}
		p := pick{pattern: "*:" + stem + "*", lo: lo, hi: hi, cross: true, svc: -1}
		first := ix.svc[ix.byBare[lo]]
		several := false
		for _, r := range ix.byBare[lo:hi] {
			if ix.svc[r] != first {
				several = true
				break
			}
		}
		if several && ix.usable(&p) { // within one service, its own pattern is as good and safer
			p.cost = itemCost(p.pattern)
			out = append(out, p)
		}
	})
	return out
}

// usable counts the pick's targets and refuses one that matches a Forbidden
// action or no target.
func (ix *index) usable(p *pick) bool {
	ok := true
	ix.each(p, func(r int32) {
		switch ix.class[r] {
		case Target:
			p.targets++
		case Forbidden:
			ok = false
		}
	})
	return ok && p.targets > 0
}

// walk visits the case-insensitive trie of the names of [lo, hi), which
// are sorted and share their first depth characters: f gets each node with
// the shortest (depth) and longest (end) prefix that match exactly its run.
// It skips runs without a target, as targets (prefix counts) tells; keys
// are the lower-case names.
func (ix *index) walk(lo, hi int32, depth int, targets []int32, keys []string, f func(lo, hi int32, depth, end int)) {
	if lo >= hi || targets[hi] == targets[lo] {
		return
	}
	first, last := keys[lo], keys[hi-1]
	end := 0
	for end < len(first) && end < len(last) && first[end] == last[end] {
		end++
	}
	f(lo, hi, depth, end)
	i := lo
	for i < hi && len(keys[i]) == end { // the prefix itself, once per service that has it
		i++
	}
	for i < hi {
		next := keys[i][end]
		// The run of next ends where the keys' byte at end changes; they
		// are sorted, so a binary search finds it.
		j := i + 1 + int32(sort.Search(int(hi-i-1), func(k int) bool { return keys[i+1+int32(k)][end] != next }))
		ix.walk(i, j, end+1, targets, keys, f)
		i = j
	}
}

// starDepth is the shortest prefix length in [from, to] where the mode lets
// a '*' follow, over the names of [lo, hi): in "word" mode a read family
// that, when allNames, ends a word in every name.
func starDepth(mode readonly.Wildcards, families *readonly.Families, name func(int32) string, lo, hi int32, from, to int, allNames bool) (int, bool) {
	first := name(lo)
	for d := from; d <= to; d++ {
		switch mode {
		case readonly.WildcardsPrefix:
			return d, true
		case readonly.WildcardsWord:
			if d == 0 || !readonly.WordEnd(first, d) || allNames && !families.Has(first[:d]) || !allNames && !families.HasAcross(first[:d]) {
				continue
			}
			ok := true
			for r := lo + 1; allNames && r < hi && ok; r++ {
				ok = readonly.WordEnd(name(r), d)
			}
			if ok {
				return d, true
			}
		}
	}
	return 0, false
}
