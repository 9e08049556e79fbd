package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ datasource.DataSourceWithConfigure = (*policySummaryDataSource)(nil)

type policySummaryDataSource struct{ catalogReader }

func newPolicySummaryDataSource() datasource.DataSource { return &policySummaryDataSource{} }

type policySummaryModel struct {
	Policy         types.String         `tfsdk:"policy"`
	Services       []serviceAccessModel `tfsdk:"services"`
	ConsoleSummary types.String         `tfsdk:"console_summary"`
	Source         types.String         `tfsdk:"source"`
	DataVersion    types.String         `tfsdk:"data_version"`
}

func (d *policySummaryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_policy_summary"
}

func (d *policySummaryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Summarises what a policy document grants per service, the way the IAM console's policy " +
			"summary does: `Full access`, or the access levels granted in full and in part. Unknown actions are " +
			"warnings; `iamv2_policy_expansion` has the full detail.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"policy": schema.StringAttribute{
				MarkdownDescription: "The policy document as JSON: from `jsonencode(...)`, `data.aws_iam_policy_document.x.json` or `file(...)`.",
				Required:            true,
			},
			"services": schema.ListNestedAttribute{
				MarkdownDescription: "One entry per service the policy allows any action of, sorted by prefix.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: serviceAccessAttributes()},
			},
			"console_summary": schema.StringAttribute{
				MarkdownDescription: "With the `console` source, the IAM console's own summary of the document, as the " +
					"raw JSON it returns, to compare with ours; null on the embedded source.",
				Computed: true,
			},
		}),
	}
}

func (d *policySummaryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policySummaryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	expander, err := expanderFor(ctx, d.catalog, policy.NeedOfJSON(m.Policy.ValueString()))
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("policy"), err)
		return
	}
	result, found := expander.ExpandJSON(m.Policy.ValueString(), policy.Options{UnknownActions: policy.UnknownWarn})
	addPolicyDiagnostics(&resp.Diagnostics, path.Root("policy"), found)
	if result == nil || resp.Diagnostics.HasError() {
		return
	}
	m.Services = serviceAccessModels(result.Services)
	m.ConsoleSummary = d.consoleAnswer(ctx, "policySummary", m.Policy.ValueString(), &resp.Diagnostics, (*console.Catalog).PolicySummary)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
