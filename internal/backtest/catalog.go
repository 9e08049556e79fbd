package backtest

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// catalog serves services held in memory: an older catalog rebuilt from
// the snapshot and a window.
type catalog struct {
	version  string
	services []*iam.Service // sorted by prefix
	globals  []iam.ConditionKey
}

func (c *catalog) Source() string      { return "backtest" }
func (c *catalog) DataVersion() string { return c.version }

func (c *catalog) Services(context.Context) ([]iam.ServiceSummary, error) {
	out := make([]iam.ServiceSummary, len(c.services))
	for i, s := range c.services {
		out[i] = iam.ServiceSummary{Prefix: s.Prefix, Name: s.Name}
	}
	return out, nil
}

func (c *catalog) Service(_ context.Context, prefix string) (*iam.Service, error) {
	for _, s := range c.services {
		if strings.EqualFold(s.Prefix, prefix) {
			return s, nil
		}
	}
	summaries, _ := c.Services(context.Background())
	return nil, iam.NewUnknownServiceError(prefix, summaries)
}

func (c *catalog) GlobalConditionKeys(context.Context) ([]iam.ConditionKey, error) {
	return c.globals, nil
}

// Older rebuilds the catalog of a window from today's: without the actions
// added since, with those removed since, at the levels of then. Only names
// and levels are the old ones; the rest is today's.
func Older(ctx context.Context, today iam.Catalog, w Window) (iam.Catalog, error) {
	services, err := readonly.AllServices(ctx, today)
	if err != nil {
		return nil, err
	}
	globals, err := today.GlobalConditionKeys(ctx)
	if err != nil {
		return nil, err
	}
	absent := w.absentSet()
	levels, err := w.levelsThen()
	if err != nil {
		return nil, err
	}
	added := map[string][]iam.Action{} // removed since, by lower-case prefix
	for name, l := range w.Removed {
		level, err := iam.LevelFromDocs(l)
		if err != nil {
			return nil, fmt.Errorf("backtest %s: %s: %w", w.Version, name, err)
		}
		prefix, action, ok := strings.Cut(name, ":")
		if !ok {
			return nil, fmt.Errorf("backtest %s: %q is no action name", w.Version, name)
		}
		added[strings.ToLower(prefix)] = append(added[strings.ToLower(prefix)], iam.Action{Name: action, AccessLevel: level})
	}
	c := &catalog{version: w.Version, globals: globals}
	for _, svc := range services {
		old := *svc
		old.Actions = nil
		for _, a := range svc.Actions {
			full := strings.ToLower(svc.FullName(&a))
			if absent[full] {
				continue
			}
			if l, ok := levels[full]; ok {
				a.AccessLevel = l
			}
			old.Actions = append(old.Actions, a)
		}
		old.Actions = append(old.Actions, added[strings.ToLower(svc.Prefix)]...)
		delete(added, strings.ToLower(svc.Prefix))
		if len(old.Actions) > 0 {
			c.services = append(c.services, &old)
		}
	}
	for prefix, actions := range added { // services since removed
		c.services = append(c.services, &iam.Service{Prefix: prefix, Name: prefix, Actions: actions})
	}
	sort.Slice(c.services, func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix })
	for _, s := range c.services {
		sort.Slice(s.Actions, func(i, j int) bool { return iam.CompareFold(s.Actions[i].Name, s.Actions[j].Name) < 0 })
	}
	return c, nil
}
