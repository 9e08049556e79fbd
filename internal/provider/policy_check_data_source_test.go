package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const checkDS = "data.iamv2_policy_check.test"

func TestAccPolicyCheckDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "iamv2_policy_check" "test" {
  check = "no_new_access"
  policy_document = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Read", Effect = "Allow", Action = ["s3:GetObject", "s3:DeleteObject"], Resource = "arn:aws:s3:::logs/*" }]
  })
  existing_policy_document = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "arn:aws:s3:::logs/*" }]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("result"), knownvalue.StringExact("FAIL")),
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("message"), knownvalue.StringExact("The new policy may grant access that the existing policy does not.")),
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("reasons"), knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"description":     knownvalue.StringExact(`the statement allows "s3:DeleteObject" on "arn:aws:s3:::logs/*", which no statement of the existing policy allows as broadly`),
						"statement_index": knownvalue.Int64Exact(0), "sid": knownvalue.StringExact("Read"), "path": knownvalue.StringExact("Statement[0]"),
					})})),
				},
			},
			{
				Config: `
data "iamv2_policy_check" "test" {
  check = "access_not_granted"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = ["iam:CreateUser", "iam:CreateAccessKey"], Resource = "*" },
    ]
  })
  access = [{ actions = ["iam:CreateUser"] }]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("result"), knownvalue.StringExact("PASS")),
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("reasons"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config: `
data "iamv2_policy_check" "test" {
  check         = "no_public_access"
  resource_type = "AWS::S3::Bucket"
  policy_document = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::site/*" }]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("result"), knownvalue.StringExact("FAIL")),
					statecheck.ExpectKnownValue(checkDS, tfjsonpath.New("reasons").AtSliceIndex(0).AtMapKey("sid"), knownvalue.StringExact("Public")),
				},
			},
		},
	})
}

func TestAccPolicyCheckBadInput(t *testing.T) {
	const doc = `policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] })`
	cases := []struct{ name, attrs, message string }{
		{"an unknown check", `check = "no_access"` + "\n" + doc, `check = "no_access": valid checks are "no_new_access", "access_not_granted", "no_public_access"`},
		{"no_new_access without the existing document", `check = "no_new_access"` + "\n" + doc, `the no_new_access check needs existing_policy_document`},
		{"an input of another check", `check = "no_public_access"` + "\n" + `resource_type = "AWS::S3::Bucket"` + "\n" + `access = [{ actions = ["s3:GetObject"] }]` + "\n" + doc, `access is for another check than no_public_access`},
		{"an unsupported resource type", `check = "no_public_access"` + "\n" + `resource_type = "AWS::S3::Bukket"` + "\n" + `policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:*", Resource = "*" }] })`, `resource type "AWS::S3::Bukket" is not one Access Analyzer checks`},
		{"an identity no_public_access", `check = "no_public_access"` + "\n" + `policy_type = "identity"` + "\n" + `resource_type = "AWS::S3::Bucket"` + "\n" + doc, `no_public_access checks resource policies`},
		{"an unknown action", `check = "access_not_granted"` + "\n" + `access = [{ actions = ["iam:CreateUsr"] }]` + "\n" + doc, `access[0].actions[0]: action "iam:CreateUsr"`},
		{"a resource that is not an ARN", `check = "access_not_granted"` + "\n" + `access = [{ resources = ["bucket"] }]` + "\n" + doc, `access[0].resources[0]: resource "bucket" is not an ARN`},
		{"a resource with a character IAM refuses", `check = "access_not_granted"` + "\n" + `access = [{ resources = ["arn:aws:s3:::b/\uE000"] }]` + "\n" + doc, `access[0].resources[0]: resource "arn:aws:s3:::b/\ue000" holds the character U+E000`},
		{"more than 100 actions", `check = "access_not_granted"` + "\n" + `access = [{ actions = [for i in range(101) : "s3:GetObject"] }]` + "\n" + doc, `access lists 101 actions and 0 resources; Access Analyzer takes at most 100 of each`},
		{"a document error by path", `check = "access_not_granted"` + "\n" + `access = [{ actions = ["s3:GetObject"] }]` + "\n" + `policy_document = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { DateLessThan = { "aws:CurrentTime" = "soon" } } }] })`, `policy_document: Statement[0].Condition.DateLessThan.aws:CurrentTime`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: "data \"iamv2_policy_check\" \"test\" {\n" + c.attrs + "\n}", ExpectError: errorMatching(c.message)}},
			})
		})
	}
}
