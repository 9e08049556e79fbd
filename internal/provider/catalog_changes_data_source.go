package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/catalogdiff"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ datasource.DataSourceWithConfigure = (*catalogChangesDataSource)(nil)

type catalogChangesDataSource struct{ catalogReader }

func newCatalogChangesDataSource() datasource.DataSource { return &catalogChangesDataSource{} }

type catalogChangesModel struct {
	Services               types.List           `tfsdk:"services"`
	AddedServices          []string             `tfsdk:"added_services"`
	RemovedServices        []string             `tfsdk:"removed_services"`
	Changes                []serviceChangeModel `tfsdk:"changes"`
	AddedServiceCount      types.Int64          `tfsdk:"added_service_count"`
	RemovedServiceCount    types.Int64          `tfsdk:"removed_service_count"`
	AddedActionCount       types.Int64          `tfsdk:"added_action_count"`
	RemovedActionCount     types.Int64          `tfsdk:"removed_action_count"`
	AccessLevelChangeCount types.Int64          `tfsdk:"access_level_change_count"`
	AddedConditionKeyCount types.Int64          `tfsdk:"added_condition_key_count"`
	AddedResourceTypeCount types.Int64          `tfsdk:"added_resource_type_count"`
	SnapshotVersion        types.String         `tfsdk:"snapshot_version"`
	Source                 types.String         `tfsdk:"source"`
	DataVersion            types.String         `tfsdk:"data_version"`
}

type serviceChangeModel struct {
	Service            string             `tfsdk:"service"`
	AddedActions       []string           `tfsdk:"added_actions"`
	RemovedActions     []string           `tfsdk:"removed_actions"`
	AccessLevelChanges []levelChangeModel `tfsdk:"access_level_changes"`
	AddedConditionKeys []string           `tfsdk:"added_condition_keys"`
	AddedResourceTypes []string           `tfsdk:"added_resource_types"`
}

type levelChangeModel struct {
	Action        string `tfsdk:"action"`
	SnapshotLevel string `tfsdk:"snapshot_level"`
	LiveLevel     string `tfsdk:"live_level"`
}

func (d *catalogChangesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_catalog_changes"
}

func (d *catalogChangesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	list := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	count := func(desc string) schema.Int64Attribute {
		return schema.Int64Attribute{MarkdownDescription: desc, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "What changed between the embedded snapshot, as old as this provider release, and the " +
			"configured live source (`service_reference` or `console`): added and removed services, and for the " +
			"services compared, added and removed actions, actions whose access level changed, and new condition " +
			"keys and resource types, with counts. Typical use: a `check` block that warns when the snapshot behind " +
			"a pinned provider version misses actions a boundary would now want. Needs a live `catalog_source`.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"services": schema.ListAttribute{
				MarkdownDescription: "Service prefixes whose actions, levels, keys and resource types to compare. Omit to " +
					"compare every service both catalogs list, which reads every service from the live source (one " +
					"request each on a cold cache). Added and removed services are listed either way; an empty list is the same as leaving the attribute out.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"added_services":   list("Prefixes the live source lists and the snapshot does not, sorted."),
			"removed_services": list("Prefixes the snapshot lists and the live source does not, sorted."),
			"changes": schema.ListNestedAttribute{
				MarkdownDescription: "One entry per compared service that changed, sorted by prefix.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"service":         schema.StringAttribute{MarkdownDescription: "The service prefix.", Computed: true},
					"added_actions":   list("Actions only the live source has, as `prefix:Action`."),
					"removed_actions": list("Actions only the snapshot has, as `prefix:Action`."),
					"access_level_changes": schema.ListNestedAttribute{
						MarkdownDescription: "Actions whose access level differs.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"action":         schema.StringAttribute{MarkdownDescription: "The action, as `prefix:Action`.", Computed: true},
							"snapshot_level": schema.StringAttribute{MarkdownDescription: "Its level in the snapshot.", Computed: true},
							"live_level":     schema.StringAttribute{MarkdownDescription: "Its level in the live source.", Computed: true},
						}},
					},
					"added_condition_keys": list("Condition keys only the live source lists for the service."),
					"added_resource_types": list("Resource types only the live source lists for the service."),
				}},
			},
			"added_service_count":       count("How many services were added."),
			"removed_service_count":     count("How many services were removed."),
			"added_action_count":        count("How many actions were added, over the compared services."),
			"removed_action_count":      count("How many actions were removed, over the compared services."),
			"access_level_change_count": count("How many actions changed access level, over the compared services."),
			"added_condition_key_count": count("How many condition keys were added, over the compared services."),
			"added_resource_type_count": count("How many resource types were added, over the compared services."),
			"snapshot_version": schema.StringAttribute{
				MarkdownDescription: "The data version of the embedded snapshot compared against.",
				Computed:            true,
			},
		}),
	}
}

