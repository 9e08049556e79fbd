package provider

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

const simulationDS = "data.iamv2_policy_simulation.test"

func simulationResult(i int, attr string) tfjsonpath.Path {
	return tfjsonpath.New("results").AtSliceIndex(i).AtMapKey(attr)
}

// A boundary stops iam:CreateUser whatever the identity policy grants
// (access_policies_boundaries.html).
func TestAccPolicySimulationBoundaryStopsCreateUser(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn     = "arn:aws:sts::111122223333:assumed-role/deployer/ci"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Admin", Effect = "Allow", Action = "*", Resource = "*" }] })]
  permissions_boundary = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "OnlyS3", Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
  requests = [{ actions = ["iam:createuser", "s3:GetObject"], resources = ["*"] }]
  explain  = "all"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "action"), knownvalue.StringExact("iam:CreateUser")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("implicit_deny")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decided_by"), knownvalue.StringExact("permissions_boundary")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "matched_statements"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"policy_type": knownvalue.StringExact("identity"), "policy_index": knownvalue.Int64Exact(0), "level": knownvalue.Null(),
						"statement_index": knownvalue.Int64Exact(0), "sid": knownvalue.StringExact("Admin"),
						"path": knownvalue.StringExact("Statement[0]"), "effect": knownvalue.StringExact("Allow"),
					}),
				})),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decision"), knownvalue.StringExact("allowed")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decided_by"), knownvalue.StringExact("identity")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "matched_statements"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("all_allowed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("allowed"), knownStrings("s3:GetObject")),
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("denied"), knownStrings("iam:CreateUser")),
			},
		}},
	})
}

// By default a result lists the statements that settled it.
func TestAccPolicySimulationDecisiveStatements(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn = "arn:aws:iam::111122223333:user/alice"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [
    { Sid = "All", Effect = "Allow", Action = "*", Resource = "*" },
    { Sid = "NoDelete", Effect = "Deny", Action = "s3:Delete*", Resource = "*" },
  ] })]
  service_control_policies = [[jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "Full", Effect = "Allow", Action = "*", Resource = "*" }] })]]
  requests = [{ actions = ["s3:DeleteBucket", "s3:GetObject"], resources = ["arn:aws:s3:::b"] }]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("explicit_deny")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "matched_statements"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"sid": knownvalue.StringExact("NoDelete"), "effect": knownvalue.StringExact("Deny")}),
				})),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decided_by"), knownvalue.StringExact("identity")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "matched_statements"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"sid": knownvalue.StringExact("All"), "policy_type": knownvalue.StringExact("identity")}),
				})),
			},
		}},
	})
}

