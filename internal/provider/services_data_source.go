package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ datasource.DataSourceWithConfigure = (*servicesDataSource)(nil)

type servicesDataSource struct{ catalogReader }

func newServicesDataSource() datasource.DataSource {
	return &servicesDataSource{catalogReader{name: "services"}}
}

type servicesModel struct {
	Match       types.List            `tfsdk:"match"`
	Services    []serviceSummaryModel `tfsdk:"services"`
	Prefixes    []string              `tfsdk:"prefixes"`
	Source      types.String          `tfsdk:"source"`
	DataVersion types.String          `tfsdk:"data_version"`
}

type serviceSummaryModel struct {
	Prefix      string `tfsdk:"prefix"`
	Name        string `tfsdk:"name"`
	ActionCount int64  `tfsdk:"action_count"`
}

func (d *servicesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists AWS services as IAM knows them: each service's action prefix, name and number of actions.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"match": schema.ListAttribute{
				MarkdownDescription: "Patterns on the service prefix, such as `ec2*` or `cloud?rail`: `*` matches any run " +
					"of characters, `?` exactly one, case-insensitively. A service is listed when any pattern matches. " +
					"Omit to list every service; an empty list is the same as leaving the attribute out.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"services": schema.ListNestedAttribute{
				MarkdownDescription: "The services, sorted by prefix.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"prefix":       schema.StringAttribute{MarkdownDescription: "The action prefix, as in `cloudtrail:DescribeTrails`.", Computed: true},
					"name":         schema.StringAttribute{MarkdownDescription: "The service's name, such as `AWS CloudTrail`.", Computed: true},
					"action_count": schema.Int64Attribute{MarkdownDescription: "How many actions the service defines.", Computed: true},
				}},
			},
			"prefixes": schema.ListAttribute{
				MarkdownDescription: "The prefixes of the listed services, sorted.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		}),
	}
}

func (d *servicesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m servicesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	patterns := listElements(m.Match, path.Root("match"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	for i, p := range patterns {
		checkName(path.Root("match").AtListIndex(i), p, &resp.Diagnostics)
		if p == "" || strings.Contains(p, ":") {
			addAttributeError(&resp.Diagnostics, path.Root("match").AtListIndex(i), "Invalid service pattern",
				fmt.Sprintf("service pattern %q must be a non-empty pattern on the service prefix, without a colon, such as \"ec2*\".", p))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	all, err := d.catalog.Services(ctx)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
		return
	}
	m.Services, m.Prefixes = []serviceSummaryModel{}, []string{}
	for _, s := range all {
		if len(patterns) == 0 || matchesAnyString(patterns, s.Prefix) {
			m.Services = append(m.Services, serviceSummaryModel{Prefix: s.Prefix, Name: s.Name, ActionCount: int64(s.ActionCount)})
			m.Prefixes = append(m.Prefixes, s.Prefix)
		}
	}
	if len(m.Services) == 0 {
		addAttributeWarning(&resp.Diagnostics, path.Root("match"), "No service matches",
			fmt.Sprintf("no service prefix matches %s.", quoted(patterns)))
	}
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func matchesAnyString(patterns []string, name string) bool {
	for _, p := range patterns {
		if iam.Match(p, name) {
			return true
		}
	}
	return false
}
