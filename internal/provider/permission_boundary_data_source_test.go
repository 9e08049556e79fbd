package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPermissionBoundaryDataSource(t *testing.T) {
	const ds = "data.iamv2_permission_boundary.test"
	attr := func(name string, v knownvalue.Check) statecheck.StateCheck {
		return statecheck.ExpectKnownValue(ds, tfjsonpath.New(name), v)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// Every service, List and Read: 97.1% in one document, the
				// rest listed, no other action granted; the cross-service
				// wildcards are the root families, each with its evidence.
				Config: `data "iamv2_permission_boundary" "test" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					attr("target_count", knownvalue.Int64Exact(9590)),
					attr("coverage", knownvalue.Float64Exact(0.9709)),
					attr("char_count", knownvalue.Int64Exact(6121)),
					attr("granted_actions", knownvalue.Null()),
					attr("ungranted_actions", knownvalue.ListSizeExact(279)),
					attr("allow_patterns", knownvalue.ListPartial(map[int]knownvalue.Check{
						0: knownvalue.StringExact("*:Describe*"), 1: knownvalue.StringExact("*:Get*"), 2: knownvalue.StringExact("*:List*"),
					})),
					attr("deny_patterns", knownvalue.SetPartial([]knownvalue.Check{
						knownvalue.StringExact("*:Get*Credential*"), knownvalue.StringExact("*:Get*Password*"), knownvalue.StringExact("*:Get*Token*"),
					})),
					attr("future_exposure", knownvalue.ListPartial(map[int]knownvalue.Check{
						1: knownvalue.ObjectExact(map[string]knownvalue.Check{
							"pattern":            knownvalue.StringExact("*:Get*"),
							"actions":            knownvalue.Int64Exact(3310),
							"services":           knownvalue.Int64Exact(379),
							"non_target_share":   knownvalue.Float64Exact(0.016),
						}),
					})),
				},
			},
			{
				// A team: every List and Read action but those that read
				// secrets and objects, two Write actions, and the guard.
				Config: `
data "iamv2_permission_boundary" "test" {
  services = ["ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"]
  exclude  = ["s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"]
  required = ["iam", "kms"]
  list_granted_actions = true
  statements = jsonencode([{ Sid = "Deploy", Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"], Resource = "*" }])
  delegation_guard = {
    boundary_policy_arn = "arn:aws:iam::123456789012:policy/TeamBoundary"
  }
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					attr("coverage", knownvalue.Float64Exact(1)),
					attr("target_count", knownvalue.Int64Exact(661)),
					attr("ungranted_actions", knownvalue.ListExact([]knownvalue.Check{})),
					attr("granted_actions", knownvalue.ListSizeExact(661+2+4)),
					attr("policy_json", knownvalue.StringRegexp(regexp.MustCompile(
						`\{"Action":\["lambda:UpdateFunctionCode","lambda:PublishVersion"\],"Effect":"Allow","Resource":"\*","Sid":"Deploy"\},`+
							`\{"Sid":"CreateOrChangeOnlyWithBoundary","Effect":"Allow","Action":\["iam:CreateRole","iam:CreateUser",`+
							`"iam:PutRolePermissionsBoundary","iam:PutUserPermissionsBoundary"\],"Resource":"\*","Condition":\{"StringEquals":`+
							`\{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/TeamBoundary"\}\}\}`))),
				},
			},
			{
				// Per service only: no pattern names every service.
				Config: `
data "iamv2_permission_boundary" "test" {
  services      = ["cloudtrail", "sqs"]
  cross_service = false
  wildcards     = "prefix"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					attr("coverage", knownvalue.Float64Exact(1)),
					attr("allow_patterns", knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("cloudtrail:Des*"), knownvalue.StringExact("cloudtrail:GenerateQueryR*"),
						knownvalue.StringExact("cloudtrail:Get*"), knownvalue.StringExact("cloudtrail:L*"), knownvalue.StringExact("cloudtrail:Se*"),
						knownvalue.StringExact("sqs:G*"), knownvalue.StringExact("sqs:L*"), knownvalue.StringExact("sqs:Rec*"),
					})),
					attr("deny_patterns", knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

func TestAccPermissionBoundaryDataSourceBadInput(t *testing.T) {
	for name, c := range map[string]struct{ body, want string }{
		"statements not JSON":   {`statements = "[{\"Effect\": \"Allow\",]"`, `statements: invalid character ']' looking for beginning of object key string at character 21`},
		"statements not a list": {`statements = jsonencode("s3:PutObject")`, `statements: statements must be a JSON array of statement objects (or one object), got a string`},
		"a statement without Effect": {`statements = jsonencode([{ Action = "s3:PutObject", Resource = "*" }])`,
			`statements: statements[0]: the statement has no Effect`},
		"statements over the budget": {"services = [\"s3\"]\nmax_policy_chars = 100\n" + `statements = jsonencode([{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode", "lambda:PublishVersion"], Resource = "*" }])`,
			`statements: the statements alone need a document of 135 characters, but max_policy_chars is 100: set max_policy_chars to at least 135`},
		"required cannot fit": {"services = [\"ec2\"]\nrequired = [\"ec2\"]\nwildcards = \"none\"\nmax_policy_chars = 300",
			`required: the required actions, with the statements, need a document of`},
		"budget below the smallest document": {"services = [\"s3\"]\nmax_policy_chars = 60", `max_policy_chars: the smallest document granting one action, with the statements, need a document of`},
		"budget zero":                        {"max_policy_chars = 0", `max_policy_chars: max_policy_chars = 0: it must be a whole number from 1 to 20480.`},
		"no service":                         {"services = []", `services: services must name at least one service prefix`},
		"unknown service":                    {`services = ["ec2", "cloudtrial"]`, `services[1]: unknown service prefix "cloudtrial"; did you mean "cloudtrail"?`},
		"unknown level":                      {`access_levels = ["Lst"]`, `access_levels[0]: unknown access level "Lst"`},
		"bad wildcards":                      {`wildcards = "some"`, `wildcards: unknown wildcards mode "some"`},
		"required names no target":           {"services = [\"s3\"]\nrequired = [\"s3:PutObject\"]", `required[0]: "s3:PutObject" matches none of the actions`},
		"bad boundary ARN": {`delegation_guard = { boundary_policy_arn = "TeamBoundary" }`,
			`delegation_guard.boundary_policy_arn: "TeamBoundary" is not the ARN of a customer managed policy`},
		"bad guard path": {`delegation_guard = { boundary_policy_arn = "arn:aws:iam::123456789012:policy/B", path = "team" }`,
			`delegation_guard.path: path "team" is no IAM path`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"iamv2_permission_boundary\" \"bad\" {\n" + c.body + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
