package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPermissionBoundaryDataSource(t *testing.T) {
	const ds = "data.iamv2_permission_boundary.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// Every service, List and Read: one document of 6,144 characters.
				Config: `data "iamv2_permission_boundary" "test" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("target_count"), knownvalue.Int64Exact(9590)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("coverage"), knownvalue.Float64Exact(0.988)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("char_count"), knownvalue.Int64Exact(6139)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("ungranted_actions"), knownvalue.ListSizeExact(115)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("granted_actions"), knownvalue.ListSizeExact(9475)),
				},
			},
		},
	})
}
