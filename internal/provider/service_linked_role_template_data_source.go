package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
)

var _ datasource.DataSourceWithConfigure = (*serviceLinkedRoleTemplateDataSource)(nil)

type serviceLinkedRoleTemplateDataSource struct{ catalogReader }

func newServiceLinkedRoleTemplateDataSource() datasource.DataSource {
	return &serviceLinkedRoleTemplateDataSource{catalogReader{name: "service_linked_role_template"}}
}

type serviceLinkedRoleTemplateModel struct {
	ServiceName         types.String       `tfsdk:"service_name"`
	RoleName            types.String       `tfsdk:"role_name"`
	Path                types.String       `tfsdk:"path"`
	Description         types.String       `tfsdk:"description"`
	TrustPolicy         types.String       `tfsdk:"trust_policy_json"`
	PermissionsPolicies []namedPolicyModel `tfsdk:"permissions_policies"`
	TemplateJSON        types.String       `tfsdk:"template_json"`
	Source              types.String       `tfsdk:"source"`
	DataVersion         types.String       `tfsdk:"data_version"`
}

type namedPolicyModel struct {
	Name       string `tfsdk:"name"`
	PolicyJSON string `tfsdk:"policy_json"`
}

func (d *serviceLinkedRoleTemplateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The IAM console's template for a service-linked role: its name, path, trust policy and " +
			"permissions policies. Needs `catalog_source = \"console\"`: the embedded snapshot has no templates.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"service_name": schema.StringAttribute{
				MarkdownDescription: "The service principal, such as `autoscaling.amazonaws.com`.",
				Required:            true,
			},
			"role_name":         computed("The role's name, such as `AWSServiceRoleForAutoScaling`; empty when the console gives none."),
			"path":              computed("The role's path, such as `/aws-service-role/`."),
			"description":       computed("The role's description."),
			"trust_policy_json": computed("The role's trust policy, as JSON."),
			"permissions_policies": schema.ListNestedAttribute{
				MarkdownDescription: "The permissions policies attached to the role.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":        computed("The policy's name."),
					"policy_json": computed("The policy document, as JSON."),
				}},
			},
			"template_json": computed("The console's whole answer, as JSON, for fields this data source does not name."),
		}),
	}
}

func (d *serviceLinkedRoleTemplateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m serviceLinkedRoleTemplateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	live, ok := d.catalog.(*console.Catalog)
	if !ok {
		resp.Diagnostics.AddError("Console source required", fmt.Sprintf(
			"iamv2_service_linked_role_template reads the live AWS console, but the provider's catalog source is %q: "+
				"set catalog_source = \"console\" in the provider block, or IAMV2_SOURCE=console.", d.catalog.Source()))
		return
	}
	raw, err := live.ServiceLinkedRoleTemplate(ctx, m.ServiceName.ValueString())
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("service_name"), err)
		return
	}
	tpl, err := console.DecodeServiceLinkedRoleTemplate(raw)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("service_name"), err)
		return
	}
	m.RoleName, m.Path = types.StringValue(tpl.RoleName), types.StringValue(tpl.Path)
	m.Description, m.TrustPolicy = types.StringValue(tpl.Description), types.StringValue(tpl.TrustPolicy)
	m.PermissionsPolicies = make([]namedPolicyModel, len(tpl.PermissionsPolicies))
	for i, p := range tpl.PermissionsPolicies {
		m.PermissionsPolicies[i] = namedPolicyModel{Name: p.Name, PolicyJSON: p.Document}
	}
	m.TemplateJSON = types.StringValue(string(raw))
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
