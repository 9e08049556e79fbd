package readonly

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func build(t *testing.T, opts Options) (*Result, []Diagnostic) {
	t.Helper()
	res, diags, err := Build(t.Context(), embedded.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if (res == nil) != HasError(diags) {
		t.Fatalf("result %v with diagnostics %v: want a result exactly when no error", res != nil, diags)
	}
	return res, diags
}

// levelSet lists the full names of the actions of the given services at
// the given levels, straight from the catalog.
func levelSet(t *testing.T, levels iam.LevelSet, prefixes ...string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, p := range prefixes {
		svc, err := embedded.Default().Service(t.Context(), p)
		if err != nil {
			t.Fatal(err)
		}
		for n := range wantedNames(svc, levelWant(svc, levels)) {
			out[n] = true
		}
	}
	return out
}

func toSet(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out
}

func TestBuildDefaults(t *testing.T) {
	res, diags := build(t, Options{Services: []string{"cloudtrail", "S3"}, Sid: "ReadOnly"})
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	want := levelSet(t, listRead, "cloudtrail", "s3")
	if d := diffSets(toSet(res.ExpandedActions), want); d != "" {
		t.Errorf("expanded actions: %s", d)
	}
	got := expand(t, embedded.Default(), res.Actions)
	if d := diffSets(got, want); d != "" {
		t.Errorf("actions expand to: %s", d)
	}
	if !slices.Equal(res.Services, []string{"cloudtrail", "s3"}) {
		t.Errorf("services = %q", res.Services)
	}
	if !slices.IsSorted(res.ExpandedActions) || !slices.IsSorted(res.Actions) {
		t.Error("actions or expanded actions not sorted")
	}
	if n := res.LevelCounts[iam.List] + res.LevelCounts[iam.Read]; n != len(want) || len(res.LevelCounts) != 5 || res.LevelCounts[iam.Write] != 0 {
		t.Errorf("level counts = %v, want %d List and Read and every level present", res.LevelCounts, len(want))
	}
	var doc struct {
		Version   string
		Statement []struct {
			Sid, Effect, Resource string
			Action                []string
		}
	}
	if err := json.Unmarshal([]byte(res.PolicyJSON), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Statement) != 1 {
		t.Fatalf("policy_json = %s: want one statement", res.PolicyJSON)
	}
	st := doc.Statement[0]
	if doc.Version != PolicyVersion || st.Sid != "ReadOnly" || st.Effect != "Allow" || st.Resource != "*" || !slices.Equal(st.Action, res.Actions) {
		t.Errorf("policy_json = %s", res.PolicyJSON)
	}
	if !strings.Contains(res.PolicyJSON, res.StatementJSON) || !strings.HasPrefix(res.StatementJSON, `{"Sid":"ReadOnly","Effect":"Allow","Action":[`) {
		t.Errorf("statement_json = %s", res.StatementJSON)
	}
	if res.CharCount != len(res.PolicyJSON) || !slices.Equal(res.Policies, []string{res.PolicyJSON}) {
		t.Errorf("char_count %d for %d bytes, %d policies", res.CharCount, len(res.PolicyJSON), len(res.Policies))
	}
}

func TestBuildServicePatterns(t *testing.T) {
	res, _ := build(t, Options{Services: []string{"ec2*"}, AccessLevels: []string{"list"}})
	want := map[string]bool{}
	for _, s := range []string{"ec2", "ec2-instance-connect", "ec2messages"} {
		for n := range levelSet(t, iam.LevelSet(0).Add(iam.List), s) {
			want[n] = true
		}
	}
	if d := diffSets(toSet(res.ExpandedActions), want); d != "" {
		t.Errorf("ec2* List: %s", d)
	}
}

func TestBuildExcludeAndInclude(t *testing.T) {
	res, diags := build(t, Options{
		Services: []string{"s3", "secretsmanager"},
		Exclude:  []string{"s3:GetObject", "secretsmanager:GetSecretValue", "s3:GetObjectVersion*"},
		Include:  []string{"sts:GetCallerIdentity", "s3:PutObject", "s3:GetObjectVersionTagging"},
	})
	// An action in both include and exclude is left out, with a warning.
	if len(diags) != 1 || diags[0].Severity != SeverityWarning || diags[0].Attribute != "exclude" || diags[0].Index != 2 ||
		diags[0].Detail != `"s3:GetObjectVersion*" removes s3:GetObjectVersionTagging (include[2]), which include also names: exclude wins, so they are not granted` {
		t.Errorf("diagnostics: %v", diags)
	}
	want := levelSet(t, listRead, "s3", "secretsmanager")
	for _, n := range []string{"sts:GetCallerIdentity", "s3:PutObject"} {
		want[n] = true
	}
	for n := range want {
		if n == "s3:GetObject" || n == "secretsmanager:GetSecretValue" || strings.HasPrefix(n, "s3:GetObjectVersion") {
			delete(want, n)
		}
	}
	got := expand(t, embedded.Default(), res.Actions)
	if d := diffSets(got, want); d != "" {
		t.Errorf("actions expand to: %s", d)
	}
	if d := diffSets(toSet(res.ExpandedActions), want); d != "" {
		t.Errorf("expanded actions: %s", d)
	}
	if res.LevelCounts[iam.Write] != 1 || !slices.Equal(res.Services, []string{"s3", "secretsmanager", "sts"}) {
		t.Errorf("level counts %v, services %q: want the one included Write action and sts", res.LevelCounts, res.Services)
	}
}

// TestBuildExactEveryService runs the whole snapshot through Build in each
// mode and checks the policy against the catalog.
func TestBuildExactEveryService(t *testing.T) {
	all := map[string]bool{}
	for _, svc := range allServices(t) {
		for n := range wantedNames(svc, levelWant(svc, listRead)) {
			all[n] = true
		}
	}
	for _, mode := range WildcardModes {
		res, _ := build(t, Options{Services: []string{"*"}, Wildcards: mode})
		got := expand(t, embedded.Default(), res.Actions)
		if d := diffSets(got, all); d != "" {
			t.Errorf("%s: %s", mode, d)
		}
		if len(res.ExpandedActions) != len(all) || res.LevelCounts[iam.List]+res.LevelCounts[iam.Read] != len(all) {
			t.Errorf("%s: %d expanded actions, counts %v; want %d", mode, len(res.ExpandedActions), res.LevelCounts, len(all))
		}
	}
}

func TestBuildSplitsPolicies(t *testing.T) {
	for _, mode := range WildcardModes {
		for _, limit := range []int{2048, DefaultMaxPolicyChars, 10240} {
			res, _ := build(t, Options{Services: []string{"*"}, Wildcards: mode, Sid: "ReadOnly", MaxPolicyChars: limit})
			var joined []string
			total := 0
			for _, p := range res.Policies {
				var doc policyDoc
				if err := json.Unmarshal([]byte(p), &doc); err != nil {
					t.Fatal(err)
				}
				if n := CountChars(p); n > limit {
					t.Errorf("%s, limit %d: a policy has %d characters", mode, limit, n)
				}
				if doc.Version != PolicyVersion || len(doc.Statement) != 1 || doc.Statement[0].Sid != "ReadOnly" {
					t.Errorf("%s: split policy %.80s... is not one complete statement", mode, p)
				}
				joined = append(joined, doc.Statement[0].Action...)
				total += CountChars(encode(doc.Statement[0].Action)) - 1 // `"a",` per action less the brackets
			}
			sort.Strings(joined)
			if !slices.Equal(joined, res.Actions) {
				t.Errorf("%s, limit %d: the policies hold %d patterns, the statement %d", mode, limit, len(joined), len(res.Actions))
			}
			// Every policy spends the same overhead; no packing can beat the
			// total divided by the room left for actions.
			overhead := CountChars(encode(policyOf(allowStatement("ReadOnly", nil))))
			room := limit - overhead + 1
			if bound := (total + room - 1) / room; len(res.Policies) != bound {
				t.Errorf("%s, limit %d: %d policies, the lower bound is %d", mode, limit, len(res.Policies), bound)
			}
		}
	}
}

func TestPackFallsBackToFullestFill(t *testing.T) {
	// In order the items need three bins of 10; sorted, two.
	sizes := []int{6, 5, 4, 5}
	if nf := nextFit(sizes, 10); len(nf) != 3 {
		t.Fatalf("next fit = %v, want 3 bins for the test to mean anything", nf)
	}
	got := pack(sizes, 10)
	if !slices.EqualFunc(got, [][]int{{0, 2}, {1, 3}}, slices.Equal) {
		t.Errorf("pack = %v, want [[0 2] [1 3]]", got)
	}
}

func TestPackRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	for trial := 0; trial < 300; trial++ {
		capacity := 20 + rng.Intn(200)
		sizes := make([]int, rng.Intn(200))
		for i := range sizes {
			sizes[i] = 1 + rng.Intn(capacity)
		}
		for _, bins := range [][][]int{pack(sizes, capacity), fullestFill(sizes, capacity)} {
			seen := make([]bool, len(sizes))
			for _, bin := range bins {
				sum := 0
				for _, i := range bin {
					if seen[i] {
						t.Fatalf("item %d packed twice: %v", i, bins)
					}
					seen[i] = true
					sum += sizes[i]
				}
				if sum > capacity || !slices.IsSorted(bin) {
					t.Fatalf("bin %v of sizes summing to %d over capacity %d, or unsorted", bin, sum, capacity)
				}
			}
			if slices.Contains(seen, false) {
				t.Fatalf("an item was left out: %v", bins)
			}
		}
	}
}

