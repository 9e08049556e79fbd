package provider

import (
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

var _ function.Function = (*compactActionsFunction)(nil)

type compactActionsFunction struct{}

func newCompactActionsFunction() function.Function { return &compactActionsFunction{} }

func (f *compactActionsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compact_actions"
}

func (f *compactActionsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Writes a set of actions as the fewest characters of patterns that grant exactly that set",
		MarkdownDescription: "Compacts a set of actions into `service:Prefix*` patterns and exact names that, expanded " +
			"over the catalog, grant exactly the given actions and no other, in as few characters as the wildcard mode " +
			"allows (the same compaction as `iamv2_readonly_statement`). The result is sorted." + functionSourceNote,
		Parameters: []function.Parameter{
			function.ListParameter{
				Name:        "actions",
				ElementType: types.StringType,
				MarkdownDescription: "Full action names, such as `[\"s3:GetObject\", \"s3:GetObjectTagging\"]`; case-insensitive, no " +
					"wildcards. An empty list compacts to an empty list.",
			},
			function.StringParameter{
				Name: "wildcards",
				MarkdownDescription: "`none` (full names only), `word` (a `*` only after a read family: whole CamelCase " +
					"words under which at least 97% of the catalog's actions are List or Read, so `iam:PassRole` stays in " +
					"full) or `prefix` (any prefix, smallest).",
			},
		},
		Return: function.ListReturn{ElementType: types.StringType},
	}
}

func (f *compactActionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	actions, ferr := listArgument(ctx, req.Arguments, 0, "actions")
	if ferr != nil {
		resp.Error = ferr
		return
	}
	var wildcards string
	if resp.Error = req.Arguments.GetArgument(ctx, 1, &wildcards); resp.Error != nil {
		return
	}
	mode, err := readonly.ParseWildcards(wildcards)
	if err != nil {
		resp.Error = argumentError(1, err)
		return
	}
	byService := map[*iam.Service][]string{}
	for i, name := range actions {
		svc, a, err := lookupAction(ctx, name)
		if err != nil {
			resp.Error = argumentError(0, fmt.Errorf("element %d: %w", i, err))
			return
		}
		byService[svc] = append(byService[svc], a.Name)
	}
	patterns := []string{}
	for svc, names := range byService {
		compacted, err := readonly.CompactInCatalog(ctx, embedded.Default(), svc, names, mode)
		if err != nil {
			resp.Error = argumentError(0, err)
			return
		}
		patterns = append(patterns, compacted...)
	}
	sort.Strings(patterns)
	resp.Error = resp.Result.Set(ctx, patterns)
}
