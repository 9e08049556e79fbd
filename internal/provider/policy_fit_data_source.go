package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/fit"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

var _ datasource.DataSourceWithConfigure = (*policyFitDataSource)(nil)

type policyFitDataSource struct{ catalogReader }

func newPolicyFitDataSource() datasource.DataSource {
	return &policyFitDataSource{catalogReader{name: "policy_fit"}}
}

var fitters = perCatalog[*fit.Fitter]{build: func(ctx context.Context, catalog iam.Catalog) (*fit.Fitter, error) {
	exp, err := expanders.get(ctx, catalog)
	if err != nil {
		return nil, err
	}
	val, err := validators.get(ctx, catalog)
	if err != nil {
		return nil, err
	}
	return fit.New(ctx, catalog, exp, val)
}}

type policyFitModel struct {
	Policy            types.String   `tfsdk:"policy"`
	Policies          types.List     `tfsdk:"policies"`
	Kind              types.String   `tfsdk:"kind"`
	MaxDocuments      types.Int64    `tfsdk:"max_documents"`
	Limit             types.Int64    `tfsdk:"limit"`
	Wildcards         types.String   `tfsdk:"wildcards"`
	KeepSids          types.Bool     `tfsdk:"keep_sids"`
	Documents         []types.String `tfsdk:"documents"`
	CharCounts        []types.Int64  `tfsdk:"char_counts"`
	OriginalCharCount types.Int64    `tfsdk:"original_char_count"`
	AppliedLimit      types.Int64    `tfsdk:"applied_limit"`
	Changes           *fitChanges    `tfsdk:"changes"`
	Source            types.String   `tfsdk:"source"`
	DataVersion       types.String   `tfsdk:"data_version"`
}

type fitChanges struct {
	StatementsIn      int64 `tfsdk:"statements_in"`
	StatementsOut     int64 `tfsdk:"statements_out"`
	StatementsMerged  int64 `tfsdk:"statements_merged"`
	StatementsDropped int64 `tfsdk:"statements_dropped"`
	StatementsSplit   int64 `tfsdk:"statements_split"`
	PatternsIn        int64 `tfsdk:"patterns_in"`
	PatternsOut       int64 `tfsdk:"patterns_out"`
	ActionsCovered    int64 `tfsdk:"actions_covered"`
	ActionsCompacted  int64 `tfsdk:"actions_compacted"`
	ResourcesCovered  int64 `tfsdk:"resources_covered"`
	SidsRemoved       int64 `tfsdk:"sids_removed"`
	DenyKept          bool  `tfsdk:"deny_kept"`
	Rewritten         bool  `tfsdk:"rewritten"`
}

func kindNames() string {
	kinds := quota.Kinds()
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = fmt.Sprintf("`%s` (%d %s)", k.Name, k.Limit, k.Unit)
	}
	return strings.Join(names, ", ")
}

