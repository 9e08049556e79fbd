package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

func TestAccReadonlyStatementDataSource(t *testing.T) {
	const ds = "data.iamv2_readonly_statement.test"
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: `
data "iamv2_readonly_statement" "test" {
  services  = ["cloudtrail"]
  wildcards = "none"
  sid       = "Read"
}`,
				// expanded_actions is opt-in: half of the state for every service.
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("expanded_actions"), knownvalue.Null()),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("access_level_counts").AtMapKey("Read"), knownvalue.Int64Exact(21)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "access_level_counts.Write", "0"),
					resource.TestCheckResourceAttr(ds, "access_level_counts.Tagging", "0"),
					resource.TestCheckTypeSetElemAttr(ds, "actions.*", "cloudtrail:DescribeTrails"),
					resource.TestCheckResourceAttr(ds, "policies.#", "1"),
					resource.TestCheckResourceAttr(ds, "granted_services.0", "cloudtrail"),
					checkPolicyJSON(ds),
				),
			},
			{
				// Word mode: a * only after whole CamelCase words.
				Config: `
data "iamv2_readonly_statement" "test" {
  services              = ["cloudtrail"]
  exclude               = ["cloudtrail:LookupEvents"]
  include               = ["cloudtrail:StartLogging"]
  list_expanded_actions = true
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckTypeSetElemAttr(ds, "actions.*", "cloudtrail:Describe*"),
					resource.TestCheckTypeSetElemAttr(ds, "actions.*", "cloudtrail:StartLogging"),
					resource.TestCheckTypeSetElemAttr(ds, "expanded_actions.*", "cloudtrail:StartLogging"),
					resource.TestCheckResourceAttr(ds, "access_level_counts.Write", "1"),
					checkNoElement(ds, "expanded_actions", "cloudtrail:LookupEvents"),
					checkPolicyJSON(ds),
				),
			},
			{
				// Every service, split into documents within the limit.
				Config: `
data "iamv2_readonly_statement" "test" {
  services         = ["*"]
  wildcards        = "prefix"
  max_policy_chars = 6144
}`,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(ds, "access_level_counts.Write", "0"),
					resource.TestCheckResourceAttr(ds, "access_level_counts.Permissions management", "0"),
					resource.TestCheckResourceAttr(ds, "policies.#", "5"),
					checkPolicyJSON(ds),
				),
			},
		},
	})
}

// checkPolicyJSON checks that policy_json is a policy document and that
// each of policies fits max_policy_chars (6,144 unless set).
func checkPolicyJSON(name string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[name].Primary.Attributes
		var doc struct {
			Version   string
			Statement []struct{ Effect string }
		}
		if err := json.Unmarshal([]byte(attrs["policy_json"]), &doc); err != nil {
			return fmt.Errorf("policy_json: %w", err)
		}
		if doc.Version != "2012-10-17" || len(doc.Statement) != 1 || doc.Statement[0].Effect != "Allow" {
			return fmt.Errorf("policy_json = %s", attrs["policy_json"])
		}
		for i := 0; attrs[fmt.Sprintf("policies.%d", i)] != ""; i++ {
			if n := nonSpace(attrs[fmt.Sprintf("policies.%d", i)]); n > 6144 {
				return fmt.Errorf("policies.%d has %d characters", i, n)
			}
		}
		return nil
	}
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
			n++
		}
	}
	return n
}

// checkNoElement fails when a list attribute holds value.
func checkNoElement(name, list, value string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		attrs := s.RootModule().Resources[name].Primary.Attributes
		for i := 0; ; i++ {
			v, ok := attrs[fmt.Sprintf("%s.%d", list, i)]
			if !ok {
				return nil
			}
			if v == value {
				return fmt.Errorf("%s holds %q", list, value)
			}
		}
	}
}

func TestAccReadonlyStatementDataSourceBadInput(t *testing.T) {
	for name, c := range map[string]struct{ body, want string }{
		"unknown service":   {`services = ["ec2", "cloudtrial"]`, `services[1]: unknown service prefix "cloudtrial"; did you mean "cloudtrail"?`},
		"unknown level":     {`services = ["s3"]` + "\n" + `access_levels = ["Lst"]`, `access_levels[0]: unknown access level "Lst"`},
		"bad wildcards":     {`services = ["s3"]` + "\n" + `wildcards = "some"`, `wildcards: unknown wildcards mode "some": valid values are "none", "word" and "prefix"`},
		"limit too small":   {`services = ["s3"]` + "\n" + `max_policy_chars = 50`, `max_policy_chars: max_policy_chars = 50, but a policy holding just the pattern "s3:AllowVendedLogDeliveryForResource" already has 122 characters: set at least 122`},
		"limit zero":        {`services = ["s3"]` + "\n" + `max_policy_chars = 0`, `max_policy_chars: max_policy_chars = 0: it must be a whole number from 1 to 20480.`},
		"limit fractional":  {`services = ["s3"]` + "\n" + `max_policy_chars = 100.5`, `max_policy_chars: max_policy_chars = 100.5: it must be a whole number from 1 to 20480.`},
		"limit huge":        {`services = ["s3"]` + "\n" + `max_policy_chars = 1e30`, `max_policy_chars: max_policy_chars = 1e+30: it must be a whole number from 1 to 20480.`},
		"exclude typo":      {`services = ["s3"]` + "\n" + `exclude = ["s3:GetObjekt"]`, `exclude[0]: "s3:GetObjekt" matches no action of service "s3", so it excludes nothing; did you mean "GetObject"`},
		"null service":      {`services = ["ec2", null]`, `services[1] must not be null`},
		"non-ASCII service": {`services = ["İAM"]`, `services[0]: service prefix "İAM" holds the character U+0130 ('İ'), which is not one IAM accepts in a policy`},
		"action as service": {`services = ["s3:GetObject"]`, `services[0]: "s3:GetObject" is an action pattern`},
		"bad sid":           {`services = ["s3"]` + "\n" + `sid = "read-only"`, `sid: sid "read-only" holds '-'`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      "data \"iamv2_readonly_statement\" \"bad\" {\n" + c.body + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}

// Every document the data source returns passes the validator's ERROR
// checks for a permissions boundary, or the read fails naming the document
// and the finding: here a hand-made second policy with a duplicate Sid.
func TestReadonlyStatementRefusesADocumentIAMRefuses(t *testing.T) {
	d := &readonlyStatementDataSource{catalogReader{catalog: embedded.Default()}}
	good := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*"}]}`
	var diags diag.Diagnostics
	if !d.accepted(t.Context(), &readonly.Result{Services: []string{"s3"}, PolicyJSON: good, Policies: []string{good}}, readonly.DefaultMaxPolicyChars, &diags) || diags.HasError() {
		t.Fatalf("a valid document is refused: %v", diags)
	}
	bad := `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:Get*","Resource":"*"},` +
		`{"Sid":"A","Effect":"Allow","Action":"s3:List*","Resource":"*"}]}`
	if d.accepted(t.Context(), &readonly.Result{Services: []string{"s3"}, PolicyJSON: good, Policies: []string{good, bad}}, readonly.DefaultMaxPolicyChars, &diags) ||
		!strings.Contains(fmt.Sprint(diags), "Refusing policies[1]: IAM would refuse it as a permissions boundary: UNIQUE_SIDS_REQUIRED at Statement[1].Sid") {
		t.Errorf("diagnostics %v: want a refusal of policies[1]", diags)
	}
}

