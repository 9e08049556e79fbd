package validation

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Condition key names in the catalog are templates: "s3:ExistingObjectTag/<key>",
// "aws:RequestTag/${TagKey}", "elasticloadbalancing:ResourceTag/", and for
// global keys "aws:PrincipalTag/tag-key". keyPattern turns one into an
// iam.Match pattern on the names a policy writes ("aws:RequestTag/*");
// IAM compares key names case-insensitively, as iam.Match does.
func keyPattern(name string, global bool) string {
	p := replaceSpans(placeholdersToStar(name), "<", ">")
	if global {
		// The global list writes its tag keys as a literal "tag-key".
		if i := strings.IndexByte(p, '/'); i >= 0 {
			p = p[:i+1] + "*"
		}
	}
	if strings.HasSuffix(p, "/") {
		p += "*"
	}
	return p
}

// keyIndex finds which services define a condition key a policy names.
type keyIndex struct {
	// byPrefix holds key patterns by the lower-case text before their
	// first colon ("s3", "aws", "saml"); wild holds those whose prefix is
	// itself a template ("token.actions.${Domain}.ghe.com:sub").
	byPrefix map[string][]keyEntry
	wild     []keyEntry
}

type keyEntry struct {
	pattern string
	service *serviceInfo // nil for a global key
}

func newKeyIndex(global []iam.ConditionKey, services []*serviceInfo) keyIndex {
	ix := keyIndex{byPrefix: map[string][]keyEntry{}}
	for _, k := range global {
		ix.add(keyEntry{pattern: keyPattern(k.Name, true)})
	}
	for _, si := range services {
		for _, k := range si.svc.ConditionKeys {
			ix.add(keyEntry{pattern: keyPattern(k.Name, false), service: si})
		}
	}
	return ix
}

func (ix *keyIndex) add(e keyEntry) {
	prefix, _, ok := strings.Cut(e.pattern, ":")
	if !ok || iam.HasWildcard(prefix) {
		ix.wild = append(ix.wild, e)
		return
	}
	p := strings.ToLower(prefix)
	ix.byPrefix[p] = append(ix.byPrefix[p], e)
}

// lookup reports whether a key is global and which services define it,
// each once.
func (ix *keyIndex) lookup(key string) (global bool, services []*serviceInfo) {
	prefix, _, _ := strings.Cut(key, ":")
	visit := func(entries []keyEntry) {
		for _, e := range entries {
			if !iam.Match(e.pattern, key) {
				continue
			}
			if e.service == nil {
				global = true
			} else if !containsService(services, e.service) {
				services = append(services, e.service)
			}
		}
	}
	visit(ix.byPrefix[strings.ToLower(prefix)])
	visit(ix.wild)
	return global, services
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
