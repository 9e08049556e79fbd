package readonly

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Compact returns patterns, each "prefix:Pattern", that together grant
// exactly the wanted actions of svc and no other action of it, spending as
// few characters of a policy's Action list as the wildcard mode allows.
// Wanted names are matched case-insensitively, bare ("DescribeTrails") or
// full ("cloudtrail:DescribeTrails"); a name the service lacks is an
// error that suggests close ones. The patterns come sorted as sort.Strings
// sorts; an empty want gives none.
//
// Within the family of exact names and "Prefix*" patterns the result is the
// smallest: see compactor for the algorithm. Patterns of other shapes
// ("Get*Policy", "?") could sometimes be shorter but are hard to read and
// to trust, so they are not considered.
func Compact(svc *iam.Service, want []string, mode Wildcards) ([]string, error) {
	c, err := NewCompactor(svc)
	if err != nil {
		return nil, err
	}
	return c.Compact(want, mode)
}

// Compactor compacts action sets of one service, whose actions it checks
// once rather than on every call: for callers that compact many sets of
// the same service, such as a validator suggesting shorter action lists.
type Compactor struct {
	svc      *iam.Service
	families *Families
	levels   *LevelFamilies
}

// NewCompactor refuses a service whose actions Compact cannot trust: out
// of case-insensitive order, named twice, or named with a wildcard. The
// service must not change afterwards.
func NewCompactor(svc *iam.Service) (*Compactor, error) {
	if svc == nil {
		return nil, fmt.Errorf("no service to compact actions of")
	}
	if err := checkActions(svc); err != nil {
		return nil, err
	}
	return &Compactor{svc: svc}, nil
}

// WithFamilies returns a compactor whose "word" mode writes a '*' only
// after a read family (see Families); nil keeps any whole-word prefix.
func (c *Compactor) WithFamilies(f *Families) *Compactor {
	return &Compactor{svc: c.svc, families: f}
}

// WithLevelFamilies returns a compactor whose "word" mode writes a '*' only
// after a level family of the actions it matches (see LevelFamilies).
func (c *Compactor) WithLevelFamilies(lf *LevelFamilies) *Compactor {
	return &Compactor{svc: c.svc, families: lf.Read(), levels: lf}
}

// Compact is the package's Compact for the compactor's service.
func (c *Compactor) Compact(want []string, mode Wildcards) ([]string, error) {
	mode, err := ParseWildcards(string(mode))
	if err != nil {
		return nil, err
	}
	svc := c.svc
	marks := make([]bool, len(svc.Actions))
	for _, name := range want {
		i, err := actionIndex(svc, name)
		if err != nil {
			return nil, err
		}
		marks[i] = true
	}
	out := compact(svc, marks, mode, starRules{families: c.families, levels: c.levels})
	sort.Strings(out)
	return out, nil
}

// actionIndex finds a wanted name among the service's actions.
func actionIndex(svc *iam.Service, name string) (int, error) {
	bare := name
	if prefix, action, ok := strings.Cut(name, ":"); ok {
		if !iam.EqualFoldASCII(prefix, svc.Prefix) {
			return 0, fmt.Errorf("action %q is not one of service %q", name, svc.Prefix)
		}
		bare = action
	}
	if i, ok := svc.ActionIndex(bare); ok {
		return i, nil
	}
	return 0, svc.UnknownActionError(bare)
}

// checkActions refuses a service whose actions the compactor cannot trust:
// out of case-insensitive order, named twice, or named with a wildcard,
// which would make its exact name a pattern.
func checkActions(svc *iam.Service) error {
	for i, a := range svc.Actions {
		if iam.HasWildcard(a.Name) {
			return fmt.Errorf("service %q: action name %q contains a wildcard character", svc.Prefix, a.Name)
		}
		if i > 0 && iam.CompareFold(svc.Actions[i-1].Name, a.Name) >= 0 {
			return fmt.Errorf("service %q: actions %q and %q are not in strictly increasing case-insensitive order",
				svc.Prefix, svc.Actions[i-1].Name, a.Name)
		}
	}
	return nil
}

