package fit

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// resource is one Resource value read once for every comparison.
type resource struct {
	text string
	// lit is the text before the first wildcard or variable: every
	// resource a covering pattern applies to starts with it.
	lit  string
	glob string // the text as a pattern; empty when it holds a variable
	wide string // the text as a pattern with each variable a '*'
}

func newResource(text string) resource {
	r := resource{text: text, wide: pattern.FromText(pattern.VariablesToStar(text))}
	r.lit = text
	if i := strings.IndexAny(text, "*?$"); i >= 0 {
		r.lit = text[:i]
	}
	if !strings.Contains(text, "${") {
		r.glob = pattern.FromText(text)
	}
	return r
}

func newResources(texts []string) []resource {
	out := make([]resource, len(texts))
	for i, t := range texts {
		out[i] = newResource(t)
	}
	return out
}

// covers reports whether resource pattern q applies to every resource p
// can name. A policy variable may be replaced by any value, so in p it is
// read as a '*', and a q that holds one covers only its own text
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
func (q *resource) covers(p *resource) bool {
	switch {
	case q.text == p.text || q.text == "*":
		return true
	case q.glob == "" || !strings.HasPrefix(p.text, q.lit) || len(q.lit) == len(q.text):
		return false
	}
	return pattern.CoversARN(q.glob, p.wide)
}

// coverIndex files resources by their literal prefix, so that those that
// may cover a resource are found by looking up the prefixes of its text,
// rather than by comparing it with every resource filed: a covering
// pattern's literal prefix starts every resource it applies to.
type coverIndex[T any] struct {
	byLit map[string][]indexed[T]
}

type indexed[T any] struct {
	r     *resource
	owner T
}

func newCoverIndex[T any]() *coverIndex[T] { return &coverIndex[T]{byLit: map[string][]indexed[T]{}} }

func (x *coverIndex[T]) add(r *resource, owner T) {
	x.byLit[r.lit] = append(x.byLit[r.lit], indexed[T]{r, owner})
}

// covering calls yield with the owner of each filed resource that covers
// p; an owner with several such resources comes once for each.
func (x *coverIndex[T]) covering(p *resource, yield func(T)) {
	for k := 0; k <= len(p.text); k++ {
		for _, e := range x.byLit[p.text[:k]] {
			if e.r.covers(p) {
				yield(e.owner)
			}
		}
	}
}
