package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// errorMatching matches a diagnostic text however Terraform wraps its lines:
// each space in text matches any run of whitespace.
func errorMatching(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// testCheckBlock applies failing, whose check block name must fail with
// problems naming each of messages, then passing, where it must pass.
func testCheckBlock(t *testing.T, name, failing, passing string, messages ...string) {
	t.Helper()
	step := func(config string, status tfjson.CheckStatus, messages []string) resource.TestStep {
		return resource.TestStep{Config: config, ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{checkBlockStatus{name, status, messages}},
		}}
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			step(failing, tfjson.CheckStatusFail, messages),
			step(passing, tfjson.CheckStatusPass, nil),
		},
	})
}

// checkBlockStatus is a plan check that a check block of the
// configuration ended with status ("pass" or "fail") and, when it failed,
// that its problems name every one of messages. Terraform reports a failed
// check block as a warning and goes on, so the plan's JSON is where the
// failure is to be seen.
type checkBlockStatus struct {
	name     string
	status   tfjson.CheckStatus
	messages []string
}

func (c checkBlockStatus) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, check := range req.Plan.Checks {
		if check.Address.Kind != tfjson.CheckKindCheckBlock || check.Address.Name != c.name {
			continue
		}
		if check.Status != c.status {
			resp.Error = fmt.Errorf("check block %q: status %q, want %q", c.name, check.Status, c.status)
			return
		}
		var problems []string
		for _, inst := range check.Instances {
			for _, p := range inst.Problems {
				problems = append(problems, p.Message)
			}
		}
		all := strings.Join(problems, "\n")
		for _, m := range c.messages {
			if !strings.Contains(all, m) {
				resp.Error = fmt.Errorf("check block %q: problems %q do not mention %q", c.name, all, m)
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no result for check block %q", c.name)
}
