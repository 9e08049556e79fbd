package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccPolicyExpansionDataSource(t *testing.T) {
	const ds = "data.iamv2_policy_expansion.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "iamv2_policy_expansion" "test" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["cloudtrail:De*", "cloudtrail:describetrails", "cloudtrail:GetTrail?tatus"]
      Resource = "*"
    }]
  })
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "allowed_actions.#", "10"),
					resource.TestCheckResourceAttr(ds, "allowed_actions.7", "cloudtrail:DescribeQuery"),
					resource.TestCheckResourceAttr(ds, "allowed_actions.8", "cloudtrail:DescribeTrails"),
					resource.TestCheckResourceAttr(ds, "allowed_actions.9", "cloudtrail:GetTrailStatus"),
					resource.TestCheckResourceAttr(ds, "is_read_only", "false"),
					resource.TestCheckResourceAttr(ds, "access_level_counts.Write", "7"),
					resource.TestCheckResourceAttr(ds, "access_level_counts.Read", "3"),
					resource.TestCheckResourceAttr(ds, "non_read_only_actions.#", "7"),
					resource.TestCheckResourceAttr(ds, "statements.0.sid", "Read"),
					resource.TestCheckResourceAttr(ds, "statements.0.effect", "Allow"),
					resource.TestCheckResourceAttr(ds, "statements.0.actions.%", "10"),
					resource.TestCheckResourceAttr(ds, "statements.0.actions.cloudtrail:GetTrailStatus", "Read"),
					resource.TestCheckResourceAttr(ds, "statements.0.actions.cloudtrail:DeleteTrail", "Write"),
					resource.TestCheckResourceAttr(ds, "service_summary.0.prefix", "cloudtrail"),
					resource.TestCheckResourceAttr(ds, "service_summary.0.full_access", "false"),
					resource.TestCheckResourceAttr(ds, "service_summary.0.summary", "Limited: Read, Write"),
					resource.TestCheckResourceAttr(ds, "service_summary.0.total_count", "66"),
				),
			},
			{
				// Everything but IAM, with a conditional Deny that only flags.
				Config: `
data "iamv2_policy_expansion" "test" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" },
      { Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*",
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } },
      { Effect = "Deny", Action = "ec2:*", Resource = "*" },
    ]
  })
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "statements.0.not_action", "true"),
					resource.TestCheckResourceAttr(ds, "statements.1.conditional", "true"),
					resource.TestCheckResourceAttr(ds, "conditionally_denied.#", "1"),
					resource.TestCheckResourceAttr(ds, "conditionally_denied.0", "s3:DeleteBucket"),
					resource.TestCheckTypeSetElemAttr(ds, "allowed_actions.*", "s3:DeleteBucket"),
					checkNoElement(ds, "allowed_actions", "iam:PassRole"),
					checkNoElement(ds, "allowed_actions", "ec2:RunInstances"),
					resource.TestCheckTypeSetElemNestedAttrs(ds, "service_summary.*", map[string]string{
						"prefix": "s3", "full_access": "true", "summary": "Full access",
					}),
				),
			},
		},
	})
}

// A postcondition turns "this policy must be read-only" into a failed plan.
func TestAccPolicyExpansionPostconditionBlocksPlan(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_policy_expansion" "boundary" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:Get*", "s3:PutObject"], Resource = "*" }]
  })
  lifecycle {
    postcondition {
      condition     = self.is_read_only
      error_message = "The boundary allows changes: ${join(", ", self.non_read_only_actions)}."
    }
  }
}`,
			ExpectError: errorMatching(`The boundary allows changes: s3:PutObject.`),
		}},
	})
}

// A check block fails, on every plan, when the policy allows a Write
// action, and passes once the policy is read-only. Terraform reports the
// failure as a warning and leaves blocking to postconditions.
func TestAccPolicyExpansionCheckBlock(t *testing.T) {
	config := func(actions string) string {
		return `
data "iamv2_policy_expansion" "boundary" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ` + actions + `, Resource = "*" }]
  })
}
check "boundary_is_read_only" {
  assert {
    condition     = lookup(data.iamv2_policy_expansion.boundary.access_level_counts, "Write", 0) == 0
    error_message = "The boundary allows Write actions: ${join(", ", data.iamv2_policy_expansion.boundary.non_read_only_actions)}."
  }
}`
	}
	testCheckBlock(t, "boundary_is_read_only",
		config(`["s3:Get*", "s3:PutObject"]`), config(`["s3:Get*", "s3:List*"]`),
		"The boundary allows Write actions: s3:PutObject.")
}

func TestAccPolicyExpansionBadInput(t *testing.T) {
	for name, c := range map[string]struct{ policy, extra, want string }{
		"empty":            {`""`, "", `policy: the document is empty or only whitespace; expected a JSON object`},
		"invalid json":     {`"{\"Version\": \"2012-10-17\",\n \"Statement\": ["`, "", `policy: Statement[0]: line 2, column 16: unexpected end of input, expected a value`},
		"lowercase":        {`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", action = "s3:GetObject", Resource = "*" }] })`, "", `policy: Statement[0].action: write "Action", not "action"`},
		"duplicate keys":   {`"{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}"`, "", `policy: Statement.Effect: line 1, column 55: key "Effect" appears twice in the same object`},
		"effect case":      {`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "allow", Action = "s3:GetObject", Resource = "*" }] })`, "", `policy: Statement[0].Effect: Effect is "allow"; it is case-sensitive: write "Allow" or "Deny"`},
		"action number":    {`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", 7], Resource = "*" }] })`, "", `policy: Statement[0].Action[1]: every value of Action must be a string, got the number 7`},
		"two colons":       {`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:Get:Object"], Resource = "*" }] })`, "", `policy: Statement[0].Action[0]: action pattern "s3:Get:Object" has 2 colons`},
		"unknown as error": {`jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObjct"], Resource = "*" }] })`, `unknown_actions = "error"`, `policy: Statement[0].Action[0]: "s3:GetObjct" names no known action: service "s3" has no action "GetObjct"; did you mean "s3:GetObject"?`},
		"bad mode":         {`jsonencode({ Version = "2012-10-17", Statement = [] })`, `unknown_actions = "loud"`, `unknown_actions: unknown_actions = "loud": valid values are "warn", "error", "ignore".`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"iamv2_policy_expansion\" \"bad\" {\npolicy = " + c.policy + "\n" + c.extra + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
