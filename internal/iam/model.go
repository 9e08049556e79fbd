// Package iam is the domain model of AWS IAM metadata: services, actions,
// access levels, resource types and condition keys, with the IAM wildcard
// matcher and the queries every catalog source answers the same way.
package iam

import (
	"fmt"
	"sort"
)

// Service is one AWS service as IAM sees it, identified by its action prefix.
type Service struct {
	Prefix        string
	Name          string
	Actions       []Action       // sorted by name, case-insensitively
	ResourceTypes []ResourceType // sorted by name
	ConditionKeys []ConditionKey // sorted by name
}

// Action is one IAM action of a service.
type Action struct {
	Name             string // canonical case, without the prefix: "DescribeTrails"
	Description      string
	AccessLevel      AccessLevel
	ResourceTypes    []ActionResource
	ConditionKeys    []string
	DependentActions []string
}

// ActionResource is a resource type an action can be scoped to.
type ActionResource struct {
	Name             string
	Required         bool
	ConditionKeys    []string
	DependentActions []string
}

// ResourceType is a kind of resource a service defines, with its ARN format.
type ResourceType struct {
	Name          string
	ARN           string
	ConditionKeys []string
}

// ConditionKey is a key usable in a policy's Condition element.
type ConditionKey struct {
	Name        string
	Type        string
	Description string
}

// ServiceSummary is what a catalog knows of a service without its detail.
type ServiceSummary struct {
	Prefix      string
	Name        string
	ActionCount int
}

// FullName is the action as a policy names it: "cloudtrail:DescribeTrails".
func (s *Service) FullName(a *Action) string { return s.Prefix + ":" + a.Name }

// Action finds an action by exact name, case-insensitively.
func (s *Service) Action(name string) (*Action, bool) {
	if i, ok := s.ActionIndex(name); ok {
		return &s.Actions[i], true
	}
	return nil, false
}

// ActionIndex finds the position of an action in Actions by exact name,
// case-insensitively.
func (s *Service) ActionIndex(name string) (int, bool) {
	i := sort.Search(len(s.Actions), func(i int) bool {
		return CompareFold(s.Actions[i].Name, name) >= 0
	})
	return i, i < len(s.Actions) && EqualFoldASCII(s.Actions[i].Name, name)
}

// UnknownActionError says the service has no action of this name,
// suggesting close ones.
func (s *Service) UnknownActionError(name string) error {
	names := make([]string, len(s.Actions))
	for i, a := range s.Actions {
		names[i] = a.Name
	}
	return fmt.Errorf("service %q has no action %q%s", s.Prefix, name, suggestion(name, names))
}

// ResourceType finds a resource type by name.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	i := sort.Search(len(s.ResourceTypes), func(i int) bool { return s.ResourceTypes[i].Name >= name })
	if i < len(s.ResourceTypes) && s.ResourceTypes[i].Name == name {
		return &s.ResourceTypes[i], true
	}
	return nil, false
}

// ConditionKey finds one of the service's condition keys, case-insensitively
// as IAM compares key names.
func (s *Service) ConditionKey(name string) (*ConditionKey, bool) {
	for i := range s.ConditionKeys {
		if EqualFoldASCII(s.ConditionKeys[i].Name, name) {
			return &s.ConditionKeys[i], true
		}
	}
	return nil, false
}

// Sort puts actions, resource types and condition keys in the order the
// lookups above rely on. Catalog sources call it once after decoding.
func (s *Service) Sort() {
	sort.Slice(s.Actions, func(i, j int) bool { return CompareFold(s.Actions[i].Name, s.Actions[j].Name) < 0 })
	sort.Slice(s.ResourceTypes, func(i, j int) bool { return s.ResourceTypes[i].Name < s.ResourceTypes[j].Name })
	sort.Slice(s.ConditionKeys, func(i, j int) bool { return s.ConditionKeys[i].Name < s.ConditionKeys[j].Name })
}

// CompareFold compares ASCII strings as if both were lower case: the order
// of a service's actions.
func CompareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lower(a[i]), lower(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
