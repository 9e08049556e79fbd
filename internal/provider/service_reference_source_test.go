package provider

import (
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// fiftyOverThree is a configuration of 50 data sources over 3 services.
func fiftyOverThree(provider string) string {
	var config strings.Builder
	config.WriteString(provider)
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&config, "data \"iamv2_service_actions\" \"s%d\" {\n  service = %q\n  access_levels = [\"List\"]\n}\n",
			i, []string{"s3", "ec2", "cloudtrail"}[i%3])
	}
	return config.String()
}

// A plan of 50 data sources over 3 services asks for the index once and
// each service once, and every later Terraform command of the test, its
// disk cache fresh, asks for nothing. Each request names the provider.
func TestAccServiceReferenceRequestsOncePerDocument(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fiftyOverThree(src.provider),
			Check:  src.checkSource("data.iamv2_service_actions.s49"),
		}},
	})
	st := fake.Stats()
	if st.Index != 1 || st.Requests != 4 || len(st.Services) != 3 {
		t.Errorf("%v; want 1 index and 3 service requests over every command", st)
	}
	if st.UserAgents["terraform-provider-iamv2/test"] != st.Requests {
		t.Errorf("User-Agents %v", st.UserAgents)
	}
}

// fiftyPoliciesOverThree is 50 policy data sources (expansions, summaries,
// simulations and checks) whose action patterns name 3 services.
func fiftyPoliciesOverThree(provider string) string {
	var config strings.Builder
	config.WriteString(provider)
	for i := 0; i < 50; i++ {
		svc := []string{"s3", "ec2", "cloudtrail"}[i%3]
		action := map[string]string{"s3": "s3:GetObject", "ec2": "ec2:DescribeInstances", "cloudtrail": "cloudtrail:LookupEvents"}[svc]
		doc := fmt.Sprintf(`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["%s:Get*", "%s"], Resource = "*" }] })`, svc, action)
		switch i % 4 {
		case 0:
			fmt.Fprintf(&config, "data \"iamv2_policy_expansion\" \"p%d\" {\n  policy = %s\n}\n", i, doc)
		case 1:
			fmt.Fprintf(&config, "data \"iamv2_policy_summary\" \"p%d\" {\n  policy = %s\n}\n", i, doc)
		case 2:
			fmt.Fprintf(&config, "data \"iamv2_policy_simulation\" \"p%d\" {\n  principal_arn = \"arn:aws:iam::111122223333:user/alice\"\n"+
				"  identity_policies = [%s]\n  requests = [{ actions = [%q] }]\n}\n", i, doc, action)
		case 3:
			fmt.Fprintf(&config, "data \"iamv2_policy_check\" \"p%d\" {\n  check = \"access_not_granted\"\n  policy_document = %s\n"+
				"  access = [{ actions = [%q] }]\n}\n", i, doc, action)
		}
	}
	return config.String()
}

// The policy data sources read the services their action patterns name,
// not the whole reference: 50 of them over 3 services ask for the index
// once and each service once, as the catalog queries do, and a broken
// document of another service does not fail them.
func TestAccServiceReferencePolicyDataSourcesReadOnlyTheServicesNamed(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	fake.Fail("a2c", 1, srfake.Malformed) // a service no policy names cannot fail them
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fiftyPoliciesOverThree(src.provider),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_policy_expansion.p0", tfjsonpath.New("allowed_actions"), knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("s3:GetAccelerateConfiguration")})),
				statecheck.ExpectKnownValue("data.iamv2_policy_simulation.p2", tfjsonpath.New("all_allowed"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.iamv2_policy_check.p3", tfjsonpath.New("result"), knownvalue.StringExact("FAIL")),
				statecheck.ExpectKnownValue("data.iamv2_policy_summary.p49", tfjsonpath.New("source"), knownvalue.StringExact("service_reference")),
			},
		}},
	})
	st := fake.Stats()
	if st.Index != 1 || st.Requests != 4 || len(st.Services) != 3 {
		t.Errorf("%v; want 1 index and 3 service requests over every command", st)
	}
}

