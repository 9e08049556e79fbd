package provider

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

func TestAccPolicyValidationDataSource(t *testing.T) {
	const ds = "data.iamv2_policy_validation.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "iamv2_policy_validation" "test" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "s3:GetObject"], Resource = "*" }]
  })
  expect_read_only = true
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "valid", "true"),
					resource.TestCheckResourceAttr(ds, "counts.ERROR", "0"),
					resource.TestCheckResourceAttr(ds, "counts.SECURITY_WARNING", "2"),
					resource.TestCheckResourceAttr(ds, "findings.0.code", "PASS_ROLE_ON_ALL_RESOURCES"),
					resource.TestCheckResourceAttr(ds, "findings.0.severity", "SECURITY_WARNING"),
					resource.TestCheckResourceAttr(ds, "findings.0.path", "Statement[0].Action[0]"),
					resource.TestCheckResourceAttr(ds, "findings.1.code", "NON_READ_ONLY_ACTION"),
					resource.TestCheckNoResourceAttr(ds, "console_findings"),
					resource.TestCheckResourceAttr(ds, "source", "embedded"),
				),
			},
			{
				// A malformed document is a finding, not a failed plan.
				Config: `
data "iamv2_policy_validation" "test" {
  policy       = jsonencode({ Statement = [{ Effect = "allow", Action = "s3:GetObject", Resource = "*" }] })
  ignore_codes = ["MISSING_VERSION"]
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "valid", "false"),
					resource.TestCheckResourceAttr(ds, "findings.#", "1"),
					resource.TestCheckResourceAttr(ds, "findings.0.code", "INVALID_EFFECT"),
					resource.TestCheckResourceAttr(ds, "findings.0.path", "Statement[0].Effect"),
					resource.TestMatchResourceAttr(ds, "findings.0.message", regexp.MustCompile(`Effect is "allow"; it is case-sensitive`)),
				),
			},
		},
	})
}

// A postcondition on the findings blocks a plan whose policy has a
// security warning.
func TestAccPolicyValidationBlocksSecurityWarnings(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: `
data "iamv2_policy_validation" "deployer" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:CreateFunction", "iam:PassRole"], Resource = "*" }]
  })
  lifecycle {
    postcondition {
      condition     = self.counts["SECURITY_WARNING"] == 0
      error_message = join("; ", [for f in self.findings : "${f.code} at ${f.path}" if f.severity == "SECURITY_WARNING"])
    }
  }
}`,
			ExpectError: errorMatching(`PASS_ROLE_ON_ALL_RESOURCES at Statement[0].Action[1]; PRIVILEGE_ESCALATION at`),
		}},
	})
}

// A check block fails on a security warning and names each finding.
func TestAccPolicyValidationCheckBlock(t *testing.T) {
	config := func(actions string) string {
		return `
data "iamv2_policy_validation" "deployer" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ` + actions + `, Resource = "*" }]
  })
}
check "deployer_has_no_security_warnings" {
  assert {
    condition     = data.iamv2_policy_validation.deployer.counts["SECURITY_WARNING"] == 0
    error_message = join("; ", [for f in data.iamv2_policy_validation.deployer.findings : "${f.code} at ${f.path}" if f.severity == "SECURITY_WARNING"])
  }
}`
	}
	testCheckBlock(t, "deployer_has_no_security_warnings",
		config(`["lambda:CreateFunction", "iam:PassRole"]`), config(`["lambda:GetFunction", "iam:GetRole"]`),
		"PASS_ROLE_ON_ALL_RESOURCES at Statement[0].Action[1]", "PRIVILEGE_ESCALATION at Statement[0].Action[1]")
}

// POLICY_SIZE_EXCEEDED counts as AWS counts the policy type's quota, and
// INVALID_CHARACTER names a character IAM refuses
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
func TestAccPolicyValidationSizeQuotaAndCharacters(t *testing.T) {
	const ds = "data.iamv2_policy_validation.test"
	// 200 bucket ARNs of 32 characters with their quotes: 6,695
	// characters, over a managed policy's 6,144, within a role's 10,240.
	config := func(extra string) string {
		return `
