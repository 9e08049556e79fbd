package readonly

import (
	"context"
	"fmt"
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Target is the set of actions Options choose, before any compaction: what
// a one-document boundary tries to grant.
type Target struct {
	// Levels are the access levels chosen.
	Levels iam.LevelSet
	// Services are the services with at least one chosen action, sorted by
	// prefix.
	Services []TargetService
	// Size is the number of chosen actions.
	Size int
}

// TargetService is one service's chosen actions.
type TargetService struct {
	Service *iam.Service
	// Want[i] marks Service.Actions[i] as chosen; Full[i] marks a chosen
	// action include adds outside Levels, which is written in full.
	Want, Full []bool
}

// SelectTarget applies the services, access_levels, include and exclude of
// opts, with the same diagnostics as Build; the other fields are not read.
// An error diagnostic means a nil Target; the error return is only for a
// missing or failing catalog, or a cancelled context.
func SelectTarget(ctx context.Context, cat iam.Catalog, opts Options) (*Target, []Diagnostic, error) {
	if cat == nil {
		return nil, nil, fmt.Errorf("no catalog to choose actions from")
	}
	b := newBuilder(ctx, cat)
	b.parseLevels(opts.AccessLevels)
	if err := b.selectAll(opts); err != nil {
		return nil, b.diags, err
	}
	if HasError(b.diags) {
		return nil, b.diags, nil
	}
	b.warnEmptyServices()
	t := &Target{Levels: b.levels}
	for _, sel := range b.sel {
		n := 0
		for _, w := range sel.want {
			if w {
				n++
			}
		}
		if n > 0 {
			t.Services = append(t.Services, TargetService{Service: sel.svc, Want: sel.want, Full: sel.extra})
			t.Size += n
		}
	}
	if t.Size == 0 {
		b.nothingToAllow()
		return nil, b.diags, nil
	}
	sort.Slice(t.Services, func(i, j int) bool { return t.Services[i].Service.Prefix < t.Services[j].Service.Prefix })
	return t, b.diags, nil
}
