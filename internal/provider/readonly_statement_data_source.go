package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

var _ datasource.DataSourceWithConfigure = (*readonlyStatementDataSource)(nil)

// maxPolicyChars bounds max_policy_chars up to IAM's largest policy size;
// a limit too small for the statement's patterns gets its own error.
var maxPolicyChars = wholeNumber{min: 1, max: 20480}

type readonlyStatementDataSource struct{ catalogReader }

func newReadonlyStatementDataSource() datasource.DataSource {
	return &readonlyStatementDataSource{catalogReader{name: "readonly_statement"}}
}

type readonlyStatementModel struct {
	targetSetModel
	Sid               types.String     `tfsdk:"sid"`
	ListExpanded      types.Bool       `tfsdk:"list_expanded_actions"`
	Actions           []string         `tfsdk:"actions"`
	StatementJSON     types.String     `tfsdk:"statement_json"`
	PolicyJSON        types.String     `tfsdk:"policy_json"`
	Policies          []string         `tfsdk:"policies"`
	ExpandedActions   []string         `tfsdk:"expanded_actions"`
	GrantedServices   []string         `tfsdk:"granted_services"`
	CharCount         types.Int64      `tfsdk:"char_count"`
	AccessLevelCounts map[string]int64 `tfsdk:"access_level_counts"`
	Source            types.String     `tfsdk:"source"`
	DataVersion       types.String     `tfsdk:"data_version"`
}

func (d *readonlyStatementDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Generates the read-only part of a permission boundary: for the chosen services, one " +
			"`Allow` statement that grants exactly the actions at the chosen access levels (List and Read by default) " +
			"and nothing else, written as compactly as the wildcard mode allows, and split into policies that each " +
			"fit AWS's size limit. Every document returned passes the ERROR checks of `iamv2_policy_validation` for " +
			"`policy_type = \"boundary\"`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"services": schema.ListAttribute{
				MarkdownDescription: "Service prefixes, or patterns on them (`ec2`, `cloud*`); `[\"*\"]` for every service. " +
					"An empty list is an error, as leaving the attribute out is.",
				ElementType: types.StringType,
				Required:    true,
			},
			"access_levels": optionalList("Access levels to grant, in either vocabulary `iamv2_service_actions` accepts. " +
				"Default `[\"List\", \"Read\"]`; an empty list is the same as leaving the attribute out, so it means " +
				"List and Read too."),
			"exclude": optionalList("`service:Action` patterns to leave out whatever else grants them, such as " +
				"`s3:GetObject` or `secretsmanager:GetSecretValue`: Read actions can read data, and a view-only variant " +
				"leaves those out. An exact pattern that names no action (a typo such as `s3:GetObjekt`) is an error with " +
				"suggestions, since it would leave the action granted; a pattern with a wildcard that matches nothing, or " +
				"one naming actions nothing would grant, is a warning, as is an action `include` also names (exclude " +
				"wins). An empty list is the same as leaving the attribute out: nothing is excluded."),
			"include": optionalList("Extra `service:Action` patterns of any service and level, expanded to the exact " +
				"actions they match; a pattern that matches nothing is an error. An empty list is the same as leaving the " +
				"attribute out: nothing is added."),
			"wildcards": schema.StringAttribute{
				MarkdownDescription: "How patterns may use `*`: `none` writes full action names only; `word` (the default) " +
					"lets a `*` follow only a **read family**, whole CamelCase words (`Describe*`, `GetBucket*`) under which, " +
					"across every service, at least 97% of actions are at `access_levels`, so what AWS adds under it is " +
					"most likely at those levels too (`Start`, `Stop`, `Allow` and `Pass` are no families); `prefix` allows " +
					"any prefix, the smallest " +
					"result and the least future-safe. Actions `include` adds outside `access_levels` are always written in " +
					"full. Every mode grants exactly the same actions today.",
				Optional: true,
			},
			"read_scope": readScopeAttribute("The data rules win over `include`, with a warning; `include` adds back " +
				"reads the verb rule leaves out."),
			"sid": schema.StringAttribute{MarkdownDescription: "The statement's `Sid` (letters and digits); none when unset.", Optional: true},
			"max_policy_chars": maxPolicyCharsAttribute("each document in `policies`",
				"the managed-policy limit that also binds permission boundaries"),
			"list_expanded_actions": schema.BoolAttribute{
				MarkdownDescription: "Whether to fill `expanded_actions`, default `false`: for every service that is " +
					"about 9,600 names, half of the state, which `access_level_counts` and `actions` summarise.",
				Optional: true,
			},
			"actions":        computedList("The compacted patterns (`ec2:Describe*`), sorted."),
			"statement_json": computedString("The statement alone, as compact JSON."),
			"policy_json":    computedString("A complete policy document holding the statement; it may exceed `max_policy_chars` (see `char_count`), `policies` always fit."),
			"policies":       computedList("The statement split across as few complete policy documents as needed, each within `max_policy_chars`; just `policy_json` when that fits. More than one is a warning: a principal takes exactly one permissions boundary, which `iamv2_permission_boundary` writes."),
			"expanded_actions": computedList("With `list_expanded_actions = true`, the exact actions granted, full names in " +
				"canonical case, sorted; null otherwise."),
			"granted_services": computedList("The prefixes of the services granted any action, sorted."),
			"char_count": schema.Int64Attribute{
				MarkdownDescription: "Size of `policy_json` as IAM counts it: characters other than whitespace.",
				Computed:            true,
			},
			"access_level_counts": schema.MapAttribute{
				MarkdownDescription: "How many of `expanded_actions` are at each access level; every level has a key.",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
		}),
	}
}

