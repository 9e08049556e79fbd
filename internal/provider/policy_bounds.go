package provider

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// The evaluator's functions answer at plan time for policies with unknown
// parts by bounding them: a request is allowed, and a check fails, only more
// often as Allow statements apply to more and Deny statements to less. So
// each function evaluates two known documents, one where every unknown part
// helps the answer one way and one where it helps it the other way; when
// both give the same answer, every value the unknown parts can take does.

// boundedPolicyParameter is the policy parameter of the evaluator's functions.
func boundedPolicyParameter(name string) function.DynamicParameter {
	return function.DynamicParameter{Name: name, AllowUnknownValues: true,
		MarkdownDescription: policyForms + policyObjectAtPlan + ", as the description says."}
}

// boundMode says what becomes of a statement with unknown parts.
type boundMode uint8

const (
	// dropUnknown leaves the statement out: it applies to nothing.
	dropUnknown boundMode = iota
	// widenUnknown makes each unknown element apply to everything: Action,
	// Resource and Principal become "*", and an unknown Condition is removed.
	widenUnknown
	// widenToGuard widens as widenUnknown does, but an unknown Condition of a
	// Deny becomes the standard guard's, one negated pinning comparison: the
	// strongest a Deny can be for no_public_access, which counts guards only.
	widenToGuard
	// dropEvery leaves out every statement of the effect, known or not.
	dropEvery
	// markUnknown, for an Allow whose only unknown parts are in its
	// Resource, puts evaluate.UnknownResource for each unknown one: the
	// resource some value could make easiest for a check to pass. Any other
	// unknown part leaves the statement out, as dropUnknown does.
	markUnknown
)

// guardCondition is the condition an unknown one of a Deny becomes under
// widenToGuard.
var guardCondition = map[string]any{"StringNotEquals": map[string]any{"aws:PrincipalOrgID": "o-knownafterapply"}}

// policyBounds is a policy argument made known: its JSON as given when it has
// no unknown part, or the two bounding documents.
type policyBounds struct {
	known bool   // false when the statements themselves are unknown
	exact string // the document, when nothing in it is unknown
	value any    // the decoded document, with policy.Unknown parts
}

// readPolicyBounds reads a policy argument given as a JSON string or an object.
func readPolicyBounds(ctx context.Context, args function.ArgumentsData, position int) (policyBounds, *function.FuncError) {
	v, ferr := dynamicArgument(ctx, args, position)
	if ferr != nil {
		return policyBounds{}, ferr
	}
	value, ferr := knownPolicy(v, int64(position))
	if value == nil {
		return policyBounds{}, ferr
	}
	switch u := value.(type) {
	case types.String:
		return policyBounds{known: true, exact: u.ValueString()}, nil
	case types.Object, types.Map:
		doc := decodedValue(u)
		if !policy.HasUnknown(doc) {
			src, err := json.Marshal(doc)
			if err != nil {
				return policyBounds{}, argumentError(int64(position), err)
			}
			return policyBounds{known: true, exact: string(src)}, nil
		}
		m, _ := doc.(map[string]any)
		return policyBounds{known: statementsKnown(m), value: doc}, nil
	default:
		return policyBounds{}, argumentError(int64(position), notAPolicy(u))
	}
}

// statementsKnown reports whether the Statement element and each statement
// in it are known, which bounding needs.
func statementsKnown(doc map[string]any) bool {
	switch st := doc["Statement"].(type) {
	case []any:
		for _, s := range st {
			if s == policy.Unknown {
				return false
			}
		}
		return true
	case map[string]any:
		return true
	}
	return doc["Statement"] != policy.Unknown
}

// document returns the JSON of the bound where Allow statements with unknown
// parts are treated by allow, and Deny statements by deny. A statement whose
// Effect is unknown is an Allow where the bound widens Allows, and a Deny
// where it narrows them.
// Each statement keeps its position, so that reasons name the caller's
// paths: one left out becomes one that applies to no action.
func (b policyBounds) document(allow, deny boundMode) string {
	doc, _ := b.value.(map[string]any)
	if doc == nil && (allow == dropEvery || deny == dropEvery) {
		d := json.NewDecoder(strings.NewReader(b.exact))
		d.UseNumber()
		_ = d.Decode(&doc) // a document that does not decode is left as given, for the parser to report
	}
	if doc == nil {
		return b.exact
	}
	out := make(map[string]any, len(doc))
	for k, v := range doc {
		if !policy.HasUnknown(v) {
			out[k] = v
		}
	}
	if doc["Version"] == policy.Unknown {
		out["Version"] = policy.Version2012
	}
	statements := statementsOf(doc)
	if statements == nil {
		return mustJSON(out)
	}
	bounded := make([]any, len(statements))
	for i, s := range statements {
		st, ok := s.(map[string]any)
		effect, mode := "", allow
		switch e := st["Effect"]; {
		case e == policy.Unknown && allow != widenUnknown || e == string(policy.Deny):
			effect, mode = string(policy.Deny), deny
		case e == policy.Unknown || e == string(policy.Allow):
			effect = string(policy.Allow)
		}
		switch {
		case !ok || effect == "":
			bounded[i] = s // not a statement, or an invalid Effect: the parser says so
		case mode == dropEvery:
			bounded[i] = inert(st, effect)
		case policy.HasUnknown(st):
			bounded[i] = bound(st, effect, mode)
		default:
			bounded[i] = st
		}
	}
	out["Statement"] = bounded
	return mustJSON(out)
}

