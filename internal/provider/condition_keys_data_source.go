package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ datasource.DataSourceWithConfigure = (*conditionKeysDataSource)(nil)

type conditionKeysDataSource struct{ catalogReader }

func newConditionKeysDataSource() datasource.DataSource {
	return &conditionKeysDataSource{catalogReader{name: "condition_keys"}}
}

type conditionKeysModel struct {
	Service       types.String        `tfsdk:"service"`
	ConditionKeys []conditionKeyModel `tfsdk:"condition_keys"`
	Names         []string            `tfsdk:"names"`
	Source        types.String        `tfsdk:"source"`
	DataVersion   types.String        `tfsdk:"data_version"`
}

type conditionKeyModel struct {
	Name        string `tfsdk:"name"`
	Type        string `tfsdk:"type"`
	Description string `tfsdk:"description"`
}

func conditionKeyAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":        schema.StringAttribute{MarkdownDescription: "The key as a policy's Condition element writes it, such as `aws:SourceIp`.", Computed: true},
		"type":        schema.StringAttribute{MarkdownDescription: "The key's value type: `String`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, or `ArrayOf...`.", Computed: true},
		"description": schema.StringAttribute{MarkdownDescription: "What the key filters on; empty where the data has no description.", Computed: true},
	}
}

func (d *conditionKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists condition keys: the global keys every service supports, or one service's own keys.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"service": schema.StringAttribute{
				MarkdownDescription: "A service prefix such as `s3`. Omit to list the global condition keys (`aws:...`).",
				Optional:            true,
			},
			"condition_keys": schema.ListNestedAttribute{
				MarkdownDescription: "The condition keys, sorted by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: conditionKeyAttributes()},
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The names of the condition keys, sorted.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		}),
	}
}

func (d *conditionKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m conditionKeysModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var keys []iam.ConditionKey
	if m.Service.IsNull() {
		var err error
		if keys, err = d.catalog.GlobalConditionKeys(ctx); err != nil {
			addCatalogError(&resp.Diagnostics, path.Root("condition_keys"), err)
			return
		}
	} else {
		svc := d.service(ctx, m.Service.ValueString(), &resp.Diagnostics)
		if svc == nil {
			return
		}
		keys = svc.ConditionKeys
	}
	m.ConditionKeys, m.Names = conditionKeyModels(keys), make([]string, len(keys))
	for i, k := range keys {
		m.Names[i] = k.Name
	}
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func conditionKeyModels(keys []iam.ConditionKey) []conditionKeyModel {
	out := make([]conditionKeyModel, len(keys))
	for i, k := range keys {
		out[i] = conditionKeyModel{Name: k.Name, Type: k.Type, Description: k.Description}
	}
	return out
}
