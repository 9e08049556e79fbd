package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference"
)

var _ datasource.DataSourceWithConfigure = (*operationActionsDataSource)(nil)

type operationActionsDataSource struct{ catalogReader }

func newOperationActionsDataSource() datasource.DataSource { return &operationActionsDataSource{} }

type operationActionsModel struct {
	Service     types.String     `tfsdk:"service"`
	Operations  types.List       `tfsdk:"operations"`
	Published   types.Bool       `tfsdk:"published"`
	Results     []operationModel `tfsdk:"results"`
	Actions     []string         `tfsdk:"actions"`
	Source      types.String     `tfsdk:"source"`
	DataVersion types.String     `tfsdk:"data_version"`
}

type operationModel struct {
	Operation         string                  `tfsdk:"operation"`
	Actions           []string                `tfsdk:"actions"`
	AuthorizedActions []authorizedActionModel `tfsdk:"authorized_actions"`
}

type authorizedActionModel struct {
	Action  string            `tfsdk:"action"`
	Service string            `tfsdk:"service"`
	Context map[string]string `tfsdk:"context"`
}

func (d *operationActionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_operation_actions"
}

func (d *operationActionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The IAM actions that authorize SDK operations of a service, as the Service Authorization " +
			"Reference maps them: `s3` `GetObject` needs `s3:GetObject`, and may need actions of other services, with " +
			"the condition context AWS documents for them (such as `iam:PassedToService` for `iam:PassRole`). Many " +
			"services do not publish operations yet: then `published` is false, the lists are empty and a warning " +
			"says so. The mapping leaves out what calls made on your behalf through forward access sessions need. " +
			"Needs `catalog_source = \"service_reference\"`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"service": schema.StringAttribute{MarkdownDescription: "The service prefix, such as `s3`.", Required: true},
			"operations": schema.ListAttribute{
				MarkdownDescription: "Operation names, such as `GetObject`, matched case-insensitively. Omit for every " +
					"operation the service publishes; an empty list is the same as leaving the attribute out.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"published": schema.BoolAttribute{
				MarkdownDescription: "Whether the reference publishes operations for the service.",
				Computed:            true,
			},
			"results": schema.ListNestedAttribute{
				MarkdownDescription: "One entry per operation, in the order asked (else the reference's).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"operation": computedString("The operation's name."),
					"actions": schema.ListAttribute{
						MarkdownDescription: "The actions that authorize it, as `prefix:Action`.",
						ElementType:         types.StringType,
						Computed:            true,
					},
					"authorized_actions": schema.ListNestedAttribute{
						MarkdownDescription: "The same actions, each with its service and condition context.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"action":  computedString("The action, as `prefix:Action`."),
							"service": computedString("The action's service prefix, which may differ from `service`."),
							"context": schema.MapAttribute{
								MarkdownDescription: "Condition keys and the values AWS documents for this use of the action; empty when none.",
								ElementType:         types.StringType,
								Computed:            true,
							},
						}},
					},
				}},
			},
			"actions": schema.ListAttribute{
				MarkdownDescription: "Every action of every listed operation, as `prefix:Action`, deduplicated and sorted: " +
					"ready for a policy's `Action`.",
				ElementType: types.StringType,
				Computed:    true,
			},
		}),
	}
}

func (d *operationActionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m operationActionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	names := listElements(m.Operations, path.Root("operations"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	live, ok := d.catalog.(*servicereference.Catalog)
	if !ok {
		resp.Diagnostics.AddError("Service reference source required", fmt.Sprintf(
			"iamv2_operation_actions reads the operations the Service Authorization Reference publishes, but the provider's "+
				"catalog source is %q: set catalog_source = \"service_reference\" in the provider block, or IAMV2_SOURCE=service_reference.",
			d.catalog.Source()))
		return
	}
	service := m.Service.ValueString()
	ops, published, err := live.Operations(ctx, service)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("service"), err)
		return
	}
	if !published {
		addAttributeWarning(&resp.Diagnostics, path.Root("service"), "No operations published",
			fmt.Sprintf("the service reference publishes no operations for %q, as for many services yet; the lists are empty", service))
	}
	selected := ops
	if len(names) > 0 && published { // an empty list, like no list, selects every operation
		selected = nil
		for i, name := range names {
			op, ok := findOperation(ops, name)
			if !ok {
				addAttributeError(&resp.Diagnostics, path.Root("operations").AtListIndex(i), "Unknown operation",
					unknownOperation(service, name, ops))
				continue
			}
			selected = append(selected, op)
		}
		if resp.Diagnostics.HasError() {
			return
		}
	}
	m.Published = types.BoolValue(published)
	m.Results = make([]operationModel, len(selected))
	all := map[string]bool{}
	for i, op := range selected {
		r := operationModel{Operation: op.Name, Actions: []string{}, AuthorizedActions: make([]authorizedActionModel, len(op.AuthorizedActions))}
		for j, a := range op.AuthorizedActions {
			full := a.Service + ":" + a.Name
			ctxValues := a.Context
			if ctxValues == nil {
				ctxValues = map[string]string{}
			}
			r.Actions = append(r.Actions, full)
			r.AuthorizedActions[j] = authorizedActionModel{Action: full, Service: a.Service, Context: ctxValues}
			all[full] = true
		}
		m.Results[i] = r
	}
	m.Actions = make([]string, 0, len(all))
	for a := range all {
		m.Actions = append(m.Actions, a)
	}
	sort.Slice(m.Actions, func(i, j int) bool { return iam.CompareFold(m.Actions[i], m.Actions[j]) < 0 })
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func findOperation(ops []servicereference.Operation, name string) (servicereference.Operation, bool) {
	for _, op := range ops {
		if strings.EqualFold(op.Name, name) {
			return op, true
		}
	}
	return servicereference.Operation{}, false
}

func unknownOperation(service, name string, ops []servicereference.Operation) string {
	names := make([]string, len(ops))
	for i, op := range ops {
		names[i] = op.Name
	}
	return fmt.Sprintf("the service reference lists no operation %q for %q", name, service) + iam.DidYouMean(name, names)
}
