package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/boundary"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

var _ datasource.DataSourceWithConfigure = (*permissionBoundaryDataSource)(nil)

type permissionBoundaryDataSource struct{ catalogReader }

func newPermissionBoundaryDataSource() datasource.DataSource {
	return &permissionBoundaryDataSource{catalogReader{name: "permission_boundary"}}
}

// universes index every action of a catalog once, for the optimizer.
var universes = perCatalog[*boundary.Universe]{build: func(ctx context.Context, catalog iam.Catalog) (*boundary.Universe, error) {
	services, err := readonly.AllServices(ctx, catalog)
	if err != nil {
		return nil, err
	}
	return boundary.NewUniverse(services)
}}

// boundaries share the boundaries of one plan: a module instantiated per
// account asks for the same one many times.
var boundaries boundary.Memo

type permissionBoundaryModel struct {
	targetSetModel
	Statements       types.String  `tfsdk:"statements"`
	CrossService     types.Bool    `tfsdk:"cross_service"`
	ListGranted      types.Bool    `tfsdk:"list_granted_actions"`
	Required         types.List    `tfsdk:"required"`
	DelegationGuard  *guardModel   `tfsdk:"delegation_guard"`
	PolicyJSON       types.String  `tfsdk:"policy_json"`
	CharCount        types.Int64   `tfsdk:"char_count"`
	GrantedActions   []string      `tfsdk:"granted_actions"`
	UngrantedActions []string      `tfsdk:"ungranted_actions"`
	TargetCount      types.Int64   `tfsdk:"target_count"`
	Coverage         types.Float64 `tfsdk:"coverage"`
	AllowPatterns    []string      `tfsdk:"allow_patterns"`
	DenyPatterns     []string      `tfsdk:"deny_patterns"`
	FutureExposure   types.List    `tfsdk:"future_exposure"`
	Source           types.String  `tfsdk:"source"`
	DataVersion      types.String  `tfsdk:"data_version"`
}

// exposureType is one future_exposure entry: a wildcard and its evidence.
// The list is built as values rather than by reflection over a struct:
// a boundary of every service has about 185 entries, and a plan may hold
// a hundred boundaries.
var exposureType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"pattern": types.StringType, "actions": types.Int64Type, "services": types.Int64Type,
	"non_target_share": types.Float64Type,
}}

func exposureList(entries []boundary.Exposure) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	values := make([]attr.Value, len(entries))
	for i, e := range entries {
		var d diag.Diagnostics
		values[i], d = types.ObjectValue(exposureType.AttrTypes, map[string]attr.Value{
			"pattern": types.StringValue(e.Pattern), "actions": types.Int64Value(int64(e.Actions)),
			"services":         types.Int64Value(int64(e.Services)),
			"non_target_share": types.Float64Value(e.NonTargetShare),
		})
		diags.Append(d...)
	}
	list, d := types.ListValue(exposureType, values)
	diags.Append(d...)
	return list, diags
}

type guardModel struct {
	BoundaryPolicyARN types.String `tfsdk:"boundary_policy_arn"`
	Path              types.String `tfsdk:"path"`
}

