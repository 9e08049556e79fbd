package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

func checkConditionOperators(r *run, s *stmt) {
	if s.Condition == nil {
		return
	}
	for _, op := range s.Condition.Operators {
		if msg := checkOperator(op.Name); msg != "" {
			r.emit(InvalidConditionOperator, op.Path, msg)
		}
	}
}

// eachConditionKey calls fn for every condition key of the statement that
// is not global, with the services that define it.
func (r *run) eachConditionKey(s *stmt, fn func(k *policy.ConditionKey, defs []*serviceInfo)) {
	if s.Condition == nil {
		return
	}
	for i := range s.Condition.Operators {
		op := &s.Condition.Operators[i]
		for j := range op.Keys {
			k := &op.Keys[j]
			if global, defs := r.v.keys.lookup(k.Name); !global {
				fn(k, defs)
			}
		}
	}
}

// checkUnknownConditionKeys reports a key no service of the statement
// defines: a request for its actions never carries it. A key of a service
// the catalog lacks is left to UNKNOWN_SERVICE, which the action of that
// service already gets, and a key of an identity provider is left alone.
func checkUnknownConditionKeys(r *run, s *stmt) {
	r.eachConditionKey(s, func(k *policy.ConditionKey, defs []*serviceInfo) {
		prefix, _, _ := strings.Cut(k.Name, ":")
		if s.hasUnknownService(prefix) || len(defs) == 0 && isProviderKey(k.Name) {
			return
		}
		if len(defs) == 0 {
			r.emit(UnknownConditionKey, k.Path, fmt.Sprintf(
				"condition key %s is not a global condition key, and no service defines it%s", quote(k.Name), r.v.suggestKey(k.Name)))
			return
		}
		if len(s.servicesIn(r, defs)) > 0 {
			return
		}
		names := make([]string, len(defs))
		for i, d := range defs {
			names[i] = d.svc.Prefix
		}
		r.emit(UnknownConditionKey, k.Path, fmt.Sprintf(
			"condition key %s is defined only by %s, and none of the statement's actions belongs to %s, so their requests never carry it",
			quote(k.Name), quoteList(names, 5), thatOrThose(len(names), "service")))
	})
}

// isProviderKey reports whether a key belongs to a web identity or SAML
// provider rather than to a service: its prefix is the provider's host,
// and maybe a path ("token.actions.githubusercontent.com:sub",
// "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud"). IAM accepts such keys
// for any provider, and the catalog lists only a few providers, so an
// unlisted one says nothing. Service prefixes have no dot or slash.
func isProviderKey(key string) bool {
	i := strings.LastIndexByte(key, ':')
	return i > 0 && strings.ContainsAny(key[:i], "./")
}

// checkConditionKeysApply reports a key that a service of the statement
// defines but that none of the statement's actions of that service lists.
func checkConditionKeysApply(r *run, s *stmt) {
	r.eachConditionKey(s, func(k *policy.ConditionKey, defs []*serviceInfo) {
		in := s.servicesIn(r, defs)
		if len(in) == 0 {
			return // unknown to the statement: UNKNOWN_CONDITION_KEY
		}
		for _, si := range in {
			if r.keyApplies(s, si, k.Name) {
				return
			}
		}
		r.emit(ConditionKeyNotApplicable, k.Path, fmt.Sprintf(
			"condition key %s applies to none of the statement's %s actions, so their requests never carry it", quote(k.Name), in[0].svc.Prefix))
	})
}

// keyApplies reports whether one of the statement's actions of the
// service lists the key, itself or through its resource types.
func (r *run) keyApplies(s *stmt, si *serviceInfo, key string) bool {
	set := s.res.Actions
	lo, hi := serviceRange(set, si.svc.Prefix)
	for i := lo; i < hi; i++ {
		_, short, _ := strings.Cut(set.At(i).Name, ":")
		if idx, ok := si.svc.ActionIndex(short); ok && anyKeyMatches(si.keysOf(idx), key) {
			return true
		}
	}
	// A statement whose actions of this service are all unknown gives no
	// ground to judge on.
	return lo == hi
}

// suggestKey proposes close keys of the service the key's prefix names,
// or global keys for "aws:".
func (v *Validator) suggestKey(key string) string {
	prefix, _, _ := strings.Cut(key, ":")
	var names []string
	if si := v.service(prefix); si != nil {
		for _, k := range si.svc.ConditionKeys {
			names = append(names, k.Name)
		}
	} else {
		for _, g := range v.keys.byPrefix[iam.ToLowerASCII(prefix)] {
			names = append(names, g.pattern)
		}
		for lower, g := range v.keys.exact {
			if strings.HasPrefix(lower, iam.ToLowerASCII(prefix)+":") {
				names = append(names, g.pattern)
			}
		}
	}
	if len(names) == 0 || iam.HasWildcard(key) {
		return ""
	}
	return didYouMean(key, names)
}