func (d *policyFitDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	count := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Rewrites an IAM policy, or several to combine, into as few documents as fit an AWS size " +
			"quota, without changing what they allow or deny: canonical whitespace, Sids dropped, statements of the same " +
			"scope merged, actions and resources another statement already grants dropped, action lists compacted into patterns that " +
			"match exactly the same actions today, a statement too large for one document split, and the statements " +
			"packed into documents. Conditions, principals and resources are never rewritten, only merged where identical; " +
			"a written wildcard and a `NotAction` list stay as written but for exact compaction. Every answer is proven " +
			"before it is returned: both sides are expanded and compared pair by pair, the evaluator's `no_new_access` " +
			"passes in both directions, and the validator finds no new `ERROR`; when no rewrite is proven the read fails. " +
			"The guide *Fitting a policy to its quota* explains why the result is the same policy.\n\n" +
			"There is no function form: a fitted document is a string that holds every ARN, principal and condition " +
			"value, and Terraform has no partly known string, so a function given a policy with unknown parts could " +
			"only return unknown, which is what this data source does by being read during apply.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"policy": optionalString("The policy document as JSON. Exactly one of `policy` and `policies` is required."),
			"policies": optionalList("Several policy documents as JSON, to combine into as few as fit: the inline " +
				"policies of one role, or managed policies attached together. They must have the same `Version`. An empty list is an error."),
			"kind": optionalString("Which quota applies, by the counting rule of its AWS page: " + kindNames() + ". " +
				"The default is `managed`: 6,144 characters without whitespace, as `aws_iam_policy` meets. The inline kinds " +
				"limit all of an entity's inline policies together; `trust`, `session` and the resource-policy kinds are one " +
				"document each. The counting rules are `policy_size`'s."),
			"max_documents": schema.Int64Attribute{
				MarkdownDescription: "How many documents the answer may have, the attachment budget: from 1 (the default) to 1,000.",
				Optional:            true,
			},
			"limit": schema.Int64Attribute{
				MarkdownDescription: "Overrides the kind's quota, for a raised quota or a margin, counted the kind's way: from 100 " +
					"to 1,048,576 (1 MiB, the largest document read).",
				Optional: true,
			},
			"wildcards": optionalString("How freely compacted action lists may use `*`: `none`, `word` (the default: a `*` " +
				"only after a whole-word family, a read family as in `iamv2_permission_boundary`, or a family that is " +
				"Write or Tagging across the catalog, such as `Create` or `Tag`, over actions all of that level) or " +
				"`prefix`. Written wildcards are kept as written whatever the mode."),
			"keep_sids": schema.BoolAttribute{
				MarkdownDescription: "Keep every `Sid`, and the `Id` when all inputs share it; a statement with a `Sid` is then " +
					"never merged into another. Default false: a `Sid` decides nothing, and dropping it saves room.",
				Optional: true,
			},
			"documents": computedList("The fitted documents as compact JSON, each within the quota (for the inline " +
				"kinds, all together)."),
			"char_counts": schema.ListAttribute{
				MarkdownDescription: "Each document's size as the kind counts it.",
				ElementType:         types.Int64Type, Computed: true,
			},
			"original_char_count": count("The input's size as the kind counts it, all documents together."),
			"applied_limit":       count("The quota met: `limit`, or the kind's."),
			"changes": schema.SingleNestedAttribute{
				MarkdownDescription: "What the rewrites did.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"statements_in":      count("Statements of the input."),
					"statements_out":     count("Statements of the answer."),
					"statements_merged":  count("Statements folded into another of the same scope or the same actions."),
					"statements_dropped": count("Statements left with nothing another statement does not already grant."),
					"statements_split":   count("Statements too large for one document, split by their lists."),
					"patterns_in":        count("`Action` and `NotAction` entries of the input."),
					"patterns_out":       count("`Action` and `NotAction` entries of the answer."),
					"actions_covered":    count("Action names dropped because another statement, or a wildcard of their own, grants them."),
					"actions_compacted":  count("Action names folded into new patterns."),
					"resources_covered":  count("Resources dropped because another of their list, or another statement granting the same actions, covers them."),
					"sids_removed":       count("`Sid` elements dropped."),
					"deny_kept":          computedBool("Whether `Deny` statements were left as written because a rewritten one could not be proven."),
					"rewritten":          computedBool("Whether any rewrite was proven; false when only whitespace and packing were."),
				},
			},
		}),
	}
}

