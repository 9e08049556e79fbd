package console

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// minServiceShare is the smallest share of the fallback's services a
// console service list may have: a list much shorter than expected is more
// likely a broken answer than AWS retiring services, and serving it would
// silently shrink every permission boundary built from it.
const minServiceShare = 0.8

// serviceIndex is the decoded service list.
type serviceIndex struct {
	summaries []iam.ServiceSummary // sorted by prefix
	byPrefix  map[string]*indexEntry
	byKey     map[string]string // lower-cased serviceKeyName → prefix
	fetched   time.Time
}

// indexEntry is one IAM service: one or more console entries.
type indexEntry struct {
	prefix string
	name   string
	keys   []string // serviceKeyNames to ask "actions" with, deduplicated
}

func (c *Catalog) index(ctx context.Context) (*serviceIndex, error) {
	return c.indexes.Get(ctx, struct{}{}, func(ctx context.Context) (*serviceIndex, error) {
		req := apiRequest{method: "services", label: "services"}
		idx, at, err := fetch(ctx, c, req, true, func(body []byte) (*serviceIndex, error) {
			return c.decodeIndex(ctx, body)
		})
		if err != nil {
			return nil, err
		}
		idx.fetched = at
		return idx, nil
	})
}

func (c *Catalog) decodeIndex(ctx context.Context, body []byte) (*serviceIndex, error) {
	entries, err := decodeList[wireService](body, "services")
	if err != nil {
		return nil, err
	}
	fallback, err := c.cfg.Fallback.Services(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the fallback's services: %w", err)
	}
	fb := make(map[string]iam.ServiceSummary, len(fallback))
	for _, s := range fallback {
		fb[s.Prefix] = s
	}
	idx := &serviceIndex{byPrefix: map[string]*indexEntry{}, byKey: map[string]string{}}
	counts := map[string]int{}
	countKnown := map[string]bool{}
	for i, e := range entries {
		prefix := prefixOf(e)
		if prefix == "" {
			return nil, fmt.Errorf("entry %d has no serviceKeyName", i)
		}
		key := strings.TrimSpace(firstOf(e.ServiceKeyName, e.ServicePrefix))
		ie, ok := idx.byPrefix[prefix]
		if !ok {
			ie = &indexEntry{prefix: prefix}
			idx.byPrefix[prefix] = ie
			countKnown[prefix] = true
		}
		ie.name = firstOf(ie.name, strings.TrimSpace(e.ServiceName))
		if _, dup := idx.byKey[iam.ToLowerASCII(key)]; !dup {
			idx.byKey[iam.ToLowerASCII(key)] = prefix
			ie.keys = append(ie.keys, key)
			if e.ActionCount != nil {
				counts[prefix] += *e.ActionCount
			} else {
				countKnown[prefix] = false
			}
		}
	}
	if floor := int(minServiceShare * float64(len(fallback))); len(idx.byPrefix) < max(1, floor) {
		return nil, c.fail("API services", ErrImplausibleCatalog, 200, nil,
			"the console listed %d services where the %s catalog (%s) has %d; refusing a list this short, since anything built from it would silently lose permissions",
			len(idx.byPrefix), c.cfg.Fallback.Source(), c.cfg.Fallback.DataVersion(), len(fallback))
	}
	for prefix, ie := range idx.byPrefix {
		f := fb[prefix]
		ie.name = firstOf(ie.name, f.Name, prefix)
		count := f.ActionCount
		if countKnown[prefix] {
			count = counts[prefix]
		}
		idx.summaries = append(idx.summaries, iam.ServiceSummary{Prefix: prefix, Name: ie.name, ActionCount: count})
	}
	sort.Slice(idx.summaries, func(i, j int) bool { return idx.summaries[i].Prefix < idx.summaries[j].Prefix })
	c.debug(ctx, "service list decoded", map[string]any{"services": len(idx.summaries), "entries": len(entries)})
	return idx, nil
}

// entry finds a service by prefix, case-insensitively.
func (idx *serviceIndex) entry(prefix string) (*indexEntry, error) {
	ie, ok := idx.byPrefix[iam.ToLowerASCII(prefix)]
	if !ok {
		return nil, iam.NewUnknownServiceError(prefix, idx.summaries)
	}
	return ie, nil
}

// owner maps a serviceKeyName, or failing that a namespace, to a prefix.
func (idx *serviceIndex) owner(serviceKey, namespace string) (string, bool) {
	if p, ok := idx.byKey[iam.ToLowerASCII(serviceKey)]; ok && serviceKey != "" {
		return p, true
	}
	if _, ok := idx.byPrefix[namespace]; ok && namespace != "" {
		return namespace, true
	}
	return "", false
}
