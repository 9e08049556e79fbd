package evaluate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// Set is every policy that applies to a principal and a resource.
type Set struct {
	Identity []*Policy
	// Boundary and Session are nil when the principal has none.
	Boundary *Policy
	Session  *Policy
	// SCPs are the levels of the principal's organization, root first, each
	// a list of the SCPs attached there; RCPs the resource account's. No
	// levels means no organization policies apply. Every RCP level has
	// RCPFullAWSAccess implied, so RCPs only deny.
	SCPs [][]*Policy
	RCPs [][]*Policy
	// Resource is the resource's own policy, nil when it has none.
	Resource *Policy
}

// Request is one request to decide.
type Request struct {
	Principal Principal
	Action    string // "s3:GetObject"
	Resource  string // an ARN, or "*"
	// ResourceAccount is the account that owns the resource; empty means
	// the account in the resource ARN, or else the principal's.
	ResourceAccount string
	// Context holds the request's condition keys and their values; keys
	// are case-insensitive. Keys derived from the principal are added
	// unless given here.
	Context map[string][]string
}

// Decision is the outcome of a request.
type Decision uint8

// The three outcomes AWS's evaluation logic has.
const (
	ImplicitDeny Decision = iota
	ExplicitDeny
	Allowed
)

func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case ExplicitDeny:
		return "explicit_deny"
	}
	return "implicit_deny"
}

// Match is a statement that applied to the request.
type Match struct {
	Source
	Statement int
	Sid       string
	Path      string // "Statement[2]"
	Effect    policy.Effect
}

// Result is a decision and why.
type Result struct {
	Decision Decision
	// DecidedBy is the policy type that settled it: the one with the Deny,
	// the one lacking an Allow, or the one whose Allow granted access.
	DecidedBy Kind
	// Matched lists the statements that applied, in evaluation order.
	Matched []Match
	// MissingKeys are the context keys a condition or variable read but
	// the request lacked, sorted, as written in the policies.
	MissingKeys []string
	// Uncertain says why AWS's documentation does not settle the decision,
	// or is empty when it does. The decision is then the restrictive one.
	Uncertain string
}

// evalContext is one request's context keys, lowercased, over the keys
// derived from its principal; it records the keys found missing.
type evalContext struct {
	given           map[string][]string
	derived         map[string][]string
	resourceAccount string // aws:ResourceAccount, unless given
	missing         []string
}

func (c *evalContext) lookup(key string) ([]string, bool) {
	if v, ok := c.given[key]; ok {
		return v, true
	}
	if v, ok := c.derived[key]; ok {
		return v, true
	}
	if key == "aws:resourceaccount" && c.resourceAccount != "" {
		return []string{c.resourceAccount}, true
	}
	return nil, false
}

func (c *evalContext) noteMissing(display string) {
	for _, m := range c.missing {
		if strings.EqualFold(m, display) {
			return
		}
	}
	c.missing = append(c.missing, display)
}

// lowerKeys returns the context with its keys lowercased; a key given
// twice in different case keeps the values of both.
func lowerKeys(ctx map[string][]string) map[string][]string {
	if len(ctx) == 0 {
		return nil
	}
	out := make(map[string][]string, len(ctx))
	for k, v := range ctx {
		lk := strings.ToLower(k)
		out[lk] = append(out[lk], v...)
	}
	return out
}

// policyResult is what one policy says of a request.
type policyResult struct {
	allow, deny bool
	grant       grant // for a resource policy: how its Allow named the caller
}

