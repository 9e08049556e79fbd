package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
)

var _ function.Function = (*policySizeFunction)(nil)

type policySizeFunction struct{}

func newPolicySizeFunction() function.Function { return &policySizeFunction{} }

// sizeTypes are the attributes of policy_size's result.
var sizeTypes = map[string]attr.Type{
	"size":     types.NumberType,
	"min_size": types.NumberType,
	"limit":    types.NumberType,
	"fits":     types.BoolType,
}

func (f *policySizeFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "policy_size"
}

func (f *policySizeFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	var kinds []string
	for _, k := range quota.Kinds() {
		kinds = append(kinds, fmt.Sprintf("`%s` (%s: %s %s)", k.Name, k.Description, thousands(k.Limit), k.Unit))
	}
	resp.Definition = function.Definition{
		Summary: "A policy's size as AWS counts it against the quota of where it goes, and whether it fits",
		MarkdownDescription: "Counts a policy document the way AWS counts the size quota of `kind` and returns an " +
			"object: `size`, `limit`, `fits` (`size <= limit`), and `min_size`, a lower bound of `size`. So a plan " +
			"fails on an oversize policy before apply, where replacing an inline policy could delete the old one " +
			"before the new one is refused.\n\n" +
			"`kind` is one of " + strings.Join(kinds, ", ") + ". The inline kinds' limits are on the total of one " +
			"entity's inline policies: give them a list of documents, such as `values(local.role_policies)`, to add " +
			"them up. IAM does not count whitespace; Organizations counts it unless the console saved the policy; " +
			"where a page does not say, it is counted, the safe side. A session policy is also packed into a " +
			"binary size AWS does not publish, which this cannot compute. The data source " +
			"`iamv2_policy_validation` documents each rule and its AWS page.\n\n" +
			"An optional third argument replaces the limit, for a quota raised (a role trust policy's can be) or " +
			"changed since: `policy_size(p, \"trust\", 4096)`. For the kinds whose characters IAM, STS or KMS " +
			"restrict (all but `scp`, `rcp`, `s3_bucket`, `secretsmanager` and `sqs`), a character other than tab, " +
			"line feed, carriage return and U+0020 to U+00FF is an error naming it.\n\n" +
			"The policy is a JSON string, counted as written, or the object `jsonencode` would be given, counted as " +
			"`jsonencode` writes it. When parts of the object are unknown at plan, `size` is unknown and `min_size` " +
			"counts each unknown part as its shortest JSON (`\"\"` for a string): so `fits` is `false` already when " +
			"the known parts exceed the limit, and unknown otherwise. A JSON string that is unknown is unknown as a " +
			"whole: only `limit` is known then." + functionsPlanTimeNote,
		Parameters: []function.Parameter{
			function.DynamicParameter{Name: "policy", AllowUnknownValues: true, MarkdownDescription: policyForms +
				", or, for the `inline_*` kinds, a list of such documents."},
			function.StringParameter{Name: "kind", AllowUnknownValues: true, MarkdownDescription: "Which quota " +
				"applies, such as `\"managed\"`, `\"inline_role\"`, `\"trust\"` or `\"scp\"`."},
		},
		VariadicParameter: function.NumberParameter{Name: "limit", MarkdownDescription: "At most one: the " +
			"limit to use instead of AWS's default quota, " + sizeLimit.Description(context.Background()) + "."},
		Return: function.ObjectReturn{AttributeTypes: sizeTypes},
	}
}

func (f *policySizeFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var kind types.String
	var limits []*big.Float
	doc, ferr := dynamicArgument(ctx, req.Arguments, 0)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	if resp.Error = req.Arguments.GetArgument(ctx, 1, &kind); resp.Error != nil {
		return
	}
	if resp.Error = req.Arguments.GetArgument(ctx, 2, &limits); resp.Error != nil {
		return
	}
	if kind.IsUnknown() {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(sizeTypes))
		return
	}
	if kind.IsNull() {
		resp.Error = function.NewArgumentFuncError(1, "The kind must not be null")
		return
	}
	k, err := quota.Lookup(kind.ValueString())
	if err != nil {
		resp.Error = argumentError(1, err)
		return
	}
	limit, ferr := limitArgument(limits, k)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	docs, ferr := sizeDocuments(doc, k)
	if resp.Error = ferr; resp.Error != nil {
		return
	}
	resp.Error = resp.Result.Set(ctx, sizeResult(docs, k, limit))
}