// starRules limit where compact may write a '*', beyond the mode.
type starRules struct {
	// families, in "word" mode, admits a '*' only after a read family; nil
	// admits any whole-word prefix.
	families *Families
	// levels, when set, also admits a '*' after a level family of the
	// actions it matches (LevelFamilies.Admits).
	levels *LevelFamilies
	// full marks actions always written by their full name, never folded
	// into a '*': those include adds outside the target levels.
	full []bool
	// free marks unwanted actions a '*' may match all the same: for a Deny
	// list, whose wildcards may reach any action no statement allows.
	free []bool
}

// compact solves one service whose actions passed checkActions; want[i]
// marks svc.Actions[i].
func compact(svc *iam.Service, want []bool, mode Wildcards, rules starRules) []string {
	c := &compactor{svc: svc, want: want, mode: mode, rules: rules, prefix: svc.Prefix + ":"}
	c.wanted = make([]int, len(want)+1)
	c.full = make([]int, len(want)+1)
	c.free = make([]int, len(want)+1)
	for i, w := range want {
		c.wanted[i+1], c.full[i+1], c.free[i+1] = c.wanted[i], c.full[i], c.free[i]
		if w {
			c.wanted[i+1]++
		} else if i < len(rules.free) && rules.free[i] {
			c.free[i+1]++
		}
		if i < len(rules.full) && rules.full[i] {
			c.full[i+1]++
		}
	}
	c.solve(0, len(want), 0)
	return c.out
}

// compactor is a dynamic program over the case-insensitive trie of the
// service's action names. The subtree under a prefix P is either
//
//   - wanted throughout, with P a candidate in the mode: one pattern "P*"
//     covers it, at the cost of its characters;
//   - or covered piecewise: the exact name P if P is a wanted action, plus
//     the cheapest cover of each child subtree.
//
// It takes the cheaper, and the piecewise cover on a tie, since that grants
// less of what AWS adds later. A subtree with nothing wanted costs nothing.
// No pattern may match an unwanted action, so any valid answer is such a
// choice at every node, and this is the cheapest. The cost of a pattern is
// len(`"svc:Pattern",`), what it adds to a policy, so fewer patterns win
// among equally long ones.
//
// The trie is implicit: actions are sorted case-insensitively, so a prefix's
// subtree is a run of them, and a chain of single-child nodes is walked at
// once, from the run's shared depth to the length of its common prefix:
// every prefix in the chain matches the same actions, and the shortest
// candidate among them is the cheapest star. The work is linear in the
// characters of the names in "none" and "prefix" modes, and at most their
// product with the chain lengths in "word" mode.
//
// Candidates: none in "none" mode; any prefix, the empty one ("svc:*")
// included, in "prefix" mode (at a character boundary); in "word" mode a
// non-empty prefix that ends a word (see wordEnd) in every action it
// matches, so it reads the same whichever of them one looks at, and that is
// a read family when starRules has families. A subtree holding an action
// starRules marks full takes no star.
type compactor struct {
	svc    *iam.Service
	want   []bool
	wanted []int // wanted[i]: how many of want[:i] are set
	full   []int // full[i]: how many of rules.full[:i] are set
	free   []int // free[i]: how many of want[:i] are unset but rules.free
	rules  starRules
	mode   Wildcards
	prefix string // "svc:"
	out    []string
}

func (c *compactor) cost(pattern string) int { return len(c.prefix) + len(pattern) + 3 }

func (c *compactor) name(i int) string { return c.svc.Actions[i].Name }

