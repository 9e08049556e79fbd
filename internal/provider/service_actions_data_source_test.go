package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccServiceActionsDataSource(t *testing.T) {
	const ds = "data.iamv2_service_actions.test"
	eachSource(t, func(t *testing.T, src catalogSource) {
		resource.UnitTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testProviders,
			Steps: []resource.TestStep{
				{
					// The classic question: every cloudtrail action matching De*.
					Config: src.provider + `
	data "iamv2_service_actions" "test" {
	  service = "CloudTrail"
	  match   = ["De*"]
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "names.#", "9"),
						resource.TestCheckResourceAttr(ds, "names.0", "cloudtrail:DeleteChannel"),
						resource.TestCheckResourceAttr(ds, "names.8", "cloudtrail:DescribeTrails"),
						resource.TestCheckResourceAttr(ds, "actions.7.name", "DescribeQuery"),
						resource.TestCheckResourceAttr(ds, "actions.7.access_level", "Read"),
						resource.TestCheckResourceAttr(ds, "actions.7.action_groups.#", "2"),
						resource.TestCheckResourceAttr(ds, "actions.7.action_groups.0", "ReadOnly"),
						resource.TestCheckResourceAttr(ds, "actions.7.action_groups.1", "ReadWrite"),
						resource.TestCheckResourceAttr(ds, "actions.7.resource_types.0.name", "eventdatastore"),
						resource.TestCheckResourceAttr(ds, "actions.7.resource_types.0.required", "true"),
						resource.TestCheckResourceAttr(ds, "actions.7.resource_types.0.arn",
							"arn:${Partition}:cloudtrail:${Region}:${Account}:eventdatastore/${EventDataStoreId}"),
						resource.TestCheckResourceAttr(ds, "actions.7.resource_types.0.condition_keys.0", "aws:ResourceTag/${TagKey}"),
						resource.TestCheckResourceAttr(ds, "actions.0.full_name", "cloudtrail:DeleteChannel"),
						resource.TestCheckResourceAttr(ds, "actions.0.access_level", "Write"),
						src.checkSource(ds),
					),
				},
				{
					// Service-qualified and case-insensitive patterns, the console
					// vocabulary, and ? for one character.
					Config: src.provider + `
	data "iamv2_service_actions" "test" {
	  service       = "cloudtrail"
	  match         = ["cloudtrail:de*", "GetTrail?tatus"]
	  access_levels = ["readonly"]
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "names.#", "3"),
						resource.TestCheckResourceAttr(ds, "names.0", "cloudtrail:DescribeQuery"),
						resource.TestCheckResourceAttr(ds, "names.1", "cloudtrail:DescribeTrails"),
						resource.TestCheckResourceAttr(ds, "names.2", "cloudtrail:GetTrailStatus"),
					),
				},
				{
					// Write excludes actions whose level is Tagging or Permissions
					// management, though the source data also calls them Write.
					Config: src.provider + `
	data "iamv2_service_actions" "test" {
	  service       = "cloudtrail"
	  access_levels = ["Write"]
	}
	data "iamv2_service_actions" "tagging" {
	  service       = "cloudtrail"
	  access_levels = ["tagging"]
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "names.#", "35"),
						resource.TestCheckResourceAttr("data.iamv2_service_actions.tagging", "names.#", "2"),
						resource.TestCheckResourceAttr("data.iamv2_service_actions.tagging", "names.0", "cloudtrail:AddTags"),
						resource.TestCheckResourceAttr("data.iamv2_service_actions.tagging", "actions.0.action_groups.0", "Tagging"),
					),
				},
				{
					// Filters by resource type and by condition key.
					Config: src.provider + `
	data "iamv2_service_actions" "test" {
	  service       = "s3"
	  match         = ["GetObject*"]
	  resource_type = "object"
	  condition_key = "s3:ExistingObjectTag/*"
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "names.0", "s3:GetObject"),
						resource.TestCheckTypeSetElemAttr(ds, "names.*", "s3:GetObjectTagging"),
						resource.TestCheckResourceAttr(ds, "actions.0.dependent_actions.#", "0"),
					),
				},
				{
					// A filter that matches nothing warns and returns empty lists.
					Config: src.provider + `
	data "iamv2_service_actions" "test" {
	  service = "cloudtrail"
	  match   = ["Launch*"]
	}`,
					Check: resource.ComposeAggregateTestCheckFunc(
						resource.TestCheckResourceAttr(ds, "names.#", "0"),
						resource.TestCheckResourceAttr(ds, "actions.#", "0"),
					),
				},
			},
		})
	})
}