// A permission boundary whose patterns stay within its services
// (cross_service = false, no word-mode statistics) reads those services,
// and iam for its delegation guard, and writes the document it writes
// over the embedded snapshot; with the defaults it reads every service,
// since cross-service patterns are judged over all of them.
func TestAccServiceReferenceBoundaryReadsOnlyTheServicesNamed(t *testing.T) {
	const boundary = `
data "iamv2_permission_boundary" "team" {
  services         = ["s3", "sqs"]
  cross_service    = false
  wildcards        = "prefix"
  exclude          = ["s3:GetObjectTorrent"]
  statements       = jsonencode([{ Effect = "Deny", Action = "kms:Decrypt", Resource = "*" }])
  delegation_guard = { boundary_policy_arn = "arn:aws:iam::123456789012:policy/TeamBoundary" }
}`
	var embeddedDocument string
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: boundary,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_permission_boundary.team", tfjsonpath.New("source"), knownvalue.StringExact("embedded")),
				statecheck.ExpectKnownValue("data.iamv2_permission_boundary.team", tfjsonpath.New("policy_json"), knownvalue.StringFunc(func(v string) error {
					embeddedDocument = v
					return nil
				})),
			},
		}},
	})
	src, fake := serviceReferenceSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + boundary,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_permission_boundary.team", tfjsonpath.New("policy_json"), knownvalue.StringFunc(func(v string) error {
					if v != embeddedDocument {
						return fmt.Errorf("the service reference's boundary differs from the embedded one:\n%s\n%s", v, embeddedDocument)
					}
					return nil
				})),
			},
		}},
	})
	if st := fake.Stats(); st.Index != 1 || st.Requests != 5 || len(st.Services) != 4 {
		t.Errorf("%v; want the index, s3, sqs, kms and iam", st)
	}
}

// A boundary's statements are checked with the services of their condition
// keys read too, so a key of a service the boundary does not grant is
// refused for what it is, a key the statement's actions never carry, as
// over the embedded snapshot; not as a key no service defines.
func TestAccServiceReferenceBoundaryReadsTheServicesOfConditionKeys(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_permission_boundary" "team" {
  services      = ["s3"]
  cross_service = false
  wildcards     = "prefix"
  statements = jsonencode([{
    Effect = "Deny", Action = "kms:Decrypt", Resource = "*",
    Condition = { StringEquals = { "ec2:ResourceTag/team" = "a" } }
  }])
}`,
			ExpectError: errorMatching(`is defined only by "ec2"`),
		}},
	})
	if st := fake.Stats(); len(st.Services) != 3 {
		t.Errorf("%v; want s3, kms and ec2", st)
	}
}

// Statements that do not parse are refused without reading every service
// for them: the boundary reads the services it names, then says what is
// wrong with the statements.
func TestAccServiceReferenceBoundaryWithBadStatementsReadsOnlyItsServices(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_permission_boundary" "team" {
  services      = ["s3"]
  cross_service = false
  wildcards     = "prefix"
  statements    = "[{\"Effect\": \"Allow\","
}`,
			ExpectError: errorMatching(`statements is not JSON`),
		}},
	})
	if st := fake.Stats(); len(st.Services) != 1 || st.Services["s3"] != 1 {
		t.Errorf("%v; want s3's document alone", st)
	}
}

// With the cache stale at once, later commands revalidate and get 304:
// nothing is downloaded twice.
func TestAccServiceReferenceRevalidatesWith304(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	provider := strings.Replace(src.provider, "cache_dir", "cache_ttl = \"1ns\"\n  cache_dir", 1)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fiftyOverThree(provider),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_service_actions.s2", tfjsonpath.New("service"), knownvalue.StringExact("cloudtrail")),
			},
		}},
	})
	st := fake.Stats()
	if st.Downloads() != 4 || st.NotModified == 0 {
		t.Errorf("%v; want 4 downloads, then only 304s", st)
	}
}

