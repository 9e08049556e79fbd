package boundary

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
	"github.com/iamv2/terraform-provider-iamv2/internal/viewonly"
)

// Request is the data source's arguments. A zero field takes its default,
// the way Terraform hands over an unset attribute.
type Request struct {
	// Services, AccessLevels, Exclude and Include choose the target set as
	// in readonly.Options; no Services means every service.
	Services, AccessLevels, Exclude, Include []string
	// Statements is a JSON array of statements (or one statement object)
	// written verbatim after the generated ones; "" for none.
	Statements string
	// MaxPolicyChars bounds the document; 0 means 6,144.
	MaxPolicyChars int
	// Wildcards is the mode of the Allow patterns; "" means word.
	Wildcards readonly.Wildcards
	// CrossService lets Allow patterns name every service.
	CrossService bool
	// Required are service prefixes or action patterns whose target
	// actions must all be granted.
	Required []string
	// Guard, when set, adds the delegation guard statements.
	Guard *Guard
	// ReadScope is read_scope: "metadata" leaves the data and credential
	// reads of the viewonly package out of the target set and denies them
	// (dataReadDeny); "" means "all".
	ReadScope string
}

// Guard is the delegation_guard block: AWS's statements that let a team
// create roles and users only under this boundary.
type Guard struct {
	// BoundaryPolicyARN is the ARN this boundary's policy will have.
	BoundaryPolicyARN string
	// Path, when set, limits the roles and users the team may create to
	// an IAM path such as "/team/".
	Path string
}

// Result is what the data source reports.
type Result struct {
	PolicyJSON string
	CharCount  int
	// GrantedActions is what the document allows, by expanding it.
	GrantedActions []string
	// UngrantedActions are the target actions it leaves out, sorted.
	UngrantedActions []string
	// TargetCount is the size of the target set; Coverage the share of it
	// granted, rounded to four decimals.
	TargetCount int
	Coverage    float64
	// AllowPatterns and DenyPatterns are the generated statements'.
	AllowPatterns, DenyPatterns []string
	// FutureExposure are the Allow patterns with a wildcard, which also
	// grant actions AWS adds later under them, with their evidence.
	FutureExposure []Exposure
}

// Exposure is an Allow pattern with a wildcard and what it matches today:
// the evidence that what AWS adds under it will be a target action too.
type Exposure struct {
	Pattern string
	// Actions and Services count what the pattern matches in the catalog.
	Actions, Services int
	// NonTarget counts the matched actions outside the target set, which
	// the Deny statement names or the caller's statements settle;
	// NonTargetShare is NonTarget ÷ Actions, rounded to four decimals.
	NonTarget      int
	NonTargetShare float64
}

