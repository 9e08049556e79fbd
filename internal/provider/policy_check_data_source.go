package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

var _ datasource.DataSourceWithConfigure = (*policyCheckDataSource)(nil)

type policyCheckDataSource struct{ catalogReader }

func newPolicyCheckDataSource() datasource.DataSource {
	return &policyCheckDataSource{catalogReader{name: "policy_check"}}
}

type policyCheckModel struct {
	Check            types.String       `tfsdk:"check"`
	PolicyDocument   types.String       `tfsdk:"policy_document"`
	ExistingDocument types.String       `tfsdk:"existing_policy_document"`
	PolicyType       types.String       `tfsdk:"policy_type"`
	Access           []checkAccessModel `tfsdk:"access"`
	ResourceType     types.String       `tfsdk:"resource_type"`
	Result           types.String       `tfsdk:"result"`
	Message          types.String       `tfsdk:"message"`
	Reasons          []checkReasonModel `tfsdk:"reasons"`
	Source           types.String       `tfsdk:"source"`
	DataVersion      types.String       `tfsdk:"data_version"`
}

type checkAccessModel struct {
	Actions   []types.String `tfsdk:"actions"`
	Resources []types.String `tfsdk:"resources"`
}

type checkReasonModel struct {
	Description    string `tfsdk:"description"`
	StatementIndex int64  `tfsdk:"statement_index"`
	Sid            string `tfsdk:"sid"`
	Path           string `tfsdk:"path"`
}

// The checks, named as Access Analyzer's CheckNoNewAccess,
// CheckAccessNotGranted and CheckNoPublicAccess.
const (
	checkNoNewAccess      = "no_new_access"
	checkAccessNotGranted = "access_not_granted"
	checkNoPublicAccess   = "no_public_access"
)

func (d *policyCheckDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs one of IAM Access Analyzer's custom policy checks offline, with the same `PASS`/`FAIL` " +
			"meaning: `no_new_access` (`CheckNoNewAccess`), `access_not_granted` (`CheckAccessNotGranted`) and " +
			"`no_public_access` (`CheckNoPublicAccess`). `FAIL` means access *may* be granted. The checks are sound: " +
			"`PASS` is a proof over the documents' text, and what cannot be proved (a condition of unknown " +
			"strength) fails. No credentials, no call to AWS, no charge per check.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"check": schema.StringAttribute{
				MarkdownDescription: "`no_new_access`, `access_not_granted` or `no_public_access`.",
				Required:            true,
			},
			"policy_document": schema.StringAttribute{
				MarkdownDescription: "The policy to check, as JSON." + policyJSONNote,
				Required:            true,
			},
			"existing_policy_document": optionalString("For `no_new_access`: the policy the new one must not grant more than."),
			"policy_type": optionalString("`identity` (the default) or `resource`; `no_public_access` checks resource policies " +
				"only. An identity policy applies to its principal and has no `Principal`; a resource policy must name one."),
			"access": schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("For `access_not_granted`: the access the policy must not grant, at most %d "+
					"actions and %d resources in all, as Access Analyzer takes. An entry with no `actions` means any action "+
					"on its resources; with no `resources`, its actions on any resource.", evaluate.MaxAccessItems, evaluate.MaxAccessItems),
				Optional: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"actions": schema.ListAttribute{
						MarkdownDescription: "Action names or patterns, such as `iam:CreateUser` or `iam:*`.",
						ElementType:         types.StringType, Optional: true,
					},
					"resources": schema.ListAttribute{
						MarkdownDescription: "Resource ARNs or ARN patterns, or `*`.",
						ElementType:         types.StringType, Optional: true,
					},
				}},
			},
			"resource_type": optionalString("For `no_public_access`: the resource type the policy is attached to, as Access " +
				"Analyzer names it: " + backquoted(evaluate.PublicResourceTypes()) + "."),
			"result":  computedString("`PASS` or `FAIL`."),
			"message": computedString("What the result means, in a sentence."),
			"reasons": schema.ListNestedAttribute{
				MarkdownDescription: "For `FAIL`, the statements that may grant the access, each once; empty for `PASS`.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"description":     computedString("What the statement may grant."),
					"statement_index": schema.Int64Attribute{MarkdownDescription: "The statement's position in `policy_document`.", Computed: true},
					"sid":             computedString("The statement's `Sid`; empty when it has none."),
					"path":            computedString("The statement's JSON path, such as `Statement[1]`."),
				}},
			},
		}),
	}
}

func backquoted(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}