func (d *permissionBoundaryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Writes a permissions boundary as exactly **one** policy document within AWS's size limit: " +
			"the most actions of the target set (List and Read of every service by default) that fit, and no other " +
			"action. Broad `Allow` patterns, across services where `cross_service` allows (`*:Describe*`), cover " +
			"thousands of actions in a few characters; a `Deny` statement names the few other actions they would let " +
			"in. Every read expands the document with the provider's policy engine and refuses one whose generated part " +
			"allows an action outside the target set, or that IAM would refuse: the document passes the ERROR checks of " +
			"`iamv2_policy_validation` for `policy_type = \"boundary\"`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"services": optionalList("Service prefixes, or patterns on them (`ec2`, `cloud*`), whose actions at " +
				"`access_levels` make the target set. Default `[\"*\"]`, every service; an empty list is an error."),
			"access_levels": optionalList("Access levels of the target set, in either vocabulary `iamv2_service_actions` " +
				"accepts. Default `[\"List\", \"Read\"]`; an empty list is the same as leaving the attribute out."),
			"exclude": optionalList("`service:Action` patterns to leave out of the target set, such as `s3:GetObject*` or " +
				"`secretsmanager:GetSecretValue`. If a generated `Allow` pattern matches one, the `Deny` statement names it. " +
				"An action `include` also names is left out, with a warning. An empty list is the same as leaving the attribute out."),
			"include": optionalList("Extra `service:Action` patterns for the target set, of any level. Those outside " +
				"`access_levels` are always written by their full name, never under a wildcard. An empty list is the same as leaving the attribute out."),
			"statements": schema.StringAttribute{
				MarkdownDescription: "Extra statements as a JSON array, such as " +
					"`jsonencode([{ Effect = \"Allow\", Action = [\"lambda:UpdateFunctionCode\"], Resource = \"*\" }])`: " +
					"how a boundary adds a few Write actions or extra guard rails. They are written verbatim after the " +
					"generated statements and count against `max_policy_chars`. Generated patterns never match an action " +
					"these statements allow only under a condition or on some resources, whatever its access level, so " +
					"that scope is the only one granting it (`coverage` counts it as granted); the `Deny` statement never " +
					"names one they allow, and no room is spent on actions they deny outright (`Deny` `iam:*`). Each " +
					"statement must be one IAM accepts in a managed policy: a problem the ERROR checks of " +
					"`iamv2_policy_validation` for `policy_type = \"boundary\"` find (`Principal`, no `Resource`, a bad " +
					"or shared `Sid`, a `Resource` that is no ARN, an unknown service) is an error naming the statement " +
					"and its JSON path. Statements that deny every target action outright are a warning.",
				Optional: true,
			},
			"max_policy_chars": maxPolicyCharsAttribute("the document",
				"the limit of a customer managed policy and so of a permissions boundary"),
			"wildcards": schema.StringAttribute{
				MarkdownDescription: "How `Allow` patterns may use `*`: `none` writes full action names only; `word` " +
					"(the default) lets a `*` follow only a **read family**, a prefix of whole CamelCase words under which, " +
					"across every service, at least 97% of actions are at `access_levels` (`Describe`, `List`, `Get`, " +
					"`Search`, `BatchGet`; not `Start`, `Stop` or `Pass`), and a cross-service `*` only a root family on " +
					"evidence (`List`, `Get`, `Describe`: see the guide), with a `Deny` of the credential words; `prefix` " +
					"allows any prefix: the most coverage, and the least safe as AWS adds actions. The README's backtest " +
					"measures what each grants as AWS adds actions.",
				Optional: true,
			},
			"cross_service": schema.BoolAttribute{
				MarkdownDescription: "Whether `Allow` patterns may name every service (`*:Describe*`). Default `true`. " +
					"`false` makes every pattern name one service, so a service AWS adds later gets nothing, at the cost " +
					"of coverage.",
				Optional: true,
			},
			"list_granted_actions": schema.BoolAttribute{
				MarkdownDescription: "Whether to fill `granted_actions`: every action of every service the document " +
					"allows, about 9,300 names and 300 KB of state for a boundary of every service. Default `false`: " +
					"`granted_actions` is null, and `coverage` and `ungranted_actions` say what the document grants.",
				Optional: true,
			},
			"required": optionalList("Service prefixes (`s3`) or action patterns (`ec2:Describe*`) whose target actions " +
				"must all be granted. If they cannot fit, the error says how many characters they need. An empty list is the same as leaving the attribute out."),
			"read_scope": readScopeAttribute("The data rules' patterns also go into a `Deny` statement of their own, " +
				"so that data reads AWS adds later under them are refused too, except a pattern that matches an action " +
				"`statements` allow, which the `Deny` would take back. The data rules win over `include`, with a " +
				"warning; `include` adds back reads the verb rule leaves out."),
			"delegation_guard": schema.SingleNestedAttribute{
				MarkdownDescription: "Adds the statements AWS documents for delegating with permissions boundaries: " +
					"allow `iam:CreateRole`, `iam:CreateUser`, `iam:PutRolePermissionsBoundary` and " +
					"`iam:PutUserPermissionsBoundary` only with `iam:PermissionsBoundary` set to this boundary's ARN; " +
					"deny deleting any boundary; deny changing the boundary policy itself. They count against " +
					"`max_policy_chars`, and `granted_actions` (with `list_granted_actions`) shows what they add.",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"boundary_policy_arn": schema.StringAttribute{
						MarkdownDescription: "The ARN the boundary's customer managed policy has, such as " +
							"`arn:aws:iam::123456789012:policy/TeamBoundary`.",
						Required: true,
					},
					"path": schema.StringAttribute{
						MarkdownDescription: "An IAM path such as `/team/`: the team may create roles and users only " +
							"under it. Default: any path.",
						Optional: true,
					},
				},
			},
			"policy_json": schema.StringAttribute{
				MarkdownDescription: "The boundary: one complete policy document within `max_policy_chars`.",
				Computed:            true,
			},
			"char_count": schema.Int64Attribute{
				MarkdownDescription: "Size of `policy_json` as IAM counts it: characters other than whitespace.",
				Computed:            true,
			},
			"granted_actions": computedList("With `list_granted_actions = true`, every action `policy_json` allows, " +
				"found by expanding the document itself, `statements` and `delegation_guard` included; sorted. Null " +
				"otherwise: the document is expanded and checked either way."),
			"ungranted_actions": computedList("Target actions left out for lack of room, sorted."),
			"target_count": schema.Int64Attribute{
				MarkdownDescription: "How many actions the target set has.",
				Computed:            true,
			},
			"coverage": schema.Float64Attribute{
				MarkdownDescription: "Granted target actions ÷ `target_count`, rounded to four decimals.",
				Computed:            true,
			},
			"allow_patterns": computedList("The patterns of the generated `Allow` statement, sorted."),
			"deny_patterns": computedList("The patterns of the generated `Deny` statement: the other actions the " +
				"`Allow` patterns match, and in `word` mode `*:Get*Credential*`, `*:Get*Password*` and `*:Get*Token*`, " +
				"which block credential vending by name, today's target actions included and those AWS adds later " +
				"(one whose action `statements`, `include` or `required` ask for is left out, with a warning). Any " +
				"other wildcard here matches no target action."),
			"future_exposure": schema.ListNestedAttribute{
				MarkdownDescription: "The `Allow` patterns with a wildcard, which also grant actions AWS adds later under " +
					"them (cross-service ones, `*:List*`, also those of services AWS adds later), each with its evidence: " +
					"what it matches in the catalog today. A low `non_target_share` over many actions and services is what " +
					"makes the next action under the pattern likely a target one; the README's backtest measures how " +
					"boundaries age.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"pattern":  schema.StringAttribute{MarkdownDescription: "The `Allow` pattern, such as `*:Describe*`.", Computed: true},
					"actions":  schema.Int64Attribute{MarkdownDescription: "How many actions of the catalog it matches.", Computed: true},
					"services": schema.Int64Attribute{MarkdownDescription: "How many services those actions belong to.", Computed: true},
					"non_target_share": schema.Float64Attribute{MarkdownDescription: "The share of those actions outside the " +
						"target set, which the `Deny` statement names or your `statements` settle; rounded to four decimals.", Computed: true},
				}},
			},
		}),
	}
}