data "iamv2_policy_validation" "test" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = [for i in range(200) : format("arn:aws:s3:::bucket-%010d", i)] }]
  })
  ` + extra + `
}`
	}
	first := func(key string) tfjsonpath.Path { return tfjsonpath.New("findings").AtSliceIndex(0).AtMapKey(key) }
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("valid"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(ds, first("code"), knownvalue.StringExact("POLICY_SIZE_EXCEEDED")),
					statecheck.ExpectKnownValue(ds, first("severity"), knownvalue.StringExact("ERROR")),
					statecheck.ExpectKnownValue(ds, first("path"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(ds, first("message"), knownvalue.StringExact(
						`the document is 6,695 characters, whitespace outside strings not counted, over the limit of 6,144: `+
							`the quota of a customer managed policy (kind "managed", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)`)),
				},
			},
			{
				Config: config(`policy_type = "inline_role"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("valid"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("findings"), knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config: config("size_limit = 7000"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("valid"), knownvalue.Bool(true)),
				},
			},
			{
				Config: `
data "iamv2_policy_validation" "test" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::bucket/Ā" }]
  })
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, first("code"), knownvalue.StringExact("INVALID_CHARACTER")),
					statecheck.ExpectKnownValue(ds, first("path"), knownvalue.StringExact("Statement[0].Resource")),
					statecheck.ExpectKnownValue(ds, first("message"), knownvalue.StringRegexp(regexp.MustCompile(
						`^Invalid character: line 1, column \d+: character U\+0100 \('Ā'\) is not one IAM accepts in a policy`))),
				},
			},
		},
	})
}

func TestAccPolicyValidationBadInput(t *testing.T) {
	for name, c := range map[string]struct{ extra, want string }{
		"policy type": {`policy_type = "rcp"`, `policy_type: unknown policy type "rcp": valid values are "identity", "resource", "boundary", "scp", "trust", "session"`},
		"size limit":  {`size_limit = 0`, `size_limit = 0: it must be a whole number from 1 to 1048576.`},
		"size limit of a type without a quota": {"policy_type = \"resource\"\nsize_limit = 100",
			`size_limit: size_limit = 100 replaces the size quota of policy_type, but policy_type = "resource" has none, since a resource policy's limit is its service's: set policy_type to the resource's own ("trust", "s3_bucket", "kms_key", "secretsmanager", "sqs"), or remove size_limit.`},
		"ignore code": {`ignore_codes = ["COMPACT_ACTIONS", "missing_version"]`, `ignore_codes[1]: unknown finding code "missing_version" in ignore codes; did you mean "MISSING_VERSION"?`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"iamv2_policy_validation\" \"bad\" {\npolicy = \"{}\"\n" + c.extra + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}

// With the console source, the console's own validation and summary come
// next to ours.
func TestAccPolicyValidationAndSummaryOnConsole(t *testing.T) {
	src, _ := consoleSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
locals {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:*", "ec2:Describe*"], Resource = "*" }]
  })
}
data "iamv2_policy_validation" "test" {
  policy = local.policy
}
data "iamv2_policy_summary" "test" {
  policy = local.policy
}`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestMatchResourceAttr("data.iamv2_policy_validation.test", "console_findings", regexp.MustCompile(`^[\[{]`)),
				resource.TestMatchResourceAttr("data.iamv2_policy_summary.test", "console_summary", regexp.MustCompile(`^[\[{]`)),
				resource.TestCheckResourceAttr("data.iamv2_policy_summary.test", "services.#", "2"),
				src.checkSource("data.iamv2_policy_summary.test"),
			),
		}},
	})
}

// The docs list every finding code as validation.Codes describes it.
func TestPolicyValidationDocsListEveryCode(t *testing.T) {
	doc, err := os.ReadFile("../../docs/data-sources/policy_validation.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range validation.Codes() {
		row := fmt.Sprintf("| `%s` | %s | %s |", c.Code, c.Severity, c.Description)
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/data-sources/policy_validation.md lacks the row %s: update templates/data-sources/policy_validation.md.tmpl", row)
		}
	}
}

// The docs' table of size quotas gives, for every policy type with one,
// the limit and unit the quota package counts.
func TestPolicyValidationDocsListEverySizeQuota(t *testing.T) {
	doc, err := os.ReadFile("../../docs/data-sources/policy_validation.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "| `") && strings.Contains(line, "docs.aws.amazon.com") || strings.Contains(line, "| IAM and AWS STS quotas |") {
			for _, name := range regexp.MustCompile("`([a-z_0-9]+)`").FindAllStringSubmatch(strings.SplitN(line, "|", 3)[1], -1) {
				rows[name[1]] = line
			}
		}
	}
	if len(rows) < 12 {
		t.Fatalf("found %d policy types in the size quota table", len(rows))
	}
	for _, typ := range validation.PolicyTypes {
		if typ.QuotaKind() == "" {
			continue
		}
		k, err := quota.Lookup(typ.QuotaKind())
		if err != nil {
			t.Fatal(err)
		}
		row, limit := rows[string(typ)], thousands(k.Limit)
		if !strings.Contains(row, limit) || !strings.Contains(row, string(k.Unit)) {
			t.Errorf("policy type %s: the size quota table's row %q lacks %s %s", typ, row, limit, k.Unit)
		}
	}
}
