package fit

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// level is how much the fitter rewrites; each retry after a failed proof
// rewrites less.
type level int

const (
	levelAll        level = iota // every rewrite
	levelAllowsOnly              // Deny statements as written
	levelCanonical               // whitespace, Sids, splitting and packing only
)

// stmt is one statement being rewritten.
type stmt struct {
	st       policy.Statement // its Action or NotAction becomes patterns at the end
	not      bool             // NotAction, kept as written
	patterns []string
	// who is the statement's Effect, principals, conditions and the kind
	// of its resource element: statements with the same who differ only
	// in actions and Resource lists.
	who    string
	resKey string     // the Resource element's values; empty for a NotResource, which who holds
	res    []resource // the Resource list's values, read for comparisons
	// set is what the statement must grant of its own (for a NotAction
	// statement, every action it does not list): never the actions a
	// compacted pattern also matches because another statement grants them.
	set bitset
	// pinned is set when the statement holds a pattern whose reach today's
	// catalog does not settle: an unknown name, or a Deny wildcard, which
	// also denies the actions AWS adds later. Another statement granting
	// its set today does not cover it, so it keeps its resources.
	pinned bool
	gone   bool
}

// editable reports whether the rewrites at lvl may merge the statement,
// or drop or compact its actions.
func (s *stmt) editable(lvl level, keepSids bool) bool {
	return !s.not && s.compactable(lvl, keepSids)
}

// compactable reports whether the rewrites at lvl may compact the
// statement's Action or NotAction list.
func (s *stmt) compactable(lvl level, keepSids bool) bool {
	switch {
	case s.gone || lvl == levelCanonical:
		return false
	case keepSids && s.st.HasSid:
		return false
	case s.st.Effect == policy.Deny && lvl != levelAll:
		return false
	}
	return true
}

// load turns the documents' statements into stmts with their keys.
func (f *Fitter) load(docs []*policy.Document) []stmt {
	var out []stmt
	for _, d := range docs {
		for i := range d.Statements {
			st := d.Statements[i]
			s := stmt{st: st, not: st.NotAction != nil, patterns: st.Actions().Values}
			scope := st
			scope.Sid, scope.HasSid, scope.Action, scope.NotAction = "", false, nil, nil
			scope.Resource, scope.NotResource = nil, nil
			s.who = statementJSON(&scope)
			if st.Resource != nil {
				s.who += "\x00R"
				s.resKey = resourceElement(&st)
				s.res = newResources(st.Resource.Values)
			} else {
				s.who += "\x00" + resourceElement(&st)
			}
			s.set = f.setOf(s.patterns)
			for _, p := range s.patterns {
				x := f.expand(p)
				s.pinned = s.pinned || !x.known || x.wild && st.Effect == policy.Deny
			}
			if s.not {
				s.set.invert(f.exp.ActionCount())
			}
			out = append(out, s)
		}
	}
	return out
}

// statementJSON is one statement as compact JSON.
func statementJSON(st *policy.Statement) string {
	b, _ := (&policy.Document{Statements: []policy.Statement{*st}}).MarshalJSON()
	return string(b)
}

// expansion is what one pattern names today.
type expansion struct {
	indices []int
	known   bool
	wild    bool
}

func (f *Fitter) expand(pattern string) expansion {
	f.mu.Lock()
	x, ok := f.expansions[pattern]
	f.mu.Unlock()
	if ok {
		return x
	}
	x = f.expandNew(pattern)
	f.mu.Lock()
	if len(f.expansions) < maxCachedPatterns {
		f.expansions[pattern] = x
	}
	f.mu.Unlock()
	return x
}

// maxCachedPatterns bounds the fitter's cache of expansions: patterns come
// from configuration, and past the bound they are only expanded again.
const maxCachedPatterns = 1 << 16

func (f *Fitter) expandNew(pattern string) expansion {
	set, err := f.exp.ExpandPattern(pattern)
	x := expansion{known: err == nil, wild: iam.HasWildcard(pattern)}
	if err == nil {
		x.indices = make([]int, set.Len())
		for i := range x.indices {
			x.indices[i] = set.Index(i)
		}
	}
	return x
}