func TestAccServiceActionsDataSourceBadInput(t *testing.T) {
	for name, c := range map[string]struct{ body, want string }{
		"unknown service":   {`service = "cloudtrial"`, `service: unknown service prefix "cloudtrial"; did you mean "cloudtrail"?`},
		"empty pattern":     {`service = "s3"` + "\n" + `match = [""]`, `match[0]: empty action pattern`},
		"only a colon":      {`service = "s3"` + "\n" + `match = ["Get*", ":"]`, `match[1]: action pattern ":" has an empty service prefix`},
		"two colons":        {`service = "s3"` + "\n" + `match = ["s3:Get:Object"]`, `match[0]: action pattern "s3:Get:Object" has 2 colons`},
		"other service":     {`service = "s3"` + "\n" + `match = ["ec2:Describe*"]`, `match[0]: action pattern "ec2:Describe*" names another service than "s3"`},
		"unknown level":     {`service = "s3"` + "\n" + `access_levels = ["List", "Admin"]`, `access_levels[1]: unknown access level "Admin": valid values are "List", "Read", "Write", "Permissions management", "Tagging"`},
		"unknown resource":  {`service = "s3"` + "\n" + `resource_type = "bucke"`, `resource_type: service "s3" defines no resource type matching "bucke"; did you mean "bucket"?`},
		"unknown condition": {`service = "s3"` + "\n" + `condition_key = "aws:SourceIpp"`, `condition_key: service "s3" defines no condition key matching "aws:SourceIpp", and it matches no global key`},
		"empty service":     {`service = ""`, `service: the service prefix is empty: write one such as "s3" or "cloudtrail".`},
		"null match":        {`service = "s3"` + "\n" + `match = ["Get*", null]`, `match[1] must not be null`},
		"non-ASCII service": {`service = "İAM"`, `service: "İAM" holds the character U+0130 ('İ'), which is not one IAM accepts in a policy`},
	} {
		t.Run(name, func(t *testing.T) {
			eachSource(t, func(t *testing.T, src catalogSource) {
				resource.UnitTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders,
					Steps: []resource.TestStep{{
						Config:      src.provider + "data \"iamv2_service_actions\" \"bad\" {\n" + c.body + "\n}",
						ExpectError: errorMatching(c.want),
					}},
				})
			})
		})
	}
}

// A global condition key applies to every action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
// so it selects every action, and the result says which keys it matched;
// the global tag keys are matched per action, as the reference lists them.
func TestAccServiceActionsGlobalConditionKey(t *testing.T) {
	const ds = "data.iamv2_service_actions.test"
	step := func(key string, names knownvalue.Check, global ...string) resource.TestStep {
		keys := make([]knownvalue.Check, len(global))
		for i, k := range global {
			keys[i] = knownvalue.StringExact(k)
		}
		return resource.TestStep{
			Config: `
data "iamv2_service_actions" "test" {
  service       = "cloudtrail"
  condition_key = "` + key + `"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("names"), names),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("global_condition_keys"), knownvalue.ListExact(keys)),
			},
		}
	}
	every := knownvalue.ListSizeExact(66) // cloudtrail's actions in the snapshot
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			step("aws:SourceIp", every, "aws:SourceIp"),
			step("AWS:PrincipalTag/*", every, "aws:PrincipalTag/tag-key"),
			step("aws:ResourceTag/*", knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringExact("cloudtrail:AddTags")})),
		},
	})
}
