package fit

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// prove checks that out allows and denies exactly what in does, three
// ways, and that each document is within the quota.
func (f *Fitter) prove(in, out []*policy.Document, r rule) error {
	total := 0
	for i, d := range out {
		b, _ := d.MarshalJSON()
		if again, diags := policy.Parse(string(b)); again == nil {
			return fmt.Errorf("document %d does not parse again: %v", i, diags)
		}
		n := r.Count(string(b))
		if total += n; n > r.limit || r.PerEntity && total > r.limit {
			return fmt.Errorf("document %d is over the limit", i)
		}
	}
	a, b := f.load(in), f.load(out)
	if err := f.pairsCovered(a, b); err != nil {
		return fmt.Errorf("the fitted policy grants less: %w", err)
	}
	if err := f.pairsCovered(b, a); err != nil {
		return fmt.Errorf("the fitted policy grants more: %w", err)
	}
	if err := f.noNewAccessBothWays(in, out, r); err != nil {
		return err
	}
	return f.noNewErrors(in, out, r)
}

// pairsCovered checks that every action each statement of a applies to
// today, on each of its resources, statements of b with the same effect,
// principals and conditions apply to on a resource that covers it. Several
// may share the work: (action, resource) pairs are granted, or denied, one
// by one.
func (f *Fitter) pairsCovered(a, b []stmt) error {
	type group struct {
		all        []*stmt
		star       []*stmt
		byResource map[string][]*stmt
		index      *coverIndex[*stmt]
	}
	groups := map[string]*group{}
	for i := range b {
		t := &b[i]
		g := groups[t.who]
		if g == nil {
			g = &group{byResource: map[string][]*stmt{}, index: newCoverIndex[*stmt]()}
			groups[t.who] = g
		}
		g.all = append(g.all, t)
		if t.st.Resource == nil {
			continue
		}
		if slices.Contains(t.st.Resource.Values, "*") {
			g.star = append(g.star, t)
			continue
		}
		for i, r := range t.st.Resource.Values {
			if l := g.byResource[r]; len(l) == 0 || l[len(l)-1] != t {
				g.byResource[r] = append(l, t)
			}
			g.index.add(&t.res[i], t)
		}
	}
	n := f.exp.ActionCount()
	unions := map[string]bitset{}
	union := func(key string, sts ...[]*stmt) bitset {
		u := newBitset(n)
		for _, l := range sts {
			for _, t := range l {
				u.or(t.set)
			}
		}
		unions[key] = u
		return u
	}
	for i := range a {
		s := &a[i]
		g := groups[s.who]
		if g == nil {
			if s.set.count() == 0 {
				continue
			}
			return fmt.Errorf("nothing has the scope of %s", describe(&s.st))
		}
		if s.st.Resource == nil {
			if !s.set.subsetOf(union(s.who, g.all)) {
				return fmt.Errorf("%s is not wholly covered", describe(&s.st))
			}
			continue
		}
		for _, r := range s.st.Resource.Values {
			u, ok := unions[s.who+"\x00"+r]
			switch {
			case ok:
			case r == "*":
				u = union(s.who+"\x00*", g.star)
			default:
				var covering []*stmt
				pr := newResource(r)
				g.index.covering(&pr, func(t *stmt) { covering = append(covering, t) })
				u = union(s.who+"\x00"+r, g.star, g.byResource[r], covering)
			}
			if !s.set.subsetOf(u) {
				return fmt.Errorf("%s is not wholly covered on %q", describe(&s.st), r)
			}
		}
	}
	return nil
}

// noNewAccessBothWays runs the evaluator's no_new_access check in both
// directions. The check compares patterns as text, not through the
// catalog, so each side is shown to it with every pattern the other side
// does not write verbatim replaced by the actions it names today, and each
// Resource list as one statement per resource: the same policy under the
// catalog, in words both sides share.
func (f *Fitter) noNewAccessBothWays(in, out []*policy.Document, r rule) error {
	inView, outView := f.evaluatorView(in, out), f.evaluatorView(out, in)
	version := in[0].Version
	if err := noNewAccess(outView, inView, version, r); err != nil {
		return fmt.Errorf("no_new_access of the fitted policy against the input fails: %w", err)
	}
	if err := noNewAccess(inView, outView, version, r); err != nil {
		return fmt.Errorf("no_new_access of the input against the fitted policy fails: %w", err)
	}
	// The check asks what each side allows, so a Deny that no Allow of its
	// policy overlaps (an SCP's deny list) is invisible to it: shown as
	// Allows, each side's Denies must grant nothing the other's do not.
	inDenies, outDenies := deniesAsAllows(inView), deniesAsAllows(outView)
	if err := noNewAccess(outDenies, inDenies, version, r); err != nil {
		return fmt.Errorf("no_new_access of the fitted policy's Denies, read as Allows, against the input's fails: %w", err)
	}
	if err := noNewAccess(inDenies, outDenies, version, r); err != nil {
		return fmt.Errorf("no_new_access of the input's Denies, read as Allows, against the fitted policy's fails: %w", err)
	}
	return nil
}

