package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// policyForms are the two forms a function takes a policy in.
const policyForms = "The policy document: a JSON string, such as `jsonencode({...})` or `file(\"policy.json\")`, " +
	"or the object itself that `jsonencode` would be given"

// policyObjectAtPlan is why the object form is the one that keeps
// assertions at plan time.
const policyObjectAtPlan = ". Pass the object when parts of the policy are known only after apply, such as the " +
	"ARN of a bucket created in the same run: a JSON string built from an unknown value is unknown as a whole, but " +
	"the object's known parts are evaluated at plan time"

// policyArgumentDescription says how the expanding functions take a
// policy, and what they make of its unknown parts.
const policyArgumentDescription = policyForms + policyObjectAtPlan + ". " +
	"A statement whose `Effect` and `Action` (or `NotAction`) are known is evaluated; an unknown `Resource` counts " +
	"as some resources and an unknown `Condition` as a condition, so a `Deny` with either removes no allowed " +
	"action; the result is unknown only when an `Effect`, `Action` or `NotAction` that decides it is unknown."

// functionsPlanTimeNote is why assertions belong in functions when the
// policy depends on resources: Terraform defers a data source whose
// configuration is not wholly known to apply.
const functionsPlanTimeNote = "\n\nTerraform reads a data source only once its whole configuration is known, so a " +
	"data source given a policy that depends on a resource created in the same run is read during apply, after " +
	"earlier resources were created. This function is called at plan time even when parts of the policy are unknown, " +
	"so a precondition on it fails the plan before anything is created."

func policyParameter(name string) function.DynamicParameter {
	return function.DynamicParameter{Name: name, AllowUnknownValues: true, MarkdownDescription: policyArgumentDescription}
}

// dynamicArgument reads a dynamic argument as the framework decoded it.
// Get would convert it to Terraform's representation and back, which for
// a policy object near the 1 MiB limit costs most of a second.
func dynamicArgument(ctx context.Context, args function.ArgumentsData, position int) (types.Dynamic, *function.FuncError) {
	var v attr.Value
	if err := args.GetArgument(ctx, position, &v); err != nil {
		return types.Dynamic{}, err
	}
	if d, ok := v.(types.Dynamic); ok {
		return d, nil
	}
	return types.DynamicValue(v), nil
}

// policyEvaluation is what a policy argument allows, unless that is not
// known yet.
type policyEvaluation struct {
	result *policy.Result
	known  bool
	// skipped are conditional Deny statements whose actions are unknown:
	// they change no allowed action, but the patterns they name are unknown.
	skipped []string
}

// evaluatePolicyArgument expands a policy given as JSON or as an object;
// mode says whether a pattern that names no action is an error.
func evaluatePolicyArgument(ctx context.Context, v types.Dynamic, position int64, mode policy.UnknownMode) (policyEvaluation, *function.FuncError) {
	value, ferr := knownPolicy(v, position)
	if value == nil {
		return policyEvaluation{}, ferr
	}
	e, err := expanderFor(ctx, embedded.Default(), policy.NeedAll())
	if err != nil {
		return policyEvaluation{}, functionError(err)
	}
	opts := policy.Options{UnknownActions: mode}
	switch u := value.(type) {
	case types.String:
		res, diags := e.ExpandJSON(u.ValueString(), opts)
		return policyEvaluation{result: res, known: true}, policyErrors(position, diags)
	case types.Object, types.Map:
		partial, diags := e.ExpandValue(decodedValue(u), opts)
		return policyEvaluation{result: partial.Result, known: partial.Known, skipped: partial.Skipped}, policyErrors(position, diags)
	default:
		return policyEvaluation{}, argumentError(position, notAPolicy(u))
	}
}

// knownPolicy is a policy argument's value, or nil while it is unknown; a
// null one is an error naming the argument.
func knownPolicy(v types.Dynamic, position int64) (attr.Value, *function.FuncError) {
	switch {
	case v.IsUnknown() || v.IsUnderlyingValueUnknown():
		return nil, nil
	case v.IsNull() || v.IsUnderlyingValueNull():
		return nil, function.NewArgumentFuncError(position, "The policy must not be null")
	}
	return v.UnderlyingValue(), nil
}

// notAPolicy refuses a policy argument that is neither a JSON string nor
// an object, naming what it is.
func notAPolicy(v attr.Value) error {
	return fmt.Errorf("the policy must be a JSON string or an object, not a %s", kindOf(v))
}

// policyErrors is the function error for a document's errors, each naming
// its JSON path; warnings are for the data sources.
func policyErrors(position int64, diags policy.Diagnostics) *function.FuncError {
	var problems []string
	for _, d := range diags {
		if d.Severity == policy.SeverityError {
			problems = append(problems, d.String())
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return argumentError(position, errors.New(strings.Join(problems, "; ")))
}

// decodedValue turns a Terraform value into the decoded JSON value the
// policy package reads, with policy.Unknown for each unknown part.
func decodedValue(v attr.Value) any {
	return decode(v, func(attr.Value) any { return policy.Unknown })
}

// decode is decodedValue with unknown(u) for each unknown part u. Numbers
// are written as jsonencode writes them, without an exponent.
func decode(v attr.Value, unknown func(attr.Value) any) any {
	if v.IsUnknown() {
		return unknown(v)
	}
	if v.IsNull() {
		return nil
	}
	switch t := v.(type) {
	case types.Dynamic:
		return decode(t.UnderlyingValue(), unknown)
	case types.String:
		return t.ValueString()
	case types.Bool:
		return t.ValueBool()
	case types.Number:
		return json.Number(t.ValueBigFloat().Text('f', -1))
	case types.Int64:
		return json.Number(strconv.FormatInt(t.ValueInt64(), 10))
	case types.Float64:
		return json.Number(strconv.FormatFloat(t.ValueFloat64(), 'f', -1, 64))
	case types.Object:
		return decodedMap(t.Attributes(), unknown)
	case types.Map:
		return decodedMap(t.Elements(), unknown)
	case types.List, types.Set, types.Tuple:
		elems := elementsOf(t)
		out := make([]any, len(elems))
		for i, e := range elems {
			out[i] = decode(e, unknown)
		}
		return out
	}
	return v.String() // no other kind reaches a function through a dynamic parameter
}

func decodedMap(m map[string]attr.Value, unknown func(attr.Value) any) map[string]any {
	out := make(map[string]any, len(m))
	for k, e := range m {
		out[k] = decode(e, unknown)
	}
	return out
}

// kindOf names a value's kind as a configuration writes it.
func kindOf(v attr.Value) string {
	switch v.(type) {
	case types.Bool:
		return "bool"
	case types.Number, types.Int64, types.Float64:
		return "number"
	case types.List, types.Tuple:
		return "list"
	case types.Set:
		return "set"
	}
	return "value of another kind"
}