func TestBuildDiagnostics(t *testing.T) {
	cases := []struct {
		name     string
		opts     Options
		severity Severity
		attr     string
		index    int
		detail   string
	}{
		{"unknown service", Options{Services: []string{"ec2", "ec22"}}, SeverityError, "services", 1, `unknown service prefix "ec22"; did you mean "ec2"`},
		{"pattern matching nothing", Options{Services: []string{"nosuch*"}}, SeverityError, "services", 0, `service pattern "nosuch*" matches no service`},
		{"no services", Options{}, SeverityError, "services", -1, `at least one service`},
		{"empty service", Options{Services: []string{""}}, SeverityError, "services", 0, `a services entry is empty`},
		{"action in services", Options{Services: []string{"s3:GetObject"}}, SeverityError, "services", 0, `"s3:GetObject" is an action pattern`},
		{"unknown level", Options{Services: []string{"s3"}, AccessLevels: []string{"List", "Raed"}}, SeverityError, "access_levels", 1, `unknown access level "Raed"`},
		{"unknown wildcards", Options{Services: []string{"s3"}, Wildcards: "words"}, SeverityError, "wildcards", -1, `unknown wildcards mode "words"`},
		{"bad sid", Options{Services: []string{"s3"}, Sid: "read-only"}, SeverityError, "sid", -1, `sid "read-only" holds '-'`},
		{"negative limit", Options{Services: []string{"s3"}, MaxPolicyChars: -1}, SeverityError, "max_policy_chars", -1, `max_policy_chars = -1: it must be positive`},
		{"limit too small", Options{Services: []string{"s3"}, MaxPolicyChars: 80, Wildcards: WildcardsNone}, SeverityError, "max_policy_chars", -1,
			`max_policy_chars = 80, but a policy holding just the pattern "s3:GetAccessPointConfigurationForObjectLambda" already has 131 characters: set at least 131`},
		{"bare include", Options{Services: []string{"s3"}, Include: []string{"GetObject"}}, SeverityError, "include", 0, `"GetObject" names no service`},
		{"malformed include", Options{Services: []string{"s3"}, Include: []string{"s3:"}}, SeverityError, "include", 0, `"s3:" has an empty action name`},
		{"include unknown service", Options{Services: []string{"s3"}, Include: []string{"s4:GetObject"}}, SeverityError, "include", 0, `unknown service prefix "s4"; did you mean "s3"`},
		{"include unknown action", Options{Services: []string{"s3"}, Include: []string{"s3:GetObjekt"}}, SeverityError, "include", 0,
			`"s3:GetObjekt" matches no action of service "s3"; did you mean "GetObject"`},
		{"exclude naming no action is an error", Options{Services: []string{"s3"}, Exclude: []string{"s3:GetObjekt"}}, SeverityError, "exclude", 0,
			`"s3:GetObjekt" matches no action of service "s3", so it excludes nothing; did you mean "GetObject"`},
		{"exclude naming no action of a service not chosen is an error", Options{Services: []string{"s3"}, Exclude: []string{"ec2:DescribeInstancez"}}, SeverityError, "exclude", 0,
			`did you mean "DescribeInstances"`},
		{"exclude of an action of a service not chosen", Options{Services: []string{"s3"}, Exclude: []string{"ec2:DescribeInstances"}}, SeverityWarning, "exclude", 0,
			`"ec2:DescribeInstances" is not an action of the chosen services, so it excludes nothing`},
		{"exclude wildcard matching nothing", Options{Services: []string{"s3"}, Exclude: []string{"s3:GetObjekt*"}}, SeverityWarning, "exclude", 0,
			`"s3:GetObjekt*" matches no action of the chosen services`},
		{"exclude of a service not chosen", Options{Services: []string{"s3"}, Exclude: []string{"ec2:Describe*"}}, SeverityWarning, "exclude", 0,
			`"ec2:Describe*" matches no action of the chosen services`},
		{"exclude of an unknown service is an error", Options{Services: []string{"s3"}, Exclude: []string{"s4:GetObject"}}, SeverityError, "exclude", 0,
			`unknown service prefix "s4"; did you mean "s3"`},
		{"exclude of an unknown service with a wildcard", Options{Services: []string{"s3"}, Exclude: []string{"s4:Get*"}}, SeverityWarning, "exclude", 0,
			`unknown service prefix "s4"`},
		{"exclude of what is not granted", Options{Services: []string{"s3"}, Exclude: []string{"s3:PutObject"}}, SeverityWarning, "exclude", 0,
			`"s3:PutObject" matches 1 actions, but none of them would be granted otherwise`},
		{"service left empty", Options{Services: []string{"s3", "cloudtrail"}, Exclude: []string{"cloudtrail:*"}}, SeverityWarning, "services", 1,
			`exclude removes all`},
		{"service with nothing at the levels", Options{Services: []string{"s3", "autoscaling-plans"}, AccessLevels: []string{"List"}}, SeverityWarning, "services", 1,
			`service "autoscaling-plans" has no action at access levels "List"`},
		{"nothing to allow", Options{Services: []string{"cloudtrail"}, Exclude: []string{"cloudtrail:*"}}, SeverityError, "services", -1, `no action of the chosen services`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, diags := build(t, c.opts)
			for _, d := range diags {
				if d.Severity == c.severity && d.Attribute == c.attr && d.Index == c.index && strings.Contains(d.Detail, c.detail) && d.Summary != "" {
					return
				}
			}
			t.Errorf("diagnostics %v; want a %s on %s[%d] containing %q", diags, c.severity, c.attr, c.index, c.detail)
		})
	}
}

