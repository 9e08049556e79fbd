package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccPolicySummaryDataSource(t *testing.T) {
	const ds = "data.iamv2_policy_summary.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "iamv2_policy_summary" "test" {
  policy = "{\"Statement\": 7}"
}`,
				ExpectError: errorMatching(`policy: Statement:`),
			},
			{
				Config: `
data "iamv2_policy_summary" "test" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "cloudtrail:*", Resource = "*" },
      { Effect = "Allow", Action = ["s3:List*", "s3:GetObject"], Resource = "*" },
    ]
  })
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "services.#", "2"),
					resource.TestCheckResourceAttr(ds, "services.0.prefix", "cloudtrail"),
					resource.TestCheckResourceAttr(ds, "services.0.summary", "Full access"),
					resource.TestCheckResourceAttr(ds, "services.0.full_access", "true"),
					resource.TestCheckResourceAttr(ds, "services.1.prefix", "s3"),
					resource.TestCheckResourceAttr(ds, "services.1.summary", "Full: List Limited: Read"),
					resource.TestCheckResourceAttr(ds, "services.1.access_levels.#", "2"),
					resource.TestCheckNoResourceAttr(ds, "console_summary"),
				),
			},
		},
	})
}
