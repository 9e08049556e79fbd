package policy

import (
	"slices"
	"sort"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// compact rewrites the actions named (the set a statement's patterns match,
// before a NotAction inverts it) as few patterns as it can: "*" for every
// action, "svc:*" for every action of a service, and the rest of each
// service compacted exactly in word mode by the read-only compactor. When
// the statement's own known patterns are fewer, as cross-service ones such
// as "*:Get*" often are, they are the compacted form, deduplicated and
// sorted: so the result never holds more patterns than the statement, and
// a plan's size follows the document rather than the catalog.
func (e *Expander) compact(named bitset, written []string) []string {
	u := e.u
	total := named.count()
	if total == 0 {
		return nil
	}
	if total == len(u.actions) {
		return []string{"*"}
	}
	var out []string
	for si := range u.services {
		s := &u.services[si]
		var names []string
		for r := named.next(s.lo); r >= 0 && r < s.hi; r = named.next(r + 1) {
			names = append(names, u.short(r))
		}
		switch {
		case len(names) == 0:
		case len(names) == int(s.hi-s.lo):
			out = append(out, s.prefix+":*")
		default:
			out = append(out, e.compactService(si, names)...)
		}
		if len(out) > len(written) {
			break // the written form is shorter whatever the rest gives
		}
	}
	if known := e.knownPatterns(written); len(known) <= len(out) {
		return known
	}
	sort.Strings(out)
	return out
}

// knownPatterns are the patterns that name some action, sorted, each once.
func (e *Expander) knownPatterns(written []string) []string {
	known := make([]string, 0, len(written))
	for _, p := range written {
		if e.expansion(p).problem == "" {
			known = append(known, p)
		}
	}
	sort.Strings(known)
	return slices.Compact(known)
}

// compactService compacts some actions of one service, or lists them in
// full when the service's actions are in no order the compactor trusts.
func (e *Expander) compactService(si int, names []string) []string {
	c := e.compactors[si].get(e.u.services[si].svc)
	if c != nil {
		if patterns, err := c.Compact(names, readonly.WildcardsWord); err == nil {
			return patterns
		}
	}
	prefix := e.u.services[si].prefix + ":"
	full := make([]string, len(names))
	for i, n := range names {
		full[i] = prefix + n
	}
	return full
}

// lazyCompactor builds a service's compactor on first use: most plans
// compact a few services, and building checks every action of one.
type lazyCompactor struct {
	once sync.Once
	c    *readonly.Compactor
}

func (l *lazyCompactor) get(svc *iam.Service) *readonly.Compactor {
	l.once.Do(func() {
		if c, err := readonly.NewCompactor(svc); err == nil {
			l.c = c
		}
	})
	return l.c
}