func (f *Fitter) setOf(patterns []string) bitset {
	b := newBitset(f.exp.ActionCount())
	for _, p := range patterns {
		for _, i := range f.expand(p).indices {
			b.set(i)
		}
	}
	return b
}

// work is one attempt at fitting.
type work struct {
	f       *Fitter
	opts    Options
	lvl     level
	stmts   []*stmt
	changes Changes
}

func (f *Fitter) newWork(in []stmt, opts Options, lvl level) *work {
	w := &work{f: f, opts: opts, lvl: lvl}
	for i := range in {
		s := in[i]
		s.set = s.set.clone()
		s.patterns = slices.Clone(s.patterns)
		w.stmts = append(w.stmts, &s)
		w.changes.PatternsIn += len(s.patterns)
	}
	w.changes.StatementsIn = len(in)
	return w
}

func (w *work) rewrite(ctx context.Context) {
	if !w.opts.KeepSids {
		for _, s := range w.stmts {
			if s.st.HasSid {
				s.st.Sid, s.st.HasSid = "", false
				w.changes.SidsRemoved++
			}
		}
	}
	if w.lvl == levelCanonical {
		return
	}
	for round := 0; round < 3 && ctx.Err() == nil; round++ {
		merged := w.mergeScopes()
		w.trim()
		merged += w.mergeResources() + w.dropResources()
		if merged == 0 && round > 0 {
			break
		}
	}
}

// mergeScopes folds statements with the same effect, principals,
// resources and conditions into the first of them: a statement grants
// each of its actions on each of its resources, so the union of their
// Action lists grants exactly what they did together.
func (w *work) mergeScopes() int {
	first := map[string]*stmt{}
	n := 0
	for _, s := range w.stmts {
		if !s.editable(w.lvl, w.opts.KeepSids) {
			continue
		}
		k := s.who + "\x00" + s.resKey
		t, ok := first[k]
		if !ok {
			first[k] = s
			continue
		}
		t.patterns = append(t.patterns, s.patterns...)
		t.set.or(s.set)
		t.pinned = t.pinned || s.pinned
		s.gone = true
		n++
	}
	w.changes.StatementsMerged += n
	return n
}

// mergeResources folds statements with the same effect, principals,
// conditions and actions into one whose Resource list is the union of
// theirs, and drops the resources a "*" in the same list covers.
func (w *work) mergeResources() int {
	first := map[string]*stmt{}
	values := map[*stmt][]string{} // the Resource values each first statement gathers
	var order []*stmt
	n := 0
	for _, s := range w.stmts {
		if !s.editable(w.lvl, w.opts.KeepSids) || s.st.Resource == nil {
			continue
		}
		lower := make([]string, len(s.patterns))
		for i, p := range s.patterns {
			lower[i] = iam.ToLowerASCII(p)
		}
		sort.Strings(lower)
		k := s.who + "\x00" + strings.Join(slices.Compact(lower), ",")
		t, ok := first[k]
		if !ok {
			first[k] = s
			order = append(order, s)
			values[s] = slices.Clone(s.st.Resource.Values)
			continue
		}
		values[t] = append(values[t], s.st.Resource.Values...)
		t.pinned = t.pinned || s.pinned
		s.gone = true
		n++
	}
	for _, t := range order {
		list := resourceList(values[t])
		same := slices.Equal(list.Values, t.st.Resource.Values)
		t.st.Resource = list // a single value written as a string
		if !same {
			t.resKey = resourceElement(&t.st)
			t.res = newResources(list.Values)
		}
	}
	w.changes.StatementsMerged += n
	return n
}