// deniesAsAllows is the Deny statements of a view with their Effect Allow.
func deniesAsAllows(view []policy.Statement) []policy.Statement {
	var out []policy.Statement
	for _, st := range view {
		if st.Effect == policy.Deny {
			st.Effect = policy.Allow
			out = append(out, st)
		}
	}
	return out
}

// noNewAccess runs the check on batches of the new side's Allow statements,
// grouped by resource element, each against the existing Allows of the
// same element or of one that covers it, with every Deny of both sides:
// each Allow is checked against fewer existing Allows than the whole check
// offers, and against the same Denies, so each pass is a pass of the whole
// check, in a budget of comparisons per batch rather than per document.
func noNewAccess(newView, existing []policy.Statement, version string, r rule) error {
	var newDenies, oldDenies []policy.Statement
	newAllows := map[string][]policy.Statement{}
	oldAllows := map[string][]policy.Statement{}
	var keys, oldKeys []string
	for _, st := range newView {
		if st.Effect == policy.Deny {
			newDenies = append(newDenies, st)
			continue
		}
		k := resourceElement(&st)
		if _, ok := newAllows[k]; !ok {
			keys = append(keys, k)
		}
		newAllows[k] = append(newAllows[k], st)
	}
	for _, st := range existing {
		if st.Effect == policy.Deny {
			oldDenies = append(oldDenies, st)
		} else {
			k := resourceElement(&st)
			if _, ok := oldAllows[k]; !ok {
				oldKeys = append(oldKeys, k)
			}
			oldAllows[k] = append(oldAllows[k], st)
		}
	}
	// An Allow written the same on both sides is covered by itself; when
	// every existing Deny is kept as written too, which leaves the check's
	// Deny clause nothing to find, it needs no check at all.
	same := map[string]bool{}
	if denyTexts(oldDenies).subsetOf(denyTexts(newDenies)) {
		for _, st := range existing {
			if st.Effect != policy.Deny {
				same[withoutSid(st)] = true
			}
		}
	}
	// The existing elements of one resource, filed to be found by the new
	// ones they cover.
	index := newCoverIndex[string]()
	for _, k := range oldKeys {
		if text, ok := singleResource(k); ok {
			r := newResource(text)
			index.add(&r, k)
		}
	}
	// Elements are checked a batch at a time, each batch against the
	// existing Allows of its elements and those that cover them.
	var newSub, oldSub []policy.Statement
	newActions := 0
	seen := map[string]bool{}
	check := func() error {
		if len(newSub) == 0 {
			return nil
		}
		np, err := compileView(append(slices.Clone(newDenies), newSub...), version, r)
		if err != nil {
			return err
		}
		op, err := compileView(append(slices.Clone(oldDenies), oldSub...), version, r)
		if err != nil {
			return err
		}
		if res := evaluate.CheckNoNewAccess(np, op); !res.Pass {
			return errors.New(reasons(res))
		}
		newSub, oldSub, seen, newActions = newSub[:0], oldSub[:0], map[string]bool{}, 0
		return nil
	}
	addOld := func(k string) {
		if !seen[k] {
			seen[k] = true
			oldSub = append(oldSub, oldAllows[k]...)
		}
	}
	for _, k := range keys {
		for _, st := range newAllows[k] {
			if !same[withoutSid(st)] {
				newSub = append(newSub, st)
				newActions += len(st.Actions().Values)
			}
		}
		if len(newSub) == 0 {
			continue
		}
		addOld(k)
		if text, ok := singleResource(k); ok {
			p := newResource(text)
			index.covering(&p, addOld)
		}
		// The check tries, for each new action, the existing statements
		// that name it: newActions × len(oldSub) bounds its comparisons.
		if len(newSub) >= noNewAccessBatch || newActions*len(oldSub) > noNewAccessWork {
			if err := check(); err != nil {
				return err
			}
		}
	}
	return check()
}

// noNewAccessBatch is about how many new Allow statements one
// no_new_access check takes: few enough that its comparisons stay well
// within the evaluator's budget, enough that compiling costs little.
const (
	noNewAccessBatch = 64
	noNewAccessWork  = 50_000
)

// texts is a set of statements written out without their Sids.
type texts map[string]bool

func denyTexts(sts []policy.Statement) texts {
	t := texts{}
	for _, st := range sts {
		t[withoutSid(st)] = true
	}
	return t
}

