package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ datasource.DataSourceWithConfigure = (*policyExpansionDataSource)(nil)

type policyExpansionDataSource struct{ catalogReader }

func newPolicyExpansionDataSource() datasource.DataSource { return &policyExpansionDataSource{} }

type policyExpansionModel struct {
	Policy              types.String           `tfsdk:"policy"`
	UnknownActions      types.String           `tfsdk:"unknown_actions"`
	StatementDetail     types.String           `tfsdk:"statement_detail"`
	Statements          []statementResultModel `tfsdk:"statements"`
	AllowedActions      []string               `tfsdk:"allowed_actions"`
	AccessLevelCounts   map[string]int64       `tfsdk:"access_level_counts"`
	NonReadOnlyActions  []string               `tfsdk:"non_read_only_actions"`
	ConditionallyDenied []string               `tfsdk:"conditionally_denied"`
	UnknownPatterns     []string               `tfsdk:"unknown_patterns"`
	IsReadOnly          types.Bool             `tfsdk:"is_read_only"`
	ServiceSummary      []serviceAccessModel   `tfsdk:"service_summary"`
	Source              types.String           `tfsdk:"source"`
	DataVersion         types.String           `tfsdk:"data_version"`
}

type statementResultModel struct {
	Path            string            `tfsdk:"path"`
	Sid             string            `tfsdk:"sid"`
	Effect          string            `tfsdk:"effect"`
	NotAction       bool              `tfsdk:"not_action"`
	Patterns        []string          `tfsdk:"patterns"`
	Compacted       []string          `tfsdk:"compacted_actions"`
	ActionCount     int64             `tfsdk:"action_count"`
	LevelCounts     map[string]int64  `tfsdk:"access_level_counts"`
	Actions         map[string]string `tfsdk:"actions"`
	ResourceScoped  bool              `tfsdk:"resource_scoped"`
	Conditional     bool              `tfsdk:"conditional"`
	UnknownPatterns []string          `tfsdk:"unknown_patterns"`
}

// The statement_detail values: what each statement reports.
const (
	statementDetailSummary = "summary" // counts, patterns and their compacted form
	statementDetailActions = "actions" // the summary, and every action the statement applies to
)

type serviceAccessModel struct {
	Prefix       string   `tfsdk:"prefix"`
	Name         string   `tfsdk:"name"`
	AccessLevels []string `tfsdk:"access_levels"`
	FullAccess   bool     `tfsdk:"full_access"`
	Summary      string   `tfsdk:"summary"`
	Allowed      int64    `tfsdk:"allowed_count"`
	Total        int64    `tfsdk:"total_count"`
}

func (d *policyExpansionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_policy_expansion"
}

