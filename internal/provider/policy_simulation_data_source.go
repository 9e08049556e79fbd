package provider

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
)

var _ datasource.DataSourceWithConfigure = (*policySimulationDataSource)(nil)

type policySimulationDataSource struct{ catalogReader }

func newPolicySimulationDataSource() datasource.DataSource {
	return &policySimulationDataSource{catalogReader{name: "policy_simulation"}}
}

type policySimulationModel struct {
	PrincipalARN        types.String              `tfsdk:"principal_arn"`
	IdentityPolicies    []types.String            `tfsdk:"identity_policies"`
	PermissionsBoundary types.String              `tfsdk:"permissions_boundary"`
	SessionPolicy       types.String              `tfsdk:"session_policy"`
	SCPs                [][]types.String          `tfsdk:"service_control_policies"`
	RCPs                [][]types.String          `tfsdk:"resource_control_policies"`
	ResourcePolicy      types.String              `tfsdk:"resource_policy"`
	ResourceAccount     types.String              `tfsdk:"resource_account"`
	Context             map[string][]types.String `tfsdk:"context"`
	Requests            []simulationRequestModel  `tfsdk:"requests"`
	Explain             types.String              `tfsdk:"explain"`
	ResultsFilter       types.String              `tfsdk:"results_filter"`
	Results             []simulationResultModel   `tfsdk:"results"`
	AllowedCount        types.Int64               `tfsdk:"allowed_count"`
	DeniedCount         types.Int64               `tfsdk:"denied_count"`
	UncertainCount      types.Int64               `tfsdk:"uncertain_count"`
	UncertainReasons    []string                  `tfsdk:"uncertain_reasons"`
	AllAllowed          types.Bool                `tfsdk:"all_allowed"`
	Allowed             []string                  `tfsdk:"allowed"`
	Denied              []string                  `tfsdk:"denied"`
	Source              types.String              `tfsdk:"source"`
	DataVersion         types.String              `tfsdk:"data_version"`
}

type simulationRequestModel struct {
	Actions   []types.String            `tfsdk:"actions"`
	Resources []types.String            `tfsdk:"resources"`
	Context   map[string][]types.String `tfsdk:"context"`
}

type simulationResultModel struct {
	Action      string                  `tfsdk:"action"`
	Resource    string                  `tfsdk:"resource"`
	Decision    string                  `tfsdk:"decision"`
	DecidedBy   string                  `tfsdk:"decided_by"`
	Matched     []matchedStatementModel `tfsdk:"matched_statements"`
	Applicable  int64                   `tfsdk:"applicable_statement_count"`
	MissingKeys []string                `tfsdk:"missing_context_keys"`
	Uncertain   bool                    `tfsdk:"uncertain"`
}

type matchedStatementModel struct {
	PolicyType     string      `tfsdk:"policy_type"`
	PolicyIndex    int64       `tfsdk:"policy_index"`
	Level          types.Int64 `tfsdk:"level"`
	StatementIndex int64       `tfsdk:"statement_index"`
	Sid            string      `tfsdk:"sid"`
	Path           string      `tfsdk:"path"`
	Effect         string      `tfsdk:"effect"`
}

const policyJSONNote = " Parsed strictly, as `iamv2_policy_expansion` does; errors name the JSON path, such as `Statement[2].Condition`."

