package policy

import (
	"iter"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// ActionSet is an immutable set of actions sorted by name. It holds
// positions in the catalog's action table rather than names, so a result
// with hundreds of thousands of actions costs four bytes for each; the
// names are the catalog's own strings and are shared, never copied.
type ActionSet struct {
	u     *universe
	ranks []int32
}

// Len returns the number of actions.
func (s ActionSet) Len() int { return len(s.ranks) }

// At returns the i-th action in name order.
func (s ActionSet) At(i int) Action { return s.u.action(s.ranks[i]) }

// All yields the actions in name order.
func (s ActionSet) All() iter.Seq[Action] {
	return func(yield func(Action) bool) {
		for _, r := range s.ranks {
			if !yield(s.u.action(r)) {
				return
			}
		}
	}
}

// Names returns the full names, such as "s3:GetObject", in order.
func (s ActionSet) Names() []string {
	out := make([]string, len(s.ranks))
	for i, r := range s.ranks {
		out[i] = s.u.actions[r].name
	}
	return out
}

// Contains reports whether the set holds the action with this full name,
// compared ASCII case-insensitively as IAM compares action names.
func (s ActionSet) Contains(name string) bool {
	if s.u == nil {
		return false
	}
	r, ok := s.u.lookup(name)
	if !ok {
		return false
	}
	i := sort.Search(len(s.ranks), func(i int) bool { return s.ranks[i] >= r })
	return i < len(s.ranks) && s.ranks[i] == r
}

func (u *universe) action(rank int32) Action {
	a := &u.actions[rank]
	return Action{Name: a.name, Level: a.level}
}

// lookup finds the rank of an action by full name, case-insensitively.
func (u *universe) lookup(name string) (int32, bool) {
	prefix, action, ok := strings.Cut(name, ":")
	if !ok {
		return 0, false
	}
	i, ok := u.byPrefix[iam.ToLowerASCII(prefix)]
	if !ok {
		return 0, false
	}
	s := &u.services[i]
	a, ok := s.svc.Action(action)
	if !ok {
		return 0, false
	}
	return u.rankOf(s, a), true
}

// set lists the members of b, in rank order and so in name order.
func (u *universe) set(b bitset) ActionSet {
	n := b.count()
	if n == 0 {
		return ActionSet{u: u}
	}
	ranks := make([]int32, 0, n)
	for r := b.next(0); r >= 0; r = b.next(r + 1) {
		ranks = append(ranks, r)
	}
	return ActionSet{u: u, ranks: ranks}
}

// Index is the position of the i-th action in the catalog's action table,
// which every set of one Expander shares: callers that combine many sets,
// such as a fitter comparing two documents, keep their own bitsets of
// indices rather than names.
func (s ActionSet) Index(i int) int { return int(s.ranks[i]) }

// ActionCount is the number of actions in the catalog, one more than the
// largest Index.
func (e *Expander) ActionCount() int { return len(e.u.actions) }

// ActionAt is the action at an index of the catalog's action table.
func (e *Expander) ActionAt(index int) Action { return e.u.action(int32(index)) }
