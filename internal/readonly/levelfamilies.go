package readonly

import (
	"context"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// LevelFamilies widen the read-family rule to every access level, for a
// compactor that writes patterns over what a statement already grants
// rather than over reads alone (the policy fitter). A '*' after a prefix P
// of one service may match every action under P, present or future, when
// either
//
//   - P is a read family (Families.Has at List and Read), as today; or
//   - every action P matches today is at one level L (Write, Permissions
//     management or Tagging), and P is a root family at L on its own
//     evidence (minFamilyActions actions of minFamilyServices services, a
//     lower 95% Wilson bound of at least ReadFamilyShare at L) or a longer
//     prefix of one with the share (Family.Across at L).
//
// So what AWS later adds under P is, with 95% confidence, at least 97% of
// the time of the level the pattern already grants under P. The evidence
// is the whole catalog's even for a pattern of one service: a service
// seldom has enough actions under one prefix for a bound of its own (ec2
// has the most "Create" actions, 112, and even 112 of 112 would bound the
// share at 96.7% only; the median service has 4), while the naming is
// AWS's across its services. An action added under "CreateVpc" is one under "Create",
// whose evidence therefore covers it. On the embedded snapshot the Write roots
// are "Create" (2,362 of 2,403 Write, 364 services, bound 97.7%) and
// "Update" (2,048 of 2,085, 342, 97.6%), the Tagging roots "Tag" (318 of
// 320, 306, 97.8%) and "Untag" (316 of 318, 305, 97.7%), and Permissions
// management has none; "Delete" (2,419 of 2,524 Write, bound 95.0%) and
// "Put" (494 of 590) fall short.
type LevelFamilies struct {
	read  *Families
	level map[iam.AccessLevel]*Families
}

// levelFamilyLevels are the levels a non-read family may be of.
var levelFamilyLevels = []iam.AccessLevel{iam.Write, iam.PermissionsManagement, iam.Tagging}

// LevelFamiliesOf derives the level families of the whole catalog, once
// per catalog; the read families are FamiliesOf's, shared with the
// boundary.
func LevelFamiliesOf(ctx context.Context, cat iam.Catalog) (*LevelFamilies, error) {
	levels, err := iam.ParseLevels(DefaultAccessLevels)
	if err != nil {
		return nil, err
	}
	read, err := FamiliesOf(ctx, cat, levels)
	if err != nil {
		return nil, err
	}
	return levelFamilyCache.get(cat, func() (*LevelFamilies, error) {
		services, err := AllServices(ctx, cat)
		if err != nil {
			return nil, err
		}
		return newLevelFamilies(read, services), nil
	})
}

// levelFamilyCache keeps the level families of each catalog.
var levelFamilyCache onceCache[iam.Catalog, *LevelFamilies]

// NewLevelFamilies counts the level families of services (see NewFamilies).
func NewLevelFamilies(services []*iam.Service) *LevelFamilies {
	return newLevelFamilies(NewFamilies(services, iam.LevelSet(0).Add(iam.List).Add(iam.Read)), services)
}

// newLevelFamilies counts every level's families in one pass.
func newLevelFamilies(read *Families, services []*iam.Service) *LevelFamilies {
	sets := make([]iam.LevelSet, len(levelFamilyLevels))
	for i, l := range levelFamilyLevels {
		sets[i] = iam.LevelSet(0).Add(l)
	}
	lf := &LevelFamilies{read: read, level: map[iam.AccessLevel]*Families{}}
	for i, f := range newFamilies(services, sets...) {
		lf.level[levelFamilyLevels[i]] = f
	}
	return lf
}

// Read are the read families, the rule's special case.
func (lf *LevelFamilies) Read() *Families { return lf.read }

// At are the families counted at level l alone; nil for List and Read,
// which count together (Read).
func (lf *LevelFamilies) At(l iam.AccessLevel) *Families { return lf.level[l] }

// Admits reports whether a pattern of one service may put a '*' after
// prefix when the actions it matches today are all at level l; l is 0 when
// they are of several levels.
func (lf *LevelFamilies) Admits(prefix string, l iam.AccessLevel) bool {
	if lf.read.Has(prefix) {
		return true
	}
	f := lf.level[l]
	return f != nil && f.HasAcross(prefix)
}
