package console

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// fixturePrefixes are the services whose console answers come from
// hand-written fixtures and so may differ from the snapshot.
var fixturePrefixes = map[string]bool{"appstudio": true, "s3": true, "s3-object-lambda": true, "s3express": true, "kms": true, "widgetpreview": true}

// TestFullCatalogRoundTrip reads every service through the whole flow and
// compares it with the snapshot the fake synthesized it from: the console
// supplies names, actions and levels, resource types and keys, and the
// fallback fills the rest.
func TestFullCatalogRoundTrip(t *testing.T) {
	ctx := t.Context()
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	snap := embedded.Default()
	summaries, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := snap.Services(ctx)
	if len(summaries) != len(want)+1 { // the fixtures add widgetpreview
		t.Fatalf("%d services, want %d", len(summaries), len(want)+1)
	}
	total := 0
	for _, s := range summaries {
		got, err := c.Service(ctx, s.Prefix)
		if err != nil {
			t.Fatalf("Service(%q): %v", s.Prefix, err)
		}
		total += len(got.Actions)
		if fixturePrefixes[s.Prefix] {
			continue
		}
		exp, _ := snap.Service(ctx, s.Prefix)
		if g, w := fmt.Sprintf("%+v", *got), fmt.Sprintf("%+v", *exp); g != w {
			t.Errorf("service %q differs from the snapshot:\n got %.300s\nwant %.300s", s.Prefix, g, w)
		}
		if s.ActionCount != len(exp.Actions) {
			t.Errorf("%s: summary says %d actions, want %d", s.Prefix, s.ActionCount, len(exp.Actions))
		}
	}
	if total != 22091+1+2 { // appstudio's fixture adds one action, widgetpreview two
		t.Errorf("%d actions in all, want 22094", total)
	}
	st := fake.Stats()
	if st.SignIns != 1 || st.FederationTokens != 1 {
		t.Errorf("want one sign-in through one federation token: %v", st)
	}
	for key, n := range st.Actions {
		if n != 1 {
			t.Errorf("actions(%q) asked %d times", key, n)
		}
	}
	if len(st.Actions) != 457 {
		t.Errorf("actions asked for %d keys, want 457", len(st.Actions))
	}
}

// TestConsoleDataWinsOverFallback checks the merge on the appstudio
// fixture, which differs from the snapshot on purpose.
func TestConsoleDataWinsOverFallback(t *testing.T) {
	ctx := t.Context()
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	svc, err := c.Service(ctx, "AppStudio")
	if err != nil {
		t.Fatal(err)
	}
	if len(svc.Actions) != 6 {
		t.Fatalf("%d actions, want 6: %+v", len(svc.Actions), svc.Actions)
	}
	act := func(name string) *iam.Action {
		a, ok := svc.Action(name)
		if !ok {
			t.Fatalf("no action %s", name)
		}
		return a
	}
	if a := act("GetAccountStatus"); a.Description != "Grants permission to describe the account status (as the console words it)" {
		t.Errorf("console description lost: %q", a.Description)
	}
	if a := act("GetEnablementJobStatus"); a.Name != "GetEnablementJobStatus" || a.Description != "Grants permission to fetch status of a enablement job" || a.AccessLevel != iam.Read {
		t.Errorf("prefixed name or fallback description: %+v", a)
	}
	if a := act("ListEnablementJobs"); a.AccessLevel != iam.List {
		t.Errorf("console-only action: %+v", a)
	}
	if a := act("StartTeamDeployment"); a.AccessLevel != iam.PermissionsManagement {
		t.Errorf("console level lost: %+v", a)
	}
	if a := act("StartEnablementJob"); len(a.ResourceTypes) != 2 || a.ResourceTypes[0].Required || !a.ResourceTypes[1].Required {
		t.Errorf("resource rows: %+v", a.ResourceTypes)
	}
	if a := act("StartRollbackEnablementJob"); fmt.Sprint(a.DependentActions, a.ConditionKeys) != "[appstudio:GetAccountStatus] [appstudio:InstanceId]" {
		t.Errorf("dependent actions and keys: %+v", a)
	}
	if rt, ok := svc.ResourceType("instance"); !ok || fmt.Sprint(rt.ConditionKeys) != "[appstudio:InstanceId]" {
		t.Errorf("instance resource type: %+v", rt)
	}
	if rt, ok := svc.ResourceType("connector"); !ok || rt.ARN != "arn:${Partition}:appstudio:${Region}:${Account}:connector/${ConnectionId}" {
		t.Errorf("a resource placed by its ARN: %+v", rt)
	}
	if k, ok := svc.ConditionKey("appstudio:instanceid"); !ok || k.Type != "String" {
		t.Errorf("condition key: %+v", k)
	}
	summaries, _ := c.Services(ctx)
	byPrefix := map[string]iam.ServiceSummary{}
	for _, s := range summaries {
		byPrefix[s.Prefix] = s
	}
	if s := byPrefix["appstudio"]; s.ActionCount != 6 {
		t.Errorf("appstudio summary %+v: the console's actionCount should win", s)
	}
	if s := byPrefix["s3-object-lambda"]; s.Name != "Amazon S3" || s.ActionCount != 26 {
		t.Errorf("s3-object-lambda summary %+v: console name, fallback count", s)
	}
	if s := byPrefix["widgetpreview"]; s.Name != "AWS Widget Preview" || s.ActionCount != 2 {
		t.Errorf("console-only service summary %+v", s)
	}
	widget, err := c.Service(ctx, "widgetpreview")
	if err != nil || len(widget.Actions) != 2 || widget.Actions[1].AccessLevel != iam.Tagging || widget.Actions[1].Description != "" {
		t.Errorf("console-only service: %+v, %v", widget, err)
	}
	if _, err := c.Service(ctx, "kms"); err != nil {
		t.Fatal(err)
	}
	if n := fake.Stats().Actions["KMS"]; n != 1 {
		t.Errorf("kms must be asked for by its serviceKeyName KMS once, got %d (%v)", n, fake.Stats().Actions)
	}
}