func mustJSON(v any) string {
	src, _ := json.Marshal(v) // decoded values always marshal
	return string(src)
}

// bound is st with its unknown parts treated by mode.
func bound(st map[string]any, effect string, mode boundMode) map[string]any {
	if mode == dropUnknown || mode == markUnknown {
		for _, k := range []string{"Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"} {
			if policy.HasUnknown(st[k]) && (k != "Resource" || mode != markUnknown) {
				return inert(st, effect)
			}
		}
	}
	b := known(st)
	b["Effect"] = effect
	if mode == markUnknown {
		if policy.HasUnknown(st["Resource"]) {
			b["Resource"] = markedResources(st["Resource"])
		}
		return b
	}
	widen := func(element, inverse string) {
		if policy.HasUnknown(st[element]) || policy.HasUnknown(st[inverse]) {
			delete(b, inverse)
			b[element] = "*"
		}
	}
	widen("Action", "NotAction")
	widen("Resource", "NotResource")
	widen("Principal", "NotPrincipal")
	if policy.HasUnknown(st["Condition"]) && mode == widenToGuard && effect == string(policy.Deny) {
		b["Condition"] = guardCondition
	}
	return b
}

// markedResources is a Resource element with evaluate.UnknownResource for
// each unknown value.
func markedResources(r any) any {
	switch t := r.(type) {
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			out[i] = v
			if policy.HasUnknown(v) {
				out[i] = evaluate.UnknownResource
			}
		}
		return out
	}
	return evaluate.UnknownResource
}

// inert is st made to apply to no action, in its place.
func inert(st map[string]any, effect string) map[string]any {
	b := map[string]any{"Effect": effect, "Action": []any{}}
	for _, pair := range [][2]string{{"Resource", "NotResource"}, {"Principal", "NotPrincipal"}} {
		if _, ok := st[pair[0]]; ok {
			b[pair[0]] = "*"
		} else if _, ok := st[pair[1]]; ok {
			b[pair[0]] = "*"
		}
	}
	return b
}

// unknownDeny reports whether a Deny statement, or one whose Effect is
// unknown, has unknown parts.
func (b policyBounds) unknownDeny() bool {
	for _, s := range statementsOf(b.value) {
		if st, ok := s.(map[string]any); ok && st["Effect"] != string(policy.Allow) && policy.HasUnknown(st) {
			return true
		}
	}
	return false
}

// known is st without its unknown parts.
func known(st map[string]any) map[string]any {
	out := make(map[string]any, len(st))
	for k, v := range st {
		if !policy.HasUnknown(v) {
			out[k] = v
		}
	}
	return out
}

// compileBound compiles one bounding document; its errors are the argument's.
func compileBound(src string, kind evaluate.Kind, position int64) (*evaluate.Policy, *function.FuncError) {
	p, diags := evaluate.CompileJSON(src, evaluate.Source{Kind: kind})
	if ferr := policyErrors(position, diags); ferr != nil {
		return nil, ferr
	}
	if p == nil {
		return nil, argumentError(position, errors.New("the policy does not compile"))
	}
	return p, nil
}

// kindOfBounds is the kind of policy a check function is given: a resource
// policy when a statement names a Principal or NotPrincipal, else an
// identity policy.
func kindOfBounds(b policyBounds) evaluate.Kind {
	doc := b.value
	if doc == nil {
		if err := json.Unmarshal([]byte(b.exact), &doc); err != nil {
			return evaluate.Identity // the compiler reports the JSON error
		}
	}
	for _, s := range statementsOf(doc) {
		if st, ok := s.(map[string]any); ok {
			if _, p := st["Principal"]; p {
				return evaluate.ResourcePolicy
			}
			if _, p := st["NotPrincipal"]; p {
				return evaluate.ResourcePolicy
			}
		}
	}
	return evaluate.Identity
}

// statementsOf returns a decoded document's statements: its Statement list,
// or its one Statement object.
func statementsOf(doc any) []any {
	m, _ := doc.(map[string]any)
	switch st := m["Statement"].(type) {
	case []any:
		return st
	case map[string]any:
		return []any{st}
	}
	return nil
}