// solve covers the actions [lo, hi), which are every action whose name
// starts with the same depth characters, appends the chosen patterns to
// c.out and returns their cost.
func (c *compactor) solve(lo, hi, depth int) int {
	n := c.wanted[hi] - c.wanted[lo]
	if n == 0 {
		return 0
	}
	end := commonPrefixFold(c.name(lo), c.name(hi-1))
	mark := len(c.out)
	piecewise := 0
	i := lo
	if len(c.name(lo)) == end { // a prefix of the others, so first in order
		if c.want[lo] {
			c.out = append(c.out, c.prefix+c.name(lo))
			piecewise += c.cost(c.name(lo))
		}
		i++
	}
	for i < hi {
		next := lower(c.name(i)[end])
		j := i + 1
		for j < hi && lower(c.name(j)[end]) == next {
			j++
		}
		piecewise += c.solve(i, j, end+1)
		i = j
	}
	if n+c.free[hi]-c.free[lo] == hi-lo && c.full[hi] == c.full[lo] {
		if d, ok := c.starDepth(lo, hi, depth, end); ok {
			star := c.name(lo)[:d] + "*"
			if c.cost(star) < piecewise {
				c.out = append(c.out[:mark], c.prefix+star)
				return c.cost(star)
			}
		}
	}
	return piecewise
}

// starDepth finds the shortest prefix length in [from, to] that is a
// candidate for a star pattern over the actions [lo, hi).
func (c *compactor) starDepth(lo, hi, from, to int) (int, bool) {
	first := c.name(lo)
	for d := from; d <= to; d++ {
		switch c.mode {
		case WildcardsPrefix:
			if d == len(first) || utf8.RuneStart(first[d]) {
				return d, true
			}
		case WildcardsWord:
			if d > 0 && c.wordEndAll(lo, hi, d) && c.family(lo, hi, first[:d]) {
				return d, true
			}
		default:
			return 0, false
		}
	}
	return 0, false
}

// family reports whether a '*' may follow prefix, which matches the
// actions [lo, hi), in "word" mode.
func (c *compactor) family(lo, hi int, prefix string) bool {
	switch {
	case c.rules.families == nil || c.rules.families.Has(prefix):
		return true
	case c.rules.levels == nil:
		return false
	}
	return c.rules.levels.Admits(prefix, c.level(lo, hi))
}

// level is the access level of every action in [lo, hi), or 0 when they
// are of several.
func (c *compactor) level(lo, hi int) iam.AccessLevel {
	l := c.svc.Actions[lo].AccessLevel
	for i := lo + 1; i < hi; i++ {
		if c.svc.Actions[i].AccessLevel != l {
			return 0
		}
	}
	return l
}

func (c *compactor) wordEndAll(lo, hi, d int) bool {
	for i := lo; i < hi; i++ {
		if !wordEnd(c.name(i), d) {
			return false
		}
	}
	return true
}

// Cover returns patterns that match every wanted action and otherwise only
// free ones, in as few characters as the mode and the compactor's families
// allow: the cheapest cover when some unwanted actions do no harm, such as
// a Deny list's, whose wildcards may reach any action nothing allows. want
// and free are indexed like the service's actions; the result is sorted.
func (c *Compactor) Cover(want, free []bool, mode Wildcards) ([]string, error) {
	mode, err := ParseWildcards(string(mode))
	if err != nil {
		return nil, err
	}
	if len(want) != len(c.svc.Actions) || len(free) != len(c.svc.Actions) {
		return nil, fmt.Errorf("service %q has %d actions, but want has %d and free %d", c.svc.Prefix, len(c.svc.Actions), len(want), len(free))
	}
	out := compact(c.svc, want, mode, starRules{families: c.families, levels: c.levels, free: free})
	sort.Strings(out)
	return out, nil
}

// CompactInCatalog is Compact under the read-family rule: in "word" mode a
// '*' follows only a read family of cat at the List and Read levels, so an
// action of another kind ("iam:PassRole") is written in full.
func CompactInCatalog(ctx context.Context, cat iam.Catalog, svc *iam.Service, want []string, mode Wildcards) ([]string, error) {
	c, err := NewCompactor(svc)
	if err != nil {
		return nil, err
	}
	if m, _ := ParseWildcards(string(mode)); m == WildcardsWord {
		levels, err := iam.ParseLevels(DefaultAccessLevels)
		if err != nil {
			return nil, err
		}
		families, err := FamiliesOf(ctx, cat, levels)
		if err != nil {
			return nil, err
		}
		c = c.WithFamilies(families)
	}
	return c.Compact(want, mode)
}
