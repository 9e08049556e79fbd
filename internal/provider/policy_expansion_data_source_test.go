package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const cloudtrailDePolicy = `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["cloudtrail:De*", "cloudtrail:describetrails", "cloudtrail:GetTrail?tatus"]
      Resource = "*"
    }]
  })`

func TestAccPolicyExpansionDataSource(t *testing.T) {
	const ds = "data.iamv2_policy_expansion.test"
	statement := tfjsonpath.New("statements").AtSliceIndex(0)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `data "iamv2_policy_expansion" "test" { policy = ` + cloudtrailDePolicy + ` }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("allowed_actions"), knownvalue.ListSizeExact(10)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("allowed_actions").AtSliceIndex(8), knownvalue.StringExact("cloudtrail:DescribeTrails")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("allowed_actions").AtSliceIndex(9), knownvalue.StringExact("cloudtrail:GetTrailStatus")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("is_read_only"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("access_level_counts"), knownLevelCounts(0, 3, 7, 0, 0)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("non_read_only_actions"), knownvalue.ListSizeExact(7)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("sid"), knownvalue.StringExact("Read")),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("effect"), knownvalue.StringExact("Allow")),
					// By default a statement reports counts and patterns, not its actions.
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("action_count"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("access_level_counts"), knownLevelCounts(0, 3, 7, 0, 0)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("patterns"), knownStrings("cloudtrail:De*", "cloudtrail:describetrails", "cloudtrail:GetTrail?tatus")),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("compacted_actions"), knownStrings("cloudtrail:De*", "cloudtrail:GetTrail?tatus", "cloudtrail:describetrails")),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("actions"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("service_summary").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"prefix": knownvalue.StringExact("cloudtrail"), "full_access": knownvalue.Bool(false),
						"summary": knownvalue.StringExact("Limited: Read, Write"), "total_count": knownvalue.Int64Exact(66),
					})),
				},
			},
			{
				Config: `data "iamv2_policy_expansion" "test" {
  policy           = ` + cloudtrailDePolicy + `
  statement_detail = "actions"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("actions"), knownvalue.MapSizeExact(10)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("actions"), knownvalue.MapPartial(map[string]knownvalue.Check{
						"cloudtrail:GetTrailStatus": knownvalue.StringExact("Read"),
						"cloudtrail:DeleteTrail":    knownvalue.StringExact("Write"),
					})),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("action_count"), knownvalue.Int64Exact(10)),
				},
			},
			{
				// Everything but IAM, with a conditional Deny that only flags.
				Config: `
data "iamv2_policy_expansion" "test" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", NotAction = ["organizations:*", "iam:*"], Resource = "*" },
      { Effect = "Deny", Action = "s3:DeleteBucket", Resource = "*",
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } },
      { Effect = "Deny", Action = "ec2:*", Resource = "*" },
    ]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("not_action"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("action_count"), knownvalue.Int64Exact(21838)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("access_level_counts"), knownLevelCounts(3659, 5825, 11256, 397, 701)),
					statecheck.ExpectKnownValue(ds, statement.AtMapKey("compacted_actions"), knownStrings("iam:*", "organizations:*")),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("statements").AtSliceIndex(1).AtMapKey("conditional"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("conditionally_denied"), knownStrings("s3:DeleteBucket")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
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

// Asking for every statement's actions of a document whose statements each
// apply to every action would put millions of values in the plan: the read
// fails with the attribute, the count and the option that avoids it, and
// the default plans the same document.
func TestAccPolicyExpansionOutputBudget(t *testing.T) {
	config := func(detail string) string {
		return `
data "iamv2_policy_expansion" "big" {
  policy           = jsonencode({ Version = "2012-10-17", Statement = [for i in range(12) : { Effect = "Allow", Action = "*", Resource = "*" }] })
  statement_detail = "` + detail + `"
}`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config("actions"),
				ExpectError: regexp.MustCompile(errorMatching(`Result too large to plan`).String() + `(?s:.*)` +
					errorMatching(`statements[*].actions would hold 265,092 values, and the whole result`).String() + `(?s:.*)` +
					errorMatching(`over the 250,000 values a data source may return, since Terraform carries each one `+
						`through plan and state. To ask for less, set statement_detail = "summary" (the default)`).String()),
			},
			{
				Config: config("summary"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.iamv2_policy_expansion.big", tfjsonpath.New("statements"), knownvalue.ListSizeExact(12)),
					statecheck.ExpectKnownValue("data.iamv2_policy_expansion.big", tfjsonpath.New("statements").AtSliceIndex(11).AtMapKey("action_count"), knownvalue.Int64Exact(22091)),
					statecheck.ExpectKnownValue("data.iamv2_policy_expansion.big", tfjsonpath.New("statements").AtSliceIndex(11).AtMapKey("compacted_actions"), knownStrings("*")),
					statecheck.ExpectKnownValue("data.iamv2_policy_expansion.big", tfjsonpath.New("allowed_actions"), knownvalue.ListSizeExact(22091)),
				},
			},
		},
	})
}

// levelCounts checks an access_level_counts map in full.
func knownLevelCounts(list, read, write, pm, tagging int64) knownvalue.Check {
	return knownvalue.MapExact(map[string]knownvalue.Check{
		"List": knownvalue.Int64Exact(list), "Read": knownvalue.Int64Exact(read), "Write": knownvalue.Int64Exact(write),
		"Permissions management": knownvalue.Int64Exact(pm), "Tagging": knownvalue.Int64Exact(tagging),
	})
}

// stringList checks a list of strings in full, in order.
func knownStrings(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
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
		"bad detail":       {`jsonencode({ Version = "2012-10-17", Statement = [] })`, `statement_detail = "all"`, `statement_detail: statement_detail = "all": valid values are "summary", "actions".`},
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
