package boundary

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

var credentialDenies = []string{"*:Get*Credential*", "*:Get*Password*", "*:Get*Token*"}

// In word mode the document denies credential vending by name, today's
// actions and those AWS adds later; in prefix mode it does not.
func TestWordModeDeniesCredentialVending(t *testing.T) {
	res, diags, err := buildOver(t, Request{CrossService: true})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	for _, d := range credentialDenies {
		if !slices.Contains(res.DenyPatterns, d) {
			t.Errorf("deny_patterns lack %s", d)
		}
	}
	for _, a := range []string{"sts:GetSessionToken", "ec2:GetPasswordData", "ecr:GetAuthorizationToken"} {
		if slices.Contains(res.GrantedActions, a) || !slices.Contains(res.UngrantedActions, a) {
			t.Errorf("%s is granted, or missing from ungranted_actions", a)
		}
	}
	res, diags, err = buildOver(t, Request{CrossService: true, Wildcards: readonly.WildcardsPrefix})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	if slices.Contains(res.DenyPatterns, credentialDenies[2]) || !slices.Contains(res.GrantedActions, "sts:GetSessionToken") {
		t.Errorf("prefix mode: deny_patterns %q; want no deny word, and sts:GetSessionToken granted", res.DenyPatterns)
	}
}

// A deny word would override what the caller's statements allow, an action
// include adds or one required: the boundary then leaves that word out, and
// says so on the attribute that asked for the action.
func TestDenyWordLeftOutForWhatTheCallerAsks(t *testing.T) {
	for _, c := range []struct {
		name string
		req  Request
		attr string
	}{
		{"statements allow it", Request{Services: []string{"sts"}, Statements: `[{"Effect":"Allow","Action":"sts:GetSessionToken","Resource":"*"}]`}, "statements"},
		{"include adds it", Request{Services: []string{"sts"}, Include: []string{"sts:GetFederationToken"}}, "include"},
		{"required names it", Request{Services: []string{"sts"}, Required: []string{"sts:GetSessionToken"}}, "required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, diags, err := buildOver(t, c.req)
			if err != nil || res == nil {
				t.Fatal(err, diags)
			}
			if slices.Contains(res.DenyPatterns, "*:Get*Token*") || !slices.Contains(res.DenyPatterns, "*:Get*Credential*") {
				t.Errorf("deny_patterns %q: want *:Get*Token* left out, the other words kept", res.DenyPatterns)
			}
			found := false
			for _, d := range diags {
				found = found || d.Severity == readonly.SeverityWarning && d.Attribute == c.attr && d.Summary == "Deny word left out" &&
					strings.Contains(d.Detail, `"*:Get*Token*"`)
			}
			if !found {
				t.Errorf("diagnostics %v lack a warning on %s naming *:Get*Token*", diags, c.attr)
			}
		})
	}
}

// future_exposure gives each wildcard with what it matches today.
func TestFutureExposureGivesTheEvidence(t *testing.T) {
	res, diags, err := buildOver(t, Request{CrossService: true})
	if err != nil || res == nil {
		t.Fatal(err, diags)
	}
	exp, err := policy.NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	var get *Exposure
	for i, e := range res.FutureExposure {
		if !strings.Contains(e.Pattern, "*") || e.Actions == 0 || e.Services == 0 || e.NonTarget > e.Actions {
			t.Errorf("exposure %+v", e)
		}
		if e.Pattern == "*:Get*" {
			get = &res.FutureExposure[i]
		}
	}
	set, err := exp.ExpandPattern("*:Get*")
	if err != nil {
		t.Fatal(err)
	}
	// Get: 3,310 actions of 379 services, 53 of them outside List and Read.
	if get == nil || get.Actions != set.Len() || get.Actions != 3310 || get.Services != 379 || get.NonTarget != 53 || get.NonTargetShare != 0.016 {
		t.Errorf("*:Get* exposure %+v, want 3310 actions of 379 services, 53 (0.016) outside the target set", get)
	}
}
