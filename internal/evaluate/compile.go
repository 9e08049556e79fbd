package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// Kind is the type of a policy, which decides its part in an evaluation.
type Kind uint8

// The policy types AWS evaluates.
const (
	Identity Kind = iota + 1
	PermissionsBoundary
	SessionPolicy
	ServiceControlPolicy
	ResourceControlPolicy
	ResourcePolicy
)

// String names the kind as the provider's outputs do.
func (k Kind) String() string {
	switch k {
	case Identity:
		return "identity"
	case PermissionsBoundary:
		return "permissions_boundary"
	case SessionPolicy:
		return "session_policy"
	case ServiceControlPolicy:
		return "service_control_policy"
	case ResourceControlPolicy:
		return "resource_control_policy"
	case ResourcePolicy:
		return "resource_policy"
	}
	return ""
}

// words names the kind in a sentence: "session policy".
func (k Kind) words() string { return strings.ReplaceAll(k.String(), "_", " ") }

// phrase is words with its article: "an identity policy", "a service
// control policy".
func (k Kind) phrase() string {
	if k == Identity {
		return "an identity policy"
	}
	return "a " + k.words()
}

// Source says where a policy sits: its kind, its position among the
// policies of that kind and, for SCPs and RCPs, its organization level
// (0 is the root).
type Source struct {
	Kind  Kind
	Index int
	Level int
}

// Policy is a compiled policy document, read-only once built.
type Policy struct {
	Source
	statements []statement
	actions    actionIndex
}

type statement struct {
	index     int
	sid       string
	path      string
	deny      bool
	notAction bool
	actions   []string // Action or NotAction patterns
	// The patterns again, filed by lowercased literal service prefix, and
	// those with a wildcard in the prefix ("*", "s3*:Get*"): a request
	// tries only its own service's, not every pattern of a large policy.
	actionsBySvc map[string]*svcActions
	actionsAny   []string
	notResource  bool
	allResources bool // Resource is "*", or a resource policy omits it (the resource it is attached to)
	resources    []template
	principals   []principalEntry
	hasPrincipal bool // Principal or NotPrincipal present
	notPrincipal bool
	conditions   []condition
}

// CompileJSON parses a document strictly and compiles it.
func CompileJSON(src string, s Source) (*Policy, policy.Diagnostics) {
	doc, diags := policy.Parse(src)
	if doc == nil {
		return nil, diags
	}
	p, more := Compile(doc, s)
	return p, append(keepParseDiags(diags, s.Kind), more...)
}

