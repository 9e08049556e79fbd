// Package provider wraps the IAM catalog in Terraform data sources. Every
// data source is a thin translation between Terraform values and the pure
// logic of the iam package; the catalog source is chosen once, here.
package provider

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// EnvSource sets the catalog source when the provider configuration does not.
const EnvSource = "IAMV2_SOURCE"

var _ provider.ProviderWithFunctions = (*iamv2Provider)(nil)

type iamv2Provider struct {
	version string
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &iamv2Provider{version: version} }
}

type providerModel struct {
	Source types.String `tfsdk:"catalog_source"`
}

func (p *iamv2Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "iamv2"
	resp.Version = p.version
}

func (p *iamv2Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers AWS IAM metadata questions at plan time: services, actions, access levels, " +
			"resource types and condition keys. The default `embedded` source is a snapshot compiled into the " +
			"provider: it works offline, needs no credentials and gives deterministic plans.",
		Attributes: map[string]schema.Attribute{
			"catalog_source": schema.StringAttribute{
				MarkdownDescription: "Where IAM metadata comes from. `embedded` (the default) is the snapshot " +
					"compiled into the provider. Can also be set with the `" + EnvSource + "` environment variable. " +
					"(Terraform reserves the argument name `source` in provider blocks, hence the prefix.)",
				Optional: true,
			},
		},
	}
}

func (p *iamv2Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.Source.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("catalog_source"), "Unknown catalog source",
			"The provider's catalog_source must be known at plan time: data sources read it to answer during the plan.")
		return
	}
	source, fromEnv := cfg.Source.ValueString(), false
	if cfg.Source.IsNull() {
		source, fromEnv = os.Getenv(EnvSource), true
	}
	catalog, err := openCatalog(source)
	if err != nil {
		detail := err.Error()
		if fromEnv {
			detail += fmt.Sprintf(" (from the %s environment variable)", EnvSource)
		}
		resp.Diagnostics.AddAttributeError(path.Root("catalog_source"), "Invalid catalog source", detail)
		return
	}
	resp.DataSourceData = catalog
}

// openCatalog returns the catalog for a source name; "" means the default.
func openCatalog(source string) (iam.Catalog, error) {
	switch strings.ToLower(source) {
	case "", embedded.SourceName:
		return embedded.Default(), nil
	}
	return nil, fmt.Errorf("unknown source %q: valid sources are %q", source, embedded.SourceName)
}

func (p *iamv2Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newServicesDataSource,
		newServiceDataSource,
		newServiceActionsDataSource,
		newConditionKeysDataSource,
		newReadonlyStatementDataSource,
		newPolicyExpansionDataSource,
	}
}

func (p *iamv2Provider) Resources(context.Context) []func() resource.Resource { return nil }
