// Package boundary writes a permissions boundary as exactly one policy
// document within a character budget: an Allow statement of patterns that
// grant as many of a target set of actions as fit, a Deny statement naming
// the few other actions those patterns would let in, and the caller's own
// statements verbatim. It knows nothing of Terraform; the data source
// iamv2_permission_boundary wraps it and checks its document by expanding
// it with the policy package.
//
// # Algorithm
//
// The candidates are the patterns a reviewer can read: each target action by
// its full name, "svc:P*" for every prefix P of a service's action names
// (at most one per distinct set of actions, the shortest; in "word" mode
// only a read family that ends a CamelCase word in every action it
// matches), and, with CrossService, "*:P*" for the same kind of prefix
// over the bare names of every service (in "word" mode a root family or a
// longer prefix of one, which needs evidence: see readonly.Families). The
// wildcard candidates depend on the catalog only, so a Universe computes
// them once per mode and read families; each Problem keeps those it can
// use. A candidate that matches an action the caller's statements allow
// only under a condition or on some resources is dropped, whatever the
// action's access level: granting it on "*" would undo the scope, and a
// Deny exception would revoke the scoped grant too.
//
//  1. The actions include adds outside the target levels are written in
//     full, then the Required actions are covered greedily; if that is
//     over the budget, Solve says by how much.
//  2. Greedy by gain ÷ cost: gain is the target actions a candidate adds,
//     cost its characters plus the full names of the non-target actions it
//     drags in, which the Deny statement must name. A lazy priority queue
//     re-rates a candidate only when it reaches the top. Costs are upper
//     bounds (the Deny list is compacted afterwards), so the document is
//     measured exactly after each pass, and the pass repeats with the room
//     the compaction freed.
//  3. Local improvement: drop every pattern whose target actions others
//     cover too; re-cover each service's actions that no cross-service
//     pattern grants with the readonly compactor, which finds the cheapest
//     exact-or-"P*" cover and may reach actions already granted or denied;
//     then refill the freed room as in 2. Last, unless every target
//     action fits, drop-and-refill: for the dozen patterns that grant
//     least for their cost, drop one, refill greedily without it, and
//     keep the trial if it grants more.
//  4. The Deny list is the readonly compactor's cheapest cover of the
//     non-target actions the Allow patterns match, whose wildcards may
//     reach only actions nothing allows: never a target action, nor one the
//     caller's statements allow. The Problem's DenyWords ("*:Get*Token*")
//     join it whatever the Allow patterns are; the actions they match are
//     Neutral from the start, granted by nothing.
//
// UpperBound bounds what any choice among the candidates can reach, by
// charging each target action the cheapest share of a candidate's cost it
// can have; the tests report it beside the greedy's figure.
package boundary

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// Class is what the document must do with one action.
type Class uint8

const (
	// Other is an action outside the target set: an Allow pattern that
	// matches it needs a Deny exception.
	Other Class = iota
	// Target is an action to grant.
	Target
	// Full is an action to grant by its full name only, never under a '*':
	// one include adds outside the target levels.
	Full
	// Neutral is an action the caller's statements settle outright,
	// allowing or denying it unconditionally on every resource: a pattern
	// may match it, the generated Deny never names it, and it counts as
	// no gain.
	Neutral
	// Forbidden is an action the caller's statements allow only under a
	// condition or on some resources: no generated pattern may match it.
	Forbidden
)

// Problem is one boundary to write.
type Problem struct {
	// Universe is every action of the catalog: the patterns are checked
	// against all of them.
	Universe *Universe
	// Classes[i][j] is the class of Universe.Services()[i].Actions[j].
	Classes [][]Class
	// Required, when set, marks target actions that must be granted, like
	// Classes.
	Required [][]bool
	// Statements are the caller's statements as compact JSON objects,
	// written after the generated ones.
	Statements []string
	// MaxChars bounds the document, whitespace not counted.
	MaxChars int
	// Mode is the wildcard mode of the Allow patterns.
	Mode readonly.Wildcards
	// CrossService lets Allow patterns name every service ("*:Describe*").
	CrossService bool
	// Families are the read families "word" mode follows; required in
	// that mode.
	Families *readonly.Families
	// DenyWords are cross-service Deny patterns such as "*:Get*Token*",
	// written whatever the Allow patterns are, to block credential
	// vending by name, today's and what AWS adds later (readonly.DenyWord).
	// The actions they match count as no gain and need no other
	// exception; none may be Full, Forbidden or required.
	DenyWords []string
}

// Solution is the document and what it is made of.
type Solution struct {
	PolicyJSON string
	Chars      int
	// Allow and Deny are the generated statements' patterns, sorted.
	Allow, Deny []string
	// Granted counts the target actions the Allow patterns cover, by the
	// optimizer's own bookkeeping.
	Granted int
}

// BudgetError says the budget cannot hold what must be in the document.
type BudgetError struct {
	Kind   BudgetKind
	What   string // what must fit, as the message names it
	Need   int    // the characters it needs
	Budget int
}

// BudgetKind says what does not fit.
type BudgetKind uint8

const (
	// BudgetStatements: the caller's statements alone.
	BudgetStatements BudgetKind = iota + 1
	// BudgetFull: the actions to write in full, with the statements.
	BudgetFull
	// BudgetRequired: the required actions, with the statements.
	BudgetRequired
	// BudgetSmallest: even a document granting one action.
	BudgetSmallest
)

func (e *BudgetError) Error() string {
	return fmt.Sprintf("%s need a document of %d characters, but max_policy_chars is %d", e.What, e.Need, e.Budget)
}