// Build writes the boundary for req over cat, with exp, u and v built once
// for cat. Problems with the input come back as diagnostics (Attribute
// "statements", "required", "delegation_guard.path", ...), and an error
// diagnostic means a nil Result. The error return is for a failing
// catalog, a cancelled context, or a document that fails its own check.
func Build(ctx context.Context, cat iam.Catalog, exp *policy.Expander, u *Universe, v *validation.Validator, req Request) (*Result, []readonly.Diagnostic, error) {
	b := &builder{v: v, data: cat.Source() + " " + cat.DataVersion()}
	services := req.Services
	if len(services) == 0 {
		services = []string{"*"}
	}
	target, diags, err := readonly.SelectTarget(ctx, cat, readonly.Options{
		Services: services, AccessLevels: req.AccessLevels, Exclude: req.Exclude, Include: req.Include, ReadScope: req.ReadScope,
	})
	b.diags = diags
	if err != nil {
		return nil, b.diags, err
	}
	mode, err := readonly.ParseWildcards(string(req.Wildcards))
	if err != nil {
		b.errorf("wildcards", -1, "Invalid wildcards mode", "%s", err)
	}
	limit := req.MaxPolicyChars
	switch {
	case limit == 0:
		limit = readonly.DefaultMaxPolicyChars
	case limit < 0:
		b.errorf("max_policy_chars", -1, "Invalid max_policy_chars",
			"max_policy_chars = %d: it must be positive, or unset for %d", limit, readonly.DefaultMaxPolicyChars)
	}
	statements := b.statements(req.Statements)
	b.users = len(statements)
	if req.Guard != nil {
		guard := b.guard(*req.Guard)
		b.uniqueSids(statements, guard)
		statements = append(statements, guard...)
	}
	if target == nil || readonly.HasError(b.diags) {
		return nil, b.diags, nil
	}
	if scope, _ := viewonly.ParseScope(req.ReadScope); scope == viewonly.Metadata {
		if statements, err = b.withDataReadDeny(exp, statements, limit); err != nil || readonly.HasError(b.diags) {
			return nil, b.diags, err
		}
	}
	p := Problem{Universe: u, Statements: statements, MaxChars: limit, Mode: mode, CrossService: req.CrossService}
	if mode == readonly.WildcardsWord {
		if p.Families, err = readonly.FamiliesOf(ctx, cat, target.Levels); err != nil {
			return nil, b.diags, err
		}
	}
	settled, targets, err := b.classify(exp, &p, target)
	if err != nil || readonly.HasError(b.diags) {
		return nil, b.diags, err
	}
	b.required(&p, req.Required)
	if readonly.HasError(b.diags) {
		return nil, b.diags, nil
	}
	if mode == readonly.WildcardsWord {
		p.DenyWords = b.denyWords(&p, p.Families.DenyWords())
	}
	sol, err := Solve(ctx, p)
	var be *BudgetError
	if errors.As(err, &be) {
		attr := map[BudgetKind]string{BudgetStatements: "statements", BudgetFull: "include", BudgetRequired: "required"}[be.Kind]
		if attr == "" {
			attr = "max_policy_chars"
		}
		b.errorf(attr, -1, "Does not fit max_policy_chars", "%s: set max_policy_chars to at least %d, or ask for less", be, be.Need)
		return nil, b.diags, nil
	}
	if err != nil {
		return nil, b.diags, err
	}
	res, err := verify(exp, b.v, p, sol, settled, targets)
	if res != nil && len(res.UngrantedActions) == res.TargetCount {
		b.grantsNothing(res.TargetCount)
	}
	return res, b.diags, err
}

type builder struct {
	v     *validation.Validator
	data  string // the catalog's source and version, for messages
	diags []readonly.Diagnostic
	// users is how many of the statements are the caller's; the
	// delegation guard's follow them.
	users int
	// allowed are the actions the statements allow, under a scope or
	// not, less those they deny outright (classify).
	allowed map[string]bool
}

// statementName names the k-th statement as the configuration does.
func (b *builder) statementName(k int) string {
	if k < b.users {
		return fmt.Sprintf("statements[%d]", k)
	}
	return "delegation_guard"
}

func (b *builder) errorf(attr string, index int, summary, format string, args ...any) {
	b.diags = append(b.diags, readonly.Diagnostic{Severity: readonly.SeverityError, Attribute: attr, Index: index, Summary: summary, Detail: fmt.Sprintf(format, args...)})
}

func (b *builder) warnf(attr string, summary, detail string) {
	b.diags = append(b.diags, readonly.Diagnostic{Severity: readonly.SeverityWarning, Attribute: attr, Index: -1, Summary: summary, Detail: detail})
}

