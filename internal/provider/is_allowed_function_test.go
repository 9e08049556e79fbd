package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

const bucketReadPolicy = `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::logs/*"},
 {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/secret/*"},
 {"Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`

func TestIsAllowedFunction(t *testing.T) {
	cases := []struct {
		name, action, resource string
		want                   bool
	}{
		{"an Allow that matches allows", "s3:GetObject", "arn:aws:s3:::logs/a", true},
		{"actions are case-insensitive", "S3:getobject", "arn:aws:s3:::logs/a", true},
		{"an explicit Deny wins", "s3:GetObject", "arn:aws:s3:::logs/secret/a", false},
		{"resources are case-sensitive", "s3:GetObject", "arn:aws:s3:::LOGS/a", false},
		{"no Allow means an implicit deny", "s3:DeleteObject", "arn:aws:s3:::logs/a", false},
		{"a condition on a key the request lacks does not hold", "s3:PutObject", "arn:aws:s3:::logs/a", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := runFunction(t, newIsAllowedFunction(), types.BoolUnknown(),
				types.DynamicValue(types.StringValue(bucketReadPolicy)), types.StringValue(c.action), types.StringValue(c.resource))
			if err != nil || !got.Equal(types.BoolValue(c.want)) {
				t.Fatalf("is_allowed(%s, %s) = %v, %v; want %v", c.action, c.resource, got, err, c.want)
			}
		})
	}
	for _, c := range []struct {
		policy, action, resource string
		arg                      int64
		want                     string
	}{
		{`{"Statement":1}`, "s3:GetObject", "*", 0, "Error at Statement: Invalid Statement"},
		{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"k":"maybe"}}}]}`, "s3:GetObject", "*", 0, `Statement[0].Condition.Bool.k: Invalid condition value`},
		{bucketReadPolicy, "s3:GetObjct", "*", 1, `has no action "GetObjct"`},
		{bucketReadPolicy, "s3:Get*", "*", 1, "is a pattern"},
		{bucketReadPolicy, "s3:GetObject", "logs", 2, `Resource "logs" is not an ARN`},
		{bucketReadPolicy, "s3:GetObject", "arn:aws:s3:::logs/*", 2, "has a wildcard"},
	} {
		_, err := runFunction(t, newIsAllowedFunction(), types.BoolUnknown(),
			types.DynamicValue(types.StringValue(c.policy)), types.StringValue(c.action), types.StringValue(c.resource))
		if err == nil || err.FunctionArgument == nil || *err.FunctionArgument != c.arg || !strings.Contains(err.Text, c.want) {
			t.Errorf("is_allowed(%.40s, %s, %s) error = %v, want %q on argument %d", c.policy, c.action, c.resource, err, c.want, c.arg)
		}
	}
}

func TestAccIsAllowedFunction(t *testing.T) {
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   functionCLIs,
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: functionsPreamble + `
locals {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "arn:aws:s3:::logs/*" }]
  })
}
output "read" {
  value = provider::iamv2::is_allowed(local.policy, "s3:GetObject", "arn:aws:s3:::logs/2026/01/a.gz")
}
output "write" {
  value = provider::iamv2::is_allowed(local.policy, "s3:PutObject", "arn:aws:s3:::logs/a")
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("read", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("write", knownvalue.Bool(false)),
				},
			},
			{
				Config: functionsPreamble + `
output "x" {
  value = provider::iamv2::is_allowed("{}", "s3:GetObject", "*")
}`,
				ExpectError: regexp.MustCompile(`(?s)Invalid value for "policy"\s+parameter:.*Missing\s+Statement`),
			},
		},
	})
}
