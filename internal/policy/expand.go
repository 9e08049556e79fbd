package policy

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Expander expands policies against one catalog. Build it once per catalog
// and share it: it is safe for concurrent use, and it caches the expansion
// of every pattern it has seen.
type Expander struct {
	u          *universe
	cache      patternCache
	scratch    sync.Pool       // *scratch, so a document costs no bitset allocations
	compactors []lazyCompactor // by index in u.services
}

// scratch holds the sets one expansion works with.
type scratch struct {
	stmt, allow, denyAll, denyCond bitset
}

// NewExpander reads every service of the catalog.
func NewExpander(ctx context.Context, cat iam.Catalog) (*Expander, error) {
	return NewScopedExpander(ctx, cat, Scope{All: true})
}

// NewScopedExpander reads the catalog's list of services and the services
// of the scope. It expands what the scope's Need was made from exactly as
// NewExpander would; other patterns find only the scope's services.
func NewScopedExpander(ctx context.Context, cat iam.Catalog, scope Scope) (*Expander, error) {
	u, err := newUniverse(ctx, cat, scope)
	if err != nil {
		return nil, fmt.Errorf("policy expansion: %w", err)
	}
	e := &Expander{u: u, cache: patternCache{m: map[string]*expansion{}}, compactors: make([]lazyCompactor, len(u.services))}
	e.scratch.New = func() any {
		n := len(u.actions)
		return &scratch{stmt: newBitset(n), allow: newBitset(n), denyAll: newBitset(n), denyCond: newBitset(n)}
	}
	return e, nil
}

// ExpandJSON parses a policy document and expands it. The Result is nil
// when the document does not parse.
func (e *Expander) ExpandJSON(src string, opts Options) (*Result, Diagnostics) {
	doc, diags := Parse(src)
	if doc == nil {
		return nil, diags
	}
	res, more := e.Expand(doc, opts)
	return res, append(diags, more...).capped()
}

// ExpandPattern returns the actions one pattern names, such as "s3:Get*",
// "*:Describe*" or "*", sorted by name. The error says why a pattern is
// malformed or names no known action.
func (e *Expander) ExpandPattern(pattern string) (ActionSet, error) {
	x := e.expansion(pattern)
	if x.problem != "" {
		return ActionSet{u: e.u}, &PatternError{pattern: pattern, x: x}
	}
	if x.all {
		ranks := make([]int32, len(e.u.actions))
		for r := range ranks {
			ranks[r] = int32(r)
		}
		return ActionSet{u: e.u, ranks: ranks}, nil
	}
	return ActionSet{u: e.u, ranks: x.ranks}, nil // shared with the cache, never modified
}

// PatternError says why a pattern names no action. Its text, with
// suggestions of close names, is worked out when asked for.
type PatternError struct {
	pattern string
	x       *expansion
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("action %s: %s", quoteShort(e.pattern), e.x.text())
}

// Expand works out what a parsed document grants. It returns a Result even
// when the diagnostics hold errors (unknown actions in UnknownError mode),
// so the caller can show what was found.
func (e *Expander) Expand(doc *Document, opts Options) (*Result, Diagnostics) {
	var diags Diagnostics
	mode, err := opts.unknownMode()
	if err != nil {
		diags.errorf("", "Invalid option", err.Error())
		return nil, diags
	}
	if doc == nil {
		diags.errorf("", "No policy document", "there is no document to expand; Parse returns none when it reports errors")
		return nil, diags
	}
	s, ok := e.scratch.Get().(*scratch)
	if !ok {
		s = new(scratch)
	}
	defer e.scratch.Put(s)
	s.allow.clear()
	s.denyAll.clear()
	s.denyCond.clear()

	res := &Result{Statements: make([]StatementResult, len(doc.Statements))}
	var unknown []string
	for i := range doc.Statements {
		st := &doc.Statements[i]
		sr := e.statement(st, s.stmt, mode, opts, &diags)
		res.Statements[i] = sr
		unknown = append(unknown, sr.Unknown...)
		switch {
		case st.Effect == Allow:
			s.allow.or(s.stmt)
		case st.Effect == Deny && !sr.ResourceScoped && !sr.Conditional:
			s.denyAll.or(s.stmt)
		case st.Effect == Deny:
			s.denyCond.or(s.stmt)
		}
	}
	s.allow.andNot(s.denyAll)
	e.net(res, s, unknown)
	if mode == UnknownIgnore {
		warnEmptyStatements(res.Statements, &diags)
	}
	return res, diags.capped()
}

// warnEmptyStatements says, in one warning for the document, which
// statements unknown actions leave with no action: "ignore" silences the
// patterns, not the fact that a statement does nothing.
func warnEmptyStatements(statements []StatementResult, diags *Diagnostics) {
	var paths []string
	for _, sr := range statements {
		if !sr.NotAction && len(sr.Patterns) > 0 && len(sr.Unknown) == len(sr.Patterns) {
			paths = append(paths, sr.Path+".Action")
		}
	}
	switch {
	case len(paths) == 1:
		diags.warnf(paths[0], "Action names only unknown actions",
			"no pattern in Action names a known action, so the statement applies to no action")
	case len(paths) > 1:
		const shown = 5
		list := strings.Join(paths[:min(shown, len(paths))], ", ")
		if len(paths) > shown {
			list += fmt.Sprintf(" and %d more", len(paths)-shown)
		}
		diags.warnf(paths[0], "Actions name only unknown actions", fmt.Sprintf(
			"in %d statements no pattern in Action names a known action, so they apply to no action: %s", len(paths), list))
	}
}

