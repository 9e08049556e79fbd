package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccServiceDataSource(t *testing.T) {
	const ds = "data.iamv2_service.test"
	eachSource(t, func(t *testing.T, src catalogSource) {
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{
				{
					Config:      src.provider + `data "iamv2_service" "test" { service = "cloudtrial" }`,
					ExpectError: errorMatching(`service: unknown service prefix "cloudtrial"; did you mean "cloudtrail"?`),
				},
				{
					Config: src.provider + `data "iamv2_service" "test" { service = "cloudtrail" }`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "name", "AWS CloudTrail"),
						resource.TestCheckResourceAttr(ds, "actions.#", "66"),
						resource.TestCheckResourceAttr(ds, "actions.0.name", "AddTags"),
						resource.TestCheckResourceAttr(ds, "actions.0.full_name", "cloudtrail:AddTags"),
						resource.TestCheckResourceAttr(ds, "actions.0.access_level", "Tagging"),
						resource.TestCheckTypeSetElemNestedAttrs(ds, "resource_types.*", map[string]string{
							"name": "trail",
							"arn":  "arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}",
						}),
						resource.TestCheckTypeSetElemNestedAttrs(ds, "condition_keys.*", map[string]string{
							"name": "aws:RequestTag/${TagKey}",
							"type": "String",
						}),
						src.checkSource(ds),
					),
				},
			},
		})
	})
}

// An empty prefix is its own error, and a prefix holding a character IAM
// does not accept is refused as a policy would refuse it, rather than
// folded into another service's name ("İAM" is not IAM).
func TestAccServiceDataSourceBadPrefix(t *testing.T) {
	for body, want := range map[string]string{
		`service = ""`:    `service: the service prefix is empty: write one such as "s3" or "cloudtrail".`,
		`service = "İAM"`: `service: "İAM" holds the character U+0130 ('İ'), which is not one IAM accepts in a policy`,
	} {
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{{
				Config:      "data \"iamv2_service\" \"test\" {\n" + body + "\n}",
				ExpectError: errorMatching(want),
			}},
		})
	}
}

// Where several AWS services share an action prefix, the name gives them
// all rather than the one the data happened to keep.
func TestAccServiceDataSourceSharedPrefix(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `data "iamv2_service" "test" { service = "cloudformation" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_service.test", tfjsonpath.New("name"),
					knownvalue.StringExact("AWS CloudFormation, AWS Cloud Control API")),
			},
		}},
	})
}