func (d *policyCheckDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyCheckModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	diags := &resp.Diagnostics
	kind := policyKind(&m, diags)
	check := m.Check.ValueString()
	d.checkInputs(&m, check, diags)
	if diags.HasError() {
		return
	}
	p := compilePolicy(m.PolicyDocument.ValueString(), evaluate.Source{Kind: kind}, path.Root("policy_document"), diags)
	var result evaluate.CheckResult
	switch check {
	case checkNoNewAccess:
		old := compilePolicy(m.ExistingDocument.ValueString(), evaluate.Source{Kind: kind}, path.Root("existing_policy_document"), diags)
		if p == nil || old == nil {
			return
		}
		result = evaluate.CheckNoNewAccess(p, old)
	case checkAccessNotGranted:
		access := d.accessItems(ctx, m.Access, diags)
		if p == nil || diags.HasError() {
			return
		}
		result = evaluate.CheckAccessNotGranted(p, access)
	case checkNoPublicAccess:
		if p == nil {
			return
		}
		var err error
		if result, err = evaluate.CheckNoPublicAccess(p, m.ResourceType.ValueString()); err != nil {
			addAttributeError(diags, path.Root("resource_type"), "Unsupported resource type", sentence(err))
			return
		}
	}
	m.Result = types.StringValue(map[bool]string{true: "PASS", false: "FAIL"}[result.Pass])
	m.Message = types.StringValue(result.Message)
	m.Reasons = make([]checkReasonModel, 0, len(result.Reasons))
	for _, r := range result.Reasons {
		m.Reasons = append(m.Reasons, checkReasonModel{Description: r.Description, StatementIndex: int64(r.StatementIndex), Sid: r.Sid, Path: r.Path})
	}
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func policyKind(m *policyCheckModel, diags *diag.Diagnostics) evaluate.Kind {
	switch t := m.PolicyType.ValueString(); t {
	case "", "identity":
		if m.Check.ValueString() == checkNoPublicAccess {
			if t == "identity" {
				addAttributeError(diags, path.Root("policy_type"), "Invalid policy_type",
					`no_public_access checks resource policies: set policy_type = "resource", or leave it out.`)
			}
			return evaluate.ResourcePolicy
		}
		return evaluate.Identity
	case "resource":
		return evaluate.ResourcePolicy
	default:
		addAttributeError(diags, path.Root("policy_type"), "Invalid policy_type",
			fmt.Sprintf("policy_type = %q: valid values are \"identity\" and \"resource\".", t))
		return evaluate.Identity
	}
}

// checkInputs refuses a check without the inputs it needs, or with inputs
// another check takes, naming the attribute.
func (d *policyCheckDataSource) checkInputs(m *policyCheckModel, check string, diags *diag.Diagnostics) {
	needs := map[string]string{checkNoNewAccess: "existing_policy_document", checkAccessNotGranted: "access", checkNoPublicAccess: "resource_type"}
	given := map[string]bool{
		"existing_policy_document": !m.ExistingDocument.IsNull(),
		"access":                   m.Access != nil,
		"resource_type":            !m.ResourceType.IsNull(),
	}
	need, ok := needs[check]
	if !ok {
		addAttributeError(diags, path.Root("check"), "Unknown check", fmt.Sprintf("check = %q: valid checks are %s.",
			check, quoted([]string{checkNoNewAccess, checkAccessNotGranted, checkNoPublicAccess})))
		return
	}
	if !given[need] {
		addAttributeError(diags, path.Root(need), "Missing "+need, fmt.Sprintf("the %s check needs %s.", check, need))
	}
	for _, attr := range []string{"existing_policy_document", "access", "resource_type"} {
		if given[attr] && attr != need {
			addAttributeError(diags, path.Root(attr), "Unused "+attr, fmt.Sprintf("%s is for another check than %s; remove it.", attr, check))
		}
	}
}

// accessItems reads access_not_granted's access, refusing malformed
// actions and resources by path, and more than Access Analyzer takes.
func (d *policyCheckDataSource) accessItems(ctx context.Context, in []checkAccessModel, diags *diag.Diagnostics) []evaluate.Access {
	expander, err := expanderFor(ctx, d.catalog, needOfEach(in, func(a checkAccessModel) []types.String { return a.Actions }))
	if err != nil {
		addCatalogError(diags, path.Root("access"), err)
		return nil
	}
	var out []evaluate.Access
	actions, resources := 0, 0
	for i, a := range in {
		at := path.Root("access").AtListIndex(i)
		var acc evaluate.Access
		for j, v := range a.Actions {
			if v.IsNull() {
				addElementError(diags, at.AtName("actions").AtListIndex(j), nullElement)
				continue
			}
			if _, err := expander.ExpandPattern(v.ValueString()); err != nil {
				addAttributeError(diags, at.AtName("actions").AtListIndex(j), "Unknown action", sentence(err))
				continue
			}
			acc.Actions = append(acc.Actions, v.ValueString())
		}
		for j, v := range a.Resources {
			s := v.ValueString()
			if v.IsNull() {
				addElementError(diags, at.AtName("resources").AtListIndex(j), nullElement)
				continue
			}
			if err := checkAccessResource(s); err != nil {
				addAttributeError(diags, at.AtName("resources").AtListIndex(j), "Invalid resource", sentence(err))
				continue
			}
			acc.Resources = append(acc.Resources, s)
		}
		if len(a.Actions) == 0 && len(a.Resources) == 0 {
			addAttributeError(diags, at, "Empty access", "the entry lists no action and no resource; give at least one.")
		}
		actions += len(a.Actions)
		resources += len(a.Resources)
		out = append(out, acc)
	}
	if len(in) == 0 {
		addAttributeError(diags, path.Root("access"), "Empty access", "access lists nothing to check; give at least one entry.")
	}
	if actions > evaluate.MaxAccessItems || resources > evaluate.MaxAccessItems {
		addAttributeError(diags, path.Root("access"), "Too much access", fmt.Sprintf(
			"access lists %d actions and %d resources; Access Analyzer takes at most %d of each.", actions, resources, evaluate.MaxAccessItems))
	}
	return out
}

// checkAccessResource refuses a resource of access_not_granted's access
// that is neither "*" nor an ARN or ARN pattern, or that holds a character
// IAM does not accept in a policy, as the data source and the function do.
func checkAccessResource(s string) error {
	if s != "*" && (!strings.HasPrefix(s, "arn:") || strings.Count(s, ":") < 5) {
		return fmt.Errorf("resource %q is not an ARN or ARN pattern (arn:partition:service:region:account:resource), nor \"*\"", s)
	}
	if err := iam.CheckText(s); err != nil {
		return fmt.Errorf("resource %w", err)
	}
	return nil
}
