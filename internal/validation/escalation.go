package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// escalation is a set of actions that, allowed together, let a principal
// give itself more permissions than the policy grants.
type escalation struct {
	actions []string
	how     string
}

// escalations are the well-known privilege escalation paths in AWS IAM,
// as Rhino Security Labs first catalogued them (2018) and later public
// research (such as Bishop Fox's iam-vulnerable) extended them. Each is
// reported when the whole policy allows all of its actions, on whatever
// resources: scoping narrows the path but does not close it. A path that
// also needs sts:AssumeRole or lambda:InvokeFunction is listed without
// them, since a role can often be assumed, or a function triggered, by
// other means.
var escalations = []escalation{
	{[]string{"iam:CreatePolicyVersion"}, "make a new default version of a managed policy attached to the principal, granting anything"},
	{[]string{"iam:SetDefaultPolicyVersion"}, "switch a managed policy attached to the principal to a more permissive version"},
	{[]string{"iam:AttachUserPolicy"}, "attach any managed policy, such as AdministratorAccess, to a user"},
	{[]string{"iam:AttachGroupPolicy"}, "attach any managed policy to a group the principal is in"},
	{[]string{"iam:AttachRolePolicy"}, "attach any managed policy to a role the principal is or can assume"},
	{[]string{"iam:PutUserPolicy"}, "write an inline policy granting anything to a user"},
	{[]string{"iam:PutGroupPolicy"}, "write an inline policy granting anything to a group the principal is in"},
	{[]string{"iam:PutRolePolicy"}, "write an inline policy granting anything to a role the principal is or can assume"},
	{[]string{"iam:AddUserToGroup"}, "add a user to a more privileged group"},
	{[]string{"iam:UpdateAssumeRolePolicy"}, "rewrite a role's trust policy so that the principal may assume it"},
	{[]string{"iam:CreateAccessKey"}, "create access keys for another, more privileged user"},
	{[]string{"iam:CreateLoginProfile"}, "set a console password for a more privileged user that has none"},
	{[]string{"iam:UpdateLoginProfile"}, "change the console password of a more privileged user"},
	{[]string{"iam:PassRole", "ec2:RunInstances"}, "launch an instance with a privileged role and use its credentials"},
	{[]string{"iam:PassRole", "lambda:CreateFunction"}, "create a function that runs code with a privileged role"},
	{[]string{"lambda:UpdateFunctionCode"}, "replace the code of a function that runs with a privileged role"},
	{[]string{"iam:PassRole", "glue:CreateDevEndpoint"}, "create a Glue development endpoint with a privileged role and log in to it"},
	{[]string{"glue:UpdateDevEndpoint"}, "add an SSH key to a Glue development endpoint that has a privileged role"},
	{[]string{"iam:PassRole", "cloudformation:CreateStack"}, "create a stack that makes resources with a privileged role"},
	{[]string{"iam:PassRole", "datapipeline:CreatePipeline"}, "create a data pipeline that runs commands with a privileged role"},
	{[]string{"iam:PassRole", "codebuild:CreateProject"}, "create a build project that runs commands with a privileged role"},
	{[]string{"iam:PassRole", "sagemaker:CreateNotebookInstance"}, "create a notebook instance with a privileged role and open it"},
	{[]string{"sagemaker:CreatePresignedNotebookInstanceUrl"}, "open a notebook instance that runs with a privileged role"},
}

// checkPrivilegeEscalation reports each path the policy as a whole
// allows, at the first value that grants the path's first action.
func checkPrivilegeEscalation(r *run) {
	if !r.typ.grantsEverywhere() {
		return
	}
	allowed := r.res.Net.Allowed
	for _, e := range escalations {
		ok := true
		for _, a := range e.actions {
			ok = ok && allowed.Contains(a)
		}
		if !ok {
			continue
		}
		r.emit(PrivilegeEscalation, r.grantPath(e.actions[0]), fmt.Sprintf(
			"the policy allows %s, a known privilege escalation path: a principal can %s",
			strings.Join(e.actions, " with "), e.how))
	}
}

// grantPath is the path of the first Allow value that grants an action:
// the pattern, or a NotAction list; "" if none does.
func (r *run) grantPath(action string) string {
	for _, s := range r.stmts {
		if s.Effect != policy.Allow || !s.res.Actions.Contains(action) {
			continue
		}
		if s.NotAction != nil {
			return s.NotAction.Path
		}
		for _, p := range s.patterns {
			if p.grants(action) {
				return p.path
			}
		}
	}
	return ""
}
