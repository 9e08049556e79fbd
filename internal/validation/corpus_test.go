package validation

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// Actions absent from the embedded snapshot are the one kind of ERROR an
// AWS managed policy may earn: the service authorization reference the
// snapshot comes from no longer lists retired services and actions, and
// does not yet list some that AWS put in managed policies before
// documenting them. Counted here per service prefix, so that a new one,
// or one the snapshot gains, shows.
var (
	// UNKNOWN_SERVICE: retired services (DeepComposer, DeepLens, DeepRacer,
	// Elastic Inference, IoT 1-Click, IoT RoboRunner, Mobile Hub, WorkDocs
	// as "zocalo") and three prefixes the reference has never listed.
	absentServices = map[string]int{
		"builderid": 8, "datazonecontrol": 2, "deepcomposer": 9, "deeplens": 2, "deepracer": 24,
		"elastic-inference": 4, "iot1click": 16, "iotroborunner": 9, "mobilehub": 16,
		"sagemaker-groundtruth-synthetic": 3, "zocalo": 2,
	}
	// UNKNOWN_ACTION: retired actions (CloudHSM Classic's, Budgets' names
	// from before ModifyBudget and ViewBudget) and actions the reference
	// does not list yet (payments, securityagent and a few others).
	absentActions = map[string]int{
		"budgets": 5, "cloud9": 1, "cloudhsm": 7, "memorydb": 1, "organizations": 2,
		"payments": 17, "qapps": 2, "route53-recovery-control-config": 1, "securityagent": 17,
	}
	// Condition keys AWS managed policies use that the snapshot lacks: an
	// older name of a global key that the global list does not carry, and
	// a Lake Formation key the reference does not document.
	absentKeys = map[string]string{
		"AWSSSOServiceRolePolicy Statement[0].Condition.StringNotEquals.aws:PrincipalOrgMasterAccountId": "aws:PrincipalOrgMasterAccountId",
		"AWSSSOServiceRolePolicy Statement[4].Condition.StringNotEquals.aws:PrincipalOrgMasterAccountId": "aws:PrincipalOrgMasterAccountId",
		"AmazonDataZoneGlueManageAccessRolePolicy Statement[7].Condition.Null.lakeformation:GlueARN":     "lakeformation:GlueARN",
	}
)

// actionValues maps the path of every Action and NotAction value of a
// document to the value.
func actionValues(t *testing.T, src string) map[string]string {
	t.Helper()
	doc, diags := policy.Parse(src)
	if doc == nil {
		t.Fatalf("parse: %v", diags)
	}
	out := map[string]string{}
	for _, st := range doc.Statements {
		list := st.Actions()
		for i, v := range list.Values {
			out[list.ValuePath(i)] = v
		}
	}
	return out
}

// TestManagedPoliciesHaveNoErrors validates every AWS managed policy as an
// identity policy: its only ERRORs are for what the snapshot lacks, and
// the size of the 81 that exceed a customer managed policy's quota, from
// which AWS's own are exempt.
func TestManagedPoliciesHaveNoErrors(t *testing.T) {
	v := testValidator(t)
	services, actions := map[string]int{}, map[string]int{}
	keys, oversize := 0, 0
	for _, p := range loadCorpus(t) {
		r, err := v.validate(string(p.Document), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var values map[string]string
		for _, f := range r.sorted() {
			if f.Severity != Error {
				continue
			}
			if values == nil {
				values = actionValues(t, string(p.Document))
			}
			prefix, _, _ := strings.Cut(values[f.Path], ":")
			switch {
			case f.Code == UnknownService && absentServices[prefix] > 0:
				services[prefix]++
			case f.Code == UnknownAction && absentActions[prefix] > 0:
				actions[prefix]++
			case f.Code == UnknownConditionKey && absentKeys[p.Name+" "+f.Path] != "":
				keys++
			case f.Code == PolicySizeExceeded:
				oversize++
			default:
				t.Errorf("%s: unexpected %s at %s: %s", p.Name, f.Code, f.Path, f.Message)
			}
		}
	}
	if fmt.Sprint(services) != fmt.Sprint(absentServices) {
		t.Errorf("unknown services %v, want %v", services, absentServices)
	}
	if fmt.Sprint(actions) != fmt.Sprint(absentActions) {
		t.Errorf("unknown actions %v, want %v", actions, absentActions)
	}
	if oversize != 81 {
		t.Errorf("%d managed policies exceed 6,144 characters, the issue counts 81", oversize)
	}
	if keys != len(absentKeys) {
		t.Errorf("%d absent condition keys, want %d", keys, len(absentKeys))
	}
}

// corpusSummary is how many findings of each code the corpus yields as
// identity policies, every finding counted. The test allows a tenth either
// way, so that a snapshot update passes and a regression in a check shows.
// It also checks that no real policy comes near the work budget, past
// which findings would silently go missing.
var corpusSummary = map[Code]int{
	PolicySizeExceeded:         81, // the count: AWS managed policies are exempt, a copy is not
	UnknownService:             95,
	UnknownAction:              53,
	UnknownConditionKey:        3,
	AllowWithNotAction:         2,
	AllowWithNotResource:       8,
	PermissionsManagementOnAll: 582,
	PassRoleOnAll:              99,
	PrivilegeEscalation:        328,
	RedundantAction:            54,
	RedundantResource:          168,
	ConditionKeyNotApplicable:  9,
	ResourceServiceMismatch:    7,
	// Each names resources of another service than the action's resource
	// types (imagebuilder actions on ECR repositories, waf-regional on its
	// own ARNs where it takes load balancers), so that statement never
	// applies to the action.
	ResourceTypeMismatch: 12,
	// events:detail-type, which the catalog gives as multivalued, compared
	// with a plain StringEquals.
	MissingSetOperator: 3,
	// ForAllValues or ForAnyValue on single-valued keys such as
	// iam:AWSServiceName.
	SetOperatorOnSingleValued: 4,
	CompactActions:            5337,
}

func TestManagedPolicyFindingSummary(t *testing.T) {
	v := testValidator(t)
	got := map[Code]int{}
	for _, p := range loadCorpus(t) {
		r, err := v.validate(string(p.Document), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.sorted() {
			got[f.Code]++
		}
		if used := workBudget - r.budget; used > workBudget/100 {
			t.Errorf("%s used %d of the work budget of %d", p.Name, used, workBudget)
		}
	}
	var lines []string
	for _, info := range Codes() {
		lines = append(lines, fmt.Sprintf("%-40s %5d", info.Code, got[info.Code]))
		want := corpusSummary[info.Code]
		if slack := max(2, want/10); got[info.Code] < want-slack || got[info.Code] > want+slack {
			t.Errorf("%s: %d findings, want %d±%d", info.Code, got[info.Code], want, slack)
		}
	}
	sort.Strings(lines)
	t.Logf("findings over %d AWS managed policies:\n%s", len(loadCorpus(t)), strings.Join(lines, "\n"))
}