func (d *policySimulationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string, computed bool) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Optional: !computed, Computed: computed}
	}
	strings2 := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.StringType, Computed: true}
	}
	levels := func(desc string) schema.ListAttribute {
		return schema.ListAttribute{MarkdownDescription: desc, ElementType: types.ListType{ElemType: types.StringType}, Optional: true}
	}
	contextAttr := func(desc string) schema.MapAttribute {
		return schema.MapAttribute{MarkdownDescription: desc, ElementType: types.ListType{ElemType: types.StringType}, Optional: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Decides IAM requests offline, at plan time, the way AWS's policy evaluation logic does: " +
			"identity policies, a permissions boundary, a session policy, SCP and RCP levels and a resource policy, " +
			"with conditions, policy variables and principals. Each result says the decision, which policy type " +
			"settled it, the statements that applied and the context keys a condition needed but the request lacked. " +
			"It needs no credentials and never calls AWS; see the guide \"Asserting access at plan time\" for what it " +
			"does not model.",
		Attributes: sourceAttributes(map[string]schema.Attribute{
			"principal_arn": schema.StringAttribute{
				MarkdownDescription: "The caller: an IAM user, role, role session (`arn:aws:sts::...:assumed-role/name/session`), " +
					"federated user or root ARN, or a service principal such as `lambda.amazonaws.com`. It sets " +
					"`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:username` (users) and " +
					"`aws:userid` where derivable, unless `context` gives them.",
				Required: true,
			},
			"identity_policies": schema.ListAttribute{
				MarkdownDescription: "The principal's identity policies (inline and managed) as JSON; none when left out, and an empty list is the same as leaving the attribute out." + policyJSONNote,
				ElementType:         types.StringType,
				Optional:            true,
			},
			"permissions_boundary": str("The principal's permissions boundary, as JSON.", false),
			"session_policy":       str("The session policy passed when the role session was created, as JSON.", false),
			"service_control_policies": levels("SCPs of the principal's account, as levels from the organization root " +
				"to the account, each the list of SCPs attached there. Each level needs an `Allow` (`FullAWSAccess` is " +
				"not implied: include it where it is attached), so a level with no SCP is an error."),
			"resource_control_policies": levels("RCPs of the resource's account, as levels from the root to the account. " +
				"`RCPFullAWSAccess` is implied at every level, as AWS attaches it everywhere, so RCPs only deny. They apply " +
				"to every caller, AWS service principals included."),
			"resource_policy": str("The resource's policy (a bucket, key, queue or trust policy), as JSON.", false),
			"resource_account": str("The account that owns the resources. Default: the account in each resource ARN, "+
				"or, for ARNs without one (S3), the principal's. A different account from the principal's makes the "+
				"request cross-account: both sides must allow.", false),
			"context": contextAttr("Condition keys of every request and their values, such as " +
				"`{ \"aws:SourceIp\" = [\"10.0.0.1\"] }`. Keys are case-insensitive. `aws:CurrentTime` and " +
				"`aws:EpochTime` are never assumed: give them to test time conditions. A value a global key's type " +
				"cannot hold (`aws:SourceIp = [\"not-an-ip\"]`, a date that is none) is an error, since no condition could read it."),
			"requests": schema.ListNestedAttribute{
				MarkdownDescription: "The requests to decide, at least one. Each gives one result per action and resource.",
				Required:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"actions": schema.ListAttribute{
						MarkdownDescription: "Action names or patterns, such as `s3:GetObject` or `s3:Get*`; a pattern is " +
							"expanded over the catalog to every action it names.",
						ElementType: types.StringType,
						Required:    true,
					},
					"resources": schema.ListAttribute{
						MarkdownDescription: "Resource ARNs; default `[\"*\"]`. A request names resources, not patterns: " +
							"`*` alone is the only wildcard accepted.",
						ElementType: types.StringType,
						Optional:    true,
					},
					"context": contextAttr("Condition keys of this request, over the top-level `context`."),
				}},
			},
			"explain": str("Which statements `matched_statements` lists: `decisive` (the default), those that settled "+
				"the decision (every applicable `Deny` for `explicit_deny`, the granting policy type's `Allow` statements for "+
				"`allowed`, none for `implicit_deny`, where `decided_by` names the type that lacked one); or `all`, every "+
				"statement that applied, in evaluation order. `decisive` lists at most the first "+fmt.Sprint(maxDecisiveStatements)+
				" per result, since one `Allow` of a policy whose statements all grant the request settles it as well as "+
				"a thousand; `applicable_statement_count` counts them all. `all` lists every one, which a large simulation "+
				"carries through the plan at a cost.", false),
			"results_filter": str("Which results `results` lists: `all` (the default), `denied` (those not `allowed`), or "+
				"`none`, for large request sets whose counts and `allowed`/`denied` lists say enough: Terraform carries "+
				"every result through plan and state, which for 10,000 requests costs more than deciding them.", false),
			"allowed_count":   schema.Int64Attribute{MarkdownDescription: "How many results are `allowed`, whatever `results_filter` lists.", Computed: true},
			"denied_count":    schema.Int64Attribute{MarkdownDescription: "How many results are not `allowed`, whatever `results_filter` lists.", Computed: true},
			"uncertain_count": schema.Int64Attribute{MarkdownDescription: "How many results AWS's documentation does not settle (see `uncertain`), whatever `results_filter` lists; a warning says so too.", Computed: true},
			"uncertain_reasons": strings2("Why AWS's documentation does not settle those results, each reason once, citing " +
				"the page: listed here rather than in every result, which would cost a value per result in every plan."),
			"results": schema.ListNestedAttribute{
				MarkdownDescription: "One result per request, action and resource, in that order; `results_filter` may leave some out.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action":   str("The action, in the catalog's spelling.", true),
					"resource": str("The resource.", true),
					"decision": str("`allowed`, `explicit_deny` or `implicit_deny`.", true),
					"decided_by": str("The policy type that settled the decision: the one with the `Deny`, the one "+
						"lacking an `Allow`, or the one whose `Allow` granted access: `identity`, `permissions_boundary`, "+
						"`session_policy`, `service_control_policy`, `resource_control_policy` or `resource_policy`.", true),
					"matched_statements": schema.ListNestedAttribute{
						MarkdownDescription: "The statements that applied to the request, as `explain` selects.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"policy_type":     str("The policy's type, as in `decided_by`.", true),
							"policy_index":    schema.Int64Attribute{MarkdownDescription: "The policy's position in its input list (in its level, for SCPs and RCPs); 0 for single policies.", Computed: true},
							"level":           schema.Int64Attribute{MarkdownDescription: "For SCPs and RCPs, the level, 0 being the root; null otherwise.", Computed: true},
							"statement_index": schema.Int64Attribute{MarkdownDescription: "The statement's position in its document.", Computed: true},
							"sid":             str("The statement's `Sid`; empty when it has none.", true),
							"path":            str("The statement's JSON path, such as `Statement[1]`.", true),
							"effect":          str("`Allow` or `Deny`.", true),
						}},
					},
					"applicable_statement_count": schema.Int64Attribute{
						MarkdownDescription: "How many statements applied to the request, whatever `explain` lists.",
						Computed:            true,
					},
					"missing_context_keys": strings2("Context keys that a condition or policy variable of an applicable " +
						"statement read but the request lacked, sorted. The decision treats them as absent, as AWS would."),
					"uncertain": schema.BoolAttribute{
						MarkdownDescription: "Whether AWS's documentation leaves the decision open: a `Deny` to `{\"AWS\": \"*\"}` " +
							"against a service principal, or a grant to `\"*\"` for a role or federated session whose boundary or " +
							"session policy lacks an `Allow`. The decision is then the restrictive one, and `uncertain_reasons` says why.",
						Computed: true,
					},
				}},
			},
			"all_allowed": schema.BoolAttribute{MarkdownDescription: "Whether every result is `allowed`.", Computed: true},
			"allowed": strings2("The actions allowed on some requested resource, sorted. With one resource per request, " +
				"an action is in exactly one of `allowed` and `denied`."),
			"denied": strings2("The actions denied (explicitly or implicitly) on some requested resource, sorted."),
		}),
	}
}