func TestGlobalConditionKeys(t *testing.T) {
	ctx := t.Context()
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	keys, err := c.GlobalConditionKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 59 {
		t.Errorf("%d global keys, want 59", len(keys))
	}
	found := 0
	for _, k := range keys {
		switch k.Name {
		case "aws:SourceIp":
			found++
			if k.Type != "IPAddress" || k.Description != "Filters access by the IP address of the requester" {
				t.Errorf("console's key lost: %+v", k)
			}
		case "aws:PrincipalOrgID":
			found++
			if k.Type != "String" {
				t.Errorf("type not filled from the fallback: %+v", k)
			}
		}
	}
	if found != 2 {
		t.Errorf("fixture keys missing from %d keys", len(keys))
	}
	keys[0].Name = "changed"
	again, _ := c.GlobalConditionKeys(ctx)
	if again[0].Name == "changed" {
		t.Error("callers share the cached slice")
	}
}

func TestUnknownService(t *testing.T) {
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	_, err := c.Service(t.Context(), "s4")
	var u *iam.UnknownServiceError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), `"s3"`) {
		t.Fatalf("want an unknown service error suggesting s3, got %v", err)
	}
	if n := fake.Stats().API["actions"]; n != 0 {
		t.Errorf("an unknown prefix cost %d actions calls", n)
	}
}

func TestSourceAndDataVersion(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.CacheDir = t.TempDir()
	c := newCatalog(t, cfg)
	if c.Source() != "console" || c.DataVersion() != "live" {
		t.Fatalf("before any fetch: %q %q", c.Source(), c.DataVersion())
	}
	before := time.Now().UTC().Add(-time.Second)
	if _, err := c.Services(t.Context()); err != nil {
		t.Fatal(err)
	}
	v := c.DataVersion()
	at, err := time.Parse(time.RFC3339, strings.TrimPrefix(v, "live@"))
	if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) {
		t.Fatalf("DataVersion %q, want live@<fetch time>", v)
	}
	if again := newCatalog(t, cfg).DataVersion(); again != v {
		t.Errorf("a new catalog over the same cache reports %q, want %q without fetching", again, v)
	}
}