func TestAccPolicySimulationConditionsAndOrganizations(t *testing.T) {
	e, err := expanderFor(context.Background(), embedded.Default(), policy.NeedAll())
	if err != nil {
		t.Fatal(err)
	}
	getObjects, err := e.ExpandPattern("s3:GetObject*")
	if err != nil {
		t.Fatal(err)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// A pattern expands over the catalog; a condition on a key the
				// request lacks fails and is reported.
				Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn = "arn:aws:iam::111122223333:user/alice"
  identity_policies = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject*", Resource = "arn:aws:s3:::home/$${aws:username}/*",
                   Condition = { IpAddress = { "aws:SourceIp" = "10.0.0.0/8" } } }]
  })]
  requests = [{ actions = ["s3:GetObject*"], resources = ["arn:aws:s3:::home/alice/notes.txt"] }]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(getObjects.Len())),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("implicit_deny")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "missing_context_keys"), knownStrings("aws:SourceIp")),
					statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("allowed"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// The same with the key given; an SCP level without an Allow
				// for DeleteObject and a request context over the global one.
				Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn = "arn:aws:iam::111122223333:user/alice"
  identity_policies = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::home/$${aws:username}/*",
                   Condition = { IpAddress = { "aws:SourceIp" = "10.0.0.0/8" } } }]
  })]
  service_control_policies = [
    [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })],
    [jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "ReadOnly", Effect = "Allow", Action = "s3:Get*", Resource = "*" }] })],
  ]
  context  = { "aws:SourceIp" = ["192.0.2.1"] }
  explain  = "all"
  requests = [
    { actions = ["s3:GetObject", "s3:DeleteObject"], resources = ["arn:aws:s3:::home/alice/a"], context = { "AWS:SourceIp" = ["10.1.2.3"] } },
    { actions = ["s3:GetObject"], resources = ["arn:aws:s3:::home/alice/a"] },
  ]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "action"), knownvalue.StringExact("s3:DeleteObject")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decided_by"), knownvalue.StringExact("service_control_policy")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decision"), knownvalue.StringExact("allowed")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "matched_statements").AtSliceIndex(2), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"policy_type": knownvalue.StringExact("service_control_policy"), "level": knownvalue.Int64Exact(1), "sid": knownvalue.StringExact("ReadOnly"),
					})),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(2, "decision"), knownvalue.StringExact("implicit_deny")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(2, "missing_context_keys"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				// Across accounts both sides must allow (reference_policies_evaluation-logic-cross-account.html).
				Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn     = "arn:aws:iam::444455556666:role/reader"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })]
  resource_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:role/reader" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::shared/*" }]
  })
  resource_account = "111122223333"
  requests         = [{ actions = ["s3:GetObject"], resources = ["arn:aws:s3:::shared/k", "arn:aws:s3:::private/k"] }]
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("allowed")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decided_by"), knownvalue.StringExact("resource_policy")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decision"), knownvalue.StringExact("implicit_deny")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decided_by"), knownvalue.StringExact("resource_policy")),
					statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("allowed"), knownStrings("s3:GetObject")),
					statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("denied"), knownStrings("s3:GetObject")),
				},
			},
		},
	})
}

func TestAccPolicySimulationBadInput(t *testing.T) {
	config := func(attrs string) string {
		return `data "iamv2_policy_simulation" "test" {` + "\n" + attrs + "\n}"
	}
	const user = `principal_arn = "arn:aws:iam::111122223333:user/alice"`
	const req = `requests = [{ actions = ["s3:GetObject"] }]`
	cases := []struct{ name, attrs, message string }{
		{"a principal that is no ARN", `principal_arn = "alice"` + "\n" + req, `principal_arn: principal "alice" is neither an ARN`},
		{"an unknown explain", user + "\n" + req + "\n" + `explain = "some"`, `explain = "some": valid values are "decisive", "all"`},
		{"a null context value", user + "\n" + req + "\n" + `context = { "aws:SourceIp" = [null] }`, `context["aws:SourceIp"][0]: condition key "aws:SourceIp" has a null value`},
		{"a bad account ID", user + "\n" + req + "\n" + `resource_account = "1234"`, `resource_account "1234" is not an account ID`},
		{"an unknown operator, by JSON path", user + "\n" + req + "\n" + `identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { StringEqual = { k = "v" } } }] })]`,
			`identity_policies[0]: Statement[0].Condition.StringEqual: condition operator "StringEqual" is not one IAM knows`},
		{"a Principal in an SCP", user + "\n" + req + "\n" + `service_control_policies = [[jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }] })]]`,
			`service_control_policies[0][0]: Statement[0].Principal`},
		{"a resource policy without Principal", user + "\n" + req + "\n" + `resource_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })`,
			`resource_policy: Statement[0]: a statement of a resource policy needs Principal`},
		{"malformed JSON", user + "\n" + req + "\n" + `permissions_boundary = "{"`, `permissions_boundary:`},
		{"an unknown action", user + "\n" + `requests = [{ actions = ["s3:GetObjekt"] }]`, `requests[0].actions[0]: action "s3:GetObjekt"`},
		{"a wildcard resource", user + "\n" + `requests = [{ actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/*"] }]`, `requests[0].resources[0]: resource "arn:aws:s3:::b/*" has a wildcard`},
		{"a resource that is no ARN", user + "\n" + `requests = [{ actions = ["s3:GetObject"], resources = ["bucket"] }]`, `requests[0].resources[0]: resource "bucket" is not an ARN`},
		{"a request without actions", user + "\n" + `requests = [{ actions = [] }]`, `requests[0].actions: the request lists no action`},
		// Input that would make the answer silently questionable.
		{"no requests", user + "\n" + `requests = []`, `requests: requests lists no request, so there is nothing to decide`},
		{"an empty SCP level", user + "\n" + req + "\n" + `service_control_policies = [[]]`, `service_control_policies[0]: level 0 holds no SCP, so it allows nothing`},
		{"a context value its key's type cannot hold", user + "\n" + req + "\n" + `context = { "aws:SourceIp" = ["not-an-ip"] }`,
			`context["aws:SourceIp"][0]: "not-an-ip" is not an IP address, and condition key "aws:SourceIp" is of type IPAddress`},
		{"a request's context value its key's type cannot hold", user + "\n" + `requests = [{ actions = ["s3:GetObject"], context = { "aws:CurrentTime" = ["yesterday"] } }]`,
			`requests[0].context["aws:CurrentTime"][0]: "yesterday" is not a date`},
		{"a boolean key given another word", user + "\n" + req + "\n" + `context = { "aws:SecureTransport" = ["yes"] }`, `"yes" is not a boolean`},
		{"a variable nested in another", user + "\n" + req + "\n" + `identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/$${$${aws:username}}" }] })]`,
			`identity_policies[0]: Statement[0].Resource: "arn:aws:s3:::b/${${aws:username}}" nests a policy variable in another`},
		{"an unknown results_filter", user + "\n" + req + "\n" + `results_filter = "allowed"`, `results_filter = "allowed": valid values are "all", "denied", "none"`},
		{"too many results", user + "\n" + `requests = [{ actions = ["*"], resources = [` + manyResources(12) + `] }]`, `the requests name more than 250,000 action and resource pairs`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps:                    []resource.TestStep{{Config: config(c.attrs), ExpectError: errorMatching(c.message)}},
			})
		})
	}
}

func manyResources(n int) string {
	s := ""
	for i := 0; i < n; i++ {
		if i > 0 {
			s += ", "
		}
		s += `"arn:aws:s3:::b/` + string(rune('a'+i)) + `"`
	}
	return s
}

// Any one Allow of the granting policy type settles a request, so a policy
// of many statements that each grant it lists the first ten by default and
// counts them all; explain = "all" lists every one.
func TestAccPolicySimulationDecisiveStatementsAreBounded(t *testing.T) {
	config := func(explain string) string {
		return `
data "iamv2_policy_simulation" "test" {
  principal_arn     = "arn:aws:iam::111122223333:user/alice"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [for i in range(12) : { Sid = "S${i}", Effect = "Allow", Action = "s3:Get*", Resource = "*" }] })]
  requests          = [{ actions = ["s3:GetObject"], resources = ["arn:aws:s3:::b/k"] }]
  explain           = "` + explain + `"
}`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config("decisive"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("allowed")),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "matched_statements"), knownvalue.ListSizeExact(maxDecisiveStatements)),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "applicable_statement_count"), knownvalue.Int64Exact(12)),
				},
			},
			{
				Config: config("all"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "matched_statements"), knownvalue.ListSizeExact(12)),
					statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "applicable_statement_count"), knownvalue.Int64Exact(12)),
				},
			},
		},
	})
}

func TestSimulationOutputBudget(t *testing.T) {
	results := make([]simulationResultModel, 100_000)
	for i := range results {
		results[i].Matched = make([]matchedStatementModel, 2)
	}
	var diags diag.Diagnostics
	if simulationWithinBudget(results, nil, nil, &diags) || !diags.HasError() {
		t.Fatal("1,500,000 values passed the budget")
	}
	detail := diags.Errors()[0].Detail()
	for _, want := range []string{"results[*].matched_statements would hold 1,400,000 values", "the whole result 1,500,000", `leave explain at "decisive"`} {
		if !strings.Contains(detail, want) {
			t.Errorf("%q lacks %q", detail, want)
		}
	}
	diags = nil
	if !simulationWithinBudget(results[:1000], nil, nil, &diags) || diags.HasError() {
		t.Fatalf("1,000 results refused: %v", diags)
	}
}

// The reproducer: an RCP binds requests from AWS service principals
// (kms/latest/developerguide/resource-control-policies.html), and a Deny to
// {"AWS": "*"} against a service is decided restrictively and flagged, since
// reference_policies_elements_principal.html does not settle it.
func TestAccPolicySimulationServicePrincipals(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_policy_simulation" "test" {
  principal_arn   = "lambda.amazonaws.com"
  resource_policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sqs:SendMessage", Resource = "*" },
    { Effect = "Deny", Principal = { AWS = "*" }, Action = "sqs:DeleteMessage", Resource = "*" },
  ] })
  resource_control_policies = [[jsonencode({ Version = "2012-10-17", Statement = [{
    Effect = "Deny", Principal = "*", Action = "sqs:*", Resource = "*"
    Condition = { BoolIfExists = { "aws:SecureTransport" = "false" } }
  }] })]]
  requests = [
    { actions = ["sqs:SendMessage"], resources = ["arn:aws:sqs:us-east-1:111122223333:q"], context = { "aws:SecureTransport" = ["false"] } },
    { actions = ["sqs:DeleteMessage"], resources = ["arn:aws:sqs:us-east-1:111122223333:q"], context = { "aws:SecureTransport" = ["true"] } },
  ]
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decision"), knownvalue.StringExact("explicit_deny")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "decided_by"), knownvalue.StringExact("resource_control_policy")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "uncertain"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decision"), knownvalue.StringExact("explicit_deny")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "decided_by"), knownvalue.StringExact("resource_policy")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(1, "uncertain"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("uncertain_reasons"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringRegexp(
					regexp.MustCompile(`^a Deny to \{"AWS": "\*"\} decides it: the Principal element page \(reference_policies_elements_principal.html\)`))})),
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("uncertain_count"), knownvalue.Int64Exact(1)),
			},
		}},
	})
}

// For large request sets the results can be filtered to the denied ones,
// or left out for the counts; the counts and action lists cover every
// result whatever is listed.
func TestAccPolicySimulationResultsFilter(t *testing.T) {
	config := func(filter string) string {
		return `
data "iamv2_policy_simulation" "test" {
  principal_arn     = "arn:aws:iam::111122223333:user/alice"
  resource_account  = "111122223333"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })]
  requests          = [{ actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], resources = ["arn:aws:s3:::b/1", "arn:aws:s3:::b/2"] }]
  results_filter    = "` + filter + `"
}`
	}
	counts := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("allowed_count"), knownvalue.Int64Exact(2)),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("denied_count"), knownvalue.Int64Exact(4)),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("uncertain_count"), knownvalue.Int64Exact(0)),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("uncertain_reasons"), knownvalue.ListSizeExact(0)),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("all_allowed"), knownvalue.Bool(false)),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("allowed"), knownStrings("s3:GetObject")),
		statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("denied"), knownStrings("s3:DeleteObject", "s3:PutObject")),
	}
	with := func(checks ...statecheck.StateCheck) []statecheck.StateCheck {
		return append(append([]statecheck.StateCheck{}, counts...), checks...)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config("all"), ConfigStateChecks: with(statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(6)))},
			{Config: config("denied"), ConfigStateChecks: with(
				statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(4)),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(0, "action"), knownvalue.StringExact("s3:DeleteObject")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(3, "action"), knownvalue.StringExact("s3:PutObject")),
				statecheck.ExpectKnownValue(simulationDS, simulationResult(3, "decision"), knownvalue.StringExact("implicit_deny")),
			)},
			{Config: config("none"), ConfigStateChecks: with(statecheck.ExpectKnownValue(simulationDS, tfjsonpath.New("results"), knownvalue.ListSizeExact(0)))},
		},
	})
}

// A resource ARN without an account, with no resource_account, and a KMS
// key without its key policy, are simulated, with a warning naming the
// first request and how many more there are.
func TestSimulationWarnsOfQuestionableRequests(t *testing.T) {
	alice, err := evaluate.ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		t.Fatal(err)
	}
	requests := []simulationRequest{
		{action: "s3:GetObject", resource: "arn:aws:s3:::b/k", request: 0, position: 1},
		{action: "s3:PutObject", resource: "arn:aws:s3:::b/k", request: 0, position: 1},
		{action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/k1", request: 1, position: 0},
		{action: "s3:ListAllMyBuckets", resource: "*", request: 2, position: -1},
	}
	var diags diag.Diagnostics
	warnQuestionableRequests(&evaluate.Set{}, alice, "", requests, &diags)
	want := []string{
		`requests[0].resources[1]: resource "arn:aws:s3:::b/k" has no account in its ARN (and 1 more requests), and resource_account is not set, so it is simulated as in the principal's account 111122223333`,
		`requests[1].resources[0]: kms:Decrypt on "arn:aws:kms:us-east-1:111122223333:key/k1" can be allowed only by the resource's own policy (a KMS key policy or a role trust policy), and resource_policy is not set`,
	}
	if len(diags) != len(want) || diags.HasError() {
		t.Fatalf("got %v, want %d warnings", diags, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(diags[i].Detail(), w) {
			t.Errorf("warning %d: %q does not start %q", i, diags[i].Detail(), w)
		}
	}
	// resource_account set, and a key policy given: nothing to warn of.
	diags = nil
	key := &evaluate.Set{Resource: &evaluate.Policy{}}
	warnQuestionableRequests(key, alice, "444455556666", requests, &diags)
	if len(diags) != 0 {
		t.Fatalf("warned %v", diags)
	}
}

// noGlobalKeys is a live catalog that cannot list the global condition keys.
type noGlobalKeys struct{ iam.Catalog }

func (noGlobalKeys) GlobalConditionKeys(context.Context) ([]iam.ConditionKey, error) {
	return nil, errors.New("console: the endpoint could not be reached")
}

// Context values are checked against their keys' types, so a catalog that
// cannot list the keys is an error when context is given, rather than the
// values going unchecked; without context the keys are not read.
func TestSimulationContextNeedsTheGlobalKeys(t *testing.T) {
	d := &policySimulationDataSource{catalogReader{catalog: noGlobalKeys{embedded.Default()}}}
	var diags diag.Diagnostics
	d.contextKeyTypes(t.Context(), &policySimulationModel{Requests: []simulationRequestModel{{}}}, &diags)
	if diags.HasError() {
		t.Fatalf("no context given, yet the keys were read: %v", diags)
	}
	withContext := &policySimulationModel{Requests: []simulationRequestModel{{
		Context: map[string][]types.String{"aws:SourceIp": {types.StringValue("not-an-ip")}},
	}}}
	d.contextKeyTypes(t.Context(), withContext, &diags)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), "could not be reached") {
		t.Errorf("diagnostics %v: want the catalog's error", diags)
	}
}