func (d *policySimulationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policySimulationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	diags := &resp.Diagnostics
	principal, err := evaluate.ParsePrincipal(m.PrincipalARN.ValueString())
	if err != nil {
		addAttributeError(diags, path.Root("principal_arn"), "Invalid principal", sentence(err))
	}
	resourceAccount := m.ResourceAccount.ValueString()
	if resourceAccount != "" && !evaluate.IsAccountID(resourceAccount) {
		addAttributeError(diags, path.Root("resource_account"), "Invalid account ID",
			fmt.Sprintf("resource_account %q is not an account ID, which is 12 digits.", resourceAccount))
	}
	filter := m.ResultsFilter.ValueString()
	if filter != "" && filter != filterAll && filter != filterDenied && filter != filterNone {
		addAttributeError(diags, path.Root("results_filter"), "Invalid results_filter",
			fmt.Sprintf("results_filter = %q: valid values are %s.", filter, quoted([]string{filterAll, filterDenied, filterNone})))
	}
	if len(m.Requests) == 0 {
		addAttributeError(diags, path.Root("requests"), "No requests", "requests lists no request, so there is nothing to "+
			"decide, and all_allowed would be true of nothing; give at least one, such as { actions = [\"s3:GetObject\"] }.")
	}
	everyStatement := false
	switch e := m.Explain.ValueString(); e {
	case "", explainDecisive:
	case explainAll:
		everyStatement = true
	default:
		addAttributeError(diags, path.Root("explain"), "Invalid explain",
			fmt.Sprintf("explain = %q: valid values are %s.", e, quoted([]string{explainDecisive, explainAll})))
	}
	set := simulationSet(&m, diags)
	keyTypes := d.contextKeyTypes(ctx, &m, diags)
	global := contextValues(m.Context, path.Root("context"), keyTypes, diags)
	requests := d.expandRequests(ctx, m.Requests, global, keyTypes, diags)
	if diags.HasError() {
		return
	}
	warnQuestionableRequests(set, principal, resourceAccount, requests, diags)
	out := simulate(set, principal, resourceAccount, requests, everyStatement, filter)
	if !simulationWithinBudget(out.results, out.allowed, out.denied, diags) {
		return
	}
	if out.uncertainCount > 0 {
		diags.AddWarning("Decision not settled by AWS's documentation", fmt.Sprintf("%d of the results (uncertain = true) "+
			"are decided by a reading AWS's documentation does not settle; the first, %s", out.uncertainCount, out.firstUncertain))
	}
	m.Results, m.Allowed, m.Denied = out.results, out.allowed, out.denied
	m.AllowedCount, m.DeniedCount = types.Int64Value(out.allowedCount), types.Int64Value(out.deniedCount)
	m.UncertainCount, m.UncertainReasons = types.Int64Value(out.uncertainCount), sortedKeys(out.uncertainReasons)
	m.AllAllowed = types.BoolValue(out.deniedCount == 0)
	d.describe(&m.Source, &m.DataVersion, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// simulationSet compiles the configured policies, reporting each problem
// against the attribute, and the element, that holds the document.
func simulationSet(m *policySimulationModel, diags *diag.Diagnostics) *evaluate.Set {
	set := &evaluate.Set{}
	one := func(attr string, v types.String, kind evaluate.Kind) *evaluate.Policy {
		if v.IsNull() {
			return nil
		}
		return compilePolicy(v.ValueString(), evaluate.Source{Kind: kind}, path.Root(attr), diags)
	}
	for i, v := range m.IdentityPolicies {
		at := path.Root("identity_policies").AtListIndex(i)
		if v.IsNull() {
			addElementError(diags, at, nullElement)
			continue
		}
		if p := compilePolicy(v.ValueString(), evaluate.Source{Kind: evaluate.Identity, Index: i}, at, diags); p != nil {
			set.Identity = append(set.Identity, p)
		}
	}
	set.Boundary = one("permissions_boundary", m.PermissionsBoundary, evaluate.PermissionsBoundary)
	set.Session = one("session_policy", m.SessionPolicy, evaluate.SessionPolicy)
	set.Resource = one("resource_policy", m.ResourcePolicy, evaluate.ResourcePolicy)
	set.SCPs = compileLevels(m.SCPs, "service_control_policies", evaluate.ServiceControlPolicy, diags)
	set.RCPs = compileLevels(m.RCPs, "resource_control_policies", evaluate.ResourceControlPolicy, diags)
	return set
}

func compileLevels(levels [][]types.String, attr string, kind evaluate.Kind, diags *diag.Diagnostics) [][]*evaluate.Policy {
	out := make([][]*evaluate.Policy, 0, len(levels))
	for l, level := range levels {
		if len(level) == 0 && kind == evaluate.ServiceControlPolicy {
			addAttributeError(diags, path.Root(attr).AtListIndex(l), "Empty SCP level", fmt.Sprintf("level %d holds no SCP, "+
				"so it allows nothing and every request would be implicitly denied by it: each level from the root to the "+
				"account needs an SCP that allows (FullAWSAccess where it is attached). An account outside an "+
				"organization has no levels: leave service_control_policies out.", l))
		}
		compiled := make([]*evaluate.Policy, 0, len(level))
		for i, v := range level {
			at := path.Root(attr).AtListIndex(l).AtListIndex(i)
			if v.IsNull() {
				addElementError(diags, at, nullElement)
				continue
			}
			if p := compilePolicy(v.ValueString(), evaluate.Source{Kind: kind, Index: i, Level: l}, at, diags); p != nil {
				compiled = append(compiled, p)
			}
		}
		out = append(out, compiled)
	}
	return out
}

func compilePolicy(src string, s evaluate.Source, at path.Path, diags *diag.Diagnostics) *evaluate.Policy {
	p, found := evaluate.CompileJSON(src, s)
	addPolicyDiagnostics(diags, at, found)
	return p
}

// simulationRequest is one action on one resource, with its context, and
// where the request and the resource were given.
type simulationRequest struct {
	action, resource  string
	context           map[string][]string
	request, position int // requests[request].resources[position]; position -1 for the default "*"
}

// expandRequests expands each request's action patterns over the catalog
// and pairs them with its resources, refusing malformed ones by path.
func (d *policySimulationDataSource) expandRequests(ctx context.Context, in []simulationRequestModel, global map[string][]string,
	keyTypes map[string]string, diags *diag.Diagnostics) []simulationRequest {
	expander, err := expanderFor(ctx, d.catalog, needOfEach(in, func(r simulationRequestModel) []types.String { return r.Actions }))
	if err != nil {
		addCatalogError(diags, path.Root("requests"), err)
		return nil
	}
	var out []simulationRequest
	for i, r := range in {
		at := path.Root("requests").AtListIndex(i)
		var actions []string
		if len(r.Actions) == 0 {
			addAttributeError(diags, at.AtName("actions"), "No actions", "the request lists no action; give at least one, such as \"s3:GetObject\".")
		}
		for j, a := range r.Actions {
			if a.IsNull() {
				addElementError(diags, at.AtName("actions").AtListIndex(j), nullElement)
				continue
			}
			set, err := expander.ExpandPattern(a.ValueString())
			if err != nil {
				addAttributeError(diags, at.AtName("actions").AtListIndex(j), "Unknown action", sentence(err))
				continue
			}
			actions = append(actions, set.Names()...)
		}
		resources, positions := []string{"*"}, []int{-1}
		if r.Resources != nil {
			resources, positions = resources[:0], positions[:0]
			for j, v := range r.Resources {
				if msg := checkRequestResource(v); msg != "" {
					addAttributeError(diags, at.AtName("resources").AtListIndex(j), "Invalid resource", msg)
					continue
				}
				resources, positions = append(resources, v.ValueString()), append(positions, j)
			}
		}
		if len(out)+len(dedupe(actions))*len(resources) > maxOutputValues {
			addAttributeError(diags, at, "Too many requests", fmt.Sprintf(
				"the requests name more than %s action and resource pairs, each a result; ask for fewer actions or resources.", thousands(maxOutputValues)))
			return nil
		}
		reqCtx := global
		if local := contextValues(r.Context, at.AtName("context"), keyTypes, diags); len(local) > 0 {
			reqCtx = mergeContext(global, local)
		}
		for _, a := range dedupe(actions) {
			for k, res := range resources {
				out = append(out, simulationRequest{action: a, resource: res, context: reqCtx, request: i, position: positions[k]})
			}
		}
	}
	return out
}

func dedupe(names []string) []string {
	sort.Strings(names)
	out := names[:0]
	for i, n := range names {
		if i == 0 || n != names[i-1] {
			out = append(out, n)
		}
	}
	return out
}

// checkRequestResource says why a requested resource is not one, or "".
func checkRequestResource(v types.String) string {
	if v.IsNull() {
		return "the list holds a null resource."
	}
	s := v.ValueString()
	switch {
	case s == "*":
		return ""
	case strings.ContainsAny(s, "*?"):
		return fmt.Sprintf("resource %q has a wildcard: a request is for one resource (or \"*\"), and policies hold the patterns.", s)
	case !strings.HasPrefix(s, "arn:") || strings.Count(s, ":") < 5:
		return fmt.Sprintf("resource %q is not an ARN: an ARN has six colon-separated parts, arn:partition:service:region:account:resource.", s)
	}
	return ""
}

// contextKeyTypes maps the catalog's global condition keys, lowercased,
// to their types, when the simulation gives context values to check; a
// catalog that cannot list them is an error on context, since the values
// would otherwise go unchecked.
func (d *policySimulationDataSource) contextKeyTypes(ctx context.Context, m *policySimulationModel, diags *diag.Diagnostics) map[string]string {
	given := len(m.Context) > 0
	for _, r := range m.Requests {
		given = given || len(r.Context) > 0
	}
	if !given {
		return nil
	}
	keys, err := d.catalog.GlobalConditionKeys(ctx)
	if err != nil {
		addCatalogError(diags, path.Root("context"), err)
		return nil
	}
	out := make(map[string]string, len(keys))
	for _, k := range keys {
		out[strings.ToLower(k.Name)] = k.Type
	}
	return out
}

// warnQuestionableRequests warns of requests whose answer rests on input
// the configuration most likely lacks: a resource ARN without an account
// (S3), simulated as in the principal's account since resource_account is
// not set; and a KMS key or a role to assume, which only its own policy can
// open, without resource_policy.
func warnQuestionableRequests(set *evaluate.Set, principal evaluate.Principal, resourceAccount string, requests []simulationRequest, diags *diag.Diagnostics) {
	var noAccount, noPolicy []simulationRequest
	for _, r := range requests {
		parts := strings.SplitN(r.resource, ":", 6)
		if resourceAccount == "" && principal.Account != "" && len(parts) == 6 && parts[4] == "" {
			noAccount = append(noAccount, r)
		}
		if set.Resource == nil && evaluate.NeedsResourcePolicy(r.action, r.resource) {
			noPolicy = append(noPolicy, r)
		}
	}
	at := func(r simulationRequest) path.Path {
		return path.Root("requests").AtListIndex(r.request).AtName("resources").AtListIndex(r.position)
	}
	more := func(rs []simulationRequest) string {
		if len(rs) == 1 {
			return ""
		}
		return fmt.Sprintf(" (and %d more requests)", len(rs)-1)
	}
	if len(noAccount) > 0 {
		r := noAccount[0]
		addAttributeWarning(diags, at(r), "Resource account assumed", fmt.Sprintf("resource %q has no account in its ARN%s, "+
			"and resource_account is not set, so it is simulated as in the principal's account %s, where identity and "+
			"resource policies form a union. For a resource of another account, set resource_account: the request is "+
			"then cross-account, and both sides must allow.", r.resource, more(noAccount), principal.Account))
	}
	if len(noPolicy) > 0 {
		r := noPolicy[0]
		addAttributeWarning(diags, at(r), "Resource policy missing", fmt.Sprintf("%s on %q%s can be allowed only by the "+
			"resource's own policy (a KMS key policy or a role trust policy), and resource_policy is not set, so it is "+
			"implicitly denied by resource_policy whatever the other policies say. Give the key or trust policy in "+
			"resource_policy.", r.action, r.resource, more(noPolicy)))
	}
}

// simulation is what simulate found: the results the filter keeps, and
// counts and action lists over all of them.
type simulation struct {
	results                                   []simulationResultModel
	allowed, denied                           []string
	allowedCount, deniedCount, uncertainCount int64
	firstUncertain                            string // the first uncertain request and why
	uncertainReasons                          map[string]bool
}

// simulate decides every request and turns the results the filter keeps
// into the model's.
func simulate(set *evaluate.Set, principal evaluate.Principal, resourceAccount string,
	requests []simulationRequest, everyStatement bool, filter string) simulation {
	out := simulation{uncertainReasons: map[string]bool{}}
	if filter == "" || filter == filterAll {
		out.results = make([]simulationResultModel, 0, len(requests))
	} else {
		out.results = []simulationResultModel{}
	}
	allowedSet, deniedSet := map[string]bool{}, map[string]bool{}
	for _, r := range requests {
		res := set.Evaluate(&evaluate.Request{Principal: principal, Action: r.action, Resource: r.resource,
			ResourceAccount: resourceAccount, Context: r.context})
		if res.Decision == evaluate.Allowed {
			allowedSet[r.action] = true
			out.allowedCount++
		} else {
			deniedSet[r.action] = true
			out.deniedCount++
		}
		if res.Uncertain != "" {
			if out.uncertainCount == 0 {
				out.firstUncertain = fmt.Sprintf("%s on %s (%s by %s): %s.", r.action, r.resource, res.Decision, res.DecidedBy, res.Uncertain)
			}
			out.uncertainCount++
			out.uncertainReasons[res.Uncertain] = true
		}
		if filter == filterNone || filter == filterDenied && res.Decision == evaluate.Allowed {
			continue
		}
		result := simulationResultModel{Action: r.action, Resource: r.resource, Decision: res.Decision.String(),
			DecidedBy: res.DecidedBy.String(), Matched: make([]matchedStatementModel, 0, len(res.Matched)), MissingKeys: nonNil(res.MissingKeys),
			Uncertain: res.Uncertain != ""}
		result.Applicable = int64(len(res.Matched))
		for _, mt := range res.Matched {
			if !everyStatement && (!decisive(&res, &mt) || len(result.Matched) == maxDecisiveStatements) {
				continue
			}
			level := types.Int64Null()
			if mt.Kind == evaluate.ServiceControlPolicy || mt.Kind == evaluate.ResourceControlPolicy {
				level = types.Int64Value(int64(mt.Level))
			}
			result.Matched = append(result.Matched, matchedStatementModel{PolicyType: mt.Kind.String(), PolicyIndex: int64(mt.Index),
				Level: level, StatementIndex: int64(mt.Statement), Sid: mt.Sid, Path: mt.Path, Effect: string(mt.Effect)})
		}
		out.results = append(out.results, result)
	}
	out.allowed, out.denied = sortedKeys(allowedSet), sortedKeys(deniedSet)
	return out
}

// contextValues reads a context attribute, refusing by path a null value
// and one its key's type cannot hold, such as aws:SourceIp = "not-an-ip".
func contextValues(in map[string][]types.String, at path.Path, keyTypes map[string]string, diags *diag.Diagnostics) map[string][]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string][]string, len(in))
	for k, vs := range in {
		values := make([]string, 0, len(vs))
		for i, v := range vs {
			if v.IsNull() {
				addAttributeError(diags, at.AtMapKey(k).AtListIndex(i), "Null context value",
					fmt.Sprintf("condition key %q has a null value; give strings, or leave the key out to make it absent.", k))
				continue
			}
			if typ := keyTypes[strings.ToLower(k)]; typ != "" {
				if err := evaluate.CheckContextValue(typ, v.ValueString()); err != nil {
					addAttributeError(diags, at.AtMapKey(k).AtListIndex(i), "Invalid context value", fmt.Sprintf(
						"%v, and condition key %q is of type %s: no condition can compare the value, so every "+
							"condition on the key would fail unnoticed.", err, k, typ))
					continue
				}
			}
			values = append(values, v.ValueString())
		}
		out[k] = values
	}
	return out
}

