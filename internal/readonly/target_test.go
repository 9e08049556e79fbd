package readonly

import (
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
)

// SelectTarget chooses what Build grants, before any compaction, and marks
// the actions include adds outside the levels.
func TestSelectTarget(t *testing.T) {
	target, diags, err := SelectTarget(t.Context(), embedded.Default(), Options{
		Services: []string{"cloudtrail"}, Include: []string{"cloudtrail:StartLogging"}, Exclude: []string{"cloudtrail:LookupEvents"},
	})
	if err != nil || target == nil || len(diags) != 0 {
		t.Fatal(err, diags)
	}
	res, _ := build(t, Options{Services: []string{"cloudtrail"}, Include: []string{"cloudtrail:StartLogging"}, Exclude: []string{"cloudtrail:LookupEvents"}})
	if len(target.Services) != 1 || target.Size != len(res.ExpandedActions) {
		t.Fatalf("target of %d actions in %d services, Build grants %d", target.Size, len(target.Services), len(res.ExpandedActions))
	}
	ts := target.Services[0]
	for i, a := range ts.Service.Actions {
		wantFull := a.Name == "StartLogging"
		if ts.Full[i] != wantFull || (a.Name == "LookupEvents" && ts.Want[i]) {
			t.Errorf("%s: want %v, full %v", a.Name, ts.Want[i], ts.Full[i])
		}
	}
	if target, diags, _ := SelectTarget(t.Context(), embedded.Default(), Options{Services: []string{"cloudtrail"}, Exclude: []string{"cloudtrail:*"}}); target != nil || !HasError(diags) {
		t.Errorf("everything excluded: target %v, diagnostics %v; want the Nothing to allow error", target, diags)
	}
}
