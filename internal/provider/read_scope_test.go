package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPermissionBoundaryReadScope(t *testing.T) {
	const ds = "data.iamv2_permission_boundary.test"
	attr := func(name string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New(name), v)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// Every service, metadata only: every target action fits but
				// the six that vend credentials by name, which the credential
				// words deny, and the data-read patterns are denied outright.
				// The cross-service patterns are the root families; BatchGet
				// is none, so each service writes its own.
				Config: `
data "iamv2_permission_boundary" "test" {
  read_scope           = "metadata"
  list_granted_actions = true
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					attr("target_count", knownvalue.Int64Exact(8810)),
					attr("coverage", knownvalue.Float64Exact(0.9993)),
					attr("char_count", knownvalue.Int64Exact(3943)),
					attr("allow_patterns", knownvalue.ListSizeExact(43)),
					attr("allow_patterns", knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringExact("*:Describe*"), 1: knownvalue.StringExact("*:Get*"), 2: knownvalue.StringExact("*:List*"),
					})),
					attr("policy_json", knownvalue.StringRegexp(regexp.MustCompile(
						`\{"Effect":"Deny","Action":\["\*:\*LogEvents\*",[^\]]*"\*:\*SecretValue\*",[^\]]*"\*:GetObject\*",[^\]]*"\*:GetParameter\*"`))),
					attr("granted_actions", lacks("s3:GetObject")),
					attr("granted_actions", lacks("secretsmanager:GetSecretValue")),
					attr("granted_actions", lacks("ssm:GetParameter")),
				},
			},
			{
				// The caller's statement grants one bucket's objects: the
				// Deny leaves *:GetObject* out rather than take it back.
				Config: `
data "iamv2_permission_boundary" "test" {
  services             = ["s3"]
  read_scope           = "metadata"
  list_granted_actions = true
  statements           = jsonencode([{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::team-bucket/*" }])
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					attr("coverage", knownvalue.Float64Exact(1)),
					// Sorted, the Deny holds *:GetObject* between these two.
					attr("policy_json", knownvalue.StringRegexp(regexp.MustCompile(`"\*:GetMediaForFragmentList","\*:GetParameter\*"`))),
					attr("granted_actions", knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("s3:GetObject")})),
					attr("granted_actions", lacks("s3:GetObjectVersion")),
				},
			},
		},
	})
}

func TestAccReadonlyStatementReadScope(t *testing.T) {
	const ds = "data.iamv2_readonly_statement.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_readonly_statement" "test" {
  services   = ["secretsmanager", "ssm"]
  read_scope = "metadata"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				// No GetSecretValue, GetParameter*, GetDocument: ssm's Get
				// families are written one by one around them.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("actions"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("secretsmanager:Describe*"),
					knownvalue.StringExact("secretsmanager:GetResourcePolicy"),
					knownvalue.StringExact("secretsmanager:List*"),
					knownvalue.StringExact("ssm:Describe*"),
					knownvalue.StringExact("ssm:GetAutomation*"),
					knownvalue.StringExact("ssm:GetCalendar*"),
					knownvalue.StringExact("ssm:GetCloud*"),
					knownvalue.StringExact("ssm:GetCommand*"),
					knownvalue.StringExact("ssm:GetConnectionStatus"),
					knownvalue.StringExact("ssm:GetDefault*"),
					knownvalue.StringExact("ssm:GetDeployable*"),
					knownvalue.StringExact("ssm:GetExecution*"),
					knownvalue.StringExact("ssm:GetInventory*"),
					knownvalue.StringExact("ssm:GetMaintenance*"),
					knownvalue.StringExact("ssm:GetManifest"),
					knownvalue.StringExact("ssm:GetOps*"),
					knownvalue.StringExact("ssm:GetPatch*"),
					knownvalue.StringExact("ssm:GetResourcePolicies"),
					knownvalue.StringExact("ssm:GetService*"),
					knownvalue.StringExact("ssm:List*"),
				})),
			},
		}},
	})
}

func TestAccReadScopeBadInput(t *testing.T) {
	for name, c := range map[string]struct{ ds, body, want string }{
		"boundary, unknown value": {"iamv2_permission_boundary", `read_scope = "Metadata"`,
			`read_scope: read_scope "Metadata" is not one of "all" (every read, the default) or "metadata"`},
		"statement, unknown value": {"iamv2_readonly_statement", `read_scope = "data"`,
			`read_scope: read_scope "data" is not one of "all" (every read, the default) or "metadata"`},
		"boundary, the Deny over the budget": {"iamv2_permission_boundary", "read_scope = \"metadata\"\nmax_policy_chars = 500",
			`read_scope: read_scope = "metadata" adds a Deny statement of 1634 characters, so the document needs at least 1673, but max_policy_chars is 500: set max_policy_chars to at least 1673`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"" + c.ds + "\" \"bad\" {\n  services = [\"s3\"]\n  " + c.body + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
