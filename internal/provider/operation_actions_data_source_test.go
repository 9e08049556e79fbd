package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccOperationActionsDataSource(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	const ds = "data.iamv2_operation_actions.test"
	results := tfjsonpath.New("results")
	str := knownvalue.StringExact
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				// Operation names match case-insensitively; an operation may need
				// actions of other services, with their condition context.
				Config: src.provider + `
data "iamv2_operation_actions" "test" {
  service    = "widgetpreview"
  operations = ["createwidget", "GetWidget"]
}`,
				Check: src.checkSource(ds),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("published"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ds, results, knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(ds, results.AtSliceIndex(0).AtMapKey("operation"), str("CreateWidget")),
					statecheck.ExpectKnownValue(ds, results.AtSliceIndex(0).AtMapKey("actions"), knownvalue.ListExact([]knownvalue.Check{
						str("widgetpreview:CreateWidget"), str("iam:PassRole"), str("widgetpreview:TagWidget"),
					})),
					statecheck.ExpectKnownValue(ds, results.AtSliceIndex(0).AtMapKey("authorized_actions").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"action":  str("iam:PassRole"),
						"service": str("iam"),
						"context": knownvalue.MapExact(map[string]knownvalue.Check{"iam:PassedToService": str("widgetpreview.amazonaws.com")}),
					})),
					statecheck.ExpectKnownValue(ds, results.AtSliceIndex(1).AtMapKey("authorized_actions").AtSliceIndex(1).AtMapKey("context"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("actions"), knownvalue.ListExact([]knownvalue.Check{
						str("iam:PassRole"), str("kms:Decrypt"), str("widgetpreview:CreateWidget"), str("widgetpreview:GetWidget"), str("widgetpreview:TagWidget"),
					})),
				},
			},
			{
				// Many services publish no operations: a warning, and empty lists.
				Config: src.provider + `
data "iamv2_operation_actions" "test" {
  service = "sustainability"
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("published"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(ds, results, knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(ds, tfjsonpath.New("actions"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

func TestAccOperationActionsBadInput(t *testing.T) {
	src, _ := serviceReferenceSource(t)
	for name, c := range map[string]struct{ provider, body, want string }{
		"embedded source":   {"", `service = "s3"`, `the provider's catalog source is "embedded": set catalog_source = "service_reference"`},
		"unknown service":   {src.provider, `service = "s4"`, `service: unknown service prefix "s4"; did you mean "s3"`},
		"unknown operation": {src.provider, "service = \"widgetpreview\"\noperations = [\"ListWidgets\", \"GetWidgt\"]", `operations[1]: the service reference lists no operation "GetWidgt" for "widgetpreview"; did you mean "GetWidget"?`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config:      c.provider + "data \"iamv2_operation_actions\" \"bad\" {\n" + c.body + "\n}",
					ExpectError: errorMatching(c.want),
				}},
			})
		})
	}
}