// The cases AWS's documentation leaves open, each with what it does say.
const (
	// reference_policies_elements_principal.html describes what an Allow to
	// {"AWS": "*"} grants: root users, IAM users, role sessions and
	// federated users of any account; it says nothing of a Deny to it
	// against a service or web identity caller.
	uncertainAWSWildcardDeny = `a Deny to {"AWS": "*"} decides it: the Principal element page ` +
		`(reference_policies_elements_principal.html) says an Allow to {"AWS": "*"} names root users, IAM users, ` +
		`role sessions and federated users, and does not say whether a Deny to it applies to a service or web ` +
		`identity caller; the Deny is taken to apply, the restrictive reading`
	// access_policies_boundaries.html and access_policies.html#policies_session
	// say a grant to a role ARN is limited by the boundary and the session
	// policy and a grant to the session ARN is not; a grant to "*" is neither.
	uncertainWildcardGrant = `the resource policy grants the request to "*" and the %s lacks an Allow: AWS's ` +
		`documentation (access_policies_boundaries.html, access_policies.html#policies_session) says such a policy ` +
		`limits a grant to the role ARN but not one to the session ARN, and does not say which a grant to "*" is; ` +
		`the grant is taken to be limited, the restrictive reading`
)

// Evaluate decides a request.
func (s *Set) Evaluate(r *Request) Result {
	derived := r.Principal.derived
	if derived == nil {
		derived = r.Principal.derivedKeys()
	}
	return s.evaluate(r, lowerKeys(r.Context), derived)
}