// Solve writes the document. The error is a *BudgetError when the budget is
// too small, or names a malformed Problem, or the context's error.
func Solve(ctx context.Context, p Problem) (*Solution, error) {
	ix, err := newIndex(p)
	if err != nil {
		return nil, err
	}
	s := newSolver(ctx, ix, p)
	return s.solve()
}

// Universe numbers every action of a catalog: ranks are the services in
// order, then each service's actions in order. Build it once per catalog
// and share it: it is never modified, only its wildcard patterns computed
// once per mode (safe for concurrent use).
type Universe struct {
	services []*iam.Service
	lo       []int32 // lo[i]: first rank of services[i]; lo[len] = total
	names    []string
	bare     []string // lower-case name without the prefix
	svc      []int32
	byBare   []int32  // ranks sorted by bare, then rank
	bareBy   []string // bareBy[k] = bare[byBare[k]]
	rank     map[string]int32
	patterns sync.Map // wildcardKey -> *wildcardEntry: see wildcards
	words    sync.Map // Deny pattern -> []int32: see matching
}

// NewUniverse indexes services, which must be sorted by prefix, each with
// its actions in case-insensitive order, as catalogs give them.
func NewUniverse(services []*iam.Service) (*Universe, error) {
	u := &Universe{services: services, lo: make([]int32, len(services)+1)}
	for i, svc := range services {
		if i > 0 && services[i-1].Prefix >= svc.Prefix {
			return nil, fmt.Errorf("boundary: services %q and %q are out of order", services[i-1].Prefix, svc.Prefix)
		}
		for j := range svc.Actions {
			a := &svc.Actions[j]
			if j > 0 && iam.CompareFold(svc.Actions[j-1].Name, a.Name) >= 0 {
				return nil, fmt.Errorf("boundary: service %q: actions %q and %q are out of order", svc.Prefix, svc.Actions[j-1].Name, a.Name)
			}
			u.names = append(u.names, svc.FullName(a))
			u.bare = append(u.bare, strings.ToLower(a.Name))
			u.svc = append(u.svc, int32(i))
		}
		u.lo[i+1] = int32(len(u.names))
	}
	u.byBare = make([]int32, len(u.names))
	for r := range u.byBare {
		u.byBare[r] = int32(r)
	}
	sort.SliceStable(u.byBare, func(a, b int) bool { return u.bare[u.byBare[a]] < u.bare[u.byBare[b]] })
	u.rank = make(map[string]int32, len(u.names))
	for r, name := range u.names {
		u.rank[name] = int32(r)
	}
	u.bareBy = make([]string, len(u.byBare))
	for k, r := range u.byBare {
		u.bareBy[k] = u.bare[r]
	}
	return u, nil
}

// Services are the services indexed, in order.
func (u *Universe) Services() []*iam.Service { return u.services }

// index is a Universe with the classes of one Problem.
type index struct {
	*Universe
	class    []Class
	required []bool
	blocked  []bool // matched by a deny word, and so Neutral
	// targets[k] counts the Target ranks among the first k.
	targets []int32
}

func newIndex(p Problem) (*index, error) {
	u := p.Universe
	if u == nil {
		return nil, fmt.Errorf("boundary: no universe")
	}
	if len(p.Classes) != len(u.services) {
		return nil, fmt.Errorf("boundary: %d services but %d class lists", len(u.services), len(p.Classes))
	}
	n := len(u.names)
	ix := &index{Universe: u, class: make([]Class, 0, n), required: make([]bool, 0, n)}
	for i, svc := range u.services {
		if len(p.Classes[i]) != len(svc.Actions) {
			return nil, fmt.Errorf("boundary: service %q has %d actions but %d classes", svc.Prefix, len(svc.Actions), len(p.Classes[i]))
		}
		for j := range svc.Actions {
			c := p.Classes[i][j]
			req := p.Required != nil && p.Required[i] != nil && p.Required[i][j]
			if req && c != Target && c != Full {
				return nil, fmt.Errorf("boundary: required action %q is not a target action", svc.FullName(&svc.Actions[j]))
			}
			ix.class = append(ix.class, c)
			ix.required = append(ix.required, req)
		}
	}
	if err := ix.blockWords(p); err != nil {
		return nil, err
	}
	ix.targets = make([]int32, n+1)
	for k := 0; k < n; k++ {
		ix.targets[k+1] = ix.targets[k]
		if ix.class[k] == Target {
			ix.targets[k+1]++
		}
	}
	return ix, nil
}

// itemCost is what one pattern adds to an Action list: its quotes and a
// comma.
func itemCost(pattern string) int { return len(pattern) + 3 }

// countChars counts characters as IAM sizes a policy: whitespace is free.
func countChars(s string) int { return readonly.CountChars(s) }

// Document writes the policy: the Allow statement, the Deny statement and
// the caller's statements, each only when it has anything.
func Document(allow, deny, statements []string) string {
	var parts []string
	if len(allow) > 0 {
		parts = append(parts, statement("Allow", allow))
	}
	if len(deny) > 0 {
		parts = append(parts, statement("Deny", deny))
	}
	parts = append(parts, statements...)
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(parts, ",") + `]}`
}

func statement(effect string, actions []string) string {
	list, _ := json.Marshal(actions) // cannot fail: strings only
	return `{"Effect":"` + effect + `","Action":` + string(list) + `,"Resource":"*"}`
}

// statementOverhead is what a statement with an empty Action list adds,
// with the comma that separates it from the next.
var statementOverhead = countChars(statement("Allow", []string{})) + 1
