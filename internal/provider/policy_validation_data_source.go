package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

var _ datasource.DataSourceWithConfigure = (*policyValidationDataSource)(nil)

type policyValidationDataSource struct{ catalogReader }

func newPolicyValidationDataSource() datasource.DataSource {
	return &policyValidationDataSource{catalogReader{name: "policy_validation"}}
}

type policyValidationModel struct {
	Policy          types.String     `tfsdk:"policy"`
	PolicyType      types.String     `tfsdk:"policy_type"`
	ExpectReadOnly  types.Bool       `tfsdk:"expect_read_only"`
	IgnoreCodes     types.List       `tfsdk:"ignore_codes"`
	SizeLimit       types.Number     `tfsdk:"size_limit"`
	Findings        []findingModel   `tfsdk:"findings"`
	Counts          map[string]int64 `tfsdk:"counts"`
	Omitted         types.Int64      `tfsdk:"omitted_findings"`
	Valid           types.Bool       `tfsdk:"valid"`
	ConsoleFindings types.String     `tfsdk:"console_findings"`
	Source          types.String     `tfsdk:"source"`
	DataVersion     types.String     `tfsdk:"data_version"`
}

type findingModel struct {
	Code     string `tfsdk:"code"`
	Severity string `tfsdk:"severity"`
	Message  string `tfsdk:"message"`
	Path     string `tfsdk:"path"`
}

func (d *policyValidationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lints an IAM policy document against the catalog and returns findings a configuration can " +
			"assert on in `check` blocks and postconditions, with the severities of AWS Access Analyzer's policy " +
			"validation: `ERROR`, `SECURITY_WARNING`, `WARNING`, `SUGGESTION`. A malformed document is a finding, " +
			"not a failed plan.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"policy": schema.StringAttribute{
				MarkdownDescription: "The policy document as JSON: from `jsonencode(...)`, `data.aws_iam_policy_document.x.json` or `file(...)`.",
				Required:            true,
			},
			"policy_type": schema.StringAttribute{
				MarkdownDescription: "Where the policy goes, which decides the elements it may have and its size quota " +
					"(`POLICY_SIZE_EXCEEDED`): `identity` (the default, a managed policy), `resource`, `boundary` or `scp`; " +
					"or, for the size quota of a more precise place, `inline_user`, `inline_group`, `inline_role` or " +
					"`session` (identity grammar), `trust`, `s3_bucket`, `kms_key`, `secretsmanager` or `sqs` (resource " +
					"grammar). Some codes apply to some types only: a boundary or an SCP grants nothing, so the checks for " +
					"over-broad grants (`ALLOW_WITH_NOT_ACTION`, permissions management or `iam:PassRole` on `\"*\"`, " +
					"privilege escalation) skip them; the table *Codes by policy type* lists every such code and why, and " +
					"*Size quotas* each type's limit and how it is counted.",
				Optional: true,
			},
			"size_limit": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("Replaces the size quota of `policy_type` for `POLICY_SIZE_EXCEEDED`, in "+
					"its unit (characters or bytes): %s. For a quota raised (a role trust policy's) or changed since; "+
					"leave it out for AWS's default.", sizeLimit.Description(context.Background())),
				Optional:   true,
				Validators: []validator.Number{sizeLimit},
			},
			"expect_read_only": schema.BoolAttribute{
				MarkdownDescription: "Report every allowed action that is neither List nor Read as a `SECURITY_WARNING`.",
				Optional:            true,
			},
			"ignore_codes": schema.ListAttribute{
				MarkdownDescription: "Finding codes to leave out, such as `[\"COMPACT_ACTIONS\"]`; case-sensitive. An empty " +
					"list is the same as leaving the attribute out: every finding is reported.",
				ElementType: types.StringType,
				Optional:    true,
			},
			"findings": schema.ListNestedAttribute{
				MarkdownDescription: "The findings, in document order (at most 200; `omitted_findings` counts the rest).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"code":     computedString("The finding's code, such as `PASS_ROLE_ON_ALL_RESOURCES`."),
					"severity": computedString("`ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`."),
					"message":  computedString("What is wrong, naming the offending value."),
					"path":     computedString("The JSON path of the offending element, such as `Statement[1].Action[3]`; empty for the whole document."),
				}},
			},
			"counts": schema.MapAttribute{
				MarkdownDescription: "How many findings of each severity, all four keys present, omitted findings included.",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
			"omitted_findings": schema.Int64Attribute{
				MarkdownDescription: "Findings counted but not listed, beyond the first 200.",
				Computed:            true,
			},
			"valid": schema.BoolAttribute{MarkdownDescription: "Whether there is no `ERROR` finding.", Computed: true},
			"console_findings": computedString("With the `console` source, the IAM console's own validation of the " +
				"document, as the raw JSON it returns, to compare with ours; null on the embedded source."),
		}),
	}
}

func (d *policyValidationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyValidationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	opts := validation.Options{
		PolicyType:     validation.PolicyType(m.PolicyType.ValueString()),
		ExpectReadOnly: m.ExpectReadOnly.ValueBool(),
		IgnoreCodes:    listElements(m.IgnoreCodes, path.Root("ignore_codes"), &resp.Diagnostics),
		SizeLimit:      int(wholeValue(m.SizeLimit.ValueBigFloat(), 0)),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if err := (validation.Options{PolicyType: opts.PolicyType}).Check(); err != nil {
		addAttributeError(&resp.Diagnostics, path.Root("policy_type"), "Invalid policy_type", sentence(err))
	} else if !m.SizeLimit.IsNull() && opts.PolicyType.QuotaKind() == "" {
		addAttributeError(&resp.Diagnostics, path.Root("size_limit"), "No size quota to replace", fmt.Sprintf(
			"size_limit = %d replaces the size quota of policy_type, but policy_type = %q has none, since a resource "+
				"policy's limit is its service's: set policy_type to the resource's own (%s), or remove size_limit.",
			opts.SizeLimit, opts.PolicyType, quoted(quotaResourceTypes())))
	}
	for i, code := range opts.IgnoreCodes {
		if err := (validation.Options{IgnoreCodes: []string{code}}).Check(); err != nil {
			addAttributeError(&resp.Diagnostics, path.Root("ignore_codes").AtListIndex(i), "Unknown finding code", sentence(err))
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	validator, err := validators.get(ctx, d.catalog)
	if err != nil {
		addCatalogError(&resp.Diagnostics, path.Root("policy"), err)
		return
	}
	report, err := validator.Validate(m.Policy.ValueString(), opts)
	if err != nil {
		resp.Diagnostics.AddError("Invalid validation options", capitalize(sentence(err)))
		return
	}
	m.Findings = make([]findingModel, len(report.Findings))
	for i, f := range report.Findings {
		m.Findings[i] = findingModel{Code: string(f.Code), Severity: string(f.Severity), Message: f.Message, Path: f.Path}
	}
	m.Counts = make(map[string]int64, len(validation.Severities))
	for _, s := range validation.Severities {
		m.Counts[string(s)] = int64(report.Counts.Of(s))
	}
	m.Omitted, m.Valid = types.Int64Value(int64(report.Omitted)), types.BoolValue(report.Valid)
	m.ConsoleFindings = d.consoleAnswer(ctx, "validate", m.Policy.ValueString(), &resp.Diagnostics, (*console.Catalog).Validate)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// quotaResourceTypes are the policy types of resource policies with a size
// quota of their own.
func quotaResourceTypes() []string {
	var out []string
	for _, t := range validation.PolicyTypes {
		if t.Grammar() == validation.Resource && t.QuotaKind() != "" {
			out = append(out, string(t))
		}
	}
	return out
}
