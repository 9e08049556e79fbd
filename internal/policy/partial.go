package policy

import (
	"encoding/json"
	"fmt"
)

// Unknown stands for a part of a document that is not known yet, such as a
// bucket ARN Terraform learns only when it creates the bucket.
var Unknown any = unknownValue{}

type unknownValue struct{}

// standIn replaces an unknown value that decides nothing the expansion
// answers: it is not "*", so an unknown Resource is "some resources".
const standIn = "(known after apply)"

// Partial is the expansion of a document with unknown parts.
type Partial struct {
	// Result is what the document allows, nil when Known is false or the
	// document has errors.
	*Result
	// Known is false when an Effect, Action or NotAction that could change
	// the allowed actions is unknown, or the statements themselves are.
	Known bool
	// Skipped are the paths of Deny statements whose actions are unknown
	// but which deny only on some resources or under a condition: they
	// cannot change the allowed actions, so they are left out, but the
	// patterns they will name are not known.
	Skipped []string
}

// ExpandValue expands a document given as a decoded JSON value rather than
// as text: map[string]any, []any, string, bool, json.Number, nil, with
// Unknown wherever a value is not known yet (at any depth). Everything that
// does not depend on the unknown parts is evaluated, by these rules:
//
//   - a statement whose Effect and Action or NotAction are known is
//     evaluated; an unknown Resource counts as some resources, and an
//     unknown Condition as a condition, so a Deny with either is
//     conditional (it removes no allowed action);
//   - a Deny whose actions are unknown but which is conditional cannot
//     change the allowed actions, so it is skipped (Partial.Skipped);
//   - any other unknown Effect, Action or NotAction, or unknown
//     statements, leave the result unknown.
//
// The known document is then parsed as strictly as ExpandJSON parses text,
// so its diagnostics are the same, with the same JSON paths.
func (e *Expander) ExpandValue(doc any, opts Options) (Partial, Diagnostics) {
	out := Partial{Known: true}
	known, ok := e.knownDocument(doc, &out)
	if !ok {
		return Partial{}, nil
	}
	src, err := json.Marshal(known)
	if err != nil {
		var diags Diagnostics
		diags.errorf("", "Invalid document", fmt.Sprintf("the document cannot be written as JSON: %v", err))
		return out, diags
	}
	res, diags := e.ExpandJSON(string(src), opts)
	out.Result = res
	return out, diags
}

// knownDocument replaces the unknown parts that decide nothing with
// stand-ins, reporting false when one decides the allowed actions.
func (e *Expander) knownDocument(doc any, out *Partial) (any, bool) {
	m, isObject := doc.(map[string]any)
	if !isObject {
		return known(doc), doc != Unknown
	}
	copied := make(map[string]any, len(m))
	for k, v := range m {
		copied[k] = known(v)
	}
	if m["Version"] == Unknown {
		copied["Version"] = Version2012 // it decides how policy variables read, not what is allowed
	}
	switch statements := m["Statement"].(type) {
	case unknownValue:
		return nil, false
	case map[string]any:
		st, ok := knownStatement(statements, "Statement", out)
		copied["Statement"] = st
		return copied, ok
	case []any:
		list := make([]any, len(statements))
		for i, s := range statements {
			st, isMap := s.(map[string]any)
			if !isMap {
				if s == Unknown {
					return nil, false
				}
				list[i] = known(s)
				continue
			}
			var ok bool
			if list[i], ok = knownStatement(st, fmt.Sprintf("Statement[%d]", i), out); !ok {
				return nil, false
			}
		}
		copied["Statement"] = list
	}
	return copied, true
}

func knownStatement(st map[string]any, path string, out *Partial) (any, bool) {
	if HasUnknown(st["Effect"]) {
		return nil, false
	}
	actionsUnknown := HasUnknown(st["Action"]) || HasUnknown(st["NotAction"])
	if actionsUnknown && (st["Effect"] != string(Deny) || deniesEverywhere(st)) {
		return nil, false
	}
	copied := make(map[string]any, len(st))
	for k, v := range st {
		switch {
		case !HasUnknown(v):
			copied[k] = v
		case k == "Condition":
			copied[k] = map[string]any{"StringEquals": map[string]any{standIn: standIn}}
		case k == "Principal" || k == "NotPrincipal":
			copied[k] = "*"
		case k == "Action" || k == "NotAction":
		default:
			copied[k] = known(v)
		}
	}
	if actionsUnknown { // a skipped Deny: it applies to no action
		delete(copied, "NotAction")
		copied["Action"] = []any{}
		out.Skipped = append(out.Skipped, path)
	}
	return copied, true
}

// deniesEverywhere reports whether a statement applies to every resource
// without a condition, as far as its known parts tell: an unknown Resource
// or Condition counts as some resources, or a condition.
func deniesEverywhere(st map[string]any) bool {
	if _, ok := st["NotResource"]; ok || HasUnknown(st["Resource"]) || HasUnknown(st["Condition"]) {
		return false
	}
	if c, ok := st["Condition"].(map[string]any); ok {
		for _, keys := range c {
			if k, isMap := keys.(map[string]any); !isMap || len(k) > 0 {
				return false
			}
		}
	}
	switch r := st["Resource"].(type) {
	case string:
		return r == "*"
	case []any:
		for _, v := range r {
			if v == "*" {
				return true
			}
		}
	}
	return false
}

// known copies v with each unknown value replaced by the stand-in.
func known(v any) any {
	switch t := v.(type) {
	case unknownValue:
		return standIn
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = known(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = known(e)
		}
		return out
	}
	return v
}

// HasUnknown reports whether a decoded value holds Unknown anywhere.
func HasUnknown(v any) bool {
	switch t := v.(type) {
	case unknownValue:
		return true
	case map[string]any:
		for _, e := range t {
			if HasUnknown(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if HasUnknown(e) {
				return true
			}
		}
	}
	return false
}
