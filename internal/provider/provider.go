// Package provider wraps the IAM catalog in Terraform data sources and
// functions. Every data source is a thin translation between Terraform
// values and the pure logic of the iam, policy and readonly packages; the
// catalog source is chosen once, here.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
)

var _ provider.ProviderWithFunctions = (*iamv2Provider)(nil)

type iamv2Provider struct {
	version string
}

// New returns a constructor of the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &iamv2Provider{version: version} }
}

type providerModel struct {
	CatalogSource          types.String `tfsdk:"catalog_source"`
	Profile                types.String `tfsdk:"profile"`
	Region                 types.String `tfsdk:"region"`
	SharedConfigFiles      types.List   `tfsdk:"shared_config_files"`
	SharedCredentialsFiles types.List   `tfsdk:"shared_credentials_files"`
	SigninEndpoint         types.String `tfsdk:"signin_endpoint"`
	ConsoleEndpoint        types.String `tfsdk:"console_endpoint"`
	STSEndpoint            types.String `tfsdk:"sts_endpoint"`
	RequestTimeout         types.String `tfsdk:"request_timeout"`
	MaxRetries             types.Int64  `tfsdk:"max_retries"`
	CacheDir               types.String `tfsdk:"cache_dir"`
	CacheTTL               types.String `tfsdk:"cache_ttl"`
}

func (p *iamv2Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "iamv2"
	resp.Version = p.version
}

func (p *iamv2Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	consoleOnly := " Used by the `console` source only."
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc + consoleOnly, Optional: true}
	}
	files := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc + consoleOnly, ElementType: types.StringType, Optional: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers AWS IAM metadata questions at plan time: services, actions, access levels, " +
			"resource types and condition keys. The default `embedded` source is a snapshot compiled into the " +
			"provider: it works offline, needs no credentials and gives deterministic plans. The `console` source " +
			"reads live metadata from the AWS console's undocumented IAM API, signing in with your AWS credentials.",
		Attributes: map[string]schema.Attribute{
			"catalog_source": schema.StringAttribute{
				MarkdownDescription: "Where IAM metadata comes from: `embedded` (the default), the snapshot compiled into " +
					"the provider, or `console`, the live AWS console API. Environment variable `" + EnvSource + "`. " +
					"(Terraform reserves the argument name `source` in provider blocks, hence the prefix.)",
				Optional: true,
			},
			"profile": str("The AWS shared-configuration profile whose credentials sign in to the console. " +
				"Default: the AWS SDK's default chain (`AWS_PROFILE`, environment credentials, SSO, IMDS...)."),
			"region": str("The console region. Default `us-east-1`; `cn-` and `us-gov-` regions use their partition's " +
				"sign-in and console hosts. Environment variable `" + console.EnvRegion + "`."),
			"shared_config_files":      files("Paths of AWS shared config files, instead of `~/.aws/config`."),
			"shared_credentials_files": files("Paths of AWS shared credentials files, instead of `~/.aws/credentials`."),
			"signin_endpoint": str("Base URL of the AWS federation sign-in endpoint. Default: the region's partition's, " +
				"such as `https://signin.aws.amazon.com`. Environment variable `" + console.EnvSigninEndpoint + "`."),
			"console_endpoint": str("Base URL of the AWS console. Default: the region's console host, such as " +
				"`https://us-east-1.console.aws.amazon.com`. Environment variable `" + console.EnvConsoleEndpoint + "`."),
			"sts_endpoint": str("Base URL of STS, called for `GetFederationToken` when the credentials are long-term " +
				"keys. Default: the AWS SDK's. Environment variable `" + console.EnvSTSEndpoint + "`."),
			"request_timeout": str("Timeout of one HTTP request, as a Go duration such as `60s`. Default `60s`. " +
				"Environment variable `" + envRequestTimeout + "`."),
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "Retries of a throttled or failed request, with jittered exponential backoff; `0` for " +
					"none. Default 4. Environment variable `" + envMaxRetries + "`." + consoleOnly,
				Optional: true,
			},
			"cache_dir": str("Directory of an on-disk cache of catalog responses, so repeated plans do not sign in " +
				"again; `\"\"` turns it off. Default: `terraform-provider-iamv2/console` in the user's cache directory. " +
				"Policies sent for validation are never cached. Environment variable `" + console.EnvCacheDir + "`."),
			"cache_ttl": str("How long cached responses stay fresh, as a Go duration. Default `24h`. Environment " +
				"variable `" + console.EnvCacheTTL + "`."),
		},
	}
}

func (p *iamv2Provider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	catalog := openCatalog(ctx, &cfg, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.DataSourceData = catalog
}

func (p *iamv2Provider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newServicesDataSource,
		newServiceDataSource,
		newServiceActionsDataSource,
		newConditionKeysDataSource,
		newReadonlyStatementDataSource,
		newPolicyExpansionDataSource,
		newPolicyValidationDataSource,
		newPolicySummaryDataSource,
		newServiceLinkedRoleTemplateDataSource,
		newPolicySimulationDataSource,
		newPolicyCheckDataSource,
	}
}

func (p *iamv2Provider) Resources(context.Context) []func() resource.Resource { return nil }
