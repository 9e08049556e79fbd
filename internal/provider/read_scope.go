package provider

import "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

// readScopeAttribute is read_scope, which iamv2_permission_boundary and
// iamv2_readonly_statement share; the viewonly package checks the value, so
// a bad one gets the same error, naming it, in both.
func readScopeAttribute(effect string) schema.StringAttribute {
	return optionalString("`\"all\"` (the default) or `\"metadata\"`: a view-only set that leaves out the reads " +
		"returning customer data or credentials (object, secret, parameter, message, log-event, record and " +
		"query-result reads, model invocation, token and credential vending, connection use), by cross-service " +
		"patterns on words of the action names, and the List and Read actions whose name begins with no metadata verb " +
		"(`List`, `Describe`, `Get`, `BatchGet`). " + effect + " The guide \"Generating a read-only permission " +
		"boundary\" lists every rule with its evidence and what it leaves out.")
}
