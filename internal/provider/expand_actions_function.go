package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

var _ function.Function = (*expandActionsFunction)(nil)

type expandActionsFunction struct{}

func newExpandActionsFunction() function.Function { return &expandActionsFunction{} }

func (f *expandActionsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "expand_actions"
}

func (f *expandActionsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Expands IAM action patterns to the exact actions they match",
		MarkdownDescription: "Expands action patterns the way IAM matches them (case-insensitive, `*` and `?`, also in " +
			"the service part; `*` alone is every action) to full action names in canonical case, sorted and without " +
			"duplicates. A pattern that names no known action is an error naming it." + functionSourceNote,
		Parameters: []function.Parameter{patternsParameter("patterns")},
		Return:     function.ListReturn{ElementType: types.StringType},
	}
}

func patternsParameter(name string) function.ListParameter {
	return function.ListParameter{
		Name:        name,
		ElementType: types.StringType,
		MarkdownDescription: "Action patterns such as `[\"s3:Get*Tagging\", \"ec2:DescribeInstances\"]`. An empty list " +
			"expands to an empty list.",
	}
}

func (f *expandActionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	patterns, ferr := listArgument(ctx, req.Arguments, 0, "patterns")
	if ferr != nil {
		resp.Error = ferr
		return
	}
	actions, err := expandAll(ctx, patterns)
	if err != nil {
		resp.Error = argumentError(0, err)
		return
	}
	names := make([]string, 0, len(actions))
	for name := range actions {
		names = append(names, name)
	}
	sort.Strings(names)
	resp.Error = resp.Result.Set(ctx, names)
}

// expandAll expands patterns over the embedded catalog into a set of
// actions, failing on the first pattern that names nothing.
func expandAll(ctx context.Context, patterns []string) (map[string]policy.Action, error) {
	e, err := expanderFor(ctx, embedded.Default(), policy.NeedAll())
	if err != nil {
		return nil, err
	}
	out := map[string]policy.Action{}
	for i, p := range patterns {
		set, err := e.ExpandPattern(p)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		for a := range set.All() {
			out[a.Name] = a
		}
	}
	return out, nil
}