func (d *policyFitDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyFitModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	diags := &resp.Diagnostics
	srcs, at := fitInputs(&m, diags)
	opts := fitOptions(&m, diags)
	if diags.HasError() {
		return
	}
	f, err := fitters.get(ctx, d.catalog)
	if err != nil {
		addCatalogError(diags, at(0), err)
		return
	}
	res, err := f.Fit(ctx, srcs, opts)
	if err != nil {
		reportFitError(diags, err, at)
		return
	}
	for i, doc := range res.Documents {
		m.Documents = append(m.Documents, types.StringValue(doc))
		m.CharCounts = append(m.CharCounts, types.Int64Value(int64(res.CharCounts[i])))
	}
	m.OriginalCharCount = types.Int64Value(int64(res.OriginalCharCount))
	m.AppliedLimit = types.Int64Value(int64(res.Limit))
	c := res.Changes
	m.Changes = &fitChanges{
		StatementsIn: int64(c.StatementsIn), StatementsOut: int64(c.StatementsOut), StatementsMerged: int64(c.StatementsMerged),
		StatementsDropped: int64(c.StatementsDropped), StatementsSplit: int64(c.StatementsSplit),
		PatternsIn: int64(c.PatternsIn), PatternsOut: int64(c.PatternsOut), ActionsCovered: int64(c.ActionsCovered),
		ActionsCompacted: int64(c.ActionsCompacted), ResourcesCovered: int64(c.ResourcesCovered), SidsRemoved: int64(c.SidsRemoved), DenyKept: c.DenyKept, Rewritten: c.Rewrites,
	}
	d.describe(&m.Source, &m.DataVersion, diags)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// fitInputs reads policy or policies, and says where each document came from.
func fitInputs(m *policyFitModel, diags *diag.Diagnostics) ([]string, func(int) path.Path) {
	one := func(int) path.Path { return path.Root("policy") }
	switch {
	case !m.Policy.IsNull() && !m.Policies.IsNull():
		addAttributeError(diags, path.Root("policies"), "Conflicting policy inputs", "set policy or policies, not both")
		return nil, one
	case !m.Policy.IsNull():
		return []string{m.Policy.ValueString()}, one
	case m.Policies.IsNull():
		addAttributeError(diags, path.Root("policy"), "Missing policy", "set policy to a JSON document, or policies to a list of them")
		return nil, one
	}
	at := func(i int) path.Path { return path.Root("policies").AtListIndex(i) }
	srcs := stringElements(m.Policies, func(i int, _ attr.Value, problem string) {
		addElementError(diags, at(i), problem)
	})
	if len(m.Policies.Elements()) == 0 {
		addAttributeError(diags, path.Root("policies"), "No policy", "policies is empty; give at least one document")
	}
	return srcs, at
}

func fitOptions(m *policyFitModel, diags *diag.Diagnostics) fit.Options {
	opts := fit.Options{
		Kind:      fit.Kind(m.Kind.ValueString()),
		Wildcards: readonly.Wildcards(m.Wildcards.ValueString()),
		KeepSids:  m.KeepSids.ValueBool(),
	}
	if _, err := quota.Lookup(m.Kind.ValueString()); err != nil {
		addAttributeError(diags, path.Root("kind"), "Unknown kind", capitalize(sentence(err)))
	}
	if _, err := readonly.ParseWildcards(m.Wildcards.ValueString()); err != nil {
		addAttributeError(diags, path.Root("wildcards"), "Invalid wildcards", capitalize(sentence(err)))
	}
	if !m.MaxDocuments.IsNull() {
		if n := m.MaxDocuments.ValueInt64(); n < 1 || n > 1000 {
			addAttributeError(diags, path.Root("max_documents"), "Invalid max_documents",
				fmt.Sprintf("max_documents is %d; it must be from 1 to 1000", n))
		} else {
			opts.MaxDocuments = int(n)
		}
	}
	if !m.Limit.IsNull() {
		if n := m.Limit.ValueInt64(); n < 100 || n > 1<<20 {
			addAttributeError(diags, path.Root("limit"), "Invalid limit",
				fmt.Sprintf("limit is %d; it must be from 100 to 1048576 (1 MiB, the largest document read)", n))
		} else {
			opts.Limit = int(n)
		}
	}
	return opts
}

func reportFitError(diags *diag.Diagnostics, err error, at func(int) path.Path) {
	// A proof or a size is of all the documents together: the diagnostic
	// names policies, not its first element.
	whole := at(0).ParentPath()
	if whole.Equal(path.Empty()) {
		whole = at(0)
	}
	var input *fit.InputError
	var option *fit.OptionError
	switch {
	case errors.As(err, &input):
		addPolicyDiagnostics(diags, at(input.Document), input.Diagnostics)
	case errors.As(err, &option):
		addAttributeError(diags, path.Root(option.Option), "Invalid "+option.Option, capitalize(sentence(err)))
	case errors.Is(err, fit.ErrUnproven):
		addAttributeError(diags, whole, "Fitted policy not proven", capitalize(sentence(err)))
	default: // a *fit.TooLargeError, with the smallest size reached
		addAttributeError(diags, whole, "Policy does not fit", capitalize(sentence(err)))
	}
}