func TestBuildReportsEveryError(t *testing.T) {
	_, diags := build(t, Options{Services: []string{"ec22", "zzz*"}, AccessLevels: []string{"Raed"}, Sid: "a b", Include: []string{"x"}})
	if len(diags) != 5 {
		t.Errorf("%d diagnostics, want 5, one per bad input: %v", len(diags), diags)
	}
}

type failingCatalog struct {
	iam.Catalog
	failService string
}

var errCatalog = errors.New("catalog unavailable")

func (f failingCatalog) Services(ctx context.Context) ([]iam.ServiceSummary, error) {
	if f.failService == "" {
		return nil, errCatalog
	}
	return f.Catalog.Services(ctx)
}

func (f failingCatalog) Service(ctx context.Context, prefix string) (*iam.Service, error) {
	if prefix == f.failService {
		return nil, errCatalog
	}
	return f.Catalog.Service(ctx, prefix)
}

func TestBuildCatalogErrors(t *testing.T) {
	ctx := t.Context()
	for _, cat := range []iam.Catalog{failingCatalog{Catalog: embedded.Default()}, failingCatalog{embedded.Default(), "s3"}} {
		res, _, err := Build(ctx, cat, Options{Services: []string{"*"}})
		if !errors.Is(err, errCatalog) || res != nil {
			t.Errorf("Build over a failing catalog = %v, %v; want the catalog's error", res, err)
		}
	}
	if res, _, err := Build(ctx, nil, Options{Services: []string{"s3"}}); err == nil || res != nil {
		t.Errorf("Build without a catalog = %v, %v; want an error", res, err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if res, _, err := Build(cancelled, embedded.Default(), Options{Services: []string{"*"}}); !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("Build with a cancelled context = %v, %v", res, err)
	}
}