func (d *readonlyStatementDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m readonlyStatementModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := m.options(&resp.Diagnostics)
	opts.Sid = m.Sid.ValueString()
	if resp.Diagnostics.HasError() {
		return
	}
	result, diags, err := readonly.Build(ctx, d.catalog, opts)
	for _, dg := range diags {
		addReadonlyDiagnostic(&resp.Diagnostics, dg)
	}
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
	}
	if result == nil || resp.Diagnostics.HasError() {
		return
	}
	if !d.accepted(ctx, result, opts.MaxPolicyChars, &resp.Diagnostics) {
		return
	}
	m.Actions, m.Policies = nonNil(result.Actions), nonNil(result.Policies)
	m.GrantedServices = nonNil(result.Services)
	if m.ListExpanded.ValueBool() {
		m.ExpandedActions = nonNil(result.ExpandedActions)
	}
	m.StatementJSON, m.PolicyJSON = types.StringValue(result.StatementJSON), types.StringValue(result.PolicyJSON)
	m.CharCount = types.Int64Value(int64(result.CharCount))
	m.AccessLevelCounts = make(map[string]int64, len(iam.AccessLevels))
	for _, l := range iam.AccessLevels {
		m.AccessLevelCounts[l.String()] = int64(result.LevelCounts[l])
	}
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// accepted proves every document the data source returns with the
// validator's ERROR checks for a permissions boundary, which the statement
// is the read-only part of: each of policies within max_policy_chars, and
// policy_json, which may exceed it, on everything but its size.
func (d *readonlyStatementDataSource) accepted(ctx context.Context, result *readonly.Result, maxChars int, diags *diag.Diagnostics) bool {
	v, err := validatorFor(ctx, d.catalog, servicesNeed(result.Services))
	if err != nil {
		addCatalogError(diags, path.Root("services"), err)
		return false
	}
	refuse := func(name string, err error) bool {
		diags.AddError("Statement refused", fmt.Sprintf("Refusing %s: %s. The generator wrote a document its own "+
			"check rejects; please report this with the configuration.", name, err))
		return false
	}
	for i, doc := range result.Policies {
		if err := v.Refuses(doc, validation.Options{PolicyType: validation.Boundary, SizeLimit: maxChars}); err != nil {
			return refuse(fmt.Sprintf("policies[%d]", i), err)
		}
	}
	if len(result.Policies) == 1 && result.Policies[0] == result.PolicyJSON {
		return true // proven above, size included
	}
	whole := validation.Options{PolicyType: validation.Boundary, IgnoreCodes: []string{string(validation.PolicySizeExceeded)}}
	if err := v.Refuses(result.PolicyJSON, whole); err != nil {
		return refuse("policy_json", err)
	}
	return true
}

func addReadonlyDiagnostic(diags *diag.Diagnostics, dg readonly.Diagnostic) {
	at := path.Root(dg.Attribute)
	if dg.Index >= 0 {
		at = at.AtListIndex(dg.Index)
	}
	if dg.Severity == readonly.SeverityError {
		addAttributeError(diags, at, dg.Summary, dg.Detail)
	} else {
		addAttributeWarning(diags, at, dg.Summary, dg.Detail)
	}
}
