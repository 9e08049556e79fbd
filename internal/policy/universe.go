package policy

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// universe is every action of a catalog in one table sorted by full name,
// so that a set of actions is a bitset over table positions ("ranks"), a
// sorted result is a walk over the bits, and each full name is built once.
// A service's actions share the prefix "service:", so they occupy one
// contiguous range of ranks.
type universe struct {
	actions   []actionEntry
	services  []serviceEntry // in rank order
	byPrefix  map[string]int // lower-case prefix to index in services
	summaries []iam.ServiceSummary
	// byLevel holds, per access level, the ranks of the actions at it, so
	// a statement's counts are a few popcounts rather than a walk.
	byLevel [iam.Tagging + 1]bitset

	unknownMu sync.Mutex
	unknown   map[string]string // unknown prefix to its explanation
}

type actionEntry struct {
	name  string // "s3:GetObject", the catalog's spelling
	level iam.AccessLevel
	svc   int32 // index in universe.services
}

type serviceEntry struct {
	prefix string
	name   string
	svc    *iam.Service
	lo, hi int32                  // the service's ranks
	levels [iam.Tagging + 1]int32 // how many of its actions have each level
}

// short is the action name without its service prefix.
func (u *universe) short(rank int32) string {
	a := &u.actions[rank]
	return a.name[len(u.services[a.svc].prefix)+1:]
}

// newUniverse reads the services of the scope; every service of the
// catalog for expanding "*" or a NotAction. The table is of those services
// only, while an unknown prefix's suggestions come from the whole list.
func newUniverse(ctx context.Context, cat iam.Catalog, scope Scope) (*universe, error) {
	summaries, err := cat.Services(ctx)
	if err != nil {
		return nil, fmt.Errorf("listing services: %w", err)
	}
	read := summaries
	if !scope.All {
		read = nil
		for _, s := range summaries {
			if _, ok := slices.BinarySearch(scope.Prefixes, s.Prefix); ok {
				read = append(read, s)
			}
		}
	}
	u := &universe{byPrefix: make(map[string]int, len(read)), summaries: summaries, unknown: map[string]string{}}
	services := make([]serviceEntry, len(read))
	for i, s := range read {
		svc, err := cat.Service(ctx, s.Prefix)
		if err != nil {
			return nil, fmt.Errorf("reading service %q: %w", s.Prefix, err)
		}
		services[i] = serviceEntry{prefix: svc.Prefix, name: svc.Name, svc: svc}
		for j := range svc.Actions {
			a := &svc.Actions[j]
			u.actions = append(u.actions, actionEntry{name: svc.FullName(a), level: a.AccessLevel})
			services[i].levels[a.AccessLevel]++
		}
	}
	sort.Slice(u.actions, func(i, j int) bool { return u.actions[i].name < u.actions[j].name })
	for i := range services {
		s := &services[i]
		s.lo = int32(sort.Search(len(u.actions), func(r int) bool { return u.actions[r].name >= s.prefix+":" }))
		s.hi = s.lo + int32(len(s.svc.Actions))
	}
	sort.SliceStable(services, func(i, j int) bool { return services[i].lo < services[j].lo })
	u.services = services
	for l := range u.byLevel {
		u.byLevel[l] = newBitset(len(u.actions))
	}
	for r, a := range u.actions {
		u.byLevel[a.level].set(int32(r))
	}
	for i := range services {
		u.byPrefix[iam.ToLowerASCII(services[i].prefix)] = i
		for r := services[i].lo; r < services[i].hi; r++ {
			u.actions[r].svc = int32(i)
		}
	}
	return u, nil
}

// rankOf finds the rank of one of a service's actions: a binary search of
// the service's range, which is sorted by exact name.
func (u *universe) rankOf(s *serviceEntry, a *iam.Action) int32 {
	n := int(s.hi - s.lo)
	return s.lo + int32(sort.Search(n, func(i int) bool { return u.short(s.lo+int32(i)) >= a.Name }))
}

// levelCounts counts the members of b at each access level.
func (u *universe) levelCounts(b bitset) LevelCounts {
	var c LevelCounts
	for _, l := range iam.AccessLevels {
		c.add(l, b.countAnd(u.byLevel[l]))
	}
	return c
}