// limitArgument is the variadic limit, or the kind's quota.
func limitArgument(limits []*big.Float, k quota.Kind) (int, *function.FuncError) {
	switch {
	case len(limits) == 0:
		return k.Limit, nil
	case len(limits) > 1:
		return 0, function.NewArgumentFuncError(2, fmt.Sprintf("Give at most one limit, not %d", len(limits)))
	case limits[0] == nil:
		return 0, function.NewArgumentFuncError(2, "The limit must not be null")
	}
	n, acc := limits[0].Int64()
	if !limits[0].IsInt() || acc != big.Exact || n < sizeLimit.min || n > sizeLimit.max {
		return 0, function.NewArgumentFuncError(2, fmt.Sprintf("The limit %s is not %s", limits[0].Text('g', -1),
			sizeLimit.Description(context.Background())))
	}
	return int(n), nil
}

// sizedDocument is one document's text, with its unknown parts written as
// their shortest JSON; known is false when it had any. whole is set when
// nothing of the document is known.
type sizedDocument struct {
	text         string
	known, whole bool
}

// sizeDocuments reads the policy argument: one document, or for a
// per-entity kind a list of them.
func sizeDocuments(v types.Dynamic, k quota.Kind) ([]sizedDocument, *function.FuncError) {
	if v.IsUnknown() || v.IsUnderlyingValueUnknown() {
		return []sizedDocument{{whole: true}}, nil
	}
	if v.IsNull() || v.IsUnderlyingValueNull() {
		return nil, function.NewArgumentFuncError(0, "The policy must not be null")
	}
	switch u := v.UnderlyingValue().(type) {
	case types.List, types.Set, types.Tuple:
		if !k.PerEntity {
			return nil, function.NewArgumentFuncError(0, fmt.Sprintf("A list of documents is for the inline_user, "+
				"inline_group and inline_role kinds, whose quota is on the total of one entity's inline policies; "+
				"kind %q takes one document", k.Name))
		}
		var docs []sizedDocument
		for i, e := range elementsOf(u) {
			d, err := sizeDocument(e, k)
			if err != nil {
				return nil, function.NewArgumentFuncError(0, fmt.Sprintf("policy[%d]: %s", i, functionText(err)))
			}
			docs = append(docs, d)
		}
		return docs, nil
	}
	d, err := sizeDocument(v.UnderlyingValue(), k)
	if err != nil {
		return nil, argumentError(0, err)
	}
	return []sizedDocument{d}, nil
}

// sizeDocument reads one document, a JSON string or an object.
func sizeDocument(v attr.Value, k quota.Kind) (sizedDocument, error) {
	if d, ok := v.(types.Dynamic); ok {
		v = d.UnderlyingValue()
	}
	var d sizedDocument
	switch {
	case v.IsUnknown():
		return sizedDocument{whole: true}, nil
	case v.IsNull():
		return d, fmt.Errorf("the policy must not be null")
	}
	switch u := v.(type) {
	case types.String:
		d = sizedDocument{text: u.ValueString(), known: true}
		if !json.Valid([]byte(d.text)) {
			var x any
			err := json.Unmarshal([]byte(d.text), &x)
			return d, fmt.Errorf("the policy is not a JSON document (%w); pass its text, such as file(\"policy.json\"), or the object", err)
		}
	case types.Object, types.Map:
		d.known = true
		b, err := json.Marshal(decode(u, func(x attr.Value) any {
			d.known = false
			return shortestJSON(x)
		}))
		if err != nil {
			return d, err
		}
		d.text = string(b)
	default:
		return d, notAPolicy(u)
	}
	if r, refused := quota.Refused(d.text); refused && k.Charset {
		return d, r
	}
	return d, nil
}

// shortestJSON is the shortest JSON an unknown value of v's type can be
// written as, so that counting it gives a lower bound.
func shortestJSON(v attr.Value) any {
	switch v.(type) {
	case types.String:
		return ""
	case types.Bool:
		return true
	case types.List, types.Set, types.Tuple:
		return []any{}
	case types.Object, types.Map:
		return map[string]any{}
	}
	return json.Number("0") // a number, or a value of a type not known yet
}

// sizeResult adds up the documents: exact when all are known, otherwise
// the known parts are a lower bound, which decides fits only when it is
// already over the limit.
func sizeResult(docs []sizedDocument, k quota.Kind, limit int) types.Object {
	minSize, known, whole := 0, true, false
	for _, d := range docs {
		minSize += k.Count(d.text)
		known = known && d.known
		whole = whole || d.whole
	}
	size := types.NumberUnknown()
	fits := types.BoolUnknown()
	switch {
	case known:
		size, fits = types.NumberValue(bigInt(minSize)), types.BoolValue(minSize <= limit)
	case minSize > limit:
		fits = types.BoolValue(false)
	}
	lower := types.NumberValue(bigInt(minSize))
	if whole && len(docs) == 1 {
		lower = types.NumberUnknown() // nothing of the document is known
	}
	return types.ObjectValueMust(sizeTypes, map[string]attr.Value{
		"size": size, "min_size": lower, "limit": types.NumberValue(bigInt(limit)), "fits": fits,
	})
}
