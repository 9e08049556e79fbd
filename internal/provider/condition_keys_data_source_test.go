package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccConditionKeysDataSource(t *testing.T) {
	eachSource(t, func(t *testing.T, src catalogSource) {
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{
				{
					Config:      src.provider + `data "iamv2_condition_keys" "bad" { service = "s4" }`,
					ExpectError: errorMatching(`service: unknown service prefix "s4"; did you mean "s3"`),
				},
				{
					Config: src.provider + `
	data "iamv2_condition_keys" "global" {}
	data "iamv2_condition_keys" "s3" {
	  service = "s3"
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr("data.iamv2_condition_keys.global", "names.#", "59"),
						src.checkSource("data.iamv2_condition_keys.s3"),
						resource.TestCheckTypeSetElemAttr("data.iamv2_condition_keys.global", "names.*", "aws:SourceIp"),
						resource.TestCheckTypeSetElemNestedAttrs("data.iamv2_condition_keys.global", "condition_keys.*", map[string]string{
							"name": "aws:MultiFactorAuthPresent",
							"type": "Bool",
						}),
						resource.TestCheckTypeSetElemNestedAttrs("data.iamv2_condition_keys.s3", "condition_keys.*", map[string]string{
							"name": "s3:TlsVersion",
							"type": "Numeric",
						}),
					),
				},
			},
		})
	})
}
