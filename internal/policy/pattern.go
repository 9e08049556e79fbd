package policy

import (
	"fmt"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// expansion is what one action pattern names. It is immutable once built,
// so the cache hands the same one to every caller.
type expansion struct {
	all   bool    // every action of every service
	ranks []int32 // sorted, when not all
	// services counts the services a wildcard service part matched; zero
	// when the service part has no wildcard.
	services int
	// problem says why the pattern names nothing: malformed, an unknown
	// service or action, or a wildcard that matches nothing. explain, when
	// set, says the same with suggestions of close names: an edit distance
	// to every name of a service, so it is worked out only for the
	// messages shown, not for each of a hostile document's typos.
	problem string
	explain func() string
	invalid bool // malformed rather than unknown
}

func (x *expansion) addTo(b bitset, n int) {
	if x.all {
		b.setRange(0, int32(n))
		return
	}
	for _, r := range x.ranks {
		b.set(r)
	}
}

// patternCache remembers expansions by pattern as written. Patterns come
// from configuration, so the cache stops growing at a bound rather than
// evict: past it, patterns are expanded again, which is only slower.
type patternCache struct {
	mu sync.RWMutex
	m  map[string]*expansion
}

const maxCachedPatterns = 1 << 16

func (e *Expander) expansion(pattern string) *expansion {
	e.cache.mu.RLock()
	x, ok := e.cache.m[pattern]
	e.cache.mu.RUnlock()
	if ok {
		return x
	}
	x = e.u.expand(pattern)
	e.cache.mu.Lock()
	if len(e.cache.m) < maxCachedPatterns {
		e.cache.m[pattern] = x
	}
	e.cache.mu.Unlock()
	return x
}

// expand resolves a pattern against the catalog, ASCII case-insensitively
// as IAM does. A service part without a wildcard is one map lookup and an
// action part without one is a binary search; only wildcards scan.
func (u *universe) expand(pattern string) *expansion {
	if pattern == "*" {
		return &expansion{all: true}
	}
	if msg := checkPattern(pattern); msg != "" {
		return &expansion{problem: msg, invalid: true}
	}
	p, _ := iam.ParsePattern(pattern)
	x := &expansion{}
	if !iam.HasWildcard(p.Service) {
		ws := whitespaceHint(pattern)
		i, ok := u.byPrefix[iam.ToLowerASCII(p.Service)]
		if !ok {
			x.problem = fmt.Sprintf("unknown service prefix %q", p.Service) + ws
			x.explain = func() string { return u.unknownService(p.Service) + ws }
			return x
		}
		s := &u.services[i]
		x.ranks = u.matchActions(nil, s, p.Action)
		switch {
		case len(x.ranks) > 0:
		case iam.HasWildcard(p.Action):
			x.problem = fmt.Sprintf("%q matches no action of service %q", p.Action, s.prefix) + ws
		default:
			base := fmt.Sprintf("service %q has no action %q", s.prefix, p.Action)
			x.problem = base + ws
			x.explain = func() string { return base + u.suggestActions(s, p.Action) + ws }
		}
		return x
	}
	for i := range u.services {
		if iam.Match(p.Service, u.services[i].prefix) {
			x.services++
			x.ranks = u.matchActions(x.ranks, &u.services[i], p.Action)
		}
	}
	switch {
	case x.services == 0:
		x.problem = fmt.Sprintf("no service prefix matches %q", p.Service) + whitespaceHint(pattern)
	case len(x.ranks) == 0:
		x.problem = fmt.Sprintf("%q matches no action of the %d services whose prefix matches %q",
			p.Action, x.services, p.Service) + whitespaceHint(pattern)
	}
	return x
}

// matchActions appends the ranks of the service's actions that match the
// action part; services come in rank order, so the result stays sorted.
func (u *universe) matchActions(ranks []int32, s *serviceEntry, action string) []int32 {
	if !iam.HasWildcard(action) {
		if a, ok := s.svc.Action(action); ok {
			return append(ranks, u.rankOf(s, a))
		}
		return ranks
	}
	if strings.Trim(action, "*") == "" {
		for r := s.lo; r < s.hi; r++ {
			ranks = append(ranks, r)
		}
		return ranks
	}
	for r := s.lo; r < s.hi; r++ {
		if iam.Match(action, u.short(r)) {
			ranks = append(ranks, r)
		}
	}
	return ranks
}

// text says why the pattern names nothing, with suggestions.
func (x *expansion) text() string {
	if x.explain != nil {
		return x.explain()
	}
	return x.problem
}

// suggestActions is "; did you mean ...?" with the service's closest
// action names, or "" when none is close.
func (u *universe) suggestActions(s *serviceEntry, action string) string {
	names := make([]string, 0, s.hi-s.lo)
	for r := s.lo; r < s.hi; r++ {
		names = append(names, u.short(r))
	}
	hits := iam.Suggest(action, names, 3)
	if len(hits) == 0 {
		return ""
	}
	for i := range hits {
		hits[i] = fmt.Sprintf("%q", s.prefix+":"+hits[i])
	}
	return "; did you mean " + strings.Join(hits, " or ") + "?"
}

// unknownService explains an unknown prefix. The answer is remembered by
// prefix: its suggestions cost an edit distance to every known prefix, and
// a retired service tends to turn up in many patterns.
func (u *universe) unknownService(prefix string) string {
	u.unknownMu.Lock()
	defer u.unknownMu.Unlock()
	if msg, ok := u.unknown[prefix]; ok {
		return msg
	}
	msg := iam.NewUnknownServiceError(prefix, u.summaries).Error()
	if len(u.unknown) < maxCachedPatterns {
		u.unknown[prefix] = msg
	}
	return msg
}

func whitespaceHint(pattern string) string {
	if strings.TrimSpace(pattern) != pattern {
		return " (note the leading or trailing whitespace in the pattern)"
	}
	return ""
}