// statement expands one statement into stmt and describes it.
func (e *Expander) statement(st *Statement, stmt bitset, mode UnknownMode, opts Options, diags *Diagnostics) StatementResult {
	list := st.Actions()
	sr := StatementResult{
		Patterns:       list.Values,
		Path:           st.Path,
		Sid:            st.Sid,
		Effect:         st.Effect,
		NotAction:      st.NotAction != nil,
		ResourceScoped: !st.AllResources(),
		Conditional:    st.Conditional(),
	}
	stmt.clear()
	n := len(e.u.actions)
	for j, pattern := range list.Values {
		x := e.expansion(pattern)
		path := list.ValuePath(j)
		switch {
		case x.invalid:
			diags.errorf(path, "Invalid action", x.text())
			continue
		case x.problem != "":
			sr.Unknown = append(sr.Unknown, pattern)
			e.reportUnknown(diags, mode, path, pattern, x)
			continue
		case x.services > 0:
			diags.warnf(path, "Wildcard in service prefix", fmt.Sprintf(
				"%s has a wildcard in its service prefix, which matches %d service prefixes now and will match services AWS adds later",
				quoteShort(pattern), x.services))
		}
		x.addTo(stmt, n)
	}
	known := len(list.Values) - len(sr.Unknown)
	if opts.CompactStatements {
		sr.Compacted = e.compact(stmt, list.Values)
	}
	if st.NotAction != nil {
		stmt.invert(n)
		if known == 0 && len(list.Values) > 0 {
			diags.warnf(list.Path, "NotAction names only unknown actions", fmt.Sprintf(
				"no pattern in NotAction names a known action, so this %s statement applies to every action of every service",
				st.Effect))
		}
	}
	sr.Count, sr.Levels = stmt.count(), e.u.levelCounts(stmt)
	if opts.StatementActions {
		sr.Actions = e.u.set(stmt)
	} else {
		sr.Actions = ActionSet{u: e.u}
	}
	return sr
}

// reportUnknown reports a pattern that names nothing, with suggestions
// while the diagnostics are still to be shown (see capped).
func (e *Expander) reportUnknown(diags *Diagnostics, mode UnknownMode, path, pattern string, x *expansion) {
	if mode == UnknownIgnore {
		return
	}
	problem := x.problem
	if len(*diags) < MaxDiagnostics-1 {
		problem = x.text()
	}
	detail := fmt.Sprintf("%s names no known action: %s", quoteShort(pattern), problem)
	switch mode {
	case UnknownError:
		diags.errorf(path, "Unknown action", detail)
	case UnknownWarn:
		diags.warnf(path, "Unknown action", detail)
	}
}

// net fills in the combined result from the allowed set (after
// unconditional denies) and the set conditional denies touch.
func (e *Expander) net(res *Result, s *scratch, unknown []string) {
	u := e.u
	net := &res.Net
	net.Allowed = u.set(s.allow)
	s.denyCond.and(s.allow)
	net.ConditionallyDenied = u.set(s.denyCond)
	var nonReadOnly []int32
	for _, r := range net.Allowed.ranks {
		l := u.actions[r].level
		net.Levels.add(l, 1)
		if !l.IsReadOnly() {
			nonReadOnly = append(nonReadOnly, r)
		}
	}
	net.NonReadOnly = ActionSet{u: u, ranks: nonReadOnly}
	net.ReadOnly = len(nonReadOnly) == 0
	sort.Strings(unknown)
	net.Unknown = compactStrings(unknown)
	res.Services = u.serviceAccess(net.Allowed)
}

// serviceAccess groups the allowed ranks by service; a service's ranks are
// contiguous, so one walk in rank order visits each service once.
func (u *universe) serviceAccess(allowed ActionSet) []ServiceAccess {
	var out []ServiceAccess
	var counts [iam.Tagging + 1]int32
	cur := int32(-1)
	flush := func() {
		if cur < 0 {
			return
		}
		s := &u.services[cur]
		sa := ServiceAccess{Prefix: s.prefix, Name: s.name, Total: int(s.hi - s.lo)}
		for _, l := range iam.AccessLevels {
			if counts[l] > 0 {
				sa.Levels = sa.Levels.Add(l)
				sa.Allowed += int(counts[l])
				if counts[l] == s.levels[l] {
					sa.FullLevels = sa.FullLevels.Add(l)
				}
			}
		}
		out = append(out, sa)
		counts = [iam.Tagging + 1]int32{}
	}
	for _, r := range allowed.ranks {
		a := &u.actions[r]
		if a.svc != cur {
			flush()
			cur = a.svc
		}
		counts[a.level]++
	}
	flush()
	sort.Slice(out, func(i, j int) bool { return out[i].Prefix < out[j].Prefix })
	return out
}

func compactStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := s[:1]
	for _, v := range s[1:] {
		if v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	return out
}
