package evaluate

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// The checks mirror IAM Access Analyzer's custom policy checks
// (https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_CheckNoNewAccess.html,
// API_CheckAccessNotGranted.html, API_CheckNoPublicAccess.html) with the
// same meaning: FAIL says access may be granted. They are sound by
// construction: each PASS is a proof over the policy's text, and whatever
// cannot be proved (a condition of unknown strength, a pattern too long to
// compare) fails.

// CheckResult is a check's verdict.
type CheckResult struct {
	Pass    bool
	Message string
	Reasons []Reason
}

// Reason points at a statement that made a check fail.
type Reason struct {
	Description    string
	StatementIndex int
	Sid            string
	Path           string
}

func (r *CheckResult) fail(st *statement, format string, args ...any) {
	r.Pass = false
	r.Reasons = append(r.Reasons, Reason{Description: fmt.Sprintf(format, args...), StatementIndex: st.index, Sid: st.sid, Path: st.path})
}

// CheckNoNewAccess passes when everything the new policy allows, the
// existing one allows too. Each pairing of an action pattern and a
// resource pattern of a new Allow statement must be contained in one
// Allow statement of the existing policy whose conditions are absent or
// provably weaker, and whose principals include the new statement's; and
// every Deny of the existing policy must be kept, or unable to touch what
// the new policy allows. The new policy's own Denies are not counted on:
// they can only take access away.
func CheckNoNewAccess(newPolicy, existing *Policy) CheckResult {
	res := CheckResult{Pass: true}
	var allows, denies []*statement
	for i := range existing.statements {
		if st := &existing.statements[i]; st.deny {
			denies = append(denies, st)
		} else {
			allows = append(allows, st)
		}
	}
	kept := map[string]bool{}
	for i := range newPolicy.statements {
		if st := &newPolicy.statements[i]; st.deny {
			kept[st.signature()] = true
		}
	}
	cov := newCoverage(allows)
	for i := range newPolicy.statements {
		st := &newPolicy.statements[i]
		if st.deny || len(st.actions) == 0 && !st.notAction {
			continue
		}
		what, exhausted := cov.uncovered(st)
		if exhausted {
			res.fail(st, "proving that the statement grants nothing new would take more than %d pattern comparisons, "+
				"past what a plan may spend; the check fails, as it must when it cannot prove no new access: compare "+
				"smaller documents, or the changed statements alone", maxCoverageWork)
			break
		}
		if what != "" {
			res.fail(st, "the statement allows %s, which no statement of the existing policy allows as broadly", what)
			continue
		}
		for _, d := range denies {
			if kept[d.signature()] {
				continue
			}
			if cov.work += len(d.actions) + len(d.resources); cov.work > maxCoverageWork {
				res.fail(st, "proving that the existing policy's Deny statements still apply would take more than %d "+
					"pattern comparisons, past what a plan may spend; the check fails, as it must when it cannot prove "+
					"no new access", maxCoverageWork)
				break
			}
			if mayOverlap(st, d) {
				res.fail(st, "the existing policy's Deny at %s is not kept, and this statement may allow what it denied", d.path)
				break
			}
		}
		if cov.work > maxCoverageWork {
			break
		}
	}
	if res.Pass {
		res.Message = "The new policy grants no access that the existing policy does not."
	} else {
		res.Message = "The new policy may grant access that the existing policy does not."
	}
	return res
}

// maxCoverageWork bounds the pattern comparisons one no_new_access check
// makes: comparing every statement of a 1,000-statement document with every
// statement of another is a billion of them, at a microsecond or two each. Within it, a document checked
// against itself or a near version passes through the exact-match index.
const maxCoverageWork = 250_000

// coverage finds, for the parts of a new Allow statement, an existing
// Allow that contains each, counting the comparisons it makes.
type coverage struct {
	allows []*statement
	// byAction files the Action patterns of the allows, lowercased, so the
	// statements that name a pattern verbatim are tried first.
	byAction map[string][]*statement
	work     int
}

func newCoverage(allows []*statement) *coverage {
	c := &coverage{allows: allows, byAction: map[string][]*statement{}}
	for _, t := range allows {
		if t.notAction {
			continue
		}
		for _, a := range t.actions {
			k := iam.ToLowerASCII(a)
			if l := c.byAction[k]; len(l) == 0 || l[len(l)-1] != t {
				c.byAction[k] = append(l, t)
			}
		}
	}
	return c
}

// uncovered returns the first part of an Allow statement that no single
// existing Allow contains, or "", and whether the work ran out first.
func (c *coverage) uncovered(st *statement) (string, bool) {
	actions := st.actions
	if st.notAction {
		actions = []string{""} // the whole NotAction element, taken as one
	}
	resources := st.resources
	if st.allResources || st.notResource {
		resources = []template{{}} // likewise
	}
	// A statement that names the pattern verbatim finds it without a glob
	// comparison, so it costs one unit; any other, one per pattern it has.
	covers := func(t *statement, a string, r *template, cost int) bool {
		c.work += cost
		return t.coversAction(st, a) && t.coversResource(st, r) && t.coversPrincipals(st) && t.weakerConditions(st)
	}
	for _, a := range actions {
		for ri := range resources {
			covered := false
			if !st.notAction {
				for _, t := range c.byAction[iam.ToLowerASCII(a)] {
					if covered = covers(t, a, &resources[ri], 1+len(t.resources)); covered {
						break
					}
				}
			}
			for _, t := range c.allows {
				if covered || c.work > maxCoverageWork {
					break
				}
				covered = covers(t, a, &resources[ri], len(t.actions)+len(t.resources))
			}
			if c.work > maxCoverageWork {
				return "", true
			}
			if !covered {
				return describePart(st, a, &resources[ri]), false
			}
		}
	}
	return "", false
}