// statements reads the statements attribute: a JSON array of statement
// objects, or one object, each checked by the policy parser as a statement
// of a document. It returns each as compact JSON.
func (b *builder) statements(src string) []string {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		var se *json.SyntaxError
		at := ""
		if errors.As(err, &se) {
			at = fmt.Sprintf(" at character %d", se.Offset)
		}
		b.errorf("statements", -1, "statements is not JSON", "%s%s; write it with jsonencode([{ Effect = ..., Action = ..., Resource = ... }])", err, at)
		return nil
	}
	var raws []json.RawMessage
	switch v.(type) {
	case []any:
		_ = json.Unmarshal([]byte(src), &raws) // valid JSON, checked above
	case map[string]any:
		raws = []json.RawMessage{json.RawMessage(src)}
	default:
		b.errorf("statements", -1, "statements is not a list of statements",
			"statements must be a JSON array of statement objects (or one object), got %s", jsonKind(v))
		return nil
	}
	doc := `{"Version":"2012-10-17","Statement":` + src + `}`
	_, diags := policy.Parse(doc)
	for _, d := range diags {
		detail := statementsPath(d.Path) + ": " + d.Detail
		switch {
		case d.Severity == policy.SeverityError:
			b.errorf("statements", -1, d.Summary, "%s", detail)
		case d.Summary != "Missing Resource" && !strings.HasSuffix(d.Summary, " in an identity policy"):
			b.warnf("statements", d.Summary, detail) // the validator judges those two, as errors
		}
	}
	if diags.HasError() || !b.accepted(doc) {
		return nil
	}
	out := make([]string, len(raws))
	for i, raw := range raws {
		var c bytes.Buffer
		_ = json.Compact(&c, raw) // valid JSON, checked above
		out[i] = c.String()
	}
	return out
}

// accepted runs the validator's ERROR checks for a permissions boundary
// on the statements, as IAM will judge them in the document, and reports
// each finding naming its statement and JSON path.
func (b *builder) accepted(doc string) bool {
	rep, err := b.v.Validate(doc, validation.Options{PolicyType: validation.Boundary, ErrorsOnly: true})
	if err != nil { // the options are constants
		b.errorf("statements", -1, "Statements not validated", "%s", err)
		return false
	}
	for _, f := range rep.Findings {
		msg := strings.ReplaceAll(f.Message, "Statement[", "statements[") // "the Sid of Statement[0]"
		switch f.Code {
		case validation.UnknownService, validation.UnknownAction, validation.NoMatchingAction:
			msg += fmt.Sprintf(". If AWS added it after this catalog's data (%s), a live catalog_source knows it", b.data)
		}
		b.errorf("statements", -1, "IAM refuses this statement", "%s: %s (%s)", statementsPath(f.Path), msg, f.Code)
	}
	if rep.Omitted > 0 {
		b.errorf("statements", -1, "IAM refuses these statements", "%d more problems like those above", rep.Omitted)
	}
	return rep.Valid
}

// statementsPath writes a path in the statements' own document
// ("Statement[1].Sid") as the attribute's ("statements[1].Sid").
func statementsPath(path string) string { return "statements" + strings.TrimPrefix(path, "Statement") }

