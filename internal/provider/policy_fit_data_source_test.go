package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const fitDS = "data.iamv2_policy_fit.test"

func TestAccPolicyFitDataSource(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// Two statements of one scope merge, their Sids go, and a name
				// a wildcard of the same statement matches is dropped.
				Config: `
data "iamv2_policy_fit" "test" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = ["s3:Get*", "s3:GetObject"], Resource = "arn:aws:s3:::logs/*" },
      { Sid = "Write", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::logs/*" },
    ]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("documents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:PutObject"],"Resource":"arn:aws:s3:::logs/*"}]}`),
					})),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("char_counts"), knownvalue.ListExact([]knownvalue.Check{knownvalue.Int64Exact(126)})),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("original_char_count"), knownvalue.Int64Exact(229)),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("applied_limit"), knownvalue.Int64Exact(6144)),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("changes"), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"statements_in": knownvalue.Int64Exact(2), "statements_out": knownvalue.Int64Exact(1),
						"statements_merged": knownvalue.Int64Exact(1), "actions_covered": knownvalue.Int64Exact(1),
						"sids_removed": knownvalue.Int64Exact(2), "deny_kept": knownvalue.Bool(false), "rewritten": knownvalue.Bool(true),
					})),
				},
			},
			{
				// A role's two inline policies become one, counted against the
				// role's total of 10,240 characters.
				Config: `
data "iamv2_policy_fit" "test" {
  kind = "inline_role"
  policies = [
    jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] }),
    jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "*" }] }),
  ]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("documents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:ReceiveMessage","sqs:SendMessage"],"Resource":"*"}]}`),
					})),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("applied_limit"), knownvalue.Int64Exact(10240)),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("original_char_count"), knownvalue.Int64Exact(201)),
				},
			},
			{
				// Under a limit of 200, the statements of different resources
				// go to two documents, each within it.
				Config: `
data "iamv2_policy_fit" "test" {
  limit         = 200
  max_documents = 2
  keep_sids     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Logs", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::logs-bucket-of-the-team/*" },
      { Sid = "Data", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::data-bucket-of-the-team/*" },
    ]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("documents"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(`{"Version":"2012-10-17","Statement":[{"Sid":"Logs","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs-bucket-of-the-team/*"}]}`),
						knownvalue.StringExact(`{"Version":"2012-10-17","Statement":[{"Sid":"Data","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::data-bucket-of-the-team/*"}]}`),
					})),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("char_counts"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.Int64Exact(146), knownvalue.Int64Exact(146),
					})),
					statecheck.ExpectKnownValue(fitDS, tfjsonpath.New("applied_limit"), knownvalue.Int64Exact(200)),
				},
			},
		},
	})
}

func TestAccPolicyFitBadInput(t *testing.T) {
	const doc = `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })`
	big := `jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListBucket", ` +
		`Resource = [for i in range(400) : "arn:aws:s3:::a-bucket-with-a-rather-long-name-${i}"] }] })`
	cases := []struct{ name, attrs, message string }{
		{"both policy and policies", "policy = " + doc + "\npolicies = [" + doc + "]", `policies: set policy or policies, not both`},
		{"neither policy nor policies", `kind = "managed"`, `policy: set policy to a JSON document, or policies to a list of them`},
		{"an empty policies list", `policies = []`, `policies: policies is empty`},
		{"a null document in policies", "policies = [" + doc + ", null]", `policies[1]`},
		{"an unknown kind", "policy = " + doc + "\n" + `kind = "bucket"`, `kind: Unknown policy kind "bucket": valid kinds are "managed"`},
		{"an unknown wildcards mode", "policy = " + doc + "\n" + `wildcards = "all"`, `wildcards: Unknown wildcards mode "all"`},
		{"max_documents below 1", "policy = " + doc + "\n" + `max_documents = 0`, `max_documents: max_documents is 0; it must be from 1 to 1000`},
		{"a limit below 100", "policy = " + doc + "\n" + `limit = 5`, `limit: limit is 5; it must be from 100`},
		{"a trust policy in two documents", "policy = " + doc + "\n" + `kind = "trust"` + "\n" + `max_documents = 2`, `max_documents: A trust policy is one document, since AWS attaches only one, and max_documents is 2`},
		{"documents of different versions", "policies = [" + doc + `, jsonencode({ Version = "2008-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })]`, `policies: Document 1 has Version "2008-10-17"`},
		{"a document error by path", "policies = [" + doc + `, jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3", Resource = "*" }] })]`, `policies[1]: Statement[0].Action`},
		{"a policy too large gives the smallest size reached", "policy = " + big, `the smallest size reached is`},
		{"policies too large together are named as a whole", "kind = \"inline_user\"\npolicies = [" + doc + ", " + big + "]", `policies: The inline_user limit of 2048 applies to all`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: "data \"iamv2_policy_fit\" \"test\" {\n" + c.attrs + "\n}", ExpectError: errorMatching(c.message)}},
			})
		})
	}
}