// policy_json holds the whole statement and may exceed max_policy_chars, as
// its description says; each of policies must fit it (POLICY_SIZE_EXCEEDED).
func TestReadonlyStatementProvesTheSizeOfPoliciesOnly(t *testing.T) {
	d := &readonlyStatementDataSource{catalogReader{catalog: embedded.Default()}}
	part := func(pattern string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["` + pattern + `"],"Resource":"*"}]}`
	}
	whole := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}]}`
	limit := len(part("s3:List*")) // both parts fit; the whole does not
	var diags diag.Diagnostics
	split := &readonly.Result{Services: []string{"s3"}, PolicyJSON: whole, Policies: []string{part("s3:Get*"), part("s3:List*")}}
	if !d.accepted(t.Context(), split, limit, &diags) || diags.HasError() {
		t.Fatalf("policy_json over max_policy_chars with every part within it is refused: %v", diags)
	}
	over := &readonly.Result{Services: []string{"s3"}, PolicyJSON: whole, Policies: []string{whole}}
	if d.accepted(t.Context(), over, limit, &diags) ||
		!strings.Contains(fmt.Sprint(diags), "Refusing policies[0]: IAM would refuse it as a permissions boundary: POLICY_SIZE_EXCEEDED") {
		t.Errorf("diagnostics %v: want policies[0] refused for its size", diags)
	}
}

// Proving the documents costs what the question does: a statement of one
// service, without the read families of "word" mode, reads that service
// alone from a live catalog, though the validator that proves it knows
// every service it reads.
func TestAccReadonlyStatementProofReadsOnlyItsServices(t *testing.T) {
	src, fake := serviceReferenceSource(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: src.provider + `
data "iamv2_readonly_statement" "test" {
  services  = ["cloudtrail"]
  wildcards = "none"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.iamv2_readonly_statement.test", tfjsonpath.New("granted_services"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("cloudtrail")})),
			},
		}},
	})
	if st := fake.Stats(); len(st.Services) != 1 || st.Services["cloudtrail"] != 1 {
		t.Errorf("%v; want cloudtrail's document alone", st)
	}
}
