package provider

import (
	"context"
	"fmt"
	"maps"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ datasource.DataSourceWithConfigure = (*serviceActionsDataSource)(nil)

type serviceActionsDataSource struct{ catalogReader }

func newServiceActionsDataSource() datasource.DataSource {
	return &serviceActionsDataSource{catalogReader{name: "service_actions"}}
}

type serviceActionsModel struct {
	Service      types.String  `tfsdk:"service"`
	Match        types.List    `tfsdk:"match"`
	AccessLevels types.List    `tfsdk:"access_levels"`
	ResourceType types.String  `tfsdk:"resource_type"`
	ConditionKey types.String  `tfsdk:"condition_key"`
	Actions      []actionModel `tfsdk:"actions"`
	Names        []string      `tfsdk:"names"`
	GlobalKeys   []string      `tfsdk:"global_condition_keys"`
	Source       types.String  `tfsdk:"source"`
	DataVersion  types.String  `tfsdk:"data_version"`
}

type actionModel struct {
	Name             string                `tfsdk:"name"`
	FullName         string                `tfsdk:"full_name"`
	Description      string                `tfsdk:"description"`
	AccessLevel      string                `tfsdk:"access_level"`
	ActionGroups     []string              `tfsdk:"action_groups"`
	ResourceTypes    []actionResourceModel `tfsdk:"resource_types"`
	ConditionKeys    []string              `tfsdk:"condition_keys"`
	DependentActions []string              `tfsdk:"dependent_actions"`
}

type actionResourceModel struct {
	Name             string   `tfsdk:"name"`
	Required         bool     `tfsdk:"required"`
	ARN              string   `tfsdk:"arn"`
	ConditionKeys    []string `tfsdk:"condition_keys"`
	DependentActions []string `tfsdk:"dependent_actions"`
}

func (d *serviceActionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	stringList := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the actions of one service by name pattern, access level, resource type or " +
			"condition key, with everything IAM knows about each. `names` plugs straight into a policy's `actions`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"service": schema.StringAttribute{
				MarkdownDescription: "The service prefix, such as `cloudtrail`; case-insensitive.",
				Required:            true,
			},
			"match": schema.ListAttribute{
				MarkdownDescription: "Patterns on the action name, such as `[\"Desc*\", \"Get*Policy\"]`, bare or with the " +
					"service prefix (`cloudtrail:Desc*`). IAM's rules apply: case-insensitive, `*` matches any run of " +
					"characters, `?` exactly one, everything else is literal. An action is selected when any pattern " +
					"matches. Omit to select every action; an empty list is the same as leaving the attribute out.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"access_levels": schema.ListAttribute{
				MarkdownDescription: "Keep only actions at these access levels: `List`, `Read`, `Write`, " +
					"`Permissions management`, `Tagging` (case-insensitive; spaces, `_` and `-` ignored), or the IAM " +
					"console's groups `ListOnly`, `ReadOnly`, `ReadWrite`, `Tagging`, `Permissions`, which stand for " +
					"every level in the group (`ReadOnly` is List and Read). Omit to keep every level; an empty list is " +
					"the same as leaving the attribute out.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"resource_type": schema.StringAttribute{
				MarkdownDescription: "Keep only actions that can be scoped to a resource type matching this pattern, such as `trail`.",
				Optional:            true,
			},
			"condition_key": schema.StringAttribute{
				MarkdownDescription: "Keep only actions that support a condition key matching this pattern, such as " +
					"`aws:ResourceTag/*`, through the action itself or its resource types. A global key such as " +
					"`aws:SourceIp` or `aws:PrincipalTag/*` applies to every action, so a pattern matching one keeps " +
					"every action, and `global_condition_keys` lists the keys it matched. The global tag keys " +
					"`aws:RequestTag/*`, `aws:ResourceTag/*` and `aws:TagKeys` are matched per action, since only " +
					"actions that support tag-based authorization receive them.",
				Optional: true,
			},
			"actions": schema.ListNestedAttribute{
				MarkdownDescription: "The selected actions, sorted by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: withAttributes(actionSummaryAttributes(), map[string]schema.Attribute{
					"action_groups": stringList("The IAM console's groups for the action, cumulative as the console reports them: " +
						"a List action is in `ListOnly`, `ReadOnly` and `ReadWrite`."),
					"resource_types": schema.ListNestedAttribute{
						MarkdownDescription: "The resource types the action can be scoped to.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"name":              schema.StringAttribute{MarkdownDescription: "The resource type, such as `trail`.", Computed: true},
							"required":          schema.BoolAttribute{MarkdownDescription: "Whether the action always acts on a resource of this type.", Computed: true},
							"arn":               schema.StringAttribute{MarkdownDescription: "The resource type's ARN format.", Computed: true},
							"condition_keys":    stringList("Condition keys that apply when the action is scoped to this type: the row's own and the resource type's."),
							"dependent_actions": stringList("Actions also needed when acting on this resource type."),
						}},
					},
					"condition_keys":    stringList("Every condition key the action supports, through itself or its resource types; global keys are not listed."),
					"dependent_actions": stringList("Actions the caller also needs for this action to succeed."),
				})},
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The full names of the selected actions (`cloudtrail:DescribeTrails`), sorted: ready for a policy's `Action`.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"global_condition_keys": stringList("The global condition keys `condition_key` matches, sorted. Each applies " +
				"to every action, so when this is not empty the condition key selects every action; empty without " +
				"`condition_key`, or when it matches only the service's own keys."),
		}),
	}
}

