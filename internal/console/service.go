package console

import (
	"context"
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// service assembles one service from its actions, the global resource and
// context key lists, and the fallback's entry for the same prefix.
func (c *Catalog) service(ctx context.Context, prefix string) (*iam.Service, error) {
	idx, err := c.index(ctx)
	if err != nil {
		return nil, err
	}
	ie, err := idx.entry(prefix)
	if err != nil {
		return nil, err
	}
	return c.built.Get(ctx, ie.prefix, func(ctx context.Context) (*iam.Service, error) {
		var actions []wireAction
		for _, key := range ie.keys {
			list, err := c.actions(ctx, key)
			if err != nil {
				return nil, err
			}
			actions = append(actions, list...)
		}
		resources, err := c.resources(ctx, idx)
		if err != nil {
			return nil, err
		}
		keys, err := c.contextKeys(ctx, idx)
		if err != nil {
			return nil, err
		}
		fb, err := c.fallbackService(ctx, ie.prefix)
		if err != nil {
			return nil, err
		}
		svc, err := mergeService(ie, actions, resources[ie.prefix], keys[ie.prefix], fb)
		if err != nil {
			return nil, c.fail("service "+ie.prefix, ErrBadResponse, 200, nil, "%v", err)
		}
		if len(svc.Actions) == 0 && fb != nil && len(fb.Actions) > 0 {
			return nil, c.fail("service "+ie.prefix, ErrImplausibleCatalog, 200, nil,
				"the console listed no actions for a service the %s catalog gives %d; refusing to serve it empty",
				c.cfg.Fallback.Source(), len(fb.Actions))
		}
		return svc, nil
	})
}

// actions lists one serviceKeyName's actions; each key is asked once.
func (c *Catalog) actions(ctx context.Context, key string) ([]wireAction, error) {
	return c.actionLists.Get(ctx, key, func(ctx context.Context) ([]wireAction, error) {
		req := apiRequest{
			method: "actions",
			params: struct {
				ServiceName string `json:"serviceName"`
				RegionName  string `json:"RegionName"`
			}{key, c.cfg.Region},
			label: "actions-" + key,
		}
		list, _, err := fetch(ctx, c, req, true, func(body []byte) ([]wireAction, error) {
			list, err := decodeList[wireAction](body, "actions")
			if err != nil {
				return nil, err
			}
			for i, a := range list {
				if bareAction(a.ActionName) == "" {
					return nil, fmt.Errorf("entry %d has no actionName", i)
				}
			}
			return list, nil
		})
		return list, err
	})
}

// resources groups the console's resource types by service prefix.
func (c *Catalog) resources(ctx context.Context, idx *serviceIndex) (map[string][]wireResource, error) {
	return c.resourceLists.Get(ctx, struct{}{}, func(ctx context.Context) (map[string][]wireResource, error) {
		req := apiRequest{method: "resources", label: "resources"}
		byPrefix, _, err := fetch(ctx, c, req, true, func(body []byte) (map[string][]wireResource, error) {
			list, err := decodeList[wireResource](body, "resources")
			if err != nil {
				return nil, err
			}
			out := map[string][]wireResource{}
			orphans := 0
			for i, r := range list {
				if r.ResourceName == "" {
					return nil, fmt.Errorf("entry %d has no resourceName", i)
				}
				prefix, ok := idx.owner(r.ServiceKeyName, arnService(r.ARN))
				if !ok {
					orphans++
					continue
				}
				out[prefix] = append(out[prefix], r)
			}
			c.debug(ctx, "resource list decoded", map[string]any{"resources": len(list), "unplaced": orphans})
			return out, nil
		})
		return byPrefix, err
	})
}

// contextKeys groups the console's condition keys by service prefix.
func (c *Catalog) contextKeys(ctx context.Context, idx *serviceIndex) (map[string][]wireKey, error) {
	return c.keyLists.Get(ctx, struct{}{}, func(ctx context.Context) (map[string][]wireKey, error) {
		req := apiRequest{method: "contextKeys", label: "contextKeys"}
		byPrefix, _, err := fetch(ctx, c, req, true, func(body []byte) (map[string][]wireKey, error) {
			list, err := decodeList[wireKey](body, "contextKeys")
			if err != nil {
				return nil, err
			}
			out := map[string][]wireKey{}
			orphans := 0
			for i, k := range list {
				if k.Name == "" {
					return nil, fmt.Errorf("entry %d has no name", i)
				}
				prefix, ok := idx.owner(k.ServiceKeyName, keyNamespace(k.Name))
				if !ok {
					orphans++
					continue
				}
				out[prefix] = append(out[prefix], k)
			}
			c.debug(ctx, "context key list decoded", map[string]any{"keys": len(list), "unplaced": orphans})
			return out, nil
		})
		return byPrefix, err
	})
}

// fallbackService is the fallback's entry for prefix, or nil if it has none.
func (c *Catalog) fallbackService(ctx context.Context, prefix string) (*iam.Service, error) {
	svc, err := c.cfg.Fallback.Service(ctx, prefix)
	switch {
	case iam.IsUnknownService(err):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("console: fallback catalog, service %q: %w", prefix, err)
	}
	return svc, nil
}

// globalKeys reads the global condition keys, filling types and
// descriptions the console leaves out from the fallback.
func (c *Catalog) globalKeys(ctx context.Context) ([]iam.ConditionKey, error) {
	return c.globals.Get(ctx, struct{}{}, func(ctx context.Context) ([]iam.ConditionKey, error) {
		fb, err := c.cfg.Fallback.GlobalConditionKeys(ctx)
		if err != nil {
			return nil, fmt.Errorf("console: fallback catalog, global condition keys: %w", err)
		}
		req := apiRequest{method: "globalConditionKeys", label: "globalConditionKeys"}
		keys, _, err := fetch(ctx, c, req, true, func(body []byte) ([]iam.ConditionKey, error) {
			list, err := decodeList[wireKey](body, "globalConditionKeys")
			if err != nil {
				return nil, err
			}
			if len(list) == 0 && len(fb) > 0 {
				return nil, c.fail("API globalConditionKeys", ErrImplausibleCatalog, 200, nil,
					"the console listed no global condition keys where the %s catalog has %d", c.cfg.Fallback.Source(), len(fb))
			}
			return mergeKeys(list, fb)
		})
		return keys, err
	})
}
