// Package evaluate decides AWS IAM requests offline: given the policies
// that apply to a principal and a resource, it says whether a request (an
// action on a resource, with its context) is allowed, explicitly denied or
// implicitly denied, and why. It knows nothing of Terraform.
//
// It follows AWS's documented evaluation logic; each rule's comment or test
// names the page that states it:
//
//   - Evaluation order and the policy types' interplay:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
//   - Same-account union of identity and resource policies:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html
//   - Cross-account requests, where both sides must allow:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
//   - Permissions boundaries and which resource-policy grants they limit:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
//   - Session policies: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session
//   - SCPs and RCPs, each level of the organization needing an Allow:
//     https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
//   - Condition operators and missing keys:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
//   - Set operators on multivalued keys:
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
//   - Policy variables: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
//   - Resource ARNs and wildcards: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
//   - Principals: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
//
// # Use
//
//	p, diags := evaluate.CompileJSON(src, evaluate.Source{Kind: evaluate.Identity})
//	set := &evaluate.Set{Identity: []*evaluate.Policy{p}}
//	pr, err := evaluate.ParsePrincipal("arn:aws:iam::111122223333:user/alice")
//	res := set.Evaluate(&evaluate.Request{Principal: pr, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
//	// res.Decision, res.DecidedBy, res.Matched, res.MissingKeys, res.Uncertain
//
// Where AWS's documentation does not settle a decision (a Deny to
// {"AWS": "*"} against a service caller; a grant to "*" for a role session
// whose boundary or session policy lacks an Allow), the decision is the
// restrictive one and Result.Uncertain says why.
//
// A compiled Policy and a Set are read-only and safe for concurrent use.
//
// # What is not modelled
//
// Service-specific authorization beyond IAM policies (S3 ACLs, Object
// Ownership and Block Public Access, KMS grants, VPC endpoint policies,
// Lake Formation), SCPs not applying to service-linked roles or the
// management account, anonymous callers, and context keys the request
// would carry but the caller did not give: a condition on a key that is
// not in the request's context is evaluated as AWS does for a missing key,
// and the key is reported in Result.MissingKeys.
//
// # Checks
//
// CheckNoNewAccess, CheckAccessNotGranted and CheckNoPublicAccess mirror
// IAM Access Analyzer's custom policy checks over compiled policies. They
// are sound: a PASS is a proof over the documents' text (glob inclusion
// and intersection, conditions compared as written), so whatever cannot
// be proved fails.
package evaluate
