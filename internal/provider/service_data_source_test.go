package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
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