// resourceList is a Resource list without repeats, or "*" when it has one.
func resourceList(values []string) *policy.StringList {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if v == "*" {
			return &policy.StringList{Values: []string{"*"}}
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return &policy.StringList{Values: out, Array: len(out) > 1}
}

// maxResourceDrops bounds the Resource lists dropResources compares value by
// value, so that its work stays proportional to the document.
const maxResourceDrops = 256

// dropResources drops, from each editable statement's Resource list, the
// resources on which another of its own resources, or another statement of
// the same effect, principals and conditions granting all its actions,
// already applies: a Resource list is a union, so the pairs stay granted.
// A pinned statement is covered only by its own resources. It counts the statements left without a resource, which go.
func (w *work) dropResources() int {
	gone := 0
	index := resourceIndex(w.stmts)
	changed := map[*stmt]bool{} // whose resources are no longer those filed
	for _, s := range w.stmts {
		if !s.editable(w.lvl, w.opts.KeepSids) || s.st.Resource == nil || len(s.res) > maxResourceDrops {
			continue
		}
		var keep []string
		for i := range s.res {
			covered := false
			for j := range s.res {
				// By another of its own; of two that cover each other, the first stays.
				if j != i && s.res[j].covers(&s.res[i]) && (j < i || !s.res[i].covers(&s.res[j])) {
					covered = true
					break
				}
			}
			if !covered && !s.pinned {
				index[s.who].covering(&s.res[i], func(t *stmt) {
					covered = covered || t != s && !t.gone && !changed[t] && s.set.subsetOf(t.set)
				})
			}
			if !covered {
				keep = append(keep, s.res[i].text)
			}
		}
		if len(keep) == len(s.res) {
			continue
		}
		w.changes.ResourcesCovered += len(s.res) - len(keep)
		changed[s] = true
		if len(keep) == 0 {
			s.gone = true
			w.changes.StatementsDropped++
			gone++
			continue
		}
		s.st.Resource = &policy.StringList{Values: keep, Array: len(keep) > 1}
		s.resKey = resourceElement(&s.st)
		s.res = newResources(keep)
	}
	return gone
}

// trim drops, from each editable statement, the action names that its own
// wildcards or another statement of the same effect, principals and
// conditions grant on all its resources, and compacts the names left. A
// statement's set keeps only what it grants of its own, so two statements
// never drop an action on each other's account.
func (w *work) trim() {
	f := w.f
	n := f.exp.ActionCount()
	byWho := map[string][]*stmt{}
	for _, s := range w.stmts {
		byWho[s.who] = append(byWho[s.who], s)
	}
	index := resourceIndex(w.stmts)
	for _, s := range w.stmts {
		if !s.compactable(w.lvl, w.opts.KeepSids) {
			continue
		}
		others := newBitset(n)
		if !s.not {
			for _, t := range w.covering(s, byWho[s.who], index[s.who]) {
				others.or(t.set)
			}
		}
		own := newBitset(n)
		var kept []string
		var nameIdx []int
		seen := map[string]bool{}
		for _, p := range s.patterns {
			lp := iam.ToLowerASCII(p)
			if seen[lp] {
				continue
			}
			seen[lp] = true
			x := f.expand(p)
			if !x.known || x.wild {
				kept = append(kept, p)
				for _, i := range x.indices {
					own.set(i)
				}
				continue
			}
			nameIdx = append(nameIdx, x.indices[0])
		}
		free := own.clone()
		free.or(others)
		var want []int
		for _, idx := range nameIdx {
			if free.has(idx) {
				w.changes.ActionsCovered++
				continue
			}
			want = append(want, idx)
		}
		for _, i := range want {
			own.set(i)
		}
		if s.not {
			// A NotAction list is compacted exactly: a pattern there may
			// match only what the list names, or its set would change.
			free = own
		} else {
			s.set = own
		}
		if len(kept) == 0 && len(want) == 0 && !s.not {
			s.gone = true
			w.changes.StatementsDropped++
			continue
		}
		compacted := w.compact(want, free)
		s.patterns = append(kept, compacted...)
	}
}

// compact writes the actions want (catalog indices) as patterns service by
// service, each matching exactly those actions and otherwise only free ones.
func (w *work) compact(want []int, free bitset) []string {
	bySvc := map[string][]string{}
	var order []string
	for _, i := range want {
		name := w.f.exp.ActionAt(i).Name
		prefix, _, _ := strings.Cut(name, ":")
		if _, ok := bySvc[prefix]; !ok {
			order = append(order, prefix)
		}
		bySvc[prefix] = append(bySvc[prefix], name)
	}
	sort.Strings(order)
	var out []string
	for _, prefix := range order {
		names := bySvc[prefix]
		patterns := w.f.cover(prefix, names, free, w.opts.Wildcards)
		if patterns == nil {
			patterns = names
		}
		w.changes.ActionsCompacted += len(names) - explicitCount(patterns)
		sort.Strings(patterns)
		out = append(out, patterns...)
	}
	return out
}

func explicitCount(patterns []string) int {
	n := 0
	for _, p := range patterns {
		if !iam.HasWildcard(p) {
			n++
		}
	}
	return n
}

// cover asks the service's compactor for the cheapest patterns matching
// names and otherwise only free actions; nil when the service's actions
// are in no order the compactor trusts.
func (f *Fitter) cover(prefix string, names []string, free bitset, mode readonly.Wildcards) []string {
	sc := f.compactor(prefix)
	if sc == nil || mode == readonly.WildcardsNone {
		return nil
	}
	want := make([]bool, len(sc.index))
	freeMarks := make([]bool, len(sc.index))
	for _, n := range names {
		_, bare, _ := strings.Cut(n, ":")
		i, ok := sc.svc.ActionIndex(bare)
		if !ok {
			return nil
		}
		want[i] = true
	}
	for i, idx := range sc.index {
		freeMarks[i] = idx >= 0 && free.has(idx)
	}
	out, err := sc.c.Cover(want, freeMarks, mode)
	if err != nil {
		return nil
	}
	return out
}

// serviceCompactor is a service's compactor with, for each of its actions
// in the service's order, the action's index in the catalog's table.
type serviceCompactor struct {
	c     *readonly.Compactor
	svc   *iam.Service
	index []int
}

func (f *Fitter) compactor(prefix string) *serviceCompactor {
	f.mu.Lock()
	defer f.mu.Unlock()
	if sc, ok := f.compactors[prefix]; ok {
		return sc
	}
	var sc *serviceCompactor
	if svc, err := f.cat.Service(context.Background(), prefix); err == nil {
		if c, err := readonly.NewCompactor(svc); err == nil {
			sc = &serviceCompactor{c: c.WithLevelFamilies(f.families), svc: svc, index: make([]int, len(svc.Actions))}
			for i := range svc.Actions {
				sc.index[i] = -1
				if set, err := f.exp.ExpandPattern(svc.FullName(&svc.Actions[i])); err == nil && set.Len() == 1 {
					sc.index[i] = set.Index(0)
				}
			}
		}
	}
	f.compactors[prefix] = sc
	return sc
}

// resourceIndex files the Resource values of the statements by scope.
func resourceIndex(sts []*stmt) map[string]*coverIndex[*stmt] {
	index := map[string]*coverIndex[*stmt]{}
	for _, t := range sts {
		if t.gone || t.st.Resource == nil {
			continue
		}
		x := index[t.who]
		if x == nil {
			x = newCoverIndex[*stmt]()
			index[t.who] = x
		}
		for i := range t.res {
			x.add(&t.res[i], t)
		}
	}
	return index
}

// covering lists the other statements of s's scope that apply to every
// resource s does: the same NotResource element (or none), which who
// holds, or a Resource list that covers each of s's.
func (w *work) covering(s *stmt, group []*stmt, index *coverIndex[*stmt]) []*stmt {
	var out []*stmt
	if s.st.Resource == nil {
		for _, t := range group {
			if t != s && !t.gone && t.st.Resource == nil {
				out = append(out, t)
			}
		}
		return out
	}
	if index == nil {
		return nil
	}
	count := map[*stmt]int{} // how many of s's resources each covers so far
	for i := range s.res {
		index.covering(&s.res[i], func(t *stmt) {
			if t != s && !t.gone && count[t] == i {
				count[t] = i + 1
			}
		})
	}
	for _, t := range group { // in document order
		if count[t] == len(s.res) && t != s {
			out = append(out, t)
		}
	}
	return out
}