func (s *Set) evaluate(r *Request, given, derived map[string][]string) Result {
	resAcct := resourceAccount(r)
	ctx := &evalContext{given: given, derived: derived, resourceAccount: resAcct}
	lowered := strings.ToLower(r.Action)
	svc, name, _ := strings.Cut(lowered, ":")
	e := evaluation{req: r, ctx: ctx, service: svc, name: name, hasBoundary: s.Boundary != nil, matched: make([]Match, 0, 4)}
	p := &r.Principal
	service := p.Type == Service || p.Type == WebIdentity

	// Explicit deny anywhere decides first (policy-eval-denyallow.html:
	// "Deny evaluation"). SCPs bind the principal's account and do not
	// apply to AWS service principals; RCPs bind the resource's account
	// whoever calls, services included: the KMS page on RCPs
	// (kms/latest/developerguide/resource-control-policies.html) restricts
	// service principals with aws:SourceAccount, and AWS's data-perimeter
	// RCPs exempt them explicitly with aws:PrincipalIsAWSService.
	var id, sess, bound, res policyResult
	idAllowed := false
	for _, pol := range s.Identity {
		pr := e.policy(pol)
		id.deny = id.deny || pr.deny
		idAllowed = idAllowed || pr.allow
	}
	id.allow = idAllowed
	if s.Boundary != nil {
		bound = e.policy(s.Boundary)
	}
	if s.Session != nil {
		sess = e.policy(s.Session)
	}
	if s.Resource != nil {
		res = e.policy(s.Resource)
	}
	scpOK, scpDeny := true, false
	if !service {
		scpOK, scpDeny = e.levels(s.SCPs)
	}
	// RCPFullAWSAccess is attached to every level and cannot be detached
	// (policy-eval-denyallow.html, "AWS Organizations RCPs"), so every RCP
	// level allows: RCPs can only deny.
	_, rcpDeny := e.levels(s.RCPs)
	out := Result{Matched: e.matched}
	finish := func(d Decision, k Kind) Result {
		out.Decision, out.DecidedBy = d, k
		sort.Strings(ctx.missing)
		out.MissingKeys = ctx.missing
		if d == ExplicitDeny && !e.settledDeny {
			out.Uncertain = uncertainAWSWildcardDeny
		}
		return out
	}
	switch {
	case scpDeny:
		return finish(ExplicitDeny, ServiceControlPolicy)
	case rcpDeny:
		return finish(ExplicitDeny, ResourceControlPolicy)
	case res.deny:
		return finish(ExplicitDeny, ResourcePolicy)
	case id.deny:
		return finish(ExplicitDeny, Identity)
	case bound.deny:
		return finish(ExplicitDeny, PermissionsBoundary)
	case sess.deny:
		return finish(ExplicitDeny, SessionPolicy)
	}
	// Then every level of SCPs must allow (the SCP step of
	// policy-eval-denyallow.html; orgs_manage_policies_scps_evaluation.html).
	if !scpOK {
		return finish(ImplicitDeny, ServiceControlPolicy)
	}
	if service {
		// A service or federated caller has no identity policies: only the
		// resource policy can grant it access.
		if res.allow {
			return finish(Allowed, ResourcePolicy)
		}
		return finish(ImplicitDeny, ResourcePolicy)
	}
	// The root user has every permission its account can grant; only a
	// Deny, an SCP or an RCP limits it (policy-eval-denyallow.html).
	identitySide := id.allow || p.Type == Root
	boundOK := s.Boundary == nil || bound.allow || p.Type == Root
	sessOK := s.Session == nil || sess.allow
	identityDecider := func() Kind {
		switch {
		case !identitySide:
			return Identity
		case !boundOK:
			return PermissionsBoundary
		}
		return SessionPolicy
	}
	if resAcct != "" && resAcct != p.Account && p.Type != Unspecified {
		// Across accounts the principal's policies and the resource's
		// policy must both allow (reference_policies_evaluation-logic-cross-account.html).
		switch {
		case !identitySide || !boundOK || !sessOK:
			return finish(ImplicitDeny, identityDecider())
		case !res.allow:
			return finish(ImplicitDeny, ResourcePolicy)
		}
		return finish(Allowed, ResourcePolicy)
	}
	// Role trust policies and KMS key policies must allow the request
	// themselves, even within the account (policy-eval-denyallow.html: "IAM
	// role trust policies and KMS key policies are exceptions"); a key
	// policy that names the account lets its identity policies decide.
	if !res.allow && NeedsResourcePolicy(r.Action, r.Resource) {
		return finish(ImplicitDeny, ResourcePolicy)
	}
	// Within one account identity and resource policies form a union
	// (policy-eval-basics.html), but how far a resource policy's Allow
	// reaches depends on whom it names (access_policies_boundaries.html,
	// access_policies.html#policies_session):
	//   - the caller itself (its IAM user ARN, its role session or federated
	//     user ARN): no implicit deny in an identity policy, boundary or
	//     session policy limits it;
	//   - the caller's role, or everyone: a boundary or session policy
	//     lacking an Allow still denies;
	//   - the caller's account: the account delegates to its identity
	//     policies, so the grant adds nothing.
	roleGrant := res.allow && (res.grant == grantRole || res.grant == grantWildcard)
	switch {
	case res.allow && res.grant == grantDirect:
		return finish(Allowed, ResourcePolicy)
	case roleGrant && boundOK && sessOK:
		return finish(Allowed, ResourcePolicy)
	case identitySide && boundOK && sessOK:
		return finish(Allowed, Identity)
	case roleGrant:
		limiter := PermissionsBoundary
		if boundOK {
			limiter = SessionPolicy
		}
		if res.grant == grantWildcard {
			out.Uncertain = fmt.Sprintf(uncertainWildcardGrant, limiter.words())
		}
		return finish(ImplicitDeny, limiter)
	}
	return finish(ImplicitDeny, identityDecider())
}

// resourceAccount is the request's resource account: given, or the ARN's
// account part when it is an account ID, or the principal's.
func resourceAccount(r *Request) string {
	if r.ResourceAccount != "" {
		return r.ResourceAccount
	}
	if parts, n := pattern.SplitARN(r.Resource); n == pattern.ARNParts && IsAccountID(parts[4]) {
		return parts[4]
	}
	return r.Principal.Account
}

type evaluation struct {
	req         *Request
	ctx         *evalContext
	service     string // the action's service prefix, lowercased
	name        string // the action's name without the prefix, lowercased
	hasBoundary bool
	matched     []Match
	cand        [64]int32
	// settledDeny is false when every Deny that applied did so only by a
	// reading AWS's documentation leaves open.
	settledDeny bool
}

