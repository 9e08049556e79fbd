package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// checkRedundantResources reports a Resource or NotResource value another
// value of the list covers, such as "arn:aws:s3:::b/x" next to
// "arn:aws:s3:::b/*". ARNs compare case-sensitively, so coverage does too.
func checkRedundantResources(r *run, s *stmt) {
	list := s.resources()
	if list == nil {
		return
	}
	for _, red := range r.redundant(list.Values, pattern.Sensitive) {
		r.emit(RedundantResource, list.ValuePath(red.i), fmt.Sprintf("%s is redundant: %s at %s already covers it",
			quote(list.Values[red.i]), quote(list.Values[red.by]), list.ValuePath(red.by)))
	}
}

// scopedResources returns the statement's Resource ARNs as patterns
// (policy variables read as '*'), or nil when the statement is not scoped
// by a plain Resource list of ARNs: NotAction, NotResource and Resource
// "*" are not judged on resources, and a value that is not an ARN is
// INVALID_RESOURCE's.
func (s *stmt) scopedResources() []string {
	if s.Action == nil || s.Resource == nil || s.AllResources() {
		return nil
	}
	var out []string
	for _, v := range s.Resource.Values {
		if isARN(v) {
			out = append(out, pattern.VariablesToStar(v))
		}
	}
	return out
}

// checkResourceServices reports a resource ARN whose service field no
// action of the statement can be scoped to: neither the action's own
// service nor the service of one of its resource types' ARN formats
// (ec2 actions take "iam" instance profile ARNs). It judges only
// statements whose every action is known and has resource types: "*", a
// wildcard service prefix or an action without resource types (which the
// catalog may simply not describe) leaves the question open.
func checkResourceServices(r *run, s *stmt) {
	if s.scopedResources() == nil {
		return
	}
	var allowed, prefixes []string
	for _, p := range s.patterns {
		if p.all || p.svcWild || p.service == nil {
			return
		}
		if !containsString(prefixes, p.service.svc.Prefix) {
			prefixes = append(prefixes, p.service.svc.Prefix)
			allowed = append(append(allowed, p.service.svc.Prefix), p.service.arnServices...)
		}
	}
	if !r.v.allHaveResourceTypes(s.res.Actions) {
		return
	}
	for i, v := range s.Resource.Values {
		if !isARN(v) {
			continue
		}
		field, ok := arnField(pattern.VariablesToStar(v), 2)
		if !ok || anyIntersects(field, allowed) {
			continue
		}
		r.emit(ResourceServiceMismatch, s.Resource.ValuePath(i), fmt.Sprintf(
			"%s is an ARN of service %s, but the statement's actions are of %s, whose resource types have no such ARNs",
			quote(v), quote(field), quoteList(prefixes, 5)))
	}
}

// allHaveResourceTypes reports whether every action of the set can be
// scoped to at least one resource type.
func (v *Validator) allHaveResourceTypes(set policy.ActionSet) bool {
	for a := range set.All() {
		si := v.service(a.Service())
		if si == nil {
			return false
		}
		_, short, _ := strings.Cut(a.Name, ":")
		idx, ok := si.svc.ActionIndex(short)
		if !ok || len(si.svc.Actions[idx].ResourceTypes) == 0 {
			return false
		}
	}
	return true
}

func anyIntersects(field string, patterns []string) bool {
	for _, p := range patterns {
		if pattern.Intersects(field, p, pattern.FoldASCII) {
			return true
		}
	}
	return false
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkResourceTypes reports an action none of whose resource types has
// an ARN format that one of the statement's resources can match. ARN
// formats read their ${...} variables as wildcards (see formatPattern),
// policy variables are wildcards too, and letters compare
// case-insensitively, so a resource is judged not to fit only when no
// reading of it can. An action with no resource type at all is left
// alone: AWS documents those as needing "*", yet its own managed policies
// grant dozens of them on ARNs, so the data is not firm enough to call
// that a mistake. A wildcard pattern is reported when none of the actions
// it names fits.
func checkResourceTypes(r *run, s *stmt) {
	resources := s.scopedResources()
	if resources == nil {
		return
	}
	fits := map[string]bool{} // ARN format to whether a resource matches it
	for _, p := range s.patterns {
		if p.all || p.svcWild || p.problem != "" || p.service == nil {
			continue
		}
		si := p.service
		if p.exact() {
			idx, ok := si.svc.ActionIndex(p.action)
			if ok && !actionFits(si, idx, resources, fits) {
				r.emit(ResourceTypeMismatch, p.path, misfitMessage(si, idx))
			}
			continue
		}
		if !anyActionFits(si, p, resources, fits) {
			r.emit(ResourceTypeMismatch, p.path, fmt.Sprintf(
				"none of the %s %s names can apply to the statement's resources: none of their resource types has an ARN that matches one of them",
				plural(p.set.Len(), "action"), quote(p.text)))
		}
	}
}

func anyActionFits(si *serviceInfo, p actionPattern, resources []string, fits map[string]bool) bool {
	for a := range p.set.All() {
		_, short, _ := strings.Cut(a.Name, ":")
		if idx, ok := si.svc.ActionIndex(short); !ok || actionFits(si, idx, resources, fits) {
			return true
		}
	}
	return false
}

// actionFits reports whether one of the action's resource types can match
// one of the resources. An action without resource types, or with one the
// service does not define, is given the benefit of the doubt.
func actionFits(si *serviceInfo, idx int, resources []string, fits map[string]bool) bool {
	types := si.svc.Actions[idx].ResourceTypes
	if len(types) == 0 {
		return true
	}
	for _, rt := range types {
		format, ok := si.formats[rt.Name]
		if !ok {
			return true
		}
		fit, seen := fits[format]
		if !seen {
			for _, res := range resources {
				if fit = pattern.Intersects(res, format, pattern.FoldASCII); fit {
					break
				}
			}
			fits[format] = fit
		}
		if fit {
			return true
		}
	}
	return false
}

func misfitMessage(si *serviceInfo, idx int) string {
	a := &si.svc.Actions[idx]
	name := si.svc.FullName(a)
	var types []string
	for _, rt := range a.ResourceTypes {
		if t, ok := si.svc.ResourceType(rt.Name); ok {
			types = append(types, fmt.Sprintf("%s (%s)", t.Name, t.ARN))
		}
	}
	const shown = 4
	list := strings.Join(types[:min(len(types), shown)], ", ")
	if len(types) > shown {
		list += fmt.Sprintf(" and %d more", len(types)-shown)
	}
	return fmt.Sprintf("%s applies to resources of type %s, and none of the statement's resources matches %s",
		name, list, thatOrThose(len(types), "ARN format"))
}
