package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// targetSetModel is what iamv2_permission_boundary and
// iamv2_readonly_statement share: the attributes that choose the actions
// to grant and how to write them. Both models embed it.
type targetSetModel struct {
	Services       types.List   `tfsdk:"services"`
	AccessLevels   types.List   `tfsdk:"access_levels"`
	Exclude        types.List   `tfsdk:"exclude"`
	Include        types.List   `tfsdk:"include"`
	Wildcards      types.String `tfsdk:"wildcards"`
	ReadScope      types.String `tfsdk:"read_scope"`
	MaxPolicyChars types.Number `tfsdk:"max_policy_chars"`
}

// options reads the target set, reporting a null list element by its path.
func (m targetSetModel) options(diags *diag.Diagnostics) readonly.Options {
	return readonly.Options{
		Services:       listElements(m.Services, path.Root("services"), diags),
		AccessLevels:   listElements(m.AccessLevels, path.Root("access_levels"), diags),
		Exclude:        listElements(m.Exclude, path.Root("exclude"), diags),
		Include:        listElements(m.Include, path.Root("include"), diags),
		Wildcards:      readonly.Wildcards(m.Wildcards.ValueString()),
		ReadScope:      m.ReadScope.ValueString(),
		MaxPolicyChars: int(wholeValue(m.MaxPolicyChars.ValueBigFloat(), readonly.DefaultMaxPolicyChars)),
	}
}

// maxPolicyCharsAttribute is max_policy_chars, the size limit of what
// (such as "the document").
func maxPolicyCharsAttribute(what, why string) schema.NumberAttribute {
	return schema.NumberAttribute{
		MarkdownDescription: fmt.Sprintf("Size limit of %s, in characters other than whitespace: a whole number from "+
			"%d to %d. Default %d, %s.", what, maxPolicyChars.min, maxPolicyChars.max, readonly.DefaultMaxPolicyChars, why),
		Optional:   true,
		Validators: []validator.Number{maxPolicyChars},
	}
}

// readScopeAttribute is read_scope, with what it does in one data source;
// the viewonly package checks the value, so a bad one gets the same error,
// naming it, in both.
func readScopeAttribute(effect string) schema.StringAttribute {
	return optionalString("`\"all\"` (the default) or `\"metadata\"`: a view-only set that leaves out the reads " +
		"returning customer data or credentials (object, secret, parameter, message, log-event, record and " +
		"query-result reads, model invocation, token and credential vending, connection use), by cross-service " +
		"patterns on words of the action names, and the List and Read actions whose name begins with no metadata verb " +
		"(`List`, `Describe`, `Get`, `BatchGet`). " + effect + " The guide \"Generating a read-only permission " +
		"boundary\" lists every rule with its evidence and what it leaves out.")
}