// levels evaluates SCP or RCP levels: a Deny in any policy denies, and each
// level needs some policy there to allow. ok is false when a level lacks one.
func (e *evaluation) levels(levels [][]*Policy) (ok, deny bool) {
	ok = true
	for _, level := range levels {
		allowed := false
		for _, pol := range level {
			pr := e.policy(pol)
			deny = deny || pr.deny
			allowed = allowed || pr.allow
		}
		ok = ok && allowed
	}
	return ok, deny
}

// policy evaluates one policy's statements and records those that apply.
func (e *evaluation) policy(p *Policy) policyResult {
	var out policyResult
	cands := e.candidates(p, e.service)
	for _, i := range cands {
		st := &p.statements[i]
		g, applies := e.applies(st)
		if !applies {
			continue
		}
		eff := policy.Allow
		if st.deny {
			out.deny, eff = true, policy.Deny
			e.settledDeny = e.settledDeny || g != grantUncertain
		} else {
			out.allow = true
			if g > out.grant {
				out.grant = g
			}
		}
		e.matched = append(e.matched, Match{Source: p.Source, Statement: st.index, Sid: st.sid, Path: st.path, Effect: eff})
	}
	return out
}

// candidates lists, in document order, the statements that may name an
// action of the service.
func (e *evaluation) candidates(p *Policy, svc string) []int32 {
	a, b := p.actions.bySvc[svc], p.actions.always
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := e.cand[:0]
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || (len(a) > 0 && a[0] < b[0]):
			out, a = append(out, a[0]), a[1:]
		default:
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// applies reports whether a statement applies to the request: its action,
// resource, principal and conditions all match.
func (e *evaluation) applies(st *statement) (grant, bool) {
	if !st.names(e.req.Action, e.service, e.name) {
		return noGrant, false
	}
	if !e.resourceMatches(st) {
		return noGrant, false
	}
	g := grantDirect
	if st.hasPrincipal {
		g = e.principalMatches(st)
		if g == noGrant {
			return noGrant, false
		}
	}
	for i := range st.conditions {
		if !st.conditions[i].holds(e.ctx) {
			return noGrant, false
		}
	}
	return g, true
}

func (e *evaluation) resourceMatches(st *statement) bool {
	if st.allResources {
		return true
	}
	matched := false
	for i := range st.resources {
		g, ok := st.resources[i].resolve(e.ctx)
		if ok && pattern.MatchARN(g, e.req.Resource) {
			matched = true
			break
		}
	}
	return matched != st.notResource
}

// principalMatches says how the statement's Principal names the caller.
// A NotPrincipal applies to every caller it does not name; with Deny it
// applies to every principal with a permissions boundary, whatever it
// names (access_policies_boundaries.html).
func (e *evaluation) principalMatches(st *statement) grant {
	best := noGrant
	for i := range st.principals {
		if g := st.principals[i].match(&e.req.Principal); g > best {
			best = g
		}
	}
	if !st.notPrincipal {
		if best == noGrant && st.deny && st.namesAnyAWSPrincipal() && !e.req.Principal.inAccount() && e.req.Principal.Type != Unspecified {
			return grantUncertain
		}
		return best
	}
	if st.deny && e.hasBoundary {
		return grantRole
	}
	if best == noGrant {
		return grantRole
	}
	return noGrant
}

// NeedsResourcePolicy reports whether only the resource's own policy can
// open a request: an action on a KMS key, or assuming a role
// (policy-eval-denyallow.html: "IAM role trust policies and KMS key
// policies are exceptions").
func NeedsResourcePolicy(action, resource string) bool {
	parts, n := pattern.SplitARN(resource)
	if n != pattern.ARNParts {
		return false
	}
	svc, name, _ := strings.Cut(action, ":")
	switch {
	case parts[2] == "kms" && strings.HasPrefix(parts[5], "key/"):
		return true
	case parts[2] == "iam" && strings.HasPrefix(parts[5], "role/") && strings.EqualFold(svc, "sts"):
		return strings.HasPrefix(strings.ToLower(name), "assumerole")
	}
	return false
}