// The endpoint going down: with a warm cache the plan goes on from it
// (the warning naming the cache's age is checked in the package's tests);
// with a cold one it is an error naming the endpoint and its variable.
func TestAccServiceReferenceEndpointDown(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	provider := strings.Replace(src.provider, "cache_dir", "cache_ttl   = \"1ns\"\n  max_retries = 0\n  cache_dir", 1)
	config := provider + `data "iamv2_service" "s3" { service = "s3" }`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: fake.Stop,
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.iamv2_service.s3", tfjsonpath.New("name"), knownvalue.StringExact("Amazon S3")),
					statecheck.ExpectKnownValue("data.iamv2_service.s3", tfjsonpath.New("actions"), knownvalue.ListSizeExact(180)),
				},
			},
		},
	})
	cold := srfake.New(t)
	cold.Stop()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "iamv2" {
  catalog_source             = "service_reference"
  service_reference_endpoint = %q
  max_retries                = 0
  cache_dir                  = %q
}
data "iamv2_services" "all" {}`, cold.URL(), t.TempDir()),
			ExpectError: errorMatching(fmt.Sprintf(`the endpoint %s could not be reached`, cold.URL())),
		}},
	})
}

// An endpoint that accepts connections and never answers holds a plan for
// the total wait, not for attempts × request_timeout per document; the
// error names the endpoint and the wait.
func TestAccServiceReferenceTotalWait(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan net.Conn, 64)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held <- c // never answered
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		for len(held) > 0 {
			_ = (<-held).Close()
		}
	})
	endpoint := "http://" + ln.Addr().String()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "iamv2" {
  catalog_source             = "service_reference"
  service_reference_endpoint = %q
  total_wait                 = "1s"
  cache_dir                  = ""
}
data "iamv2_service" "s3" { service = "s3" }
data "iamv2_service" "ec2" { service = "ec2" }`, endpoint),
			ExpectError: errorMatching(fmt.Sprintf(`the endpoint %s could not be reached (no answer within the total wait of 1s for the endpoint)`, endpoint)),
		}},
	})
}

func TestAccServiceReferenceBadSettings(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	for name, c := range map[string]struct{ setting, env, want string }{
		"plain http": {`service_reference_endpoint = "http://servicereference.example.com"`, "",
			`service_reference_endpoint: service reference endpoint "http://servicereference.example.com" must use https.`},
		"not a URL": {`service_reference_endpoint = "servicereference"`, "",
			`service_reference_endpoint: service reference endpoint "servicereference" is not a base URL such as https://host.`},
		"endpoint from env":   {``, "IAMV2_SERVICE_REFERENCE_ENDPOINT=http://10.0.0.1", `must use https (from the IAMV2_SERVICE_REFERENCE_ENDPOINT environment variable).`},
		"cache_ttl":           {`cache_ttl = "a day"`, "", `cache_ttl: cache_ttl = "a day" is not a positive duration such as "30s" or "24h".`},
		"request_timeout":     {`request_timeout = "-1s"`, "", `request_timeout: request_timeout = "-1s" is not a positive duration`},
		"total_wait":          {`total_wait = "forever"`, "", `total_wait: total_wait = "forever" is not a positive duration`},
		"total_wait from env": {``, "IAMV2_TOTAL_WAIT=0s", `total_wait = "0s" is not a positive duration such as "30s" or "24h" (from the IAMV2_TOTAL_WAIT environment variable).`},
	} {
		t.Run(name, func(t *testing.T) {
			provider := src.provider
			if k, v, ok := strings.Cut(c.env, "="); ok {
				t.Setenv(k, v)
				provider = "provider \"iamv2\" {\n  catalog_source = \"service_reference\"\n}\n"
			} else {
				provider = strings.Replace(provider, "cache_dir", c.setting+"\n  cache_dir", 1)
				if strings.HasPrefix(c.setting, "service_reference_endpoint") {
					provider = strings.Replace(provider, "service_reference_endpoint =", "# endpoint replaced:", 1)
				}
			}
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

// Bad answers are errors, never a smaller catalog.
func TestAccServiceReferenceBadAnswers(t *testing.T) {
	for name, c := range map[string]struct {
		fault srfake.Fault
		want  string
	}{
		"malformed JSON": {srfake.Malformed, `malformed JSON`},
		"Name mismatch":  {srfake.NameMismatch, `the document for "s3" is named "s3-other"`},
		"oversized":      {srfake.Oversized, `exceeds 8 MiB`},
	} {
		t.Run(name, func(t *testing.T) {
			src, fake := serviceReferenceSource(t)
			fake.Fail("s3", 1, c.fault)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      src.provider + `data "iamv2_service" "s3" { service = "s3" }`,
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
	src, _ := serviceReferenceSource(t, srfake.WithIndexOf("s3", "ec2", "iam"))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      src.provider + `data "iamv2_services" "all" {}`,
			ExpectError: errorMatching(`lists 3 services where the embedded catalog`),
		}},
	})
}
