package provider

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
)

// limitArg is the variadic limit argument: a tuple of numbers.
func limitArg(limits ...float64) types.Tuple {
	typ := make([]attr.Type, len(limits))
	values := make([]attr.Value, len(limits))
	for i, l := range limits {
		typ[i], values[i] = types.NumberType, types.NumberValue(big.NewFloat(l))
	}
	return types.TupleValueMust(typ, values)
}

func policySize(t *testing.T, policy attr.Value, kind attr.Value, limits types.Tuple) (map[string]attr.Value, string) {
	t.Helper()
	got, err := runFunction(t, newPolicySizeFunction(), types.ObjectUnknown(sizeTypes), policy, kind, limits)
	if err != nil {
		return nil, err.Text
	}
	obj, ok := got.(types.Object)
	if !ok {
		t.Fatalf("policy_size returned %T", got)
	}
	return obj.Attributes(), ""
}

func TestPolicySizeFunction(t *testing.T) {
	spaced := types.DynamicValue(types.StringValue(`{"Version": "2012-10-17", "Statement": []}`)) // 42 characters, 3 spaces outside strings
	known := func(n int64) attr.Value { return types.NumberValue(big.NewFloat(float64(n))) }
	unknownResource := objectPolicy(types.StringValue("s3:GetObject"), types.StringUnknown())
	// {"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":""}],"Version":"2012-10-17"}: the unknown Resource counts as "".
	const objectMin = 95
	list := func(docs ...attr.Value) types.Dynamic {
		typ := make([]attr.Type, len(docs))
		for i, d := range docs {
			typ[i] = d.Type(t.Context())
		}
		return types.DynamicValue(types.TupleValueMust(typ, docs))
	}
	for _, c := range []struct {
		rule   string
		policy attr.Value
		kind   string
		limits types.Tuple
		want   map[string]attr.Value
	}{
		{"IAM leaves out whitespace outside strings", spaced, "managed", limitArg(),
			map[string]attr.Value{"size": known(39), "min_size": known(39), "limit": known(6144), "fits": types.BoolValue(true)}},
		{"an SCP counts whitespace saved through an SDK", spaced, "scp", limitArg(),
			map[string]attr.Value{"size": known(42), "min_size": known(42), "limit": known(5120), "fits": types.BoolValue(true)}},
		{"a limit replaces the quota", spaced, "managed", limitArg(41),
			map[string]attr.Value{"size": known(39), "min_size": known(39), "limit": known(41), "fits": types.BoolValue(true)}},
		{"over the limit does not fit", spaced, "sqs", limitArg(41),
			map[string]attr.Value{"size": known(42), "min_size": known(42), "limit": known(41), "fits": types.BoolValue(false)}},
		{"an object is counted as jsonencode writes it", objectPolicy(types.StringValue("s3:GetObject"), types.StringValue("*")), "managed", limitArg(),
			map[string]attr.Value{"size": known(objectMin + 1), "min_size": known(objectMin + 1), "limit": known(6144), "fits": types.BoolValue(true)}},
		{"an unknown part leaves size unknown and counts as its shortest JSON in min_size", unknownResource, "managed", limitArg(),
			map[string]attr.Value{"size": types.NumberUnknown(), "min_size": known(objectMin), "limit": known(6144), "fits": types.BoolUnknown()}},
		{"known parts over the limit do not fit, whatever the unknown parts are", unknownResource, "managed", limitArg(objectMin - 1),
			map[string]attr.Value{"size": types.NumberUnknown(), "min_size": known(objectMin), "limit": known(objectMin - 1), "fits": types.BoolValue(false)}},
		{"an unknown JSON string is unknown as a whole", types.DynamicValue(types.StringUnknown()), "managed", limitArg(),
			map[string]attr.Value{"size": types.NumberUnknown(), "min_size": types.NumberUnknown(), "limit": known(6144), "fits": types.BoolUnknown()}},
		{"an entity's inline policies add up", list(types.StringValue(`{"a":1}`), types.StringValue(`{"b": 2}`)), "inline_role", limitArg(14),
			map[string]attr.Value{"size": known(14), "min_size": known(14), "limit": known(14), "fits": types.BoolValue(true)}},
		{"an unknown inline policy leaves the total a lower bound", list(types.StringValue(`{"a":1}`), types.StringUnknown()), "inline_user", limitArg(),
			map[string]attr.Value{"size": types.NumberUnknown(), "min_size": known(7), "limit": known(2048), "fits": types.BoolUnknown()}},
		{"S3 counts bytes", types.DynamicValue(types.StringValue(`{"a":"é"}`)), "s3_bucket", limitArg(),
			map[string]attr.Value{"size": known(10), "min_size": known(10), "limit": known(20480), "fits": types.BoolValue(true)}},
	} {
		t.Run(c.rule, func(t *testing.T) {
			got, err := policySize(t, c.policy, types.StringValue(c.kind), c.limits)
			if err != "" {
				t.Fatal(err)
			}
			for k, want := range c.want {
				if !got[k].Equal(want) {
					t.Errorf("%s = %v, want %v", k, got[k], want)
				}
			}
		})
	}
	got, err := runFunction(t, newPolicySizeFunction(), types.ObjectUnknown(sizeTypes), spaced, types.StringUnknown(), limitArg())
	if err != nil || !got.IsUnknown() {
		t.Errorf("an unknown kind: %v, %v; want an unknown result", got, err)
	}
}

