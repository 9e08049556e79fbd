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
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference"
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
	TotalWait              types.String `tfsdk:"total_wait"`
	MaxRetries             types.Number `tfsdk:"max_retries"`
	CacheDir               types.String `tfsdk:"cache_dir"`
	CacheTTL               types.String `tfsdk:"cache_ttl"`

	ServiceReferenceEndpoint types.String `tfsdk:"service_reference_endpoint"`
}

func (p *iamv2Provider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "iamv2"
	resp.Version = p.version
}

func (p *iamv2Provider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	consoleOnly := " Used by the `console` source only."
	liveOnly := " Used by the live sources, `service_reference` and `console`."
	live := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc + liveOnly, Optional: true}
	}
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc + consoleOnly, Optional: true}
	}
	files := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc + consoleOnly, ElementType: types.StringType, Optional: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Answers AWS IAM metadata questions at plan time: services, actions, access levels, " +
			"resource types and condition keys. The default `embedded` source is a snapshot compiled into the " +
			"provider: it works offline, needs no credentials and gives deterministic plans. The `service_reference` " +
			"source reads AWS's published Service Authorization Reference, live and without credentials. The `console` " +
			"source reads live metadata from the AWS console's undocumented IAM API, signing in with your AWS credentials.",
		Attributes: map[string]schema.Attribute{
			"catalog_source": schema.StringAttribute{
				MarkdownDescription: "Where IAM metadata comes from: `embedded` (the default), the snapshot compiled into " +
					"the provider; `service_reference`, the Service Authorization Reference AWS publishes as JSON; or " +
					"`console`, the live AWS console API. Environment variable `" + EnvSource + "`. " +
					"(Terraform reserves the argument name `source` in provider blocks, hence the prefix.)",
				Optional: true,
			},
			"profile": str("The AWS shared-configuration profile whose credentials sign in to the console. " +
				"Default: the AWS SDK's default chain (`AWS_PROFILE`, environment credentials, SSO, IMDS...)."),
			"region": str("The console region. Default `us-east-1`; `cn-` and `us-gov-` regions use their partition's " +
				"sign-in and console hosts. Environment variable `" + console.EnvRegion + "`."),
			"shared_config_files": files("Paths of AWS shared config files, instead of `~/.aws/config`. An empty list " +
				"is the same as leaving the attribute out."),
			"shared_credentials_files": files("Paths of AWS shared credentials files, instead of `~/.aws/credentials`. " +
				"An empty list is the same as leaving the attribute out."),
			"signin_endpoint": str("Base URL of the AWS federation sign-in endpoint. Default: the region's partition's, " +
				"such as `https://signin.aws.amazon.com`. Environment variable `" + console.EnvSigninEndpoint + "`."),
			"console_endpoint": str("Base URL of the AWS console. Default: the region's console host, such as " +
				"`https://us-east-1.console.aws.amazon.com`. Environment variable `" + console.EnvConsoleEndpoint + "`."),
			"sts_endpoint": str("Base URL of STS, called for `GetFederationToken` when the credentials are long-term " +
				"keys. Default: the AWS SDK's. Environment variable `" + console.EnvSTSEndpoint + "`."),
			"service_reference_endpoint": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Service Authorization Reference, whose root serves the index of services. " +
					"Default `" + servicereference.DefaultEndpoint + "`. It must use https (plain http only on a loopback " +
					"host, for a local mirror or fake). Environment variable `" + servicereference.EnvEndpoint + "`. " +
					"Used by the `service_reference` source only.",
				Optional: true,
			},
			"request_timeout": live("Timeout of one HTTP request, as a Go duration such as `60s`. Default `60s`. " +
				"Environment variable `" + envRequestTimeout + "`."),
			"total_wait": live("The most a plan waits, in total, on the live source's endpoint, as a Go duration: all " +
				"requests, retries and backoff together, counted while at least one is in flight. Once it is spent, " +
				"requests fail at once, with an error naming the endpoint, and documents cached on disk still answer. " +
				"Default `30s`. Environment variable `" + envTotalWait + "`."),
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: "Retries of a throttled or failed request, with jittered exponential backoff: a whole " +
					"number from 0 (none) to 20. Default 4. Environment variable `" + envMaxRetries + "`." + liveOnly,
				Optional:   true,
				Validators: []validator.Number{maxRetries},
			},
			"cache_dir": live("Directory of an on-disk cache of catalog responses, so repeated plans neither sign in " +
				"again nor download again; `\"\"` turns it off. Default: `terraform-provider-iamv2/console` or " +
				"`terraform-provider-iamv2/service_reference` in the user's cache directory. Policies sent for validation " +
				"are never cached. Environment variable `" + console.EnvCacheDir + "`."),
			"cache_ttl": live("How long cached responses are used without asking, as a Go duration. Default `24h`. " +
				"The `service_reference` source then revalidates them (`ETag`, `Last-Modified`), and answers from an older " +
				"copy, with a warning naming its age, when the endpoint cannot be reached. Environment " +
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
	catalog := openCatalog(ctx, &cfg, p.version, &resp.Diagnostics)
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
		newPermissionBoundaryDataSource,
		newPolicyExpansionDataSource,
		newPolicyValidationDataSource,
		newPolicySummaryDataSource,
		newServiceLinkedRoleTemplateDataSource,
		newCatalogChangesDataSource,
		newOperationActionsDataSource,
		newPolicySimulationDataSource,
		newPolicyCheckDataSource,
		newPolicyFitDataSource,
	}
}

func (p *iamv2Provider) Resources(context.Context) []func() resource.Resource { return nil }
