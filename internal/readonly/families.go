package readonly

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// ReadFamilyShare is the share of target-level actions a name prefix needs,
// across every service of the catalog, to count as a read family.
const ReadFamilyShare = 0.97

// Families are the read families of a catalog at some access levels: the
// name prefixes of whole CamelCase words ("Describe", "GetBucket",
// "BatchGet") under which, across every service, at least ReadFamilyShare
// of the actions are at those levels. In "word" mode a '*' may follow only
// such a prefix: the next action AWS adds under "Describe" is almost surely
// a read, while under "Start" (534 of 551 Write) it is almost surely not.
// They are derived from the catalog, never kept by hand.
type Families struct {
	levels iam.LevelSet
	share  map[string]Family // by lower-case prefix, qualifying or not
}

// Family is one name prefix with its counts across the catalog.
type Family struct {
	Prefix string // as action names spell it, CamelCase rather than all capitals
	Total  int    // actions of every service whose names start with Prefix
	Target int    // how many of those are at the target levels
}

// Share is Target ÷ Total.
func (f Family) Share() float64 { return float64(f.Target) / float64(f.Total) }

// Qualifies reports whether the prefix is a read family.
func (f Family) Qualifies() bool { return f.Total > 0 && f.Share() >= ReadFamilyShare }

// NewFamilies counts, for every prefix that ends a CamelCase word in some
// action name of services, the actions of all services that start with it.
// Names compare ASCII case-insensitively, as IAM compares them.
func NewFamilies(services []*iam.Service, levels iam.LevelSet) *Families {
	type entry struct {
		lower, name string
		target      bool
	}
	var all []entry
	for _, svc := range services {
		for _, a := range svc.Actions {
			all = append(all, entry{strings.ToLower(a.Name), a.Name, levels.Has(a.AccessLevel)})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].lower < all[j].lower })
	targets := make([]int, len(all)+1) // targets[i]: how many of all[:i] are at the levels
	for i, e := range all {
		targets[i+1] = targets[i]
		if e.target {
			targets[i+1]++
		}
	}
	f := &Families{levels: levels, share: map[string]Family{}}
	for _, e := range all {
		for d := 1; d <= len(e.name); d++ {
			p := e.lower[:d]
			if !wordEnd(e.name, d) {
				continue
			}
			if fam, done := f.share[p]; done {
				if betterSpelling(e.name[:d], fam.Prefix) {
					fam.Prefix = e.name[:d]
					f.share[p] = fam
				}
				continue
			}
			lo := sort.Search(len(all), func(i int) bool { return all[i].lower >= p })
			hi := lo + sort.Search(len(all)-lo, func(i int) bool { return !strings.HasPrefix(all[lo+i].lower, p) })
			f.share[p] = Family{Prefix: all[lo].name[:d], Total: hi - lo, Target: targets[hi] - targets[lo]}
		}
	}
	return f
}

// betterSpelling reports whether a spelling of a prefix reads better than
// the one kept: CamelCase ("Get", "Search") over all capitals ("GET") or
// lower case ("search"), which a few services use.
func betterSpelling(s, kept string) bool {
	camel := func(x string) bool { return isUpper(x[0]) && (len(x) == 1 || x != strings.ToUpper(x)) }
	return camel(s) && !camel(kept)
}

// Has reports whether prefix is a read family.
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

// familyCache keeps the families of each catalog and level set: deriving
// them reads every service, which a catalog decodes once per process.
var familyCache sync.Map // familyKey -> *familyEntry

type familyKey struct {
	cat    iam.Catalog
	levels iam.LevelSet
}

type familyEntry struct {
	once sync.Once
	f    *Families
	err  error
}

// FamiliesOf derives the read families of the whole catalog at levels,
// once per catalog and level set.
func FamiliesOf(ctx context.Context, cat iam.Catalog, levels iam.LevelSet) (*Families, error) {
	v, _ := familyCache.LoadOrStore(familyKey{cat, levels}, &familyEntry{})
	e, ok := v.(*familyEntry)
	if !ok {
		return nil, fmt.Errorf("read-family cache holds %T", v)
	}
	e.once.Do(func() {
		services, err := AllServices(ctx, cat)
		if err != nil {
			e.err = err
			return
		}
		e.f = NewFamilies(services, levels)
	})
	if e.err != nil {
		familyCache.Delete(familyKey{cat, levels}) // a cancelled read may succeed next time
	}
	return e.f, e.err
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