func (d *serviceActionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m serviceActionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	rawPatterns := listElements(m.Match, path.Root("match"), &resp.Diagnostics)
	rawLevels := listElements(m.AccessLevels, path.Root("access_levels"), &resp.Diagnostics)
	checkServicePrefix(path.Root("service"), m.Service.ValueString(), &resp.Diagnostics)
	checkName(path.Root("resource_type"), m.ResourceType.ValueString(), &resp.Diagnostics)
	checkName(path.Root("condition_key"), m.ConditionKey.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	svc := d.service(ctx, m.Service.ValueString(), &resp.Diagnostics)
	if svc == nil {
		return
	}
	filter := iam.ActionFilter{
		Patterns:     parseActionPatterns(rawPatterns, svc.Prefix, path.Root("match"), &resp.Diagnostics),
		Levels:       parseLevels(rawLevels, path.Root("access_levels"), &resp.Diagnostics),
		ResourceType: m.ResourceType.ValueString(),
		ConditionKey: m.ConditionKey.ValueString(),
	}
	m.GlobalKeys = []string{}
	if filter.ConditionKey != "" {
		var err error
		if filter.GlobalConditionKeys, err = d.catalog.GlobalConditionKeys(ctx); err != nil {
			addCatalogError(&resp.Diagnostics, path.Root("condition_key"), err)
			return
		}
		m.GlobalKeys = nonNil(iam.GlobalKeysMatching(filter.ConditionKey, filter.GlobalConditionKeys))
	}
	if filter.ResourceType != "" {
		if err := svc.CheckResourceType(filter.ResourceType); err != nil {
			addAttributeError(&resp.Diagnostics, path.Root("resource_type"), "Unknown resource type", sentence(err))
		}
	}
	if filter.ConditionKey != "" && len(m.GlobalKeys) == 0 {
		if err := svc.CheckConditionKey(filter.ConditionKey); err != nil {
			addAttributeError(&resp.Diagnostics, path.Root("condition_key"), "Unknown condition key", sentence(err))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	actions, err := iam.SelectActions(svc, filter)
	if err != nil {
		resp.Diagnostics.AddError("Invalid action filter", capitalize(sentence(err)))
		return
	}
	if len(actions) == 0 {
		resp.Diagnostics.AddWarning("No action matches",
			fmt.Sprintf("No action of service %q passes the filter (match %s, access_levels %s, resource_type %q, condition_key %q); the result is empty.",
				svc.Prefix, listOrAny(rawPatterns), listOrAny(rawLevels),
				filter.ResourceType, filter.ConditionKey))
	}
	m.Actions, m.Names = make([]actionModel, len(actions)), make([]string, len(actions))
	for i, a := range actions {
		m.Actions[i] = newActionModel(svc, a)
		m.Names[i] = m.Actions[i].FullName
	}
	sort.Strings(m.Names)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// withAttributes returns base with more added.
func withAttributes(base, more map[string]schema.Attribute) map[string]schema.Attribute {
	maps.Copy(base, more)
	return base
}

func newActionModel(svc *iam.Service, a *iam.Action) actionModel {
	groups := a.AccessLevel.Groups()
	m := actionModel{
		Name:             a.Name,
		FullName:         svc.FullName(a),
		Description:      a.Description,
		AccessLevel:      a.AccessLevel.String(),
		ActionGroups:     make([]string, len(groups)),
		ResourceTypes:    make([]actionResourceModel, len(a.ResourceTypes)),
		ConditionKeys:    nonNil(svc.ActionConditionKeys(a)),
		DependentActions: nonNil(a.DependentActions),
	}
	for i, g := range groups {
		m.ActionGroups[i] = string(g)
	}
	for i, r := range a.ResourceTypes {
		rm := actionResourceModel{Name: r.Name, Required: r.Required, ConditionKeys: nonNil(r.ConditionKeys), DependentActions: nonNil(r.DependentActions)}
		if rt, ok := svc.ResourceType(r.Name); ok {
			rm.ARN = rt.ARN
			rm.ConditionKeys = union(rm.ConditionKeys, rt.ConditionKeys)
		}
		m.ResourceTypes[i] = rm
	}
	return m
}

func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, s := range b {
		if !contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func listOrAny(items []string) string {
	if len(items) == 0 {
		return "(any)"
	}
	return "[" + quoted(items) + "]"
}
