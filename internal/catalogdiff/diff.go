// Package catalogdiff compares two IAM catalogs, typically the embedded
// snapshot and a live source: which services and actions one has that the
// other lacks, which actions changed access level, and which condition
// keys and resource types are new. It has no Terraform import.
package catalogdiff

import (
	"context"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Report is what changed from a base catalog to a newer one.
type Report struct {
	AddedServices   []string         // prefixes only the newer catalog lists
	RemovedServices []string         // prefixes only the base catalog lists
	Services        []ServiceChanges // compared services with a change, by prefix
}

// ServiceChanges is what changed in one service. Action names are full
// ("s3:GetObject"); keys and resource types are as the service names them.
type ServiceChanges struct {
	Service            string
	AddedActions       []string
	RemovedActions     []string
	LevelChanges       []LevelChange
	AddedConditionKeys []string
	AddedResourceTypes []string
}

// LevelChange is an action whose access level differs.
type LevelChange struct {
	Action string
	Before iam.AccessLevel
	After  iam.AccessLevel // zero when the newer catalog gives none
}

// Counts totals a report.
type Counts struct {
	AddedServices, RemovedServices, AddedActions, RemovedActions int
	LevelChanges, AddedConditionKeys, AddedResourceTypes         int
}

// Counts totals the report's lists.
func (r *Report) Counts() Counts {
	c := Counts{AddedServices: len(r.AddedServices), RemovedServices: len(r.RemovedServices)}
	for _, s := range r.Services {
		c.AddedActions += len(s.AddedActions)
		c.RemovedActions += len(s.RemovedActions)
		c.LevelChanges += len(s.LevelChanges)
		c.AddedConditionKeys += len(s.AddedConditionKeys)
		c.AddedResourceTypes += len(s.AddedResourceTypes)
	}
	return c
}

// parallelism bounds the services read at once: each may be a request.
const parallelism = 8

// Compare reports the changes from base to newer. The service lists are
// always compared; the detail of services is compared for the prefixes
// given, or, when prefixes is nil, for every service both catalogs list,
// which costs newer one read per service. A prefix that neither catalog
// lists is newer's UnknownServiceError; one only a catalog lists is
// reported as added or removed, with no detail.
func Compare(ctx context.Context, base, newer iam.Catalog, prefixes []string) (*Report, error) {
	baseList, err := base.Services(ctx)
	if err != nil {
		return nil, err
	}
	newList, err := newer.Services(ctx)
	if err != nil {
		return nil, err
	}
	inBase, inNew := prefixSet(baseList), prefixSet(newList)
	r := &Report{AddedServices: minus(newList, inBase), RemovedServices: minus(baseList, inNew)}
	var compare []string
	if prefixes == nil {
		for _, s := range newList {
			if inBase[s.Prefix] {
				compare = append(compare, s.Prefix)
			}
		}
	} else {
		seen := map[string]bool{}
		for _, p := range prefixes {
			p = strings.ToLower(p)
			switch {
			case seen[p]:
			case !inBase[p] && !inNew[p]:
				return nil, iam.NewUnknownServiceError(p, newList)
			case inBase[p] && inNew[p]:
				compare = append(compare, p)
			}
			seen[p] = true
		}
	}
	changes := make([]*ServiceChanges, len(compare))
	errs := make([]error, len(compare))
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i, p := range compare {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			changes[i], errs[i] = compareService(ctx, base, newer, p)
		}()
	}
	wg.Wait()
	for i := range compare {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if changes[i] != nil {
			r.Services = append(r.Services, *changes[i])
		}
	}
	sort.Slice(r.Services, func(i, j int) bool { return r.Services[i].Service < r.Services[j].Service })
	return r, nil
}

// compareService returns nil when nothing changed.
func compareService(ctx context.Context, base, newer iam.Catalog, prefix string) (*ServiceChanges, error) {
	old, err := base.Service(ctx, prefix)
	if err != nil {
		return nil, err
	}
	cur, err := newer.Service(ctx, prefix)
	if err != nil {
		return nil, err
	}
	c := &ServiceChanges{Service: prefix}
	for i := range cur.Actions {
		a := &cur.Actions[i]
		was, ok := old.Action(a.Name)
		switch {
		case !ok:
			c.AddedActions = append(c.AddedActions, cur.FullName(a))
		case was.AccessLevel != a.AccessLevel:
			c.LevelChanges = append(c.LevelChanges, LevelChange{Action: cur.FullName(a), Before: was.AccessLevel, After: a.AccessLevel})
		}
	}
	for i := range old.Actions {
		if _, ok := cur.Action(old.Actions[i].Name); !ok {
			c.RemovedActions = append(c.RemovedActions, old.FullName(&old.Actions[i]))
		}
	}
	for _, k := range cur.ConditionKeys {
		if _, ok := old.ConditionKey(k.Name); !ok {
			c.AddedConditionKeys = append(c.AddedConditionKeys, k.Name)
		}
	}
	for _, rt := range cur.ResourceTypes {
		if _, ok := old.ResourceType(rt.Name); !ok {
			c.AddedResourceTypes = append(c.AddedResourceTypes, rt.Name)
		}
	}
	if len(c.AddedActions)+len(c.RemovedActions)+len(c.LevelChanges)+len(c.AddedConditionKeys)+len(c.AddedResourceTypes) == 0 {
		return nil, nil
	}
	return c, nil
}

func prefixSet(list []iam.ServiceSummary) map[string]bool {
	set := make(map[string]bool, len(list))
	for _, s := range list {
		set[s.Prefix] = true
	}
	return set
}

func minus(list []iam.ServiceSummary, other map[string]bool) []string {
	var out []string
	for _, s := range list {
		if !other[s.Prefix] {
			out = append(out, s.Prefix)
		}
	}
	return out
}
