package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
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
							"pattern":          knownvalue.StringExact("*:Get*"),
							"actions":          knownvalue.Int64Exact(3310),
							"services":         knownvalue.Int64Exact(379),
							"non_target_share": knownvalue.Float64Exact(0.016),
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
		"budget one, no statements":          {"services = [\"s3\"]\nmax_policy_chars = 1", `max_policy_chars: the Version and one statement granting one action need a document of`},
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
		"a Principal in statements": {`statements = jsonencode([{ Effect = "Allow", Principal = "*", Action = "s3:PutObject", Resource = "*" }])`,
			`statements: statements[0].Principal: Principal is only for resource policies; a permissions boundary applies to the principals it is attached to, so remove it (UNSUPPORTED_PRINCIPAL)`},
		"a Sid used twice in statements": {`statements = jsonencode([{ Sid = "Put", Effect = "Allow", Action = "s3:PutObject", Resource = "*" }, { Sid = "Put", Effect = "Allow", Action = "s3:PutObjectAcl", Resource = "*" }])`,
			`statements: statements[1].Sid: Sid "Put" is also the Sid of statements[0]; IAM requires each Sid of a permissions boundary to be unique: rename one (UNIQUE_SIDS_REQUIRED)`},
		"an unknown service in statements": {`statements = jsonencode([{ Effect = "Allow", Action = "s33:PutObject", Resource = "arn:aws:s3:::team-bucket/*" }])`,
			`statements: statements[0].Action: action "s33:PutObject": unknown service prefix "s33"; did you mean "s3" or "scn" or "sdb"?. If AWS added it after this catalog's data (embedded 0.21.202609261), a live catalog_source knows it (UNKNOWN_SERVICE)`},
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

// The user's scoped statements stay scoped (issue 18's reproducer): an
// administrator under the every-service boundary may read the team's queue,
// tagged parameter and bucket, and the same actions elsewhere are denied,
// since no generated pattern grants them on "*". Boundaries cap identity
// policies: a request must be allowed by both
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
func TestAccPermissionBoundaryKeepsScopedStatementsScoped(t *testing.T) {
	requests := []struct{ action, resource, context string }{
		{"sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:team-jobs", ""},
		{"sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:123456789012:payroll", ""},
		{"ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/db", `{ "aws:ResourceTag/team" = ["a"] }`},
		{"ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/db", `{ "aws:ResourceTag/team" = ["b"] }`},
		{"s3:GetObject", "arn:aws:s3:::team-bucket/report.csv", ""},
		{"s3:GetObject", "arn:aws:s3:::payroll/salaries.csv", ""},
		{"ec2:DescribeInstances", "*", ""},
	}
	want := []string{"allowed", "implicit_deny", "allowed", "implicit_deny", "allowed", "implicit_deny", "allowed"}
	var reqs strings.Builder
	for _, r := range requests {
		ctx := ""
		if r.context != "" {
			ctx = ", context = " + r.context
		}
		fmt.Fprintf(&reqs, "    { actions = [%q], resources = [%q]%s },\n", r.action, r.resource, ctx)
	}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.iamv2_permission_boundary.team", tfjsonpath.New("coverage"), knownvalue.Float64Func(func(v float64) error {
			if v < 0.9 || v >= 1 {
				return fmt.Errorf("coverage %v: want below 1, the price of the scope, and above 0.9", v)
			}
			return nil
		})),
	}
	for i, d := range want {
		checks = append(checks, statecheck.ExpectKnownValue(simulationDS, simulationResult(i, "decision"), knownvalue.StringExact(d)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_permission_boundary" "team" {
  statements = jsonencode([
    { Effect = "Allow", Action = "sqs:ReceiveMessage", Resource = "arn:aws:sqs:*:123456789012:team-*" },
    { Effect = "Allow", Action = "ssm:GetParameter", Resource = "*", Condition = { StringEquals = { "aws:ResourceTag/team" = "a" } } },
    { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::team-bucket/*" },
  ])
}

data "iamv2_policy_simulation" "test" {
  principal_arn        = "arn:aws:iam::123456789012:role/admin"
  identity_policies    = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })]
  permissions_boundary = data.iamv2_permission_boundary.team.policy_json
  requests = [
` + reqs.String() + `  ]
}`,
			ConfigStateChecks: checks,
		}},
	})
}

// Drift between releases, with the example examples/boundary-drift: with a
// live source the boundary is regenerated at every plan, while the deployed
// document stays what the last apply wrote. Once AWS adds a Write action
// that one of its wildcards ("*:Describe*") matches, the check fails at
// plan naming that action, and the regenerated boundary no longer grants it.
func TestAccPermissionBoundaryDriftBetweenReleases(t *testing.T) {
	const added = "ec2:DescribeAndRebootInstances"
	before := srfake.New(t)
	after := srfake.New(t, srfake.WithAction("ec2", "DescribeAndRebootInstances", iam.Write))
	serve := func(fake *srfake.Server) func() {
		return func() {
			t.Setenv("IAMV2_SERVICE_REFERENCE_ENDPOINT", fake.URL())
			t.Setenv("IAMV2_CONSOLE_CACHE_DIR", t.TempDir())
		}
	}
	const ds, deployed = "data.iamv2_permission_boundary.read_only", "terraform_data.deployed_boundary"
	sameDeployed := statecheck.CompareValue(compare.ValuesSame())
	regenerated := statecheck.CompareValue(compare.ValuesDiffer())
	// The regenerated boundary, expanded: granted_actions is opt-in.
	config := readExample(t, "../../examples/boundary-drift") + `
data "iamv2_policy_expansion" "regenerated" {
  policy = data.iamv2_permission_boundary.read_only.policy_json
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: serve(before),
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(deployed, tfjsonpath.New("output"), knownvalue.StringRegexp(regexp.MustCompile(`"\*:Describe\*"`))),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("source"), knownvalue.StringExact("service_reference")),
					sameDeployed.AddStateValue(deployed, tfjsonpath.New("output")),
					regenerated.AddStateValue(ds, tfjsonpath.New("policy_json")),
				},
			},
			{
				PreConfig: serve(after),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					checkBlockStatus{"deployed_boundary_is_read_only", tfjson.CheckStatusFail, []string{
						"The deployed boundary grants " + added + ", which today's catalog says are neither List nor Read",
					}},
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					sameDeployed.AddStateValue(deployed, tfjsonpath.New("output")),
					regenerated.AddStateValue(ds, tfjsonpath.New("policy_json")),
					statecheck.ExpectKnownValue("data.iamv2_policy_expansion.regenerated", tfjsonpath.New("allowed_actions"), lacks(added)),
				},
			},
		},
	})
}

// lacks checks that a list does not hold a string.
type lacks string

func (l lacks) CheckValue(v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("expected a list, got %T", v)
	}
	for _, e := range list {
		if e == string(l) {
			return fmt.Errorf("the list holds %s", string(l))
		}
	}
	return nil
}

func (l lacks) String() string { return "a list without " + string(l) }
