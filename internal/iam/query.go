package iam

import "fmt"

// ActionFilter selects actions of one service. Its zero value selects all.
type ActionFilter struct {
	Patterns     []Pattern // action name patterns, any of which may match; none: every action
	Levels       LevelSet  // empty: every level
	ResourceType string    // pattern on resource type names the action can be scoped to
	ConditionKey string    // pattern on condition keys the action supports
	// GlobalConditionKeys are the catalog's global keys. When ConditionKey
	// matches one that applies to every action, every action passes it.
	GlobalConditionKeys []ConditionKey
}

// SelectActions returns the actions of svc that pass every part of the
// filter, in the service's order. It refuses a filter that cannot make sense
// for this service (a pattern naming another service, a resource type or
// condition key the service does not define) rather than return nothing.
func SelectActions(svc *Service, f ActionFilter) ([]*Action, error) {
	for _, p := range f.Patterns {
		if !p.MatchesService(svc.Prefix) {
			return nil, fmt.Errorf("action pattern %q names another service than %q", p.String(), svc.Prefix)
		}
	}
	if f.ResourceType != "" {
		if err := svc.CheckResourceType(f.ResourceType); err != nil {
			return nil, err
		}
	}
	if len(GlobalKeysMatching(f.ConditionKey, f.GlobalConditionKeys)) > 0 {
		f.ConditionKey = "" // it names a key every action supports
	}
	if f.ConditionKey != "" {
		if err := svc.CheckConditionKey(f.ConditionKey); err != nil {
			return nil, err
		}
	}
	var out []*Action
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if f.matches(svc, a) {
			out = append(out, a)
		}
	}
	return out, nil
}

func (f ActionFilter) matches(svc *Service, a *Action) bool {
	if !f.Levels.Empty() && !f.Levels.Has(a.AccessLevel) {
		return false
	}
	if len(f.Patterns) > 0 && !matchesAny(f.Patterns, a.Name) {
		return false
	}
	if f.ResourceType != "" && !a.scopableTo(f.ResourceType) {
		return false
	}
	if f.ConditionKey != "" && !anyMatch(f.ConditionKey, svc.ActionConditionKeys(a)) {
		return false
	}
	return true
}

func matchesAny(patterns []Pattern, name string) bool {
	for _, p := range patterns {
		if Match(p.Action, name) {
			return true
		}
	}
	return false
}

func anyMatch(pattern string, names []string) bool {
	for _, n := range names {
		if Match(pattern, n) {
			return true
		}
	}
	return false
}

func (a *Action) scopableTo(pattern string) bool {
	for _, r := range a.ResourceTypes {
		if Match(pattern, r.Name) {
			return true
		}
	}
	return false
}

// ActionConditionKeys lists every condition key that applies to the action:
// its own, those of its resource rows and those of the resource types it
// can be scoped to, without duplicates.
func (s *Service) ActionConditionKeys(a *Action) []string {
	seen := map[string]bool{}
	var out []string
	add := func(keys []string) {
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	add(a.ConditionKeys)
	for _, r := range a.ResourceTypes {
		add(r.ConditionKeys)
		if rt, ok := s.ResourceType(r.Name); ok {
			add(rt.ConditionKeys)
		}
	}
	return out
}

// CheckResourceType refuses a resource type pattern that matches none of
// the service's resource types, suggesting close names.
func (s *Service) CheckResourceType(pattern string) error {
	if names := s.resourceTypeNames(); !anyMatch(pattern, names) {
		return fmt.Errorf("service %q defines no resource type matching %q%s", s.Prefix, pattern, suggestion(pattern, names))
	}
	return nil
}

// CheckConditionKey refuses a condition key pattern that matches none of the
// service's condition keys, suggesting close names. Callers ask
// GlobalKeysMatching first: a global key needs no support of the service.
func (s *Service) CheckConditionKey(pattern string) error {
	if names := s.conditionKeyNames(); !anyMatch(pattern, names) {
		return fmt.Errorf("service %q defines no condition key matching %q, and it matches no global key%s",
			s.Prefix, pattern, suggestion(pattern, names))
	}
	return nil
}

// GlobalKeysMatching returns the names of the global condition keys that
// match pattern and apply to every action, such as aws:SourceIp and
// aws:PrincipalTag/tag-key. The tag keys aws:RequestTag, aws:ResourceTag
// and aws:TagKeys are global too, but a request carries them only where
// the service supports tag-based authorization, which the Service
// Authorization Reference records per action; they are matched per action
// instead (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
func GlobalKeysMatching(pattern string, global []ConditionKey) []string {
	if pattern == "" {
		return nil
	}
	var out []string
	for _, k := range global {
		if Match(pattern, k.Name) && !isPerActionGlobalKey(k.Name) {
			out = append(out, k.Name)
		}
	}
	return out
}

var perActionGlobalKeys = []string{"aws:RequestTag/*", "aws:ResourceTag/*", "aws:TagKeys"}

func isPerActionGlobalKey(name string) bool {
	for _, p := range perActionGlobalKeys {
		if Match(p, name) {
			return true
		}
	}
	return false
}

func (s *Service) resourceTypeNames() []string {
	names := make([]string, len(s.ResourceTypes))
	for i, r := range s.ResourceTypes {
		names[i] = r.Name
	}
	return names
}

func (s *Service) conditionKeyNames() []string {
	names := make([]string, len(s.ConditionKeys))
	for i, k := range s.ConditionKeys {
		names[i] = k.Name
	}
	return names
}

func suggestion(s string, candidates []string) string {
	if hits := Suggest(s, candidates, 3); len(hits) > 0 {
		return "; did you mean " + quoteJoin(hits, " or ") + "?"
	}
	return ""
}

// DidYouMean is "; did you mean ...?" naming up to three candidates close
// to s, or "" when none is close.
func DidYouMean(s string, candidates []string) string { return suggestion(s, candidates) }