func (d *catalogChangesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m catalogChangesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	services := listElements(m.Services, path.Root("services"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if d.catalog.Source() == embedded.SourceName {
		resp.Diagnostics.AddError("Live source required", fmt.Sprintf(
			"iamv2_catalog_changes compares the embedded snapshot with a live source, but the provider's catalog source is %q: "+
				"set catalog_source = \"service_reference\" (or \"console\") in the provider block, or IAMV2_SOURCE.", d.catalog.Source()))
		return
	}
	if len(services) == 0 {
		services = nil // an empty list, like no list, compares every service
	}
	for i, s := range services {
		if !validServicePrefix(s) {
			addAttributeError(&resp.Diagnostics, path.Root("services").AtListIndex(i), "Invalid service prefix",
				fmt.Sprintf("%q is not a service prefix such as \"s3\"", s))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	snapshot := embedded.Default()
	report, err := catalogdiff.Compare(ctx, snapshot, d.catalog, services)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("services"), err)
		return
	}
	m.AddedServices = orEmpty(report.AddedServices)
	m.RemovedServices = orEmpty(report.RemovedServices)
	m.Changes = make([]serviceChangeModel, len(report.Services))
	for i, s := range report.Services {
		c := serviceChangeModel{
			Service:            s.Service,
			AddedActions:       orEmpty(s.AddedActions),
			RemovedActions:     orEmpty(s.RemovedActions),
			AccessLevelChanges: make([]levelChangeModel, len(s.LevelChanges)),
			AddedConditionKeys: orEmpty(s.AddedConditionKeys),
			AddedResourceTypes: orEmpty(s.AddedResourceTypes),
		}
		for j, l := range s.LevelChanges {
			c.AccessLevelChanges[j] = levelChangeModel{Action: l.Action, SnapshotLevel: levelName(l.Before), LiveLevel: levelName(l.After)}
		}
		m.Changes[i] = c
	}
	counts := report.Counts()
	count := func(n int) types.Int64 { return types.Int64Value(int64(n)) }
	m.AddedServiceCount, m.RemovedServiceCount = count(counts.AddedServices), count(counts.RemovedServices)
	m.AddedActionCount, m.RemovedActionCount = count(counts.AddedActions), count(counts.RemovedActions)
	m.AccessLevelChangeCount = count(counts.LevelChanges)
	m.AddedConditionKeyCount, m.AddedResourceTypeCount = count(counts.AddedConditionKeys), count(counts.AddedResourceTypes)
	m.SnapshotVersion = types.StringValue(snapshot.DataVersion())
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// levelName is the level as the other data sources write it, or "Unknown"
// when the source gives none.
func levelName(l iam.AccessLevel) string {
	if !l.Valid() {
		return "Unknown"
	}
	return l.String()
}

// validServicePrefix: lower- or upper-case letters, digits and hyphens.
func validServicePrefix(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '-':
		default:
			return false
		}
	}
	return true
}

func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