// keepParseDiags drops the parser's warnings that are about identity
// policies only, for the kinds that carry a Principal.
func keepParseDiags(ds policy.Diagnostics, k Kind) policy.Diagnostics {
	if k != ResourcePolicy && k != ResourceControlPolicy {
		return ds
	}
	out := ds[:0:0]
	for _, d := range ds {
		if d.Severity == policy.SeverityWarning && (strings.HasSuffix(d.Summary, "in an identity policy") || d.Summary == "Missing Resource") {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Compile turns a parsed document into a policy ready to evaluate. It
// refuses what IAM would refuse for the kind (a Principal in an identity
// policy, none in a resource policy) and what it cannot evaluate (an
// unknown operator, a value its operator cannot read, a malformed
// variable), each with the element's JSON path; the policy is nil then.
func Compile(doc *policy.Document, s Source) (*Policy, policy.Diagnostics) {
	var diags policy.Diagnostics
	p := &Policy{Source: s, statements: make([]statement, 0, len(doc.Statements))}
	vars := doc.Version == policy.Version2012 // 2008-10-17 has no policy variables
	for i := range doc.Statements {
		st := &doc.Statements[i]
		p.statements = append(p.statements, compileStatement(st, i, s.Kind, vars, &diags))
	}
	if diags.HasError() {
		return nil, diags
	}
	p.actions = buildActionIndex(p.statements)
	return p, diags
}

func addError(diags *policy.Diagnostics, path, summary, detail string) {
	*diags = append(*diags, policy.Diagnostic{Severity: policy.SeverityError, Path: path, Summary: summary, Detail: detail})
}

func compileStatement(st *policy.Statement, i int, k Kind, vars bool, diags *policy.Diagnostics) statement {
	out := statement{index: i, sid: st.Sid, path: st.Path, deny: st.Effect == policy.Deny, notAction: st.NotAction != nil}
	out.actions = st.Actions().Values
	out.actionsBySvc = map[string]*svcActions{}
	for _, a := range out.actions {
		svc, name, ok := strings.Cut(a, ":")
		if !ok || iam.HasWildcard(svc) {
			out.actionsAny = append(out.actionsAny, a)
			continue
		}
		svc = strings.ToLower(svc)
		sa := out.actionsBySvc[svc]
		if sa == nil {
			sa = &svcActions{exact: map[string]bool{}}
			out.actionsBySvc[svc] = sa
		}
		if iam.HasWildcard(name) {
			sa.wild = append(sa.wild, name)
		} else {
			sa.exact[strings.ToLower(name)] = true
		}
	}
	takesPrincipal := k == ResourcePolicy || k == ResourceControlPolicy
	pr := st.Principal
	if pr == nil {
		pr, out.notPrincipal = st.NotPrincipal, st.NotPrincipal != nil
	}
	switch {
	case pr != nil && !takesPrincipal:
		addError(diags, pr.Path, "Principal in "+k.phrase(), fmt.Sprintf(
			"%s has no Principal or NotPrincipal element: it applies to the principal it is attached to, and IAM rejects it", k.phrase()))
	case pr == nil && takesPrincipal:
		addError(diags, st.Path, "Missing Principal", fmt.Sprintf(
			"a statement of %s needs Principal or NotPrincipal to say whom it applies to", k.phrase()))
	case pr != nil:
		out.hasPrincipal = true
		out.principals = compilePrincipals(pr, diags)
	}
	res := st.Resource
	if res == nil {
		res, out.notResource = st.NotResource, st.NotResource != nil
	}
	switch {
	case res == nil && k == ResourcePolicy:
		out.allResources = true // the resource the policy is attached to, as in a role trust policy
	case res == nil:
		addError(diags, st.Path, "Missing Resource", "the statement has no Resource or NotResource, so IAM rejects it; "+
			`write "Resource": "*" for every resource`)
	default:
		for j, r := range res.Values {
			if r == "*" && !out.notResource {
				out.allResources = true
			}
			t, err := parseTemplate(r, vars)
			if err != nil {
				addError(diags, res.ValuePath(j), "Invalid policy variable", err.Error())
				continue
			}
			out.resources = append(out.resources, t)
		}
	}
	out.conditions = compileConditions(st.Condition, vars, diags)
	return out
}

func compilePrincipals(pr *policy.Principal, diags *policy.Diagnostics) []principalEntry {
	if pr.Wildcard {
		return []principalEntry{{kind: "*"}}
	}
	var out []principalEntry
	for _, e := range pr.Entries {
		switch e.Type {
		case "AWS", "Service", "Federated", "CanonicalUser":
		default:
			addError(diags, e.Values.Path, "Unknown principal type", fmt.Sprintf(
				"principal type %q is not one IAM knows; expected AWS, Service, Federated or CanonicalUser", e.Type))
			continue
		}
		for j, v := range e.Values.Values {
			if e.Type == "AWS" && v != "*" && strings.ContainsAny(v, "*?") {
				addError(diags, e.Values.ValuePath(j), "Wildcard in a principal", fmt.Sprintf(
					`principal %q has a wildcard; IAM accepts only "*" on its own, and a condition on aws:PrincipalArn for patterns`, v))
				continue
			}
			out = append(out, principalEntry{kind: e.Type, value: v})
		}
	}
	return out
}

// actionIndex finds the statements that can name an action without
// trying every pattern of every statement: exact names and patterns with a
// literal service prefix are filed by lowercased prefix, the rest (a
// wildcard in the prefix, "*", NotAction) are always tried.
type actionIndex struct {
	bySvc  map[string][]int32 // service prefix -> statements naming some of its actions
	always []int32
}

func buildActionIndex(sts []statement) actionIndex {
	ix := actionIndex{bySvc: map[string][]int32{}}
	for i := range sts {
		st := &sts[i]
		if st.notAction {
			ix.always = append(ix.always, int32(i))
			continue
		}
		seen := map[string]bool{}
		always := false
		for _, a := range st.actions {
			svc, _, ok := strings.Cut(a, ":")
			if !ok || iam.HasWildcard(svc) {
				always = true
				break
			}
			svc = strings.ToLower(svc)
			if !seen[svc] {
				seen[svc] = true
				ix.bySvc[svc] = append(ix.bySvc[svc], int32(i))
			}
		}
		if always {
			for svc := range seen {
				l := ix.bySvc[svc]
				ix.bySvc[svc] = l[:len(l)-1]
			}
			ix.always = append(ix.always, int32(i))
		}
	}
	return ix
}

// names reports whether the statement's Action or NotAction element makes
// it apply to the action: actions match case-insensitively
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
func (st *statement) names(action, svc, name string) bool {
	if sa := st.actionsBySvc[svc]; sa != nil && sa.names(name) {
		return !st.notAction
	}
	for _, a := range st.actionsAny {
		if iam.Match(a, action) {
			return !st.notAction
		}
	}
	return st.notAction
}

// svcActions are a statement's patterns for one service, without the
// prefix: exact names lowercased, and wildcard patterns.
type svcActions struct {
	exact map[string]bool
	wild  []string
}

// names reports whether the patterns name the action, given by its
// lowercased name without the service prefix.
func (sa *svcActions) names(name string) bool {
	if sa.exact[name] {
		return true
	}
	for _, w := range sa.wild {
		// A first character that is not a wildcard must be the name's.
		if c := w[0]; c != '*' && c != '?' && (name == "" || lowerASCII(c) != name[0]) {
			continue
		}
		if iam.Match(w, name) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
