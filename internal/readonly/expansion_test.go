package readonly_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// TestPolicyExpandsExactly feeds every generated document, for every
// service in every wildcard mode, through the policy-expansion code the
// data source iamv2_policy_expansion uses: what it allows must be exactly
// ExpandedActions.
func TestPolicyExpandsExactly(t *testing.T) {
	e, err := policy.NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range readonly.WildcardModes {
		res, diags, err := readonly.Build(t.Context(), embedded.Default(), readonly.Options{Services: []string{"*"}, Wildcards: mode})
		if err != nil || readonly.HasError(diags) {
			t.Fatalf("%s: %v %v", mode, err, diags)
		}
		var allowed []string
		for _, doc := range res.Policies {
			got, diags := e.ExpandJSON(doc, policy.Options{UnknownActions: policy.UnknownError})
			if diags.HasError() {
				t.Fatalf("%s: %v", mode, diags)
			}
			if !got.Net.ReadOnly {
				t.Errorf("%s: a document allows %v", mode, got.Net.NonReadOnly.Names())
			}
			allowed = append(allowed, got.Net.Allowed.Names()...)
		}
		slices.Sort(allowed)
		want := slices.Clone(res.ExpandedActions)
		slices.SortFunc(want, strings.Compare)
		if !slices.Equal(allowed, want) {
			t.Errorf("%s: the policies allow %d actions, ExpandedActions has %d", mode, len(allowed), len(want))
		}
	}
}