// TestParamlessStyles: whichever contentString the console wants for a
// method without parameters, the catalog finds it and then keeps using it.
func TestParamlessStyles(t *testing.T) {
	for _, tc := range []struct {
		style  consolefake.ParamStyle
		probes int
	}{{consolefake.ParamNull, 1}, {consolefake.ParamEmpty, 2}, {consolefake.ParamOmitted, 3}} {
		t.Run(fmt.Sprintf("%q", tc.style), func(t *testing.T) {
			fake := consolefake.New(t, consolefake.WithParamStyle(tc.style))
			c := newCatalog(t, fakeConfig(fake))
			ctx := t.Context()
			if _, err := c.Services(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.GlobalConditionKeys(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Service(ctx, "s3"); err != nil {
				t.Fatal(err)
			}
			st := fake.Stats()
			if st.API["services"] != tc.probes || st.API["globalConditionKeys"] != 1 || st.API["resources"] != 1 {
				t.Errorf("want %d probes of services, then one call each: %v", tc.probes, st.API)
			}
		})
	}
}

func TestDocumentMethods(t *testing.T) {
	ctx := t.Context()
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	tmpl, err := c.ServiceLinkedRoleTemplate(ctx, "autoscaling.amazonaws.com")
	if err != nil {
		t.Fatal(err)
	}
	var parsed struct {
		NamedPermissionsPolicies []struct{ PolicyDocument string }
	}
	if err := json.Unmarshal(tmpl, &parsed); err != nil || len(parsed.NamedPermissionsPolicies) != 1 {
		t.Fatalf("template %s: %v", tmpl, err)
	}
	policy := parsed.NamedPermissionsPolicies[0].PolicyDocument
	summary, err := c.PolicySummary(ctx, policy)
	if err != nil || !strings.Contains(string(summary), `"serviceSummaries"`) {
		t.Fatalf("PolicySummary = %s, %v", summary, err)
	}
	findings, err := c.Validate(ctx, policy)
	if err != nil || !strings.Contains(string(findings), `"findings"`) {
		t.Fatalf("Validate = %s, %v", findings, err)
	}
	tmpl[0] = 'X'
	for i := 0; i < 3; i++ {
		again, err := c.ServiceLinkedRoleTemplate(ctx, "autoscaling.amazonaws.com")
		if err != nil || again[0] != '{' {
			t.Fatalf("cached template %q, %v", again[:1], err)
		}
		if _, err := c.PolicySummary(ctx, policy); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Validate(ctx, policy); err != nil {
			t.Fatal(err)
		}
	}
	st := fake.Stats()
	if st.API["getServiceLinkedRoleTemplate"] != 1 || st.API["policySummary"] != 1 || st.API["validate"] != 1 {
		t.Errorf("each answer should be fetched once: %v", st.API)
	}
	_, err = c.ServiceLinkedRoleTemplate(ctx, "nothing.amazonaws.com")
	if !errors.Is(err, ErrErrorResponse) || !strings.Contains(err.Error(), "No service-linked role template") || !strings.Contains(err.Error(), "HTTP 400") {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := c.Validate(ctx, "{not json"); err == nil || fake.Stats().API["validate"] != 1 {
		t.Errorf("invalid JSON must be refused before any call: %v", err)
	}
	if _, err := c.ServiceLinkedRoleTemplate(ctx, ""); err == nil {
		t.Error("empty service name accepted")
	}
}

func TestDecodeServiceLinkedRoleTemplate(t *testing.T) {
	raw, err := os.ReadFile("consolefake/testdata/getServiceLinkedRoleTemplate-autoscaling.amazonaws.com.json")
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := DecodeServiceLinkedRoleTemplate(raw)
	if err != nil {
		t.Fatal(err)
	}
	if tpl.RoleName != "AWSServiceRoleForAutoScaling" || tpl.Path != "/aws-service-role/" ||
		!strings.Contains(tpl.TrustPolicy, `"sts:AssumeRole"`) || len(tpl.PermissionsPolicies) != 1 ||
		tpl.PermissionsPolicies[0].Name != "AutoScalingServiceRolePolicy" || !strings.Contains(tpl.PermissionsPolicies[0].Document, "ec2:RunInstances") {
		t.Errorf("template = %+v", tpl)
	}
	// Documents sent as objects come back as compact JSON text; absent fields are empty.
	tpl, err = DecodeServiceLinkedRoleTemplate([]byte(`{"trustPolicyDocument": {"Version": "2012-10-17", "Statement": []}}`))
	if err != nil || tpl.TrustPolicy != `{"Version":"2012-10-17","Statement":[]}` || tpl.RoleName != "" {
		t.Errorf("object document: %+v, %v", tpl, err)
	}
	if _, err := DecodeServiceLinkedRoleTemplate([]byte(`[1]`)); err == nil {
		t.Error("a list decoded as a template")
	}
}

// Every request to the sign-in and console endpoints names the provider
// and its version.
func TestUserAgentNamesTheProvider(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.UserAgent = "terraform-provider-iamv2/1.2.3"
	if _, err := newCatalog(t, cfg).Service(t.Context(), "s3"); err != nil {
		t.Fatal(err)
	}
	agents := fake.Stats().UserAgents
	if len(agents) != 1 || agents["terraform-provider-iamv2/1.2.3"] == 0 {
		t.Errorf("User-Agents %v", agents)
	}
}
