package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func checkResult(pass bool, message string, reasons ...string) knownvalue.Check {
	rs := make([]knownvalue.Check, len(reasons))
	for i, r := range reasons {
		rs[i] = knownvalue.StringExact(r)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"pass": knownvalue.Bool(pass), "message": knownvalue.StringExact(message), "reasons": knownvalue.ListExact(rs),
	})
}

// The three checks as functions, on known policies given as objects and as
// JSON, with the answers of iamv2_policy_check.
func TestAccCheckFunctions(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: functionsPreamble + `
locals {
  public = {
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  }
  guarded = {
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },
      { Effect = "Deny", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*", Condition = { StringNotEquals = { "aws:PrincipalOrgID" = "o-abc123" } } },
    ]
  }
  admin  = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] }
  s3_all = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] }
  reader = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "*" }] }
}
output "public" {
  value = provider::iamv2::no_public_access(local.public, "AWS::S3::Bucket")
}
output "guarded_json" {
  value = provider::iamv2::no_public_access(jsonencode(local.guarded), "AWS::S3::Bucket")
}
output "admin_creates_users" {
  value = provider::iamv2::access_not_granted(local.admin, ["iam:CreateUser"], [])
}
output "reader_creates_no_users" {
  value = provider::iamv2::access_not_granted(local.reader, ["iam:CreateUser"], ["*"])
}
output "reader_within_s3_all" {
  value = provider::iamv2::no_new_access(local.reader, jsonencode(local.s3_all)).pass
}
output "admin_beyond_reader" {
  value = provider::iamv2::no_new_access(local.admin, local.reader)
}
output "is_allowed_object" {
  value = provider::iamv2::is_allowed(local.reader, "s3:GetObject", "arn:aws:s3:::b/k")
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("public", checkResult(false, "The policy may grant public access to the AWS::S3::Bucket.",
					`Statement[0]: the statement allows "s3:GetObject" to anyone: no condition limits it to an account, organization, source or VPC endpoint, and no Deny to everyone outside one (such as StringNotEquals on aws:PrincipalOrgID) covers it`)),
				statecheck.ExpectKnownOutputValue("guarded_json", checkResult(true, "The policy grants no public access to the AWS::S3::Bucket.")),
				statecheck.ExpectKnownOutputValue("admin_creates_users", checkResult(false, "The policy may grant some of the listed access.",
					`Statement[0]: the statement may allow iam:CreateUser on *`)),
				statecheck.ExpectKnownOutputValue("reader_creates_no_users", checkResult(true, "The policy grants none of the listed access.")),
				statecheck.ExpectKnownOutputValue("reader_within_s3_all", knownvalue.Bool(true)),
				statecheck.ExpectKnownOutputValue("admin_beyond_reader", checkResult(false, "The new policy may grant access that the existing policy does not.",
					`Statement[0]: the statement allows "iam:*" on every resource, which no statement of the existing policy allows as broadly`)),
				statecheck.ExpectKnownOutputValue("is_allowed_object", knownvalue.Bool(true)),
			},
		}},
	})
}

// What the functions answer at plan time when parts of a policy are known
// only after apply: known when every value the unknown parts can take gives
// the same answer, unknown otherwise. A precondition on a public bucket
// policy fails the plan before anything is created.
func TestAccCheckFunctionsWithUnknownValues(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: unknownBucket + `
resource "terraform_data" "org" {
  input = "o-abc123"
}
resource "terraform_data" "effect" {
  input = "Deny"
}
locals {
  public = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${local.bucket_arn}/*" }] }
  guard_on_unknown_arns = { Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${local.bucket_arn}/*" },
    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["${local.bucket_arn}", "${local.bucket_arn}/*"], Condition = { StringNotEquals = { "aws:PrincipalOrgID" = "o-abc123" } } },
  ] }
  guard_with_unknown_org = { Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },
    { Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { StringNotEquals = { "aws:PrincipalOrgID" = terraform_data.org.output } } },
  ] }
  get_on_unknown = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "iam:PassRole"], Resource = local.bucket_arn }] }
  unknown_effect = { Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = "s3:*", Resource = "*" },
    { Effect = terraform_data.effect.output, Action = "s3:DeleteObject", Resource = "*" },
  ] }
}
output "public_whatever_the_arn" {
  value = provider::iamv2::no_public_access(local.public, "AWS::S3::Bucket").pass
}
output "guard_on_unknown_arns" {
  value = provider::iamv2::no_public_access(local.guard_on_unknown_arns, "AWS::S3::Bucket")
}
output "guard_with_unknown_org" {
  value = provider::iamv2::no_public_access(local.guard_with_unknown_org, "AWS::S3::Bucket")
}
output "grants_on_some_resource" {
  value = provider::iamv2::access_not_granted(local.get_on_unknown, ["iam:PassRole"], []).pass
}
output "grants_not_on_this_resource" {
  value = provider::iamv2::access_not_granted(local.get_on_unknown, ["iam:PassRole"], ["arn:aws:iam::111122223333:role/admin"])
}
output "grants_nothing_of_another_service" {
  value = provider::iamv2::access_not_granted(local.get_on_unknown, ["ec2:*"], []).pass
}
output "new_service_whatever_the_arn" {
  value = provider::iamv2::no_new_access(local.get_on_unknown, { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }] }).pass
}
output "within_whatever_the_arn" {
  value = provider::iamv2::no_new_access(local.get_on_unknown, { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["s3:*", "iam:*"], Resource = "*" }] }).pass
}
output "allowed_whatever_the_arn" {
  value = provider::iamv2::is_allowed(local.get_on_unknown, "s3:PutObject", "arn:aws:s3:::b")
}
output "allowed_depends_on_the_arn" {
  value = provider::iamv2::is_allowed(local.get_on_unknown, "s3:GetObject", "arn:aws:s3:::b")
}
output "allowed_whatever_the_effect" {
  value = provider::iamv2::is_allowed(local.unknown_effect, "s3:GetObject", "arn:aws:s3:::b/k")
}
output "allowed_depends_on_the_effect" {
  value = provider::iamv2::is_allowed(local.unknown_effect, "s3:DeleteObject", "arn:aws:s3:::b/k")
}`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownOutputValue("public_whatever_the_arn", knownvalue.Bool(false)),
					plancheck.ExpectUnknownOutputValue("guard_on_unknown_arns"),
					plancheck.ExpectUnknownOutputValue("guard_with_unknown_org"),
					plancheck.ExpectKnownOutputValue("grants_on_some_resource", knownvalue.Bool(false)),
					plancheck.ExpectUnknownOutputValue("grants_not_on_this_resource"),
					plancheck.ExpectKnownOutputValue("grants_nothing_of_another_service", knownvalue.Bool(true)),
					plancheck.ExpectKnownOutputValue("new_service_whatever_the_arn", knownvalue.Bool(false)),
					plancheck.ExpectKnownOutputValue("within_whatever_the_arn", knownvalue.Bool(true)),
					plancheck.ExpectKnownOutputValue("allowed_whatever_the_arn", knownvalue.Bool(false)),
					plancheck.ExpectUnknownOutputValue("allowed_depends_on_the_arn"),
					plancheck.ExpectKnownOutputValue("allowed_whatever_the_effect", knownvalue.Bool(true)),
					plancheck.ExpectUnknownOutputValue("allowed_depends_on_the_effect"),
				}},
			},
			{
				PlanOnly: true,
				Config: unknownBucket + `
locals {
  policy = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${local.bucket_arn}/*" }] }
}
resource "terraform_data" "bucket_policy" {
  input = jsonencode(local.policy)
  lifecycle {
    precondition {
      condition     = provider::iamv2::no_public_access(local.policy, "AWS::S3::Bucket").pass
      error_message = join("; ", provider::iamv2::no_public_access(local.policy, "AWS::S3::Bucket").reasons)
    }
  }
}`,
				ExpectError: errorMatching(`Statement[0]: the statement allows "s3:GetObject" to anyone`),
			},
		},
	})
}

// Bad arguments are errors naming the argument.
func TestCheckFunctionErrors(t *testing.T) {
	policyArg := func(src string) attr.Value { return types.DynamicValue(types.StringValue(src)) }
	public := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}`
	empty := types.ListValueMust(types.StringType, nil)
	functions := map[string]func() function.Function{
		"no_public_access": newNoPublicAccessFunction, "access_not_granted": newAccessNotGrantedFunction, "no_new_access": newNoNewAccessFunction,
	}
	cases := []struct {
		name, function string
		args           []attr.Value
		arg            int64 // -1: the error is of no one argument
		want           string
	}{
		{"an unknown resource type", "no_public_access", []attr.Value{policyArg(public), types.StringValue("AWS::S3::Bukket")}, 1, `Resource type "AWS::S3::Bukket" is not one Access Analyzer checks`},
		{"a malformed policy", "no_public_access", []attr.Value{policyArg(`{"Statement":1}`), types.StringValue("AWS::S3::Bucket")}, 0, "Invalid Statement"},
		{"a resource policy without Principal", "no_public_access", []attr.Value{policyArg(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`), types.StringValue("AWS::S3::Bucket")}, 0, "needs Principal"},
		{"a bool is not a policy", "no_new_access", []attr.Value{types.DynamicValue(types.BoolValue(true)), policyArg(public)}, 0, "The policy must be a JSON string or an object, not a bool"},
		{"a null policy", "no_public_access", []attr.Value{types.DynamicNull(), types.StringValue("AWS::S3::Bucket")}, 0, "must not be null"},
		{"no access at all", "access_not_granted", []attr.Value{policyArg(public), empty, empty}, -1, "Both actions and resources are empty"},
		{"an unknown action", "access_not_granted", []attr.Value{policyArg(public), stringListValue("s3:GetObjekt"), empty}, 1, `"s3:GetObjekt"`},
		{"a resource that is no ARN", "access_not_granted", []attr.Value{policyArg(public), empty, stringListValue("bucket")}, 2, `Resource "bucket" is not an ARN`},
		{"a resource with a character IAM refuses", "access_not_granted", []attr.Value{policyArg(public), empty, stringListValue("arn:aws:s3:::b/\uE000")}, 2, `Resource "arn:aws:s3:::b/\ue000" holds the character U+E000`},
		{"a malformed existing policy", "no_new_access", []attr.Value{policyArg(public), policyArg(`{"Version":"2012-10-17","Statement":[{"Effect":"allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)}, 1, "Statement[0].Effect"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := runFunction(t, functions[c.function](), types.ObjectUnknown(checkResultTypes), c.args...)
			if err == nil || !strings.Contains(err.Text, c.want) {
				t.Fatalf("%s: error %v, want %q", c.function, err, c.want)
			}
			if c.arg >= 0 && (err.FunctionArgument == nil || *err.FunctionArgument != c.arg) || c.arg < 0 && err.FunctionArgument != nil {
				t.Fatalf("%s: error on argument %v, want %d", c.function, err.FunctionArgument, c.arg)
			}
		})
	}
}
