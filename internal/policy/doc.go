// Package policy expands AWS IAM identity policies: it parses a policy
// document strictly, resolves every action pattern against an iam.Catalog,
// and works out what the policy allows, statement by statement and as a
// whole. It knows nothing of Terraform; a data source wraps it.
//
// # Use
//
//	e, err := policy.NewExpander(ctx, embedded.Default()) // once per catalog; safe for concurrent use
//	res, diags := e.ExpandJSON(src, policy.Options{UnknownActions: policy.UnknownWarn})
//	for _, d := range diags { /* d.Severity, d.Path ("Statement[2].Action[0]"), d.Summary, d.Detail */ }
//	if res != nil { names := res.Net.Allowed.Names() /* ... */ }
//
// Parse and Expander.Expand are the two halves of ExpandJSON, for callers
// that want the parsed Document too (its Resource, Condition and Principal
// elements keep their JSON paths for later validation). ExpandPattern
// expands a single pattern.
//
// # Parsing
//
// The grammar is IAM's, enforced as IAM does where encoding/json would be
// lenient: element names are case-sensitive ("action" is an error, not
// Action), a duplicate key is an error at any depth, and unknown elements
// are errors. Version must be "2012-10-17" or "2008-10-17" (missing: a
// warning). Statement is an object or an array of objects; each has an
// Effect of exactly "Allow" or "Deny", exactly one of Action and NotAction,
// at most one of Resource and NotResource (none: a warning), and an
// optional Sid and Condition. Principal and NotPrincipal are parsed with a
// warning, since they have no place in an identity policy. Every action
// must be "*" or "service:action". Strings may hold only tab, line feed,
// carriage return and U+0020 to U+00FF, after \u escapes are decoded (so
// "\u002a" is a wildcard). Documents over MaxDocumentSize (1 MiB) or
// nested deeper than MaxDepth (32) are refused before decoding goes on, and
// documents of more than MaxStatements (1,000) statements before expansion.
// Parse returns a Document exactly when it reports no error, and
// Document.MarshalJSON writes one back so that parsing it again gives the
// same Document.
//
// # Expansion
//
// Patterns match ASCII case-insensitively, with '*' and '?' as wildcards,
// in the service prefix too (with a warning: "s3*:Get*" also matches
// services added later); "*" alone is every action of every service.
// Actions are named in the catalog's spelling ("s3:GetObject") and every
// ActionSet is sorted by name as sort.Strings orders strings, without
// duplicates. A NotAction statement applies to every action of every
// service except those it lists, whatever its Effect.
//
// The net effect is the union of the Allow statements less the Deny
// statements that are unconditional and apply to every resource (Resource
// lists "*"). An action a conditional or resource-scoped Deny names stays
// allowed, since some requests still get through, and is listed in
// Net.ConditionallyDenied. Result.Services summarises the allowed actions
// per service as the IAM console does ("Full access", "Full: List
// Limited: Read").
//
// A pattern that names nothing (an unknown service or action, or a
// wildcard matching nothing) is listed in the result and, by
// Options.UnknownActions, reported as a warning, an error, or not at all;
// in "ignore" mode, one warning for the document names the statements
// left with no known action, and a NotAction listing only unknown actions is always said to
// apply to everything.
package policy
