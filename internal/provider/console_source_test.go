package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// A plan that reads 50 data sources through the console source signs in
// once, for all of them and for every later Terraform command (the disk
// cache carries the session's answers), and asks for each service's
// actions once.
func TestAccConsoleSourceSignsInOnce(t *testing.T) {
	src, fake := consoleSource(t)
	all, err := testCatalogPrefixes(50)
	if err != nil {
		t.Fatal(err)
	}
	var config strings.Builder
	config.WriteString(src.provider)
	for i, prefix := range all {
		fmt.Fprintf(&config, "data \"iamv2_service_actions\" \"s%d\" {\n  service = %q\n  access_levels = [\"List\"]\n}\n", i, prefix)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: config.String(),
			Check:  src.checkSource("data.iamv2_service_actions.s49"),
		}},
	})
	stats := fake.Stats()
	if stats.SignIns != 1 {
		t.Errorf("%d sign-ins, want 1 (%v)", stats.SignIns, stats)
	}
	if len(stats.Actions) != 50 {
		t.Errorf("actions asked for %d services, want 50: %v", len(stats.Actions), stats.Actions)
	}
	for service, n := range stats.Actions {
		if n != 1 {
			t.Errorf("actions of %q asked for %d times, want once", service, n)
		}
	}
}

// Credentials and tokens must never cross a network in clear text.
func TestAccConsoleRefusesPlainHTTP(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
provider "iamv2" {
  catalog_source  = "console"
  signin_endpoint = "http://signin.example.com"
}
data "iamv2_services" "all" {}`,
			ExpectError: errorMatching(`sign-in endpoint "http://signin.example.com" must use https`),
		}},
	})
}

func TestAccServiceLinkedRoleTemplateDataSource(t *testing.T) {
	src, _ := consoleSource(t)
	const ds = "data.iamv2_service_linked_role_template.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_service_linked_role_template" "test" {
  service_name = "autoscaling.amazonaws.com"
}`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(ds, "role_name", "AWSServiceRoleForAutoScaling"),
				resource.TestCheckResourceAttr(ds, "path", "/aws-service-role/"),
				resource.TestMatchResourceAttr(ds, "trust_policy_json", errorMatching(`"Service":"autoscaling.amazonaws.com"`)),
				resource.TestCheckResourceAttr(ds, "permissions_policies.0.name", "AutoScalingServiceRolePolicy"),
				resource.TestMatchResourceAttr(ds, "permissions_policies.0.policy_json", errorMatching(`ec2:RunInstances`)),
				src.checkSource(ds),
			),
		}},
	})
}

func TestAccServiceLinkedRoleTemplateNeedsConsole(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      `data "iamv2_service_linked_role_template" "test" { service_name = "autoscaling.amazonaws.com" }`,
			ExpectError: errorMatching(`the provider's catalog source is "embedded": set catalog_source = "console"`),
		}},
	})
}

func TestAccConsoleProviderSettings(t *testing.T) {
	src, _ := consoleSource(t)
	for name, c := range map[string]struct{ setting, env, want string }{
		"timeout":      {`request_timeout = "soon"`, "", `request_timeout: request_timeout = "soon" is not a positive duration`},
		"retries":      {`max_retries = 99`, "", `max_retries: max_retries = 99: it must be a whole number from 0 to 20.`},
		"ttl from env": {``, "IAMV2_CONSOLE_CACHE_TTL=tomorrow", `cache_ttl: cache_ttl = "tomorrow" is not a positive duration such as "30s" or "24h" (from the IAMV2_CONSOLE_CACHE_TTL environment variable).`},
		"retries env":  {``, "IAMV2_CONSOLE_MAX_RETRIES=many", `max_retries: max_retries = "many" is not a number of retries (from the IAMV2_CONSOLE_MAX_RETRIES environment variable).`},
	} {
		t.Run(name, func(t *testing.T) {
			if k, v, ok := strings.Cut(c.env, "="); ok {
				t.Setenv(k, v)
			}
			provider := strings.Replace(src.provider, `catalog_source   = "console"`, `catalog_source   = "console"`+"\n  "+c.setting, 1)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      provider + `data "iamv2_services" "all" {}`,
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
