package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The fake's fixtures differ from the snapshot in every way the data
// source reports (see srfake/testdata/README.md).
func TestAccCatalogChangesDataSource(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	const ds = "data.iamv2_catalog_changes.test"
	at := func(name string, steps ...any) tfjsonpath.Path {
		p := tfjsonpath.New(name)
		for _, s := range steps {
			switch v := s.(type) {
			case string:
				p = p.AtMapKey(v)
			case int:
				p = p.AtSliceIndex(v)
			}
		}
		return p
	}
	strings := func(values ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(values))
		for i, v := range values {
			checks[i] = knownvalue.StringExact(v)
		}
		return knownvalue.ListExact(checks)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_catalog_changes" "test" {
  services = ["pricing", "sustainability", "s3", "widgetpreview", "mobileanalytics"]
}`,
			Check: src.checkSource(ds),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, at("added_services"), strings("widgetpreview")),
				statecheck.ExpectKnownValue(ds, at("removed_services"), strings("mobileanalytics")),
				statecheck.ExpectKnownValue(ds, at("changes"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "service"), knownvalue.StringExact("pricing")),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "added_actions"), strings("pricing:PutPriceAlert")),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "removed_actions"), strings("pricing:ListPriceLists")),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "access_level_changes"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"action":         knownvalue.StringExact("pricing:GetProducts"),
						"snapshot_level": knownvalue.StringExact("Read"),
						"live_level":     knownvalue.StringExact("List"),
					}),
				})),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "added_condition_keys"), strings("pricing:ServiceCode")),
				statecheck.ExpectKnownValue(ds, at("changes", 0, "added_resource_types"), strings("pricelist")),
				statecheck.ExpectKnownValue(ds, at("changes", 1, "service"), knownvalue.StringExact("sustainability")),
				statecheck.ExpectKnownValue(ds, at("changes", 1, "added_actions"), strings("sustainability:GetCarbonFootprintReport")),
				statecheck.ExpectKnownValue(ds, at("added_service_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("removed_service_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("added_action_count"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(ds, at("removed_action_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("access_level_change_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("added_condition_key_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("added_resource_type_count"), knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownValue(ds, at("snapshot_version"), knownvalue.StringExact("0.21.202609261")),
			},
		}},
	})
}

// Typical use: a check block that fails when the live source knows
// actions of a service that the pinned snapshot misses.
func TestAccCatalogChangesInACheckBlock(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	check := func(service string) string {
		return src.provider + `
data "iamv2_catalog_changes" "boundary" {
  services = ["` + service + `"]
}
check "snapshot_is_current" {
  assert {
    condition     = data.iamv2_catalog_changes.boundary.added_action_count == 0
    error_message = "The snapshot misses ${join(", ", flatten(data.iamv2_catalog_changes.boundary.changes[*].added_actions))}."
  }
}`
	}
	testCheckBlock(t, "snapshot_is_current", check("pricing"), check("cloudtrail"), "The snapshot misses pricing:PutPriceAlert.")
}

func TestAccCatalogChangesBadInput(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	for name, c := range map[string]struct{ provider, body, want string }{
		"embedded source": {"", `services = ["s3"]`, `the provider's catalog source is "embedded": set catalog_source = "service_reference"`},
		"unknown service": {src.provider, `services = ["s4"]`, `services: unknown service prefix "s4"; did you mean "s3"`},
		"not a prefix":    {src.provider, `services = ["s3", "s3:Get*"]`, `services[1]: "s3:Get*" is not a service prefix such as "s3"`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      c.provider + "data \"iamv2_catalog_changes\" \"bad\" {\n" + c.body + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}

// The console is a live source too: its fake lists one service the
// snapshot does not know.
func TestAccCatalogChangesOnTheConsoleSource(t *testing.T) {
	src, _ := consoleSource(t)
	const ds = "data.iamv2_catalog_changes.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_catalog_changes" "test" {
  services = ["cloudtrail"]
}`,
			Check: src.checkSource(ds),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("added_services"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("widgetpreview")})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("removed_services"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("changes"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("added_action_count"), knownvalue.Int64Exact(0)),
			},
		}},
	})
}