func TestPolicySizeFunctionErrors(t *testing.T) {
	doc := types.DynamicValue(types.StringValue(`{"Version":"2012-10-17","Statement":[]}`))
	two := types.DynamicValue(types.TupleValueMust([]attr.Type{types.StringType, types.StringType},
		[]attr.Value{types.StringValue("{}"), types.StringValue("{}")}))
	for _, c := range []struct {
		rule   string
		policy attr.Value
		kind   attr.Value
		limits types.Tuple
		want   string
	}{
		{"an unknown kind names the valid ones", doc, types.StringValue("inline"), limitArg(), `Unknown policy kind "inline": valid kinds are "managed", "boundary", "inline_user"`},
		{"a null kind", doc, types.StringNull(), limitArg(), "The kind must not be null"},
		{"a list is for the inline kinds", two, types.StringValue("managed"), limitArg(), `kind "managed" takes one document`},
		{"a limit must be a whole number from 1", doc, types.StringValue("managed"), limitArg(0), "The limit 0 is not a whole number from 1 to 1048576"},
		{"a fractional limit", doc, types.StringValue("managed"), limitArg(100.5), "The limit 100.5 is not a whole number"},
		{"at most one limit", doc, types.StringValue("managed"), limitArg(1, 2), "Give at most one limit, not 2"},
		{"a null policy", types.DynamicNull(), types.StringValue("managed"), limitArg(), "The policy must not be null"},
		{"a file name is not a policy", types.DynamicValue(types.StringValue("policy.json")), types.StringValue("managed"), limitArg(),
			`The policy is not a JSON document (invalid character 'p' looking for beginning of value); pass its text, such as file("policy.json"), or the object`},
		{"a bool is not a policy", types.DynamicValue(types.BoolValue(true)), types.StringValue("managed"), limitArg(), "The policy must be a JSON string or an object, not a bool"},
		{"IAM refuses a character past U+00FF", types.DynamicValue(types.StringValue(`{"a":"Ā"}`)), types.StringValue("managed"), limitArg(),
			"The character U+0100 at byte 6 is not one IAM accepts in a policy"},
		{"IAM refuses an escape that decodes past U+00FF", types.DynamicValue(types.StringValue(`{"a":"\u2028"}`)), types.StringValue("trust"), limitArg(),
			`The character U+2028 (written as a \u escape) at byte 6`},
		{"an element of a list is named", types.DynamicValue(types.TupleValueMust([]attr.Type{types.StringType, types.StringType},
			[]attr.Value{types.StringValue("{}"), types.StringValue("nope")})), types.StringValue("inline_role"), limitArg(), "policy[1]: The policy is not a JSON document"},
	} {
		t.Run(c.rule, func(t *testing.T) {
			_, err := runFunction(t, newPolicySizeFunction(), types.ObjectUnknown(sizeTypes), c.policy, c.kind, c.limits)
			if err == nil || !strings.Contains(err.Text, c.want) || strings.HasSuffix(err.Text, ".") {
				t.Errorf("error %v, want one containing %q without a closing full stop", err, c.want)
			}
		})
	}
	// Organizations, S3, Secrets Manager and SQS publish no character rule.
	if _, err := policySize(t, types.DynamicValue(types.StringValue(`{"a":"Ā"}`)), types.StringValue("scp"), limitArg()); err != "" {
		t.Errorf("scp refused a character: %s", err)
	}
}

