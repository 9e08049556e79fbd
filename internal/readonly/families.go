package readonly

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// The read-family rules. A '*' after a prefix grants what AWS adds under it
// later, so the prefix must be one under which actions are reads: across
// every service, at least ReadFamilyShare of its actions at the target
// levels. A pattern of one service ("ec2:Describe*") is exposed to that
// service's additions only, and its prefix needs that share. A
// cross-service pattern ("*:Describe*") is exposed to every service's,
// present and future, and a share measured on two actions says little:
// issue 18 found 23 cross-service families resting on 2 of 2 actions
// ("*:InvokeModel*", "*:PassRepository*"), and boundaries that granted the
// Write actions AWS added under such families months later.
// So a cross-service prefix needs evidence: a root family, with at least
// minFamilyActions actions of minFamilyServices services and a share whose
// lower 95% confidence bound (wilsonLower) is at least ReadFamilyShare, or
// a longer prefix of one ("GetBucket" under "Get") with the share.
const (
	// ReadFamilyShare is the share of target-level actions a read family
	// needs; a root family needs it as the lower bound of its interval.
	ReadFamilyShare = 0.97
	// minFamilyActions and minFamilyServices are the least evidence a
	// root family needs.
	minFamilyActions  = 20
	minFamilyServices = 5
	// confidenceZ is the normal quantile of a two-sided 95% interval.
	confidenceZ = 1.959964
)

// Families are the read families of a catalog at some access levels: the
// name prefixes of whole CamelCase words ("Describe", "GetBucket",
// "BatchGet") under which the actions are at those levels (see
// ReadFamilyShare). In "word" mode a '*' may follow only such a prefix:
// the next action AWS adds under "Describe" is almost surely a read, while
// under "Start" (534 of 551 Write) it is almost surely not. They are
// derived from the catalog, never kept by hand.
type Families struct {
	levels  iam.LevelSet
	share   map[string]Family // by lower-case prefix, qualifying or not
	actions []namedAction     // every action, for the deny words

	denyOnce sync.Once
	deny     []DenyWord
}

type namedAction struct {
	name  string
	svc   int32
	level iam.AccessLevel
}

// Family is one name prefix with its counts across the catalog.
type Family struct {
	Prefix   string // as action names spell it, CamelCase rather than all capitals
	Total    int    // actions of every service whose names start with Prefix
	Target   int    // how many of those are at the target levels
	Services int    // how many services have such actions
	// Root is a family on its own evidence: "List", "Get", "Describe".
	Root bool
	// across: a cross-service pattern may end in '*' after the prefix.
	across bool
}

// Share is Target ÷ Total.
func (f Family) Share() float64 { return float64(f.Target) / float64(f.Total) }

// LowerBound is the lower end of the 95% Wilson score interval of Share.
func (f Family) LowerBound() float64 { return wilsonLower(f.Target, f.Total) }

// Qualifies reports whether a pattern of one service may end in '*' after
// the prefix: its share is at least ReadFamilyShare.
func (f Family) Qualifies() bool { return f.Total > 0 && f.Share() >= ReadFamilyShare }

// Across reports whether a cross-service pattern may end in '*' after the
// prefix: it is a root family or a longer prefix of one that qualifies.
func (f Family) Across() bool { return f.across }

// evident reports whether the counts alone make the prefix a root family.
func (f Family) evident() bool {
	return f.Total >= minFamilyActions && f.Services >= minFamilyServices && f.LowerBound() >= ReadFamilyShare
}

// wilsonLower is the lower end of the 95% Wilson score interval of the
// share k of n: what the share is at least, with 95% confidence. Unlike
// the raw share it is small on little evidence: 2 of 2 gives 0.34, 150 of
// 150 gives 0.975. 0 when n is 0.
func wilsonLower(k, n int) float64 {
	if n <= 0 {
		return 0
	}
	z, nn := confidenceZ, float64(n)
	p := float64(k) / nn
	centre := p + z*z/(2*nn)
	spread := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn))
	return (centre - spread) / (1 + z*z/nn)
}