func (d *permissionBoundaryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m permissionBoundaryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	o := m.options(&resp.Diagnostics)
	r := boundary.Request{
		Services:       o.Services,
		AccessLevels:   o.AccessLevels,
		Exclude:        o.Exclude,
		Include:        o.Include,
		Required:       listElements(m.Required, path.Root("required"), &resp.Diagnostics),
		Statements:     m.Statements.ValueString(),
		MaxPolicyChars: o.MaxPolicyChars,
		Wildcards:      o.Wildcards,
		CrossService:   m.CrossService.IsNull() || m.CrossService.ValueBool(),
		ReadScope:      o.ReadScope,
	}
	if m.DelegationGuard != nil {
		r.Guard = &boundary.Guard{BoundaryPolicyARN: m.DelegationGuard.BoundaryPolicyARN.ValueString(), Path: m.DelegationGuard.Path.ValueString()}
	}
	if !m.Services.IsNull() && len(r.Services) == 0 {
		addAttributeError(&resp.Diagnostics, path.Root("services"), "No service chosen",
			`services must name at least one service prefix, or "*" for every service; leave it unset for every service.`)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	need := boundaryNeed(r)
	exp, err := expanderFor(ctx, d.catalog, need)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
		return
	}
	u, err := boundaryUniverseFor(ctx, d.catalog, need)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
		return
	}
	v, err := validatorFor(ctx, d.catalog, need)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
		return
	}
	result, diags, err := boundaries.Build(ctx, d.catalog, exp, u, v, r)
	for _, dg := range diags {
		addBoundaryDiagnostic(&resp.Diagnostics, dg)
	}
	var refused *boundary.RefusalError
	switch {
	case errors.As(err, &refused):
		resp.Diagnostics.AddError("Boundary refused", capitalize(sentence(err))+
			" The optimizer wrote a document its own check rejects; please report this with the configuration.")
	case err != nil:
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
	}
	if result == nil || resp.Diagnostics.HasError() {
		return
	}
	m.PolicyJSON, m.CharCount = types.StringValue(result.PolicyJSON), types.Int64Value(int64(result.CharCount))
	m.GrantedActions, m.UngrantedActions = nil, nonNil(result.UngrantedActions)
	if m.ListGranted.ValueBool() {
		m.GrantedActions = nonNil(result.GrantedActions)
	}
	m.TargetCount, m.Coverage = types.Int64Value(int64(result.TargetCount)), types.Float64Value(result.Coverage)
	m.AllowPatterns, m.DenyPatterns = nonNil(result.AllowPatterns), nonNil(result.DenyPatterns)
	exposure, problems := exposureList(result.FutureExposure)
	m.FutureExposure = exposure
	resp.Diagnostics.Append(problems...)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// addBoundaryDiagnostic places a diagnostic on its attribute, nested ones
// ("delegation_guard.path") included.
func addBoundaryDiagnostic(diags *diag.Diagnostics, dg readonly.Diagnostic) {
	parent, child, nested := strings.Cut(dg.Attribute, ".")
	if !nested {
		addReadonlyDiagnostic(diags, dg)
		return
	}
	at := path.Root(parent).AtName(child)
	if dg.Severity == readonly.SeverityError {
		addAttributeError(diags, at, dg.Summary, dg.Detail)
	} else {
		addAttributeWarning(diags, at, dg.Summary, dg.Detail)
	}
}
