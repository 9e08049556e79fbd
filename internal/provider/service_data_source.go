package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*serviceDataSource)(nil)

type serviceDataSource struct{ catalogReader }

func newServiceDataSource() datasource.DataSource {
	return &serviceDataSource{catalogReader{name: "service"}}
}

type serviceModel struct {
	Service       types.String         `tfsdk:"service"`
	Name          types.String         `tfsdk:"name"`
	Actions       []actionSummaryModel `tfsdk:"actions"`
	ResourceTypes []resourceTypeModel  `tfsdk:"resource_types"`
	ConditionKeys []conditionKeyModel  `tfsdk:"condition_keys"`
	Source        types.String         `tfsdk:"source"`
	DataVersion   types.String         `tfsdk:"data_version"`
}

type actionSummaryModel struct {
	Name        string `tfsdk:"name"`
	FullName    string `tfsdk:"full_name"`
	Description string `tfsdk:"description"`
	AccessLevel string `tfsdk:"access_level"`
}

type resourceTypeModel struct {
	Name          string   `tfsdk:"name"`
	ARN           string   `tfsdk:"arn"`
	ConditionKeys []string `tfsdk:"condition_keys"`
}

func (d *serviceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Describes one AWS service: its actions with their access levels, the resource types it " +
			"defines with their ARN formats, and its condition keys. For filtering actions and their full detail, use " +
			"`iamv2_service_actions`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"service": schema.StringAttribute{
				MarkdownDescription: "The service prefix, such as `cloudtrail`; case-insensitive.",
				Required:            true,
			},
			"name": schema.StringAttribute{MarkdownDescription: "The service's name, such as `AWS CloudTrail`.", Computed: true},
			"actions": schema.ListNestedAttribute{
				MarkdownDescription: "Every action of the service, sorted by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: actionSummaryAttributes()},
			},
			"resource_types": schema.ListNestedAttribute{
				MarkdownDescription: "The resource types the service defines, sorted by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: resourceTypeAttributes()},
			},
			"condition_keys": schema.ListNestedAttribute{
				MarkdownDescription: "The service's condition keys, sorted by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: conditionKeyAttributes()},
			},
		}),
	}
}

// actionSummaryAttributes describe an action in brief; iamv2_service_actions
// adds the detail.
func actionSummaryAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":         schema.StringAttribute{MarkdownDescription: "The action name in canonical case, such as `DescribeTrails`.", Computed: true},
		"full_name":    schema.StringAttribute{MarkdownDescription: "The action as a policy names it: `cloudtrail:DescribeTrails`.", Computed: true},
		"description":  schema.StringAttribute{MarkdownDescription: "What the action grants permission to do.", Computed: true},
		"access_level": schema.StringAttribute{MarkdownDescription: accessLevelDescription, Computed: true},
	}
}

const accessLevelDescription = "The action's access level: `List`, `Read`, `Write`, `Permissions management` or " +
	"`Tagging`. Where AWS's data names two levels, the more specific one (`Tagging`, `Permissions management`) is given."

func resourceTypeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{MarkdownDescription: "The resource type, such as `trail`.", Computed: true},
		"arn":  schema.StringAttribute{MarkdownDescription: "The ARN format, such as `arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}`.", Computed: true},
		"condition_keys": schema.ListAttribute{
			MarkdownDescription: "Condition keys that apply to resources of this type.",
			ElementType:         types.StringType,
			Computed:            true,
		},
	}
}

func (d *serviceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m serviceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	svc := d.service(ctx, m.Service.ValueString(), &resp.Diagnostics)
	if svc == nil {
		return
	}
	m.Name = types.StringValue(svc.Name)
	m.Actions = make([]actionSummaryModel, len(svc.Actions))
	for i := range svc.Actions {
		a := &svc.Actions[i]
		m.Actions[i] = actionSummaryModel{Name: a.Name, FullName: svc.FullName(a), Description: a.Description, AccessLevel: a.AccessLevel.String()}
	}
	m.ResourceTypes = make([]resourceTypeModel, len(svc.ResourceTypes))
	for i, r := range svc.ResourceTypes {
		m.ResourceTypes[i] = resourceTypeModel{Name: r.Name, ARN: r.ARN, ConditionKeys: nonNil(r.ConditionKeys)}
	}
	m.ConditionKeys = conditionKeyModels(svc.ConditionKeys)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// nonNil turns a missing list into an empty one, so configurations can
// call length() on every list attribute.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
