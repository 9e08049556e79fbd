package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// testProviders serves the provider in-process to the real Terraform CLI.
var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"iamv2": providerserver.NewProtocol6WithError(New("test")()),
}

func TestMain(m *testing.M) {
	// Examples declare source = "iamv2/iamv2"; tell the test harness the
	// namespace so it attaches our in-process server to that address.
	if os.Getenv(resource.EnvTfAccProviderNamespace) == "" {
		if err := os.Setenv(resource.EnvTfAccProviderNamespace, "iamv2"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}

func TestAccProviderSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		// A failing step leaves state that the post-test destroy must read,
		// so errors come before the step that succeeds.
		Steps: []resource.TestStep{
			{
				Config: `
provider "iamv2" {
  catalog_source = "bogus"
}
data "iamv2_services" "all" {}`,
				ExpectError: errorMatching(`unknown source "bogus": valid sources are "embedded", "service_reference" and "console"`),
			},
			{
				Config: `
provider "iamv2" {
  catalog_source = "embedded"
}
data "iamv2_services" "all" {}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("data.iamv2_services.all", "source", "embedded"),
					resource.TestCheckResourceAttr("data.iamv2_services.all", "data_version", "0.21.202609261"),
				),
			},
		},
	})
}

func TestAccProviderSourceFromEnvironment(t *testing.T) {
	t.Setenv(EnvSource, "nowhere")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      `data "iamv2_services" "all" {}`,
			ExpectError: errorMatching(`catalog_source: unknown source "nowhere": valid sources are "embedded", "service_reference" and "console" (from the IAMV2_SOURCE environment variable).`),
		}},
	})
}