// policy_size through the CLI: each counting rule, a list of inline
// policies, and a raised limit.
func TestAccPolicySizeFunction(t *testing.T) {
	size := func(size, limit int64, fits bool) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"size": knownvalue.Int64Exact(size), "min_size": knownvalue.Int64Exact(size),
			"limit": knownvalue.Int64Exact(limit), "fits": knownvalue.Bool(fits),
		})
	}
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: functionsPreamble + `
locals {
  spaced = "{\"Version\": \"2012-10-17\", \"Statement\": []}"
  object = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] }
}
output "managed_leaves_out_whitespace" {
  value = provider::iamv2::policy_size(local.spaced, "managed")
}
output "scp_counts_whitespace" {
  value = provider::iamv2::policy_size(local.spaced, "scp")
}
output "object_as_jsonencode_writes_it" {
  value = provider::iamv2::policy_size(local.object, "managed")
}
output "inline_role_total" {
  value = provider::iamv2::policy_size([local.spaced, jsonencode(local.object)], "inline_role")
}
output "raised_trust_limit" {
  value = provider::iamv2::policy_size(local.object, "trust", 90)
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("managed_leaves_out_whitespace", size(39, 6144, true)),
				statecheck.ExpectKnownOutputValue("scp_counts_whitespace", size(42, 5120, true)),
				statecheck.ExpectKnownOutputValue("object_as_jsonencode_writes_it", size(96, 6144, true)),
				statecheck.ExpectKnownOutputValue("inline_role_total", size(39+96, 10240, true)),
				statecheck.ExpectKnownOutputValue("raised_trust_limit", size(96, 90, false)),
			},
		}},
	})
}

// At plan, an unknown part leaves size unknown, min_size counts it as its
// shortest JSON, and fits is false as soon as the known parts are over.
func TestAccPolicySizeFunctionWithUnknownParts(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: unknownBucket + `
locals {
  policy = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.bucket_arn }] }
}
output "unknown_resource" {
  value = provider::iamv2::policy_size(local.policy, "managed")
}
output "known_parts_over_the_limit" {
  value = provider::iamv2::policy_size(local.policy, "managed", 90)
}
output "unknown_json" {
  value = provider::iamv2::policy_size(jsonencode(local.policy), "managed")
}
output "inline_with_an_unknown_document" {
  value = provider::iamv2::policy_size(["{}", jsonencode(local.policy)], "inline_user")
}`,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownOutputValueAtPath("unknown_resource", tfjsonpath.New("size")),
				plancheck.ExpectKnownOutputValueAtPath("unknown_resource", tfjsonpath.New("min_size"), knownvalue.Int64Exact(95)),
				plancheck.ExpectKnownOutputValueAtPath("unknown_resource", tfjsonpath.New("limit"), knownvalue.Int64Exact(6144)),
				plancheck.ExpectUnknownOutputValueAtPath("unknown_resource", tfjsonpath.New("fits")),
				plancheck.ExpectKnownOutputValueAtPath("known_parts_over_the_limit", tfjsonpath.New("fits"), knownvalue.Bool(false)),
				plancheck.ExpectUnknownOutputValueAtPath("unknown_json", tfjsonpath.New("size")),
				plancheck.ExpectUnknownOutputValueAtPath("unknown_json", tfjsonpath.New("min_size")),
				plancheck.ExpectKnownOutputValueAtPath("unknown_json", tfjsonpath.New("limit"), knownvalue.Int64Exact(6144)),
				plancheck.ExpectKnownOutputValueAtPath("inline_with_an_unknown_document", tfjsonpath.New("min_size"), knownvalue.Int64Exact(2)),
				plancheck.ExpectUnknownOutputValueAtPath("inline_with_an_unknown_document", tfjsonpath.New("fits")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValueAtPath("unknown_resource", tfjsonpath.New("size"), knownvalue.Int64Exact(112)),
				statecheck.ExpectKnownOutputValueAtPath("unknown_resource", tfjsonpath.New("fits"), knownvalue.Bool(true)),
			},
		}},
	})
}

// A precondition on fits fails the plan, before anything is created, once
// the known parts alone exceed the quota.
func TestAccPolicySizeFailsPlanDespiteUnknownResources(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			PlanOnly: true,
			Config: unknownBucket + `