func describePart(st *statement, a string, r *template) string {
	act := fmt.Sprintf("%q", a)
	if st.notAction {
		act = "every action but " + quotedList(st.actions)
	}
	res := fmt.Sprintf("%q", r.raw)
	switch {
	case st.allResources:
		res = "every resource"
	case st.notResource:
		res = "every resource but " + quotedTemplates(st.resources)
	}
	s := act + " on " + res
	if len(st.conditions) > 0 {
		s += " under its conditions"
	}
	return s
}

func quotedList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func quotedTemplates(ts []template) string {
	q := make([]string, len(ts))
	for i := range ts {
		q[i] = fmt.Sprintf("%q", ts[i].raw)
	}
	return strings.Join(q, ", ")
}

// coversAction reports whether t names every action the pattern a of s
// names (or, when s uses NotAction, every action s names).
func (t *statement) coversAction(s *statement, a string) bool {
	switch {
	case !t.notAction && s.notAction:
		return anyIs(t.actions, "*")
	case t.notAction && s.notAction:
		// Every action t leaves out, s leaves out too.
		for _, q := range t.actions {
			if !anyCovers(s.actions, q, pattern.FoldASCII) {
				return false
			}
		}
		return true
	case t.notAction:
		for _, q := range t.actions {
			if pattern.Intersects(q, a, pattern.FoldASCII) {
				return false
			}
		}
		return true
	}
	return anyCovers(t.actions, a, pattern.FoldASCII)
}

func anyIs(items []string, v string) bool {
	for _, s := range items {
		if s == v {
			return true
		}
	}
	return false
}

func anyCovers(patterns []string, p string, c pattern.Case) bool {
	for _, q := range patterns {
		if q == p || c == pattern.FoldASCII && iam.EqualFoldASCII(q, p) { // a pattern covers itself: no table needed
			return true
		}
	}
	for _, q := range patterns {
		if pattern.Covers(q, p, c) {
			return true
		}
	}
	return false
}

// coversResource reports whether t applies to every resource r (a
// resource pattern of s; the zero template when s applies to every
// resource or uses NotResource) can name. A pattern with variables is
// widened to what any value could make it, and covers only its own text.
func (t *statement) coversResource(s *statement, r *template) bool {
	if t.allResources {
		return true
	}
	switch {
	case s.allResources && !s.notResource:
		return false
	case s.notResource && t.notResource:
		for i := range t.resources {
			if !anyResourceCovers(s.resources, &t.resources[i]) {
				return false
			}
		}
		return true
	case s.notResource:
		return false
	case t.notResource:
		for i := range t.resources {
			if pattern.Intersects(t.resources[i].widened(), r.widened(), pattern.Sensitive) {
				return false
			}
		}
		return true
	}
	return anyResourceCovers(t.resources, r)
}

// UnknownResource stands, in a document given to a check, for a resource
// ARN not known yet. It matches no other text, so it meets only "*"; and
// since some value could be any pattern's, every resource pattern may
// cover it. A check that passes over it passes for some value, not for all.
const UnknownResource = "(known after apply)"

func anyResourceCovers(qs []template, p *template) bool {
	if p.raw == UnknownResource {
		return len(qs) > 0
	}
	for i := range qs {
		q := &qs[i]
		if q.hasVariables() {
			if q.raw == p.raw {
				return true
			}
			continue
		}
		if pattern.CoversARN(q.glob, p.widened()) {
			return true
		}
	}
	return false
}

// coversPrincipals reports whether t applies to every principal s does.
// Identity policies have none, and cover each other.
func (t *statement) coversPrincipals(s *statement) bool {
	if !t.hasPrincipal {
		return !s.hasPrincipal
	}
	if !s.hasPrincipal || t.notPrincipal {
		return t.isPublicPrincipal() && !t.notPrincipal
	}
	if s.notPrincipal {
		return t.hasWildcardPrincipal()
	}
	for _, e := range s.principals {
		if !t.principalCovers(e) {
			return false
		}
	}
	return true
}

func (t *statement) hasWildcardPrincipal() bool {
	for _, e := range t.principals {
		if e.kind == "*" {
			return true
		}
	}
	return false
}

// namesAnyAWSPrincipal reports whether the statement's Principal has
// {"AWS": "*"}.
func (t *statement) namesAnyAWSPrincipal() bool {
	for _, e := range t.principals {
		if e.kind == "AWS" && e.value == "*" {
			return true
		}
	}
	return false
}