func (t texts) subsetOf(o texts) bool {
	for k := range t {
		if !o[k] {
			return false
		}
	}
	return true
}

func withoutSid(st policy.Statement) string {
	st.Sid, st.HasSid, st.Path = "", false, ""
	return statementJSON(&st)
}

// resourceElement keys a statement's Resource or NotResource by its values,
// whether written as a string or an array.
func resourceElement(st *policy.Statement) string {
	switch {
	case st.Resource != nil:
		return "R\x00" + strings.Join(st.Resource.Values, "\x00")
	case st.NotResource != nil:
		return "N\x00" + strings.Join(st.NotResource.Values, "\x00")
	}
	return ""
}

// singleResource is the one value of a Resource element key.
func singleResource(key string) (string, bool) {
	text, ok := strings.CutPrefix(key, "R\x00")
	return text, ok && !strings.Contains(text, "\x00")
}

func compileView(sts []policy.Statement, version string, r rule) (*evaluate.Policy, error) {
	p, diags := evaluate.Compile(&policy.Document{Version: version, Statements: sts, StatementArray: true}, evaluate.Source{Kind: r.eval})
	if p == nil {
		return nil, fmt.Errorf("the evaluator cannot read the policy: %v", diags)
	}
	return p, nil
}

func reasons(res evaluate.CheckResult) string {
	if len(res.Reasons) == 0 {
		return res.Message
	}
	return res.Reasons[0].Description
}

// evaluatorView is the statements of docs as the evaluator is shown them.
func (f *Fitter) evaluatorView(docs, other []*policy.Document) []policy.Statement {
	verbatim := map[string]bool{}
	for _, d := range other {
		for i := range d.Statements {
			for _, p := range d.Statements[i].Actions().Values {
				verbatim[iam.ToLowerASCII(p)] = true
			}
		}
	}
	var view []policy.Statement
	for _, d := range docs {
		for i := range d.Statements {
			st := d.Statements[i]
			if st.Action != nil {
				st.Action = &policy.StringList{Values: f.viewPatterns(st.Action.Values, verbatim), Array: true}
			} else {
				st.NotAction = &policy.StringList{Values: f.viewPatterns(st.NotAction.Values, verbatim), Array: true}
			}
			if st.Resource == nil || len(st.Resource.Values) < 2 {
				view = append(view, st)
				continue
			}
			for _, r := range st.Resource.Values {
				one := st
				one.Resource = &policy.StringList{Values: []string{r}}
				view = append(view, one)
			}
		}
	}
	return view
}

// viewPatterns keeps each pattern written verbatim on the other side, and
// "*" and unknown ones, and replaces the rest by the names they match.
func (f *Fitter) viewPatterns(patterns []string, verbatim map[string]bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if lp := iam.ToLowerASCII(p); !seen[lp] {
			seen[lp] = true
			out = append(out, p)
		}
	}
	for _, p := range patterns {
		x := f.expand(p)
		if p == "*" || !x.known || verbatim[iam.ToLowerASCII(p)] {
			add(p)
			continue
		}
		for _, i := range x.indices {
			add(f.exp.ActionAt(i).Name)
		}
	}
	return out
}

// noNewErrors runs the validator on every fitted document: it may find
// no ERROR whose code the input's documents do not have too. Codes of
// other severities, and those the input has, are left out of the fitted
// documents' runs, so that a finding the input shares (an unknown action,
// with its suggestions of close names) costs nothing there.
func (f *Fitter) noNewErrors(in, out []*policy.Document, r rule) error {
	var quiet []string
	for _, c := range validation.Codes() {
		if c.Severity != validation.Error {
			quiet = append(quiet, string(c.Code))
		}
	}
	had := map[string]bool{}
	for _, d := range in {
		rep, err := f.validate(d, r, quiet)
		if err != nil {
			return err
		}
		for _, fd := range rep.Findings {
			if !had[string(fd.Code)] {
				had[string(fd.Code)] = true
				quiet = append(quiet, string(fd.Code))
			}
		}
	}
	for i, d := range out {
		rep, err := f.validate(d, r, quiet)
		if err != nil {
			return err
		}
		if len(rep.Findings) > 0 {
			fd := rep.Findings[0]
			return fmt.Errorf("the validator finds an error in fitted document %d that the input lacks: %s at %s: %s",
				i, fd.Code, fd.Path, fd.Message)
		}
	}
	return nil
}

func (f *Fitter) validate(d *policy.Document, r rule, ignore []string) (validation.Report, error) {
	b, _ := d.MarshalJSON()
	return f.val.Validate(string(b), validation.Options{PolicyType: r.valid, IgnoreCodes: ignore, SizeLimit: r.limit})
}