// mergeContext lays a request's keys over the global ones; keys compare
// case-insensitively, so a request's "AWS:SourceIp" replaces "aws:sourceip".
func mergeContext(global, local map[string][]string) map[string][]string {
	out := make(map[string][]string, len(global)+len(local))
	for k, v := range global {
		out[strings.ToLower(k)] = v
	}
	for k, v := range local {
		out[strings.ToLower(k)] = v
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The results_filter values: which results are listed.
const (
	filterAll    = "all"
	filterDenied = "denied"
	filterNone   = "none"
)

// The explain values: which applicable statements a result lists.
const (
	explainDecisive = "decisive"
	explainAll      = "all"
)

// maxDecisiveStatements bounds the decisive statements a result lists: a
// policy of a thousand statements that each grant the request would
// otherwise put a thousand objects in every result.
const maxDecisiveStatements = 10

// matchedStatementValues is what one matched statement carries through
// the plan: its seven attributes.
const matchedStatementValues = 7

// decisive reports whether a statement settled the decision: a Deny of an
// explicit deny, or an Allow of the policy type that granted access.
func decisive(res *evaluate.Result, m *evaluate.Match) bool {
	switch res.Decision {
	case evaluate.ExplicitDeny:
		return m.Effect == "Deny"
	case evaluate.Allowed:
		return m.Effect == "Allow" && m.Kind == res.DecidedBy
	}
	return false
}

// simulationWithinBudget counts what the results would carry through the
// plan, and refuses them, naming the largest attributes, past the budget.
func simulationWithinBudget(results []simulationResultModel, allowed, denied []string, diags *diag.Diagnostics) bool {
	var budget outputBudget
	matched, missing := 0, 0
	for i := range results {
		matched += len(results[i].Matched)
		missing += len(results[i].MissingKeys)
	}
	budget.add("results", len(results), "ask for fewer actions or resources per data source")
	budget.add("results[*].matched_statements", matched*matchedStatementValues, `leave explain at "decisive", or ask for fewer actions or resources`)
	budget.add("results[*].missing_context_keys", missing, "give the keys in context")
	budget.add("allowed", len(allowed), "")
	budget.add("denied", len(denied), "")
	return budget.check(diags)
}
