package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"

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
		newIsAllowedFunction,
		newPolicyAllowedActionsFunction,
	}
}

// lookupAction finds one action by its full name, "service:Action", exactly
// (case-insensitively); the error names the value.
func lookupAction(ctx context.Context, fullName string) (*iam.Service, *iam.Action, error) {
	prefix, name, ok := strings.Cut(fullName, ":")
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
	return function.NewArgumentFuncError(position, capitalize(sentence(err)))
}