func (d *policyExpansionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers what an IAM policy document actually allows, per statement and net, by " +
			"expanding every action pattern over the catalog with IAM's own grammar and evaluation rules. Use it to " +
			"assert policy properties in `check` blocks and postconditions, such as \"this boundary allows no Write " +
			"action\". The document is parsed strictly: element names are case-sensitive, duplicate keys are errors, " +
			"and every error names its JSON path, such as `Statement[2].Action[0]`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"policy": schema.StringAttribute{
				MarkdownDescription: "The policy document as JSON: from `jsonencode(...)`, `data.aws_iam_policy_document.x.json` " +
					"or `file(...)`. At most 1 MiB, 32 levels of nesting and 1,000 statements.",
				Required: true,
			},
			"unknown_actions": schema.StringAttribute{
				MarkdownDescription: "What to do with action patterns that name no known action or service: `warn` " +
					"(the default), `error`, or `ignore`. They are always listed in `unknown_patterns`.",
				Optional: true,
			},
			"statement_detail": schema.StringAttribute{
				MarkdownDescription: "How much each entry of `statements` reports: `summary` (the default) gives its " +
					"patterns, their compacted form and its counts per access level; `actions` also fills `actions` with " +
					"every action the statement applies to. A `\"*\"` or `NotAction` statement applies to about 21,000 " +
					"actions, so `actions` suits documents of a few statements; `allowed_actions` holds the net answer " +
					"either way.",
				Optional: true,
			},
			"statements": schema.ListNestedAttribute{
				MarkdownDescription: "What each statement applies to, in document order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"path":       computedString("The statement's JSON path, such as `Statement[0]`."),
					"sid":        computedString("The statement's `Sid`; empty when it has none."),
					"effect":     computedString("`Allow` or `Deny`."),
					"not_action": computedBool("Whether the statement uses `NotAction`: it then applies to every action of every service except those listed."),
					"patterns":   computedList("The statement's `Action` or `NotAction` patterns, as written."),
					"compacted_actions": computedList("The same list (`Action`, or `NotAction` when `not_action`) rewritten in " +
						"as few patterns as the compactor finds, sorted: `\"*\"` for every action, `svc:*` for every action " +
						"of a service, the rest compacted exactly (`ec2:Describe*`). It never holds more patterns than the " +
						"statement, whose own known patterns are kept when they are as few. Unknown patterns are left out."),
					"action_count": schema.Int64Attribute{
						MarkdownDescription: "How many actions the statement applies to: for `NotAction`, every action of every service except those listed.",
						Computed:            true,
					},
					"access_level_counts": schema.MapAttribute{
						MarkdownDescription: "How many of the statement's actions are at each access level; every level has a key.",
						ElementType:         types.Int64Type,
						Computed:            true,
					},
					"actions": schema.MapAttribute{
						MarkdownDescription: "With `statement_detail = \"actions\"`, the actions the statement applies to: each " +
							"full name in canonical case (`s3:GetObject`) to its access level; `keys(...)` lists the names. " +
							"Null with the default `summary`.",
						ElementType: types.StringType,
						Computed:    true,
					},
					"resource_scoped":  computedBool("Whether the statement applies to some resources only: its `Resource` does not list `*`, or it uses `NotResource`."),
					"conditional":      computedBool("Whether the statement has a `Condition`."),
					"unknown_patterns": computedList("The statement's action patterns, as written, that name no known action."),
				}},
			},
			"allowed_actions": computedList("The net allowed actions: the union of the `Allow` statements less the actions " +
				"an unconditional `Deny` on every resource removes. Full names in canonical case, sorted."),
			"access_level_counts": schema.MapAttribute{
				MarkdownDescription: "How many of `allowed_actions` are at each access level; every level has a key.",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
			"non_read_only_actions": computedList("The allowed actions whose access level is neither List nor Read."),
			"conditionally_denied": computedList("Allowed actions that a conditional or resource-scoped `Deny` names: " +
				"some requests are still allowed, so they stay in `allowed_actions`."),
			"unknown_patterns": computedList("Every action pattern of the document that names no known action, sorted."),
			"is_read_only":     computedBool("Whether every allowed action is at the List or Read level (also true when nothing is allowed)."),
			"service_summary": schema.ListNestedAttribute{
				MarkdownDescription: "Per service, what the allowed actions grant, the way the IAM console's policy summary shows it.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: serviceAccessAttributes()},
			},
		}),
	}
}

func (d *policyExpansionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyExpansionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	mode, ok := parseUnknownMode(m.UnknownActions.ValueString())
	if !ok {
		addAttributeError(&resp.Diagnostics, path.Root("unknown_actions"), "Invalid unknown_actions",
			fmt.Sprintf("unknown_actions = %q: valid values are %s.", m.UnknownActions.ValueString(), quotedModes()))
		return
	}
	detail := m.StatementDetail.ValueString()
	switch detail {
	case "":
		detail = statementDetailSummary
	case statementDetailSummary, statementDetailActions:
	default:
		addAttributeError(&resp.Diagnostics, path.Root("statement_detail"), "Invalid statement_detail",
			fmt.Sprintf("statement_detail = %q: valid values are %s.", detail, quoted([]string{statementDetailSummary, statementDetailActions})))
		return
	}
	expander, err := expanderFor(ctx, d.catalog, policy.NeedOfJSON(m.Policy.ValueString()))
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("policy"), err)
		return
	}
	result, found := expander.ExpandJSON(m.Policy.ValueString(), policy.Options{
		UnknownActions: mode, CompactStatements: true, StatementActions: detail == statementDetailActions,
	})
	addPolicyDiagnostics(&resp.Diagnostics, path.Root("policy"), found)
	if result == nil || resp.Diagnostics.HasError() {
		return
	}
	if !expansionWithinBudget(result, &resp.Diagnostics) {
		return
	}
	m.Statements = make([]statementResultModel, len(result.Statements))
	for i, s := range result.Statements {
		m.Statements[i] = statementResultModel{
			Path: s.Path, Sid: s.Sid, Effect: string(s.Effect), NotAction: s.NotAction,
			Patterns: nonNil(s.Patterns), Compacted: nonNil(s.Compacted),
			ActionCount: int64(s.Count), LevelCounts: levelCountModels(s.Levels),
			ResourceScoped: s.ResourceScoped, Conditional: s.Conditional,
			UnknownPatterns: nonNil(s.Unknown),
		}
		if detail == statementDetailActions {
			m.Statements[i].Actions = expandedActionModels(s.Actions)
		}
	}
	net := result.Net
	m.AllowedActions = nonNil(net.Allowed.Names())
	m.NonReadOnlyActions = nonNil(net.NonReadOnly.Names())
	m.ConditionallyDenied = nonNil(net.ConditionallyDenied.Names())
	m.UnknownPatterns = nonNil(net.Unknown)
	m.IsReadOnly = types.BoolValue(net.ReadOnly)
	m.AccessLevelCounts = levelCountModels(net.Levels)
	m.ServiceSummary = serviceAccessModels(result.Services)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// expansionWithinBudget refuses a result too large to carry through a plan,
