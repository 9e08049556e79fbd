package policy

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Need is the part of a catalog that expanding some action patterns
// reads: the services they name. A live catalog pays a request per
// service, so an s3-only question should read s3 alone. "*" and NotAction
// ("every action but") need every service, and a wildcard in a service
// part needs the services it matches. The zero value needs no service.
type Need struct {
	all      bool
	prefixes map[string]bool // lower-case service parts without a wildcard
	wild     []string        // service parts with one
}

// NeedAll needs every service.
func NeedAll() Need { return Need{all: true} }

// NeedOf is what expanding the patterns needs. A malformed pattern needs
// nothing: the expander refuses it without looking at the catalog.
func NeedOf(patterns ...string) Need {
	var n Need
	for _, p := range patterns {
		n.add(p)
	}
	return n
}

func (n *Need) add(pattern string) {
	if pattern == "*" {
		n.all = true
		return
	}
	if n.all || checkPattern(pattern) != "" {
		return
	}
	p, _ := iam.ParsePattern(pattern)
	if iam.HasWildcard(p.Service) {
		n.wild = append(n.wild, p.Service)
		return
	}
	if n.prefixes == nil {
		n.prefixes = map[string]bool{}
	}
	n.prefixes[iam.ToLowerASCII(p.Service)] = true
}

// NeedOfJSON is what expanding a policy document needs: the services its
// Action lists name, or every service when a statement has NotAction. A
// document that does not parse needs nothing, since it is not expanded.
func NeedOfJSON(src string) Need {
	doc, _ := Parse(src)
	if doc == nil {
		return Need{}
	}
	var n Need
	for i := range doc.Statements {
		st := &doc.Statements[i]
		if st.NotAction != nil {
			return NeedAll()
		}
		if st.Action != nil {
			for _, p := range st.Action.Values {
				n.add(p)
			}
		}
	}
	return n
}

// NeedToValidateJSON is what validating a policy document needs: what
// expanding it needs, and the services whose condition keys it names
// ("ec2:ResourceTag/team"), which the validator looks up. Without them a
// validator over part of a catalog would call a key of an unread service
// one no service defines. Global keys ("aws:...") need no service.
func NeedToValidateJSON(src string) Need {
	n := NeedOfJSON(src)
	doc, _ := Parse(src)
	if doc == nil || n.all {
		return n
	}
	for i := range doc.Statements {
		if c := doc.Statements[i].Condition; c != nil {
			for _, op := range c.Operators {
				for _, k := range op.Keys {
					if service, _, ok := strings.Cut(k.Name, ":"); ok && !strings.EqualFold(service, "aws") {
						n.add(service + ":*")
					}
				}
			}
		}
	}
	return n
}

// Add needs what other needs too.
func (n *Need) Add(other Need) {
	if other.all {
		n.all = true
	}
	for p := range other.prefixes {
		if n.prefixes == nil {
			n.prefixes = map[string]bool{}
		}
		n.prefixes[p] = true
	}
	n.wild = append(n.wild, other.wild...)
}

// Scope is a Need resolved against a catalog's list of services.
type Scope struct {
	All      bool
	Prefixes []string // sorted; the services of the catalog needed, when not All
}

// Key tells scopes apart, for a cache of expanders.
func (s Scope) Key() string {
	if s.All {
		return "*"
	}
	return strings.Join(s.Prefixes, ",")
}

// Resolve picks the services of the catalog the need names, matching
// wildcards as IAM does. A prefix the catalog does not list is left out:
// the expander reports it as unknown, with suggestions from the list.
func (n Need) Resolve(ctx context.Context, cat iam.Catalog) (Scope, error) {
	if n.all {
		return Scope{All: true}, nil
	}
	if len(n.prefixes) == 0 && len(n.wild) == 0 {
		return Scope{}, nil
	}
	summaries, err := cat.Services(ctx)
	if err != nil {
		return Scope{}, fmt.Errorf("listing services: %w", err)
	}
	var s Scope
	for _, sum := range summaries {
		prefix := iam.ToLowerASCII(sum.Prefix)
		keep := n.prefixes[prefix]
		for _, w := range n.wild {
			keep = keep || iam.Match(w, sum.Prefix)
		}
		if keep {
			s.Prefixes = append(s.Prefixes, sum.Prefix)
		}
	}
	if len(s.Prefixes) == len(summaries) {
		return Scope{All: true}, nil
	}
	sort.Strings(s.Prefixes)
	return s, nil
}
