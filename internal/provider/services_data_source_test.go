package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccServicesDataSource(t *testing.T) {
	eachSource(t, func(t *testing.T, src catalogSource) {
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{
				{
					Config: src.provider + `data "iamv2_services" "all" {}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr("data.iamv2_services.all", "prefixes.#", src.services),
						resource.TestCheckResourceAttr("data.iamv2_services.all", "services.#", src.services),
						resource.TestCheckResourceAttr("data.iamv2_services.all", "services.0.prefix", "a2c"),
						src.checkSource("data.iamv2_services.all"),
					),
				},
				{
					Config: src.provider + `
	data "iamv2_services" "trail" {
	  match = ["CLOUDTRAIL*", "s?"]
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "prefixes.#", "3"),
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "prefixes.0", "cloudtrail"),
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "prefixes.1", "cloudtrail-data"),
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "prefixes.2", "s3"),
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "services.0.name", "AWS CloudTrail"),
						resource.TestCheckResourceAttr("data.iamv2_services.trail", "services.0.action_count", "66"),
					),
				},
				{
					// A pattern that matches nothing is a warning and an empty list.
					Config: src.provider + `
	data "iamv2_services" "none" {
	  match = ["nosuchservice*"]
	}`,
					Check: resource.TestCheckResourceAttr("data.iamv2_services.none", "prefixes.#", "0"),
				},
			},
		})
	})
}

func TestAccServicesDataSourceInvalidPattern(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{`""`, `match[0]: service pattern "" must be a non-empty pattern`},
		{`"ec2", "s3:Get*"`, `match[1]: service pattern "s3:Get*" must be a non-empty pattern on the service prefix, without a colon`},
	} {
		eachSource(t, func(t *testing.T, src catalogSource) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      src.provider + `data "iamv2_services" "bad" { match = [` + c.pattern + `] }`,
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
