// Package validation is the core of the data source
// iamv2_policy_validation: it checks an IAM policy document the way AWS
// IAM Access Analyzer's policy validation does, offline, against an
// iam.Catalog, and reports findings with a code, a severity (ERROR,
// SECURITY_WARNING, WARNING, SUGGESTION), a message and the JSON path of
// the offending element. It knows nothing of Terraform; a data source
// wraps it.
//
// # Use
//
//	v, err := validation.New(ctx, embedded.Default(), nil) // once per catalog (nil: it builds its own policy.Expander); safe for concurrent use
//	rep, err := v.Validate(src, validation.Options{PolicyType: validation.Resource})
//	// err: an invalid option, naming the value. rep.Valid: no ERROR.
//	for _, f := range rep.Findings { /* f.Code, f.Severity, f.Path ("Statement[1].Action[3]"), f.Message */ }
//
// Codes lists every code with its severity and a one-line description,
// for documentation and for validating ignore_codes.
//
// # How it works
//
// The document is parsed by policy.Parse, whose diagnostics become
// findings (MALFORMED_POLICY, INVALID_VERSION, INVALID_EFFECT,
// MISSING_VERSION, EMPTY_ELEMENT). A document the parser refuses gets
// only those. A parsed one is expanded by the shared policy.Expander, and
// then every check of the registry in checks.go runs, once per document
// or once per statement; each check is a small function and one entry.
//
// # Policy types
//
//   - identity (default): no Principal or NotPrincipal, and every
//     statement needs Resource or NotResource.
//   - boundary: the same grammar, since IAM stores a permissions boundary
//     as a managed policy and refuses Principal there (an ERROR, as for
//     identity).
//   - resource: every statement needs Principal or NotPrincipal; Resource
//     may be absent, as in a role's trust policy.
//   - scp: the identity grammar, plus warnings for what the original SCP
//     grammar refused in Allow statements (a Resource other than "*",
//     NotResource, Condition, NotAction). AWS Organizations accepts the
//     full IAM language in SCPs since 2025, so these are warnings.
//
// A boundary or an SCP grants nothing; it caps what identity policies
// grant, and "Allow *" on "*" is its usual form. So the checks for
// over-broad grants (NotAction or NotResource with Allow, permissions
// management or iam:PassRole on "*", privilege escalation) skip them;
// NON_READ_ONLY_ACTION still applies when read-only access is expected.
// In a resource policy Resource "*" means the resource it is attached to
// (a KMS key policy's "kms:*" on "*" is the default), so the checks for
// grants on "*" and for privilege escalation are for identity policies.
//
// # Being conservative
//
// Checks that lean on the catalog's description of resources and
// condition keys stay quiet when the data cannot tell: an ARN format's
// variables match anything (those of the partition, service, region
// and account fields anything but a colon), an action without resource
// types is never said not to fit, and a statement with "*", a wildcard
// service prefix or an action without resource types is not judged on the
// services of its resources. Every AWS managed policy validates without an
// ERROR but for actions, services and two condition keys the snapshot
// lacks; the corpus test lists them. Condition values and operators are
// judged by the key types the catalog gives (ArnLike on a String key that
// holds ARNs, as AWS's own policies write it, is fine), and a value with a
// policy variable is never judged, since it is whatever the request holds.
//
// # Limits
//
// Checks whose cost grows with the product of sizes (redundant patterns,
// compaction) share a work budget a hundred times what the largest AWS
// managed policy needs; only a hostile document exhausts it, and those
// checks then stay silent. A report lists at most MaxFindings findings
// and counts all of them.
package validation
