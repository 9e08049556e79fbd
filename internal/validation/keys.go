package validation

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// Condition key names in the catalog are templates: "aws:RequestTag/${TagKey}",
// "s3:ExistingObjectTag/<key>", "elasticloadbalancing:ResourceTag/", and,
// in the global list and a few services, "aws:PrincipalTag/tag-key".
// keyPattern turns one into an iam.Match pattern on the names a policy
// writes ("aws:RequestTag/*"); IAM compares key names case-insensitively,
// as iam.Match does.
func keyPattern(name string) string {
	p := pattern.ReplaceSpans(pattern.VariablesToStar(name), "<", ">")
	if strings.HasSuffix(p, "/tag-key") {
		p = strings.TrimSuffix(p, "tag-key")
	}
	if strings.HasSuffix(p, "/") {
		p += "*"
	}
	return p
}

// keyIndex finds which services define a condition key a policy names.
// Hundreds of services list the same tag keys ("aws:RequestTag/${TagKey}"),
// so each pattern is kept once with every service that defines it.
type keyIndex struct {
	// exact holds the patterns without a wildcard by their lower-case
	// text; byPrefix the others by the lower-case text before their first
	// colon ("s3", "aws"); and wild those whose prefix is itself a
	// template ("token.actions.${Domain}.ghe.com:sub").
	exact    map[string]*keyGroup
	byPrefix map[string][]*keyGroup
	wild     []*keyGroup
	groups   map[string]*keyGroup // every group by lower-case pattern
}

type keyGroup struct {
	pattern  string
	global   bool
	services []*serviceInfo
	types    []string // the catalog's value types: "String", "ArrayOfARN", ...
}

func newKeyIndex(global []iam.ConditionKey, services []*serviceInfo) keyIndex {
	ix := keyIndex{exact: map[string]*keyGroup{}, byPrefix: map[string][]*keyGroup{}, groups: map[string]*keyGroup{}}
	for _, k := range global {
		g := ix.group(keyPattern(k.Name))
		g.global = true
		g.addType(k.Type)
	}
	for _, si := range services {
		for _, k := range si.svc.ConditionKeys {
			g := ix.group(keyPattern(k.Name))
			g.addType(k.Type)
			if !containsService(g.services, si) {
				g.services = append(g.services, si)
			}
		}
	}
	return ix
}

// group returns the group of a pattern, adding it where lookup finds it.
func (ix *keyIndex) group(pattern string) *keyGroup {
	lower := iam.ToLowerASCII(pattern)
	if g, ok := ix.groups[lower]; ok {
		return g
	}
	g := &keyGroup{pattern: pattern}
	ix.groups[lower] = g
	prefix, _, ok := strings.Cut(lower, ":")
	switch {
	case !iam.HasWildcard(pattern):
		ix.exact[lower] = g
	case !ok || iam.HasWildcard(prefix):
		ix.wild = append(ix.wild, g)
	default:
		ix.byPrefix[prefix] = append(ix.byPrefix[prefix], g)
	}
	return g
}

func (g *keyGroup) addType(t string) {
	if t != "" && !containsString(g.types, t) {
		g.types = append(g.types, t)
	}
}

// matches returns the groups whose pattern matches a key a policy names.
func (ix *keyIndex) matches(key string) []*keyGroup {
	lower := iam.ToLowerASCII(key)
	var matched []*keyGroup
	if g, ok := ix.exact[lower]; ok {
		matched = append(matched, g)
	}
	prefix, _, _ := strings.Cut(lower, ":")
	for _, list := range [][]*keyGroup{ix.byPrefix[prefix], ix.wild} {
		for _, g := range list {
			if iam.Match(g.pattern, key) {
				matched = append(matched, g)
			}
		}
	}
	return matched
}

// types returns the value types the catalog gives a key, each once; none
// for a key it does not know.
func (ix *keyIndex) types(key string) []string {
	var out []string
	for _, g := range ix.matches(key) {
		for _, t := range g.types {
			if !containsString(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// valueCount reports whether the catalog gives a key a multivalued type
// ("ArrayOfString") and whether it gives it a single-valued one.
func (ix *keyIndex) valueCount(key string) (multi, single bool) {
	for _, t := range ix.types(key) {
		if strings.HasPrefix(t, "ArrayOf") {
			multi = true
		} else {
			single = true
		}
	}
	return multi, single
}

// lookup reports whether a key is global and, when it is not, which
// services define it, each once.
func (ix *keyIndex) lookup(key string) (global bool, services []*serviceInfo) {
	matched := ix.matches(key)
	for _, g := range matched {
		if g.global {
			return true, nil
		}
	}
	for _, g := range matched {
		for _, si := range g.services {
			if !containsService(services, si) {
				services = append(services, si)
			}
		}
	}
	return false, services
}

func containsService(list []*serviceInfo, si *serviceInfo) bool {
	for _, s := range list {
		if s == si {
			return true
		}
	}
	return false
}

// anyKeyMatches reports whether a key matches one of the patterns.
func anyKeyMatches(patterns []string, key string) bool {
	for _, p := range patterns {
		if iam.Match(p, key) {
			return true
		}
	}
	return false
}
