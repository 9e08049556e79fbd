package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Provider functions cannot see the provider configuration, so they always
// answer from the embedded snapshot.
const functionSourceNote = "\n\nProvider functions cannot see the provider configuration, so this function always " +
	"answers from the embedded snapshot, whatever `catalog_source` says."

func (p *iamv2Provider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newAccessLevelFunction,
		newActionGroupsFunction,
		newCompactActionsFunction,
		newExpandActionsFunction,
		newIsReadOnlyFunction,
		newPolicyActionsSummaryFunction,
		newIsAllowedFunction,
		newNoPublicAccessFunction,
		newAccessNotGrantedFunction,
		newNoNewAccessFunction,
		newPolicyAllowedActionsFunction,
		newPolicySizeFunction,
	}
}

// lookupAction finds one action by its full name, "service:Action", exactly
// (case-insensitively); the error names the value.
func lookupAction(ctx context.Context, fullName string) (*iam.Service, *iam.Action, error) {
	prefix, name, ok := strings.Cut(fullName, ":")
	if err := iam.CheckText(fullName); err != nil {
		return nil, nil, err
	}
	if !ok || prefix == "" || name == "" || strings.Contains(name, ":") {
		return nil, nil, fmt.Errorf("%q is not an action name: write \"service:Action\", such as \"s3:GetObject\"", fullName)
	}
	if iam.HasWildcard(fullName) {
		return nil, nil, fmt.Errorf("%q is a pattern: this function takes one exact action name", fullName)
	}
	svc, err := embedded.Default().Service(ctx, prefix)
	if err != nil {
		return nil, nil, err
	}
	a, ok := svc.Action(name)
	if !ok {
		return nil, nil, svc.UnknownActionError(name)
	}
	return svc, a, nil
}

// argumentError is a function error attributed to one argument.
func argumentError(position int64, err error) *function.FuncError {
	return function.NewArgumentFuncError(position, functionText(err))
}

// functionError is a function error of no one argument.
func functionError(err error) *function.FuncError { return function.NewFuncError(functionText(err)) }

// functionText writes an error for Terraform and OpenTofu, which print it
// inside a sentence of their own that ends with a full stop (`Invalid value
// for "action" parameter: <text>.`). So the text has no closing full stop,
// and a closing question becomes a parenthesis: `... (did you mean "x"?)`.
func functionText(err error) string {
	s := strings.TrimRight(capitalize(err.Error()), ".")
	const question = "; did you mean "
	if i := strings.LastIndex(s, question); i >= 0 && strings.HasSuffix(s, "?") {
		s = s[:i] + " (did you mean " + s[i+len(question):] + ")"
	}
	return s
}

// listArgument reads a list of strings argument element by element, so a
// null element is an error naming it, such as `patterns[1] must not be
// null`, rather than the framework's conversion error.
func listArgument(ctx context.Context, args function.ArgumentsData, position int64, name string) ([]string, *function.FuncError) {
	var list types.List
	if err := args.GetArgument(ctx, int(position), &list); err != nil {
		return nil, err
	}
	var ferr *function.FuncError
	out := stringElements(list, func(i int, _ attr.Value, problem string) {
		if ferr == nil {
			ferr = function.NewArgumentFuncError(position, fmt.Sprintf("%s[%d] %s", name, i, problem))
		}
	})
	return out, ferr
}