func (t *statement) isPublicPrincipal() bool {
	return t.hasWildcardPrincipal() || t.namesAnyAWSPrincipal()
}

// principalCovers reports whether t's principals include every caller e
// names: "*" covers all, {"AWS": "*"} every AWS principal, an account every
// principal in it, and anything else only itself.
func (t *statement) principalCovers(e principalEntry) bool {
	for _, q := range t.principals {
		switch {
		case q.kind == "*":
			return true
		case q.kind != e.kind:
		case q.value == e.value:
			return true
		case q.kind == "AWS" && q.value == "*":
			return true
		case q.kind == "AWS" && principalAccount(q.value) != "" && principalAccount(q.value) == principalAccount(e.value) && isAccountPrincipal(q.value):
			return true
		}
	}
	return false
}

// principalAccount is the account an AWS principal value names or belongs to.
func principalAccount(v string) string {
	if IsAccountID(v) {
		return v
	}
	if parts, n := pattern.SplitARN(v); n == pattern.ARNParts && IsAccountID(parts[4]) {
		return parts[4]
	}
	return ""
}

func isAccountPrincipal(v string) bool {
	return IsAccountID(v) || strings.HasSuffix(v, ":root") && principalAccount(v) != ""
}

// weakerConditions reports whether every request s's conditions let
// through, t's do too: each of t's conditions must be implied by one of
// s's on the same key, with the same operator and a relation of values
// that makes it no stricter.
func (t *statement) weakerConditions(s *statement) bool {
	for i := range t.conditions {
		implied := false
		for j := range s.conditions {
			if t.conditions[i].impliedBy(&s.conditions[j]) {
				implied = true
				break
			}
		}
		if !implied {
			return false
		}
	}
	return true
}

// impliedBy reports whether c holds whenever o does. Values compare as
// written: equal text reads equally.
func (c *condition) impliedBy(o *condition) bool {
	if c.key != o.key || c.operatorSpec != o.operatorSpec || c.set != o.set {
		return false
	}
	if o.ifExists && !c.ifExists {
		return false // o lets a missing key through, c does not
	}
	cv, ov := valueTexts(c), valueTexts(o)
	switch {
	case c.family == famNull || c.family == famBool:
		return sameSet(cv, ov)
	case c.negated:
		// Fewer exclusions are weaker: every value c excludes, o excludes.
		return subset(cv, ov)
	case c.family == famString || c.family == famARN || c.family == famIP || c.family == famBinary || c.cmp == cmpEquals:
		// More accepted values are weaker: every value o accepts, c accepts.
		return subset(ov, cv)
	}
	// An ordering (NumericLessThan, DateGreaterThan...): the same bound.
	return sameSet(cv, ov)
}

func valueTexts(c *condition) map[string]bool {
	m := make(map[string]bool, len(c.values))
	for _, v := range c.values {
		m[v.text] = true
	}
	return m
}

func subset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func sameSet(a, b map[string]bool) bool { return len(a) == len(b) && subset(a, b) }

// mayOverlap reports whether an Allow and a Deny could both apply to one
// request: their actions and resources may meet. Conditions and principals
// are not looked at, which errs on the side of overlap.
func mayOverlap(a, d *statement) bool {
	if !a.notAction && !d.notAction {
		meet := false
		for _, p := range a.actions {
			for _, q := range d.actions {
				if pattern.Intersects(p, q, pattern.FoldASCII) {
					meet = true
				}
			}
		}
		if !meet {
			return false
		}
	}
	if a.allResources || d.allResources || a.notResource || d.notResource {
		return true
	}
	for i := range a.resources {
		for j := range d.resources {
			if pattern.Intersects(a.resources[i].widened(), d.resources[j].widened(), pattern.Sensitive) {
				return true
			}
		}
	}
	return false
}

// signature is a statement's meaning as text, without its Sid and
// position: two statements with the same signature apply to the same
// requests.
func (st *statement) signature() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v|%v|%v|%v|%v|", st.deny, st.notAction, st.notResource, st.notPrincipal, st.allResources)
	lower := make([]string, len(st.actions))
	for i, a := range st.actions {
		lower[i] = strings.ToLower(a)
	}
	sort.Strings(lower)
	b.WriteString(strings.Join(lower, ","))
	var rs []string
	for i := range st.resources {
		rs = append(rs, st.resources[i].raw)
	}
	sort.Strings(rs)
	b.WriteString("|" + strings.Join(rs, ",") + "|")
	var ps []string
	for _, p := range st.principals {
		ps = append(ps, p.kind+"="+p.value)
	}
	sort.Strings(ps)
	b.WriteString(strings.Join(ps, ",") + "|")
	var cs []string
	for i := range st.conditions {
		c := &st.conditions[i]
		var vs []string
		for _, v := range c.values {
			vs = append(vs, v.text)
		}
		sort.Strings(vs)
		cs = append(cs, c.operator+"/"+c.key+"="+strings.Join(vs, "\x01"))
	}
	sort.Strings(cs)
	b.WriteString(strings.Join(cs, ";"))
	return b.String()
}

func sortStrings(s []string) { sort.Strings(s) }
