package console

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// mergeService builds a service from the console's answers. The console is
// the authority on which actions exist and their access levels; whatever
// it leaves out is taken from fb, the fallback's entry for the same prefix
// (nil when the fallback does not know the service). Slices taken from fb
// are copied, since Sort reorders in place and fb is shared.
func mergeService(ie *indexEntry, actions []wireAction, resources []wireResource, keys []wireKey, fb *iam.Service) (*iam.Service, error) {
	if fb == nil {
		fb = &iam.Service{}
	}
	svc := &iam.Service{Prefix: ie.prefix, Name: ie.name}
	seen := map[string]bool{}
	for _, w := range actions {
		name := strings.TrimSpace(bareAction(w.ActionName))
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		a, err := mergeAction(name, w, fb)
		if err != nil {
			return nil, err
		}
		svc.Actions = append(svc.Actions, a)
	}
	svc.ResourceTypes = mergeResources(resources, fb)
	svc.ConditionKeys = mergeServiceKeys(keys, fb)
	svc.Sort()
	return svc, nil
}

func mergeAction(name string, w wireAction, fb *iam.Service) (iam.Action, error) {
	fa, known := fb.Action(name)
	if !known {
		fa = &iam.Action{}
	}
	a := iam.Action{
		Name:             name,
		Description:      firstOf(strings.TrimSpace(w.Description), fa.Description),
		ResourceTypes:    append([]iam.ActionResource(nil), fa.ResourceTypes...),
		ConditionKeys:    append([]string(nil), fa.ConditionKeys...),
		DependentActions: append([]string(nil), fa.DependentActions...),
	}
	switch {
	case len(w.ActionGroups) > 0:
		level, err := iam.LevelFromGroups(w.ActionGroups)
		if err != nil {
			return iam.Action{}, fmt.Errorf("action %q: %w", name, err)
		}
		a.AccessLevel = level
	case known:
		a.AccessLevel = fa.AccessLevel
	default:
		return iam.Action{}, fmt.Errorf("action %q has no actionGroups, and the fallback does not know it", name)
	}
	if w.ResourceTypes != nil {
		a.ResourceTypes = nil
		for _, ref := range *w.ResourceTypes {
			row := iam.ActionResource{Name: ref.Name}
			if fr := findRow(fa.ResourceTypes, ref.Name); fr != nil {
				row = *fr
			}
			if ref.Required != nil {
				row.Required = *ref.Required
			}
			a.ResourceTypes = append(a.ResourceTypes, row)
		}
	}
	if w.ContextKeys != nil {
		a.ConditionKeys = refNames(*w.ContextKeys)
	}
	if w.DependentActions != nil {
		a.DependentActions = append([]string(nil), *w.DependentActions...)
	}
	return a, nil
}

func findRow(rows []iam.ActionResource, name string) *iam.ActionResource {
	for i := range rows {
		if rows[i].Name == name {
			return &rows[i]
		}
	}
	return nil
}

// mergeResources uses the console's resource types for the service, with
// ARNs and keys it omits from the fallback; it uses the fallback's when the
// console places none with the service.
func mergeResources(resources []wireResource, fb *iam.Service) []iam.ResourceType {
	if len(resources) == 0 {
		return append([]iam.ResourceType(nil), fb.ResourceTypes...)
	}
	var out []iam.ResourceType
	seen := map[string]bool{}
	for _, w := range resources {
		if seen[w.ResourceName] {
			continue
		}
		seen[w.ResourceName] = true
		rt := iam.ResourceType{Name: w.ResourceName, ARN: w.ARN}
		if f, ok := fb.ResourceType(w.ResourceName); ok {
			rt.ARN = firstOf(rt.ARN, f.ARN)
			rt.ConditionKeys = append([]string(nil), f.ConditionKeys...)
		}
		if w.ContextKeys != nil {
			rt.ConditionKeys = refNames(*w.ContextKeys)
		}
		out = append(out, rt)
	}
	return out
}

// mergeServiceKeys is mergeResources for condition keys.
func mergeServiceKeys(keys []wireKey, fb *iam.Service) []iam.ConditionKey {
	if len(keys) == 0 {
		return append([]iam.ConditionKey(nil), fb.ConditionKeys...)
	}
	var out []iam.ConditionKey
	seen := map[string]bool{}
	for _, w := range keys {
		if seen[strings.ToLower(w.Name)] {
			continue
		}
		seen[strings.ToLower(w.Name)] = true
		k := iam.ConditionKey{Name: w.Name, Type: w.Type, Description: w.Description}
		if f, ok := fb.ConditionKey(w.Name); ok {
			k.Type = firstOf(k.Type, f.Type)
			k.Description = firstOf(k.Description, f.Description)
		}
		out = append(out, k)
	}
	return out
}

// mergeKeys turns the global condition keys into the model, sorted by name.
func mergeKeys(list []wireKey, fb []iam.ConditionKey) ([]iam.ConditionKey, error) {
	byName := map[string]iam.ConditionKey{}
	for _, k := range fb {
		byName[strings.ToLower(k.Name)] = k
	}
	var out []iam.ConditionKey
	seen := map[string]bool{}
	for i, w := range list {
		if w.Name == "" {
			return nil, fmt.Errorf("entry %d has no name", i)
		}
		if seen[strings.ToLower(w.Name)] {
			continue
		}
		seen[strings.ToLower(w.Name)] = true
		f := byName[strings.ToLower(w.Name)]
		out = append(out, iam.ConditionKey{
			Name:        w.Name,
			Type:        firstOf(w.Type, f.Type),
			Description: firstOf(w.Description, f.Description),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func refNames(refs []wireRef) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if r.Name != "" {
			out = append(out, r.Name)
		}
	}
	return out
}