// uniqueSids refuses a statement whose Sid is also a guard statement's:
// Sids name statements, so one document must not use one twice.
func (b *builder) uniqueSids(statements, guard []string) {
	sid := func(st string) string {
		var v struct{ Sid string }
		_ = json.Unmarshal([]byte(st), &v) // a statement object, checked already
		return v.Sid
	}
	taken := map[string]bool{}
	for _, g := range guard {
		taken[sid(g)] = true
	}
	for i, st := range statements {
		if s := sid(st); s != "" && taken[s] {
			b.errorf("statements", -1, "Sid used twice",
				"statements[%d] has the Sid %q, which a delegation_guard statement has too: choose another", i, s)
		}
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", v)
}

// policyARN is an IAM policy ARN: partition, account (12 digits, or "aws"
// for AWS managed policies) and the policy's path and name.
var policyARN = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::([0-9]{12}):policy/[\x21-\x7e]+$`)

// guard writes the delegation guard statements of AWS's example
// "Delegating responsibility to others using permissions boundaries"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html):
// create roles and users, or set their boundary, only with this boundary;
// never delete a boundary; never change the boundary policy itself.
func (b *builder) guard(g Guard) []string {
	m := policyARN.FindStringSubmatch(g.BoundaryPolicyARN)
	if m == nil {
		b.errorf("delegation_guard.boundary_policy_arn", -1, "Invalid boundary_policy_arn",
			"%q is not the ARN of a customer managed policy, such as \"arn:aws:iam::123456789012:policy/TeamBoundary\"", g.BoundaryPolicyARN)
		return nil
	}
	resource := any("*")
	if g.Path != "" {
		if !strings.HasPrefix(g.Path, "/") || !strings.HasSuffix(g.Path, "/") || strings.ContainsAny(g.Path, "*?") || len(g.Path) > 512 {
			b.errorf("delegation_guard.path", -1, "Invalid path",
				"path %q is no IAM path: it must begin and end with \"/\", such as \"/team/\", without wildcards", g.Path)
			return nil
		}
		prefix := "arn:" + m[1] + ":iam::" + m[2] + ":"
		resource = []string{prefix + "role" + g.Path + "*", prefix + "user" + g.Path + "*"}
	}
	stmts := [][]field{
		{
			{"Sid", "CreateOrChangeOnlyWithBoundary"},
			{"Effect", "Allow"},
			{"Action", []string{"iam:CreateRole", "iam:CreateUser", "iam:PutRolePermissionsBoundary", "iam:PutUserPermissionsBoundary"}},
			{"Resource", resource},
			{"Condition", map[string]any{"StringEquals": map[string]string{"iam:PermissionsBoundary": g.BoundaryPolicyARN}}},
		},
		{
			{"Sid", "NoBoundaryDelete"},
			{"Effect", "Deny"},
			{"Action", []string{"iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"}},
			{"Resource", "*"},
		},
		{
			{"Sid", "NoBoundaryPolicyEdit"},
			{"Effect", "Deny"},
			{"Action", []string{"iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"}},
			{"Resource", g.BoundaryPolicyARN},
		},
	}
	out := make([]string, len(stmts))
	for i, st := range stmts {
		out[i] = encodeStatement(st)
	}
	return out
}

// field is one element of a statement; a list of them keeps AWS's key
// order, which encoding/json's sorted map keys would lose.
type field struct {
	key   string
	value any
}

func encodeStatement(fields []field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		enc, _ := json.Marshal(f.value) // strings, lists and maps of them
		parts[i] = `"` + f.key + `":` + string(enc)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// classify sets every action's class: the target's, or what the caller's
// statements do with it. An action they deny outright (unconditionally, on
// every resource) is Neutral whatever it is: no generated pattern can
// grant it, and none needs an exception for it. An action they allow only
// under a condition or on some resources is Forbidden whatever it is,
// target actions included: a generated pattern granting it on "*" would
// undo the scope, and a Deny exception would take away what they allow.
// It returns the actions the statements settle, allowing or denying them
// outright, and the target set's names, Forbidden ones included: the
// statements grant those within their scope.
func (b *builder) classify(exp *policy.Expander, p *Problem, target *readonly.Target) (settled map[string]bool, targets []string, err error) {
	outright, denied := map[string]bool{}, map[string]bool{}
	partial := map[string]int{} // the first statement that allows the action only in a scope
	if len(p.Statements) > 0 {
		res, diags := exp.ExpandJSON(Document(nil, nil, p.Statements), policy.Options{UnknownActions: policy.UnknownWarn, StatementActions: true})
		if res == nil {
			return nil, nil, fmt.Errorf("the statements do not expand: %v", diags)
		}
		for _, d := range diags {
			detail := statementsPath(d.Path) + ": " + d.Detail
			switch {
			case d.Severity == policy.SeverityError:
				b.errorf("statements", -1, d.Summary, "%s", detail)
			case d.Summary == "Wildcard in service prefix":
				b.warnf("statements", d.Summary, detail) // the parser's warnings were reported already, unknown actions refused
			}
		}
		for k, st := range res.Statements {
			everywhere := !st.ResourceScoped && !st.Conditional
			for _, name := range st.Actions.Names() {
				_, seen := partial[name]
				switch {
				case st.Effect == policy.Deny && everywhere:
					denied[name] = true
				case st.Effect == policy.Allow && everywhere:
					outright[name] = true
				case st.Effect == policy.Allow && !seen:
					partial[name] = k
				}
			}
		}
	}
	b.allowed = map[string]bool{}
	for name := range outright {
		b.allowed[name] = !denied[name]
	}
	for name := range partial {
		b.allowed[name] = !denied[name]
	}
	byPrefix := map[string]readonly.TargetService{}
	for _, ts := range target.Services {
		byPrefix[ts.Service.Prefix] = ts
	}
	u := p.Universe
	p.Classes = make([][]Class, len(u.services))
	for i, svc := range u.services {
		classes := make([]Class, len(svc.Actions))
		ts, chosen := byPrefix[svc.Prefix]
		for j := range svc.Actions {
			switch {
			case chosen && ts.Want[j] && ts.Full[j]:
				classes[j] = Full
			case chosen && ts.Want[j]:
				classes[j] = Target
			}
		}
		p.Classes[i] = classes
	}
	for i, classes := range p.Classes {
		for j, c := range classes {
			if c == Target || c == Full {
				targets = append(targets, u.names[u.lo[i]+int32(j)])
			}
		}
	}
	var scopedIncludes []string
	for name, k := range partial {
		r, ok := u.rank[name]
		if !ok || outright[name] { // outright wins over partial: some statement allows it everywhere
			continue
		}
		c := &p.Classes[u.svc[r]][r-u.lo[u.svc[r]]]
		if *c == Full {
			scopedIncludes = append(scopedIncludes, name+" ("+b.statementName(k)+")")
		}
		*c = Forbidden
	}
	if len(scopedIncludes) > 0 {
		sort.Strings(scopedIncludes)
		b.warnf("include", "Include kept to the statements' scope", fmt.Sprintf(
			"include adds %s, which the statements allow only under a condition or on some resources: "+
				"the boundary grants them only there, as the statements say", readonly.ListSome(scopedIncludes)))
	}
	for name := range outright {
		if r, ok := u.rank[name]; ok {
			if c := &p.Classes[u.svc[r]][r-u.lo[u.svc[r]]]; *c == Other {
				*c = Neutral
			}
		}
	}
	for name := range denied {
		if r, ok := u.rank[name]; ok {
			p.Classes[u.svc[r]][r-u.lo[u.svc[r]]] = Neutral
		}
		outright[name] = true
	}
	return outright, targets, nil
}

// required marks the target actions each required entry names: a service
// prefix (or a pattern on prefixes) names all of a service's, an action
// pattern those it matches.
func (b *builder) required(p *Problem, entries []string) {
	if len(entries) == 0 {
		return
	}
	p.Required = make([][]bool, len(p.Universe.services))
	for k, e := range entries {
		var pat iam.Pattern
		if strings.Contains(e, ":") {
			var err error
			if pat, err = iam.ParsePattern(e); err != nil {
				b.errorf("required", k, "Invalid action pattern", "%s", err)
				continue
			}
		} else if e == "" {
			b.errorf("required", k, "Empty required entry", `a required entry is empty: write a service prefix such as "s3", or an action pattern such as "s3:Get*"`)
			continue
		} else {
			pat = iam.Pattern{Service: e, Action: "*"}
		}
		n := 0
		var scoped []string
		for i, svc := range p.Universe.services {
			if !iam.Match(pat.Service, svc.Prefix) {
				continue
			}
			for j := range svc.Actions {
				if !iam.Match(pat.Action, svc.Actions[j].Name) {
					continue
				}
				switch p.Classes[i][j] {
				case Target, Full:
					if p.Required[i] == nil {
						p.Required[i] = make([]bool, len(svc.Actions))
					}
					p.Required[i][j] = true
					n++
				case Forbidden:
					scoped = append(scoped, svc.FullName(&svc.Actions[j]))
				}
			}
		}
		switch {
		case n == 0 && len(scoped) > 0:
			b.errorf("required", k, "Required matches only scoped actions",
				"%q matches only %s, which the statements allow only under a condition or on some resources: "+
					"requiring them everywhere would undo that scope", e, readonly.ListSome(scoped))
		case n == 0:
			b.errorf("required", k, "Required matches no target action",
				"%q matches none of the actions services, access_levels, include and exclude choose, so there is nothing it could require", e)
		}
	}
}

// grantsNothing warns that the document grants no target action: the
// statements deny them all outright, so the boundary, whatever else it
// says, lets nothing of the target set through.
func (b *builder) grantsNothing(targets int) {
	b.warnf("statements", "Boundary grants no target action", fmt.Sprintf(
		"the statements deny all %d target actions outright, so the boundary grants none of them (coverage 0): "+
			"narrow the Deny, or choose other services or access_levels", targets))
}

// RefusalError is a document that fails its own check: the optimizer's
// bug, never the caller's, so it is never returned as a result.
type RefusalError struct{ Reason string }

func (e *RefusalError) Error() string { return "refusing the document: " + e.Reason }

func refuse(format string, args ...any) error {
	return &RefusalError{Reason: fmt.Sprintf(format, args...)}
}

// verify expands the document with the policy package, independently of
// the optimizer: it refuses a document whose generated part allows an
// action outside the target set, other than those the caller's statements
// settle (allow or deny outright), or whose Deny list names an action it
// must not, or that the validator's ERROR checks for a permissions
// boundary find a problem in; and it reports what the whole document
// grants of targets.
func verify(exp *policy.Expander, v *validation.Validator, p Problem, sol *Solution, settled map[string]bool, targets []string) (*Result, error) {
	u := p.Universe
	classOf := func(name string) Class {
		r, ok := u.rank[name]
		if !ok {
			return Other
		}
		return p.Classes[u.svc[r]][r-u.lo[u.svc[r]]]
	}
	generated, diags := exp.ExpandJSON(Document(sol.Allow, sol.Deny, nil), policy.Options{UnknownActions: policy.UnknownError})
	if generated == nil || diags.HasError() {
		return nil, refuse("its generated part does not expand: %v", diags)
	}
	for _, name := range generated.Net.Allowed.Names() {
		if c := classOf(name); c != Target && c != Full && !settled[name] {
			return nil, refuse("its generated part allows %s, which is outside the target set", name)
		}
	}
	for _, pattern := range sol.Deny {
		set, err := exp.ExpandPattern(pattern)
		if err != nil {
			return nil, refuse("Deny pattern %s: %v", pattern, err)
		}
		for _, name := range set.Names() {
			// A deny word may block target actions too; any other Deny
			// pattern only Other ones.
			if c := classOf(name); c != Other && (!slices.Contains(p.DenyWords, pattern) || c != Target && c != Neutral) {
				return nil, refuse("its Deny pattern %s removes %s, which it must not deny", pattern, name)
			}
		}
	}
	whole, diags := exp.ExpandJSON(sol.PolicyJSON, policy.Options{UnknownActions: policy.UnknownIgnore})
	if whole == nil {
		return nil, refuse("it does not expand: %v", diags)
	}
	if err := v.Refuses(sol.PolicyJSON, validation.Options{PolicyType: validation.Boundary, SizeLimit: p.MaxChars}); err != nil {
		return nil, refuse("%v", err)
	}
	granted := whole.Net.Allowed.Names()
	res := &Result{
		PolicyJSON: sol.PolicyJSON, CharCount: sol.Chars, GrantedActions: granted, TargetCount: len(targets),
		AllowPatterns: sol.Allow, DenyPatterns: sol.Deny, UngrantedActions: []string{}, FutureExposure: []Exposure{},
	}
	n := 0
	for _, name := range targets {
		if whole.Net.Allowed.Contains(name) {
			n++
		} else {
			res.UngrantedActions = append(res.UngrantedActions, name)
		}
	}
	sort.Strings(res.UngrantedActions)
	res.Coverage = math.Round(10000*float64(n)/float64(len(targets))) / 10000
	for _, a := range sol.Allow {
		if !iam.HasWildcard(a) {
			continue
		}
		set, err := exp.ExpandPattern(a)
		if err != nil {
			return nil, refuse("Allow pattern %s: %v", a, err)
		}
		e := Exposure{Pattern: a, Actions: set.Len()}
		services := map[string]bool{}
		for act := range set.All() {
			services[act.Service()] = true
			if c := classOf(act.Name); c != Target && c != Full {
				e.NonTarget++
			}
		}
		e.Services = len(services)
		if e.Actions > 0 {
			e.NonTargetShare = math.Round(10000*float64(e.NonTarget)/float64(e.Actions)) / 10000
		}
		res.FutureExposure = append(res.FutureExposure, e)
	}
	return res, nil
}
