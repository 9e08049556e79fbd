package boundary

import (
	"sort"
	"sync"

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
// Target action: the exact names of the target actions, and the Universe's
// wildcard patterns for the mode that this Problem can use.
func (ix *index) candidates(mode readonly.Wildcards, cross bool, families *readonly.Families) []pick {
	all := ix.wildcards(mode, cross, families)
	var out []pick
	k := 0
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
		for ; k < len(all) && !all[k].cross && all[k].svc == int32(i); k++ {
			// The prefix counts skip, without a look at each action, the
			// patterns of services (or runs) without a target.
			if p := all[k]; ix.targets[p.hi] > ix.targets[p.lo] && ix.usable(&p) {
				out = append(out, p)
			}
		}
	}
	for ; k < len(all); k++ {
		if p := all[k]; ix.usable(&p) {
			out = append(out, p)
		}
	}
	return out
}

// wildcardKey names one list of a Universe's wildcard patterns.
type wildcardKey struct {
	mode     readonly.Wildcards
	cross    bool
	families *readonly.Families
}

// wildcards are every wildcard pattern the mode allows over the Universe,
// per service in order, then the cross-service ones: what candidates share
// across the Problems of one catalog, computed once per mode and families.
// Their targets are left for each Problem to count.
func (u *Universe) wildcards(mode readonly.Wildcards, cross bool, families *readonly.Families) []pick {
	if mode == readonly.WildcardsNone {
		return nil
	}
	v, _ := u.patterns.LoadOrStore(wildcardKey{mode, cross, families}, &wildcardEntry{})
	e, _ := v.(*wildcardEntry) // the map holds nothing else
	e.once.Do(func() { e.picks = u.findWildcards(mode, cross, families) })
	return e.picks
}

type wildcardEntry struct {
	once  sync.Once
	picks []pick
}

func (u *Universe) findWildcards(mode readonly.Wildcards, cross bool, families *readonly.Families) []pick {
	var out []pick
	for i, svc := range u.services {
		base := u.lo[i]
		prefix := svc.Prefix + ":"
		name := func(r int32) string { return svc.Actions[r-base].Name }
		walk(base, u.lo[i+1], 0, u.bare, func(lo, hi int32, depth, end int) {
			if d, ok := starDepth(mode, families, name, lo, hi, depth, end, true); ok {
				pattern := prefix + name(lo)[:d] + "*"
				out = append(out, pick{pattern: pattern, cost: itemCost(pattern), lo: lo, hi: hi, svc: int32(i)})
			}
		})
	}
	if !cross {
		return out
	}
	name := func(k int32) string {
		r := u.byBare[k]
		return u.services[u.svc[r]].Actions[r-u.lo[u.svc[r]]].Name
	}
	walk(0, int32(len(u.byBare)), 0, u.bareBy, func(lo, hi int32, depth, end int) {
		d, ok := starDepth(mode, families, name, lo, hi, max(depth, 1), end, false)
		if !ok {
			return
		}
		first := u.svc[u.byBare[lo]]
		several := false
		for _, r := range u.byBare[lo:hi] {
			if u.svc[r] != first {
				several = true
				break
			}
		}
		if !several { // within one service, its own pattern is as good and safer
			return
		}
		stem := name(lo)[:d]
		if fam, ok := families.Lookup(stem); ok {
			stem = fam.Prefix // "*:Get*", not the "*:GET*" of the first name in order
		}
		pattern := "*:" + stem + "*"
		out = append(out, pick{pattern: pattern, cost: itemCost(pattern), lo: lo, hi: hi, cross: true, svc: -1})
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
// Keys are the lower-case names.
func walk(lo, hi int32, depth int, keys []string, f func(lo, hi int32, depth, end int)) {
	if lo >= hi {
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
		walk(i, j, end+1, keys, f)
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