// NewFamilies counts, for every prefix that ends a CamelCase word in some
// action name of services, the actions and services of all services that
// start with it. Names compare ASCII case-insensitively, as IAM compares
// them.
func NewFamilies(services []*iam.Service, levels iam.LevelSet) *Families {
	return newFamilies(services, levels)[0]
}

// newFamilies counts the families of services at each of several level
// sets in one pass: the prefixes, their actions and services are the same
// for every level set, only the target counts differ.
func newFamilies(services []*iam.Service, sets ...iam.LevelSet) []*Families {
	type entry struct {
		lower, name string
		level       iam.AccessLevel
		svc         int32
	}
	var all []entry
	for i, svc := range services {
		for _, a := range svc.Actions {
			all = append(all, entry{strings.ToLower(a.Name), a.Name, a.AccessLevel, int32(i)})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].lower < all[j].lower })
	var actions []namedAction
	for i, svc := range services {
		for _, a := range svc.Actions {
			actions = append(actions, namedAction{a.Name, int32(i), a.AccessLevel})
		}
	}
	out := make([]*Families, len(sets))
	targets := make([][]int, len(sets)) // targets[k][i]: how many of all[:i] are at sets[k]
	for k, levels := range sets {
		out[k] = &Families{levels: levels, share: map[string]Family{}, actions: actions}
		targets[k] = make([]int, len(all)+1)
		for i, e := range all {
			targets[k][i+1] = targets[k][i]
			if levels.Has(e.level) {
				targets[k][i+1]++
			}
		}
	}
	seen := make([]int, len(services)) // seen[s]: the last prefix number that counted service s
	number := 0
	first := out[0].share // every set has the same prefixes
	for _, e := range all {
		for d := 1; d <= len(e.name); d++ {
			p := e.lower[:d]
			if !wordEnd(e.name, d) {
				continue
			}
			if fam, done := first[p]; done {
				if betterSpelling(e.name[:d], fam.Prefix) {
					for _, f := range out {
						fam := f.share[p]
						fam.Prefix = e.name[:d]
						f.share[p] = fam
					}
				}
				continue
			}
			lo := sort.Search(len(all), func(i int) bool { return all[i].lower >= p })
			hi := lo + sort.Search(len(all)-lo, func(i int) bool { return !strings.HasPrefix(all[lo+i].lower, p) })
			number++
			n := 0
			for _, x := range all[lo:hi] {
				if seen[x.svc] != number {
					seen[x.svc] = number
					n++
				}
			}
			for k, f := range out {
				f.share[p] = Family{Prefix: all[lo].name[:d], Total: hi - lo, Target: targets[k][hi] - targets[k][lo], Services: n}
			}
		}
	}
	for _, f := range out {
		f.settle()
	}
	return out
}

// settle decides the roots, then the prefixes a cross-service '*' may
// follow, which depend on the roots only.
func (f *Families) settle() {
	for k, fam := range f.share {
		fam.Root = fam.evident()
		f.share[k] = fam
	}
	for k, fam := range f.share {
		if fam.Root || fam.Qualifies() && f.underRoot(fam.Prefix) {
			fam.across = true
			f.share[k] = fam
		}
	}
}

// underRoot reports whether a shorter whole-word prefix of prefix is a
// root family.
func (f *Families) underRoot(prefix string) bool {
	for d := len(prefix) - 1; d > 0; d-- {
		if wordEnd(prefix, d) {
			if fam, ok := f.share[strings.ToLower(prefix[:d])]; ok && fam.Root {
				return true
			}
		}
	}
	return false
}

// betterSpelling reports whether a spelling of a prefix reads better than
// the one kept: CamelCase ("Get", "Search") over all capitals ("GET") or
// lower case ("search"), which a few services use.
func betterSpelling(s, kept string) bool {
	camel := func(x string) bool { return isUpper(x[0]) && (len(x) == 1 || x != strings.ToUpper(x)) }
	return camel(s) && !camel(kept)
}