locals {
  policy = {
    Version   = "2012-10-17"
    Statement = [for i in range(150) : { Effect = "Allow", Action = "s3:GetObject", Resource = "${local.bucket_arn}/prefix-${i}/*" }]
  }
  size = provider::iamv2::policy_size(local.policy, "managed")
}
resource "terraform_data" "policy" {
  input = jsonencode(local.policy)
  lifecycle {
    precondition {
      condition     = local.size.fits != false
      error_message = "The policy is at least ${local.size.min_size} characters, over the ${local.size.limit} of a managed policy."
    }
  }
}`,
			ExpectError: errorMatching(`The policy is at least 8588 characters, over the 6144 of a managed policy.`),
		}},
	})
}

func TestAccPolicySizeFunctionErrors(t *testing.T) {
	for name, c := range map[string]struct{ call, want string }{
		"unknown kind":   {`provider::iamv2::policy_size("{}", "inline")`, `Unknown policy kind "inline": valid kinds are "managed"`},
		"list for one":   {`provider::iamv2::policy_size(["{}", "{}"], "managed")`, `kind "managed" takes one document`},
		"bad limit":      {`provider::iamv2::policy_size("{}", "managed", 0)`, `The limit 0 is not a whole number from 1 to 1048576`},
		"not JSON":       {`provider::iamv2::policy_size("policy.json", "managed")`, `The policy is not a JSON document`},
		"IAM characters": {`provider::iamv2::policy_size(jsonencode({ Sid = "Ā" }), "managed")`, `The character U+0100 at byte 8 is not one IAM accepts in a policy`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				TerraformVersionChecks:   functionCLIs,
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      functionsPreamble + "output \"x\" {\n  value = " + c.call + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}

// terraformValue is the value Terraform hands a function for a decoded
// JSON document, as jsondecode makes it: objects, tuples, strings.
func terraformValue(t testing.TB, v any) attr.Value {
	switch x := v.(type) {
	case map[string]any:
		types_, values := map[string]attr.Type{}, map[string]attr.Value{}
		for k, e := range x {
			values[k] = terraformValue(t, e)
			types_[k] = values[k].Type(context.Background())
		}
		return types.ObjectValueMust(types_, values)
	case []any:
		typ, values := make([]attr.Type, len(x)), make([]attr.Value, len(x))
		for i, e := range x {
			values[i] = terraformValue(t, e)
			typ[i] = values[i].Type(context.Background())
		}
		return types.TupleValueMust(typ, values)
	case string:
		return types.StringValue(x)
	}
	t.Fatalf("unexpected %T", v)
	return nil
}

// BenchmarkPolicySizeMebibyteObject counts a 1 MiB policy given as an
// object, the heaviest input policy_size takes.
func BenchmarkPolicySizeMebibyteObject(b *testing.B) {
	statements := make([]any, 1000)
	for i := range statements {
		actions := make([]any, 30)
		for j := range actions {
			actions[j] = fmt.Sprintf("ec2:DescribeInstanceAttribute%04d%02d*", i, j)
		}
		statements[i] = map[string]any{"Effect": "Allow", "Action": actions, "Resource": "*"}
	}
	doc := types.DynamicValue(terraformValue(b, map[string]any{"Version": "2012-10-17", "Statement": statements}))
	k, _ := quota.Lookup("managed")
	for b.Loop() {
		docs, err := sizeDocuments(doc, k)
		if err != nil || k.Count(docs[0].text) < 1<<20 {
			b.Fatalf("%v, %d characters", err, k.Count(docs[0].text))
		}
	}
}
