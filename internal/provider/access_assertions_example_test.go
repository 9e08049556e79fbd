package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

const accessAssertionsDir = "../../examples/access-assertions"

// accessAssertions is the example with one piece replaced, the way a
// change under review would replace it.
func accessAssertions(t *testing.T, from, to string) string {
	t.Helper()
	config := readExample(t, accessAssertionsDir)
	if strings.Count(config, from) != 1 {
		t.Fatalf("the example holds %q %d times, want once", from, strings.Count(config, from))
	}
	return strings.Replace(config, from, to, 1)
}

func TestAccAccessAssertionsExamplePasses(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: readExample(t, accessAssertionsDir),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("deployer_create_user", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("explicit_deny by permissions_boundary"),
				})),
				statecheck.ExpectKnownOutputValue("reader_update", knownvalue.StringExact("PASS")),
			},
		}},
	})
}

// A boundary without its Deny lets the deployer create users: the
// postcondition fails the plan and names the requests.
func TestAccAccessAssertionsExampleBoundaryFails(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      accessAssertions(t, `{ Sid = "NoNewIdentities", Effect = "Deny"`, `{ Sid = "NoNewIdentities", Effect = "Allow"`),
			ExpectError: errorMatching(`The deployer boundary must stop iam:CreateUser: * is allowed by identity;`),
		}},
	})
}

// A policy update that adds s3:PutObject fails the plan.
func TestAccAccessAssertionsExampleNewAccessFails(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:      accessAssertions(t, `Action    = ["s3:GetObject", "s3:ListBucket"]`, `Action    = ["s3:GetObject", "s3:ListBucket", "s3:PutObject"]`),
			ExpectError: errorMatching(`The next reader policy grants new access: Statement[0]: the statement allows "s3:PutObject"`),
		}},
	})
}

// A bucket policy opened to everyone fails the check block; the original passes.
func TestAccAccessAssertionsExamplePublicBucketFails(t *testing.T) {
	testCheckBlock(t, "site_bucket_not_public",
		accessAssertions(t, `Principal = { Service = "cloudfront.amazonaws.com" }`+"\n      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::example-site/*\"\n      Condition = { StringEquals = { \"aws:SourceAccount\" = local.account } }",
			`Principal = "*"`+"\n      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::example-site/*\""),
		readExample(t, accessAssertionsDir),
		"The site bucket policy may be public: Statement[0]: the statement allows \"s3:GetObject\" to anyone")
}

// The documentation examples of the simulation, the check and is_allowed
// give the answers their comments say.
func TestAccEvaluatorDocExamples(t *testing.T) {
	cases := []struct {
		dir      string
		function bool
		outputs  map[string]knownvalue.Check
	}{
		{"data-sources/iamv2_policy_simulation", false, map[string]knownvalue.Check{
			"app_can_read": knownvalue.Bool(true), "app_cannot_delete": knownvalue.Bool(true),
		}},
		{"data-sources/iamv2_policy_check", false, map[string]knownvalue.Check{"boundary_check": knownvalue.StringExact("PASS")}},
		{"functions/is_allowed", true, map[string]knownvalue.Check{"reads_reports": knownvalue.Bool(true), "reads_private": knownvalue.Bool(false)}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			var checks []statecheck.StateCheck
			for name, want := range c.outputs {
				checks = append(checks, statecheck.ExpectKnownOutputValue(name, want))
			}
			tc := resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: readExample(t, "../../examples/"+c.dir), ConfigStateChecks: checks}},
			}
			if c.function {
				tc.TerraformVersionChecks = functionCLIs
			}
			resource.UnitTest(t, tc)
		})
	}
}