// naming what makes it so and how to ask for less.
func expansionWithinBudget(result *policy.Result, diags *diag.Diagnostics) bool {
	var b outputBudget
	perStatement := map[string]int{}
	for _, s := range result.Statements {
		perStatement["actions"] += s.Actions.Len()
		perStatement["patterns"] += len(s.Patterns)
		perStatement["compacted_actions"] += len(s.Compacted)
		perStatement["unknown_patterns"] += len(s.Unknown)
	}
	b.add("statements[*].actions", perStatement["actions"],
		`set statement_detail = "summary" (the default): each statement then reports its counts and compacted patterns`)
	for _, attr := range []string{"patterns", "compacted_actions", "unknown_patterns"} {
		b.add("statements[*]."+attr, perStatement[attr], "split the document, or expand fewer statements at once")
	}
	net := result.Net
	b.add("allowed_actions", net.Allowed.Len(), "")
	b.add("non_read_only_actions", net.NonReadOnly.Len(), "")
	b.add("conditionally_denied", net.ConditionallyDenied.Len(), "")
	return b.check(diags)
}

func levelCountModels(c policy.LevelCounts) map[string]int64 {
	out := make(map[string]int64, len(iam.AccessLevels))
	for _, l := range iam.AccessLevels {
		out[l.String()] = int64(c.Of(l))
	}
	return out
}

func serviceAccessAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"prefix": computedString("The service prefix."),
		"name":   computedString("The service's name."),
		"access_levels": schema.ListAttribute{
			MarkdownDescription: "The access levels at which at least one action is allowed.",
			ElementType:         types.StringType,
			Computed:            true,
		},
		"full_access":   schema.BoolAttribute{MarkdownDescription: "Whether every action of the service is allowed.", Computed: true},
		"summary":       computedString("The console's wording: `Full access`, or the levels granted in full and in part, as in `Full: List Limited: Read`."),
		"allowed_count": schema.Int64Attribute{MarkdownDescription: "How many of the service's actions are allowed.", Computed: true},
		"total_count":   schema.Int64Attribute{MarkdownDescription: "How many actions the service has.", Computed: true},
	}
}

func serviceAccessModels(services []policy.ServiceAccess) []serviceAccessModel {
	out := make([]serviceAccessModel, len(services))
	for i, s := range services {
		levels := []string{}
		for _, l := range s.Levels.Levels() {
			levels = append(levels, l.String())
		}
		out[i] = serviceAccessModel{
			Prefix: s.Prefix, Name: s.Name, AccessLevels: levels, FullAccess: s.Full(), Summary: s.Summary(),
			Allowed: int64(s.Allowed), Total: int64(s.Total),
		}
	}
	return out
}

func expandedActionModels(set policy.ActionSet) map[string]string {
	out := make(map[string]string, set.Len())
	for a := range set.All() {
		out[a.Name] = a.Level.String()
	}
	return out
}

func parseUnknownMode(s string) (policy.UnknownMode, bool) {
	if s == "" {
		return policy.UnknownWarn, true
	}
	for _, m := range policy.UnknownModes {
		if strings.EqualFold(s, string(m)) {
			return m, true
		}
	}
	return "", false
}

func quotedModes() string {
	names := make([]string, len(policy.UnknownModes))
	for i, m := range policy.UnknownModes {
		names[i] = string(m)
	}
	return quoted(names)
}