// HasAcross reports whether a cross-service pattern may put a '*' after
// prefix (Family.Across).
func (f *Families) HasAcross(prefix string) bool {
	fam, ok := f.share[strings.ToLower(prefix)]
	return ok && fam.across
}

// Has reports whether a pattern of one service may put a '*' after prefix
// (Family.Qualifies).
func (f *Families) Has(prefix string) bool {
	var buf [64]byte
	if len(prefix) > len(buf) {
		fam, ok := f.share[strings.ToLower(prefix)]
		return ok && fam.Qualifies()
	}
	b := buf[:len(prefix)]
	for i := range b {
		b[i] = lower(prefix[i])
	}
	fam, ok := f.share[string(b)] // the compiler looks this up without allocating
	return ok && fam.Qualifies()
}

// Lookup returns the counts of a word prefix, qualifying or not; false when
// no action name has a word ending there, or f is nil.
func (f *Families) Lookup(prefix string) (Family, bool) {
	if f == nil {
		return Family{}, false
	}
	fam, ok := f.share[strings.ToLower(prefix)]
	return fam, ok
}

// Levels are the target levels the shares count.
func (f *Families) Levels() iam.LevelSet { return f.levels }

// Largest lists the n qualifying families with the most actions, most
// first, leaving out a family that merely extends a larger listed one.
func (f *Families) Largest(n int) []Family {
	var out []Family
	for _, fam := range f.share {
		if fam.Qualifies() {
			out = append(out, fam)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return strings.ToLower(out[i].Prefix) < strings.ToLower(out[j].Prefix)
	})
	var kept []Family
	for _, fam := range out {
		covered := false
		for _, k := range kept {
			if strings.HasPrefix(strings.ToLower(fam.Prefix), strings.ToLower(k.Prefix)) {
				covered = true
				break
			}
		}
		if !covered {
			kept = append(kept, fam)
		}
		if len(kept) == n {
			break
		}
	}
	return kept
}

// Roots lists the root families, most actions first, leaving out a root
// that merely extends another ("ListTags" under "List").
func (f *Families) Roots() []Family {
	var out []Family
	for _, fam := range f.share {
		if fam.Root && !f.underRoot(fam.Prefix) {
			out = append(out, fam)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Total > out[j].Total })
	return out
}

// familyCache keeps the families of each catalog and level set: deriving
// them reads every service, which a catalog decodes once per process.
var familyCache onceCache[familyKey, *Families]

type familyKey struct {
	cat    iam.Catalog
	levels iam.LevelSet
}

// FamiliesOf derives the read families of the whole catalog at levels,
// once per catalog and level set.
func FamiliesOf(ctx context.Context, cat iam.Catalog, levels iam.LevelSet) (*Families, error) {
	return familyCache.get(familyKey{cat, levels}, func() (*Families, error) {
		services, err := AllServices(ctx, cat)
		if err != nil {
			return nil, err
		}
		return NewFamilies(services, levels), nil
	})
}

// onceCache computes the value of each key once, for every caller; a
// failure is forgotten, since a cancelled read may succeed next time.
type onceCache[K comparable, V any] struct{ m sync.Map }

type onceEntry[V any] struct {
	once sync.Once
	v    V
	err  error
}

func (c *onceCache[K, V]) get(k K, compute func() (V, error)) (V, error) {
	v, _ := c.m.LoadOrStore(k, &onceEntry[V]{})
	e, ok := v.(*onceEntry[V])
	if !ok {
		var zero V
		return zero, fmt.Errorf("cache holds %T", v)
	}
	e.once.Do(func() { e.v, e.err = compute() })
	if e.err != nil {
		c.m.Delete(k)
	}
	return e.v, e.err
}

// AllServices reads every service of the catalog, in prefix order.
func AllServices(ctx context.Context, cat iam.Catalog) ([]*iam.Service, error) {
	summaries, err := cat.Services(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*iam.Service, len(summaries))
	for i, s := range summaries {
		if out[i], err = cat.Service(ctx, s.Prefix); err != nil {
			return nil, err
		}
	}
	return out, nil
}
