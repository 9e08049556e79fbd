package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = (*isReadOnlyFunction)(nil)

type isReadOnlyFunction struct{}

func newIsReadOnlyFunction() function.Function { return &isReadOnlyFunction{} }

func (f *isReadOnlyFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "is_read_only"
}

func (f *isReadOnlyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether every action a list of patterns names is List or Read",
		MarkdownDescription: "Expands the patterns like `expand_actions` and returns whether every action is at the " +
			"List or Read access level (true for an empty list). A pattern that names no known action is an error." +
			functionSourceNote,
		Parameters: []function.Parameter{patternsParameter("actions")},
		Return:     function.BoolReturn{},
	}
}

func (f *isReadOnlyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	patterns, ferr := listArgument(ctx, req.Arguments, 0, "actions")
	if ferr != nil {
		resp.Error = ferr
		return
	}
	actions, err := expandAll(ctx, patterns)
	if err != nil {
		resp.Error = argumentError(0, err)
		return
	}
	readOnly := true
	for _, a := range actions {
		readOnly = readOnly && a.Level.IsReadOnly()
	}
	resp.Error = resp.Result.Set(ctx, readOnly)
}
