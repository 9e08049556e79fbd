package validation

import (
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// run is the state of one validation.
type run struct {
	v      *Validator
	typ    PolicyType
	opts   Options
	ignore map[Code]bool
	doc    *policy.Document
	res    *policy.Result
	stmts  []*stmt
	found  []Finding
	// budget is the work left for the checks whose cost grows with the
	// product of sizes (redundant patterns, compaction). Only a hostile
	// document exhausts it; past it those checks stay silent.
	budget int
}

// workBudget is far above what any real policy needs (the largest AWS
// managed policy uses under 1%), and bounds the rest to well under a second.
const workBudget = 1 << 26

func (v *Validator) newRun(opts Options) (*run, error) {
	typ, ignore, err := opts.read()
	if err != nil {
		return nil, err
	}
	return &run{v: v, typ: typ, opts: opts, ignore: ignore, budget: workBudget}, nil
}

// skips reports whether findings of the code are left out: ignored, or
// below ERROR when only errors are asked for.
func (r *run) skips(code Code) bool {
	return r.ignore[code] || r.opts.ErrorsOnly && infoByCode[code].Severity != Error
}

// emit records a finding unless its code is skipped.
func (r *run) emit(code Code, path, msg string) {
	if r.skips(code) {
		return
	}
	r.found = append(r.found, Finding{Code: code, Severity: infoByCode[code].Severity, Message: msg, Path: path})
}

// emitLazy is emit for a message that is costly to write: it is written
// only if the finding is among the MaxFindings listed.
func (r *run) emitLazy(code Code, path string, msg func() string) {
	if r.skips(code) {
		return
	}
	r.found = append(r.found, Finding{Code: code, Severity: infoByCode[code].Severity, Path: path, message: msg})
}

// spend takes work from the budget, reporting false once it runs out.
func (r *run) spend(n int) bool {
	if r.budget < n {
		r.budget = 0
		return false
	}
	r.budget -= n
	return true
}

// checkDocument runs every check of the registry that is not skipped.
func (r *run) checkDocument(doc *policy.Document, res *policy.Result) {
	r.doc, r.res = doc, res
	r.stmts = make([]*stmt, len(doc.Statements))
	for i := range doc.Statements {
		r.stmts[i] = r.newStmt(&doc.Statements[i], &res.Statements[i])
	}
	for i := range checks {
		c := &checks[i]
		if r.skips(c.Code) {
			continue
		}
		if c.document != nil {
			c.document(r)
		}
		if c.statement != nil {
			for _, s := range r.stmts {
				c.statement(r, s)
			}
		}
	}
}

// stmt is one statement with what several checks need of it.
type stmt struct {
	*policy.Statement
	res      *policy.StatementResult
	patterns []actionPattern // the Action or NotAction values, in order

	services     []*serviceInfo // see serviceList
	serviceSet   map[*serviceInfo]bool
	servicesDone bool
}

func (r *run) newStmt(st *policy.Statement, res *policy.StatementResult) *stmt {
	s := &stmt{Statement: st, res: res}
	if list := st.Actions(); list != nil {
		s.patterns = make([]actionPattern, len(list.Values))
		for i, text := range list.Values {
			s.patterns[i] = r.v.classify(text, list.ValuePath(i))
		}
	}
	return s
}

// serviceList returns the services the statement's actions belong to:
// those of the actions it applies to, and those named literally by its
// patterns even when the action is unknown, so a retired action does not
// make its service's condition keys look foreign.
func (s *stmt) serviceList(r *run) []*serviceInfo {
	if s.servicesDone {
		return s.services
	}
	s.servicesDone = true
	r.v.eachService(s.res.Actions, func(si *serviceInfo) {
		s.services = append(s.services, si)
	})
	s.serviceSet = make(map[*serviceInfo]bool, len(s.services))
	for _, si := range s.services {
		s.serviceSet[si] = true
	}
	for _, p := range s.patterns {
		if p.service != nil && !s.serviceSet[p.service] {
			s.services = append(s.services, p.service)
			s.serviceSet[p.service] = true
		}
	}
	return s.services
}

// servicesIn keeps the services of defs the statement's actions belong to.
func (s *stmt) servicesIn(r *run, defs []*serviceInfo) []*serviceInfo {
	s.serviceList(r)
	var out []*serviceInfo
	for _, d := range defs {
		if s.serviceSet[d] {
			out = append(out, d)
		}
	}
	return out
}

// eachService calls fn for each service the set has actions of. A
// service's actions are contiguous in name order (every "s3:" name sorts
// before "s3;"), so each service costs a binary search rather than a walk
// over its actions.
func (v *Validator) eachService(set policy.ActionSet, fn func(si *serviceInfo)) {
	n := set.Len()
	for lo := 0; lo < n; {
		prefix := set.At(lo).Service()
		end := prefix + ";"
		hi := lo + sort.Search(n-lo, func(k int) bool { return set.At(lo+k).Name >= end })
		if si := v.service(prefix); si != nil {
			fn(si)
		}
		lo = hi
	}
}

// serviceRange finds the positions [lo, hi) of one service's actions in a set.
func serviceRange(set policy.ActionSet, prefix string) (int, int) {
	n := set.Len()
	start, end := prefix+":", prefix+";"
	lo := sort.Search(n, func(i int) bool { return set.At(i).Name >= start })
	hi := lo + sort.Search(n-lo, func(k int) bool { return set.At(lo+k).Name >= end })
	return lo, hi
}

// named returns the actions one of the statement's patterns names: all of
// the statement's for "*", and none (false) for a pattern with a problem.
func (s *stmt) named(p *actionPattern) (policy.ActionSet, bool) {
	switch {
	case p.all:
		return s.res.Actions, true
	case p.problem != "":
		return policy.ActionSet{}, false
	}
	return p.set, true
}

// resources returns the statement's Resource or NotResource list, or nil.
func (s *stmt) resources() *policy.StringList {
	if s.NotResource != nil {
		return s.NotResource
	}
	return s.Resource
}

// hasUnknownService reports whether a pattern of the statement names a
// service the catalog lacks with this prefix, so that a condition key of
// that service is not reported as unknown a second time.
func (s *stmt) hasUnknownService(prefix string) bool {
	for _, p := range s.patterns {
		if p.problem == UnknownService && iam.EqualFoldASCII(strings.TrimSpace(p.prefix), prefix) {
			return true
		}
	}
	return false
}
