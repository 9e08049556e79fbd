package validation

import (
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// patternProblem reports the patterns that name nothing for one reason.
func patternProblem(code Code) func(r *run, s *stmt) {
	return func(r *run, s *stmt) {
		for _, p := range s.patterns {
			if p.problem == code {
				r.emitLazy(code, p.path, p.why.Error) // with suggestions, worked out only if listed
			}
		}
	}
}

func checkWildcardService(r *run, s *stmt) {
	for _, p := range s.patterns {
		if p.svcWild && p.problem == "" {
			r.emit(WildcardInService, p.path, fmt.Sprintf(
				"%s has a wildcard in its service prefix, so it also matches every service AWS adds later whose prefix fits; name the services",
				quote(p.text)))
		}
	}
}

// checkRedundantActions reports a pattern another pattern of the list
// covers, such as "s3:GetObject" next to "s3:Get*"; of two that cover each
// other (duplicates) the later one. Coverage is judged on the patterns
// themselves, not on today's actions, so it holds for actions AWS adds
// later too. Names compare case-insensitively, as IAM compares them.
func checkRedundantActions(r *run, s *stmt) {
	texts := make([]string, 0, len(s.patterns))
	paths := make([]string, 0, len(s.patterns))
	for _, p := range s.patterns {
		if p.problem == "" {
			texts = append(texts, p.text)
			paths = append(paths, p.path)
		}
	}
	for _, red := range r.redundant(texts, pattern.FoldASCII) {
		r.emit(RedundantAction, paths[red.i], fmt.Sprintf("%s is redundant: %s at %s already covers it",
			quote(texts[red.i]), quote(texts[red.by]), paths[red.by]))
	}
}

// checkCompactActions suggests, for each service, writing the exact
// actions a statement names as readonly.Compact does in "word" mode: the
// fewest characters, with a '*' only after a whole CamelCase word, that
// match exactly those actions of the catalog. It suggests only a saving.
func checkCompactActions(r *run, s *stmt) {
	list := s.Actions()
	if list == nil {
		return
	}
	type group struct {
		si    *serviceInfo
		names []string
		chars int
		seen  map[string]bool
	}
	var order []*group
	groups := map[*serviceInfo]*group{}
	for _, p := range s.patterns {
		if p.problem != "" || !p.exact() || p.service == nil {
			continue
		}
		g := groups[p.service]
		if g == nil {
			g = &group{si: p.service, seen: map[string]bool{}}
			groups[p.service] = g
			order = append(order, g)
		}
		if key := iam.ToLowerASCII(p.action); !g.seen[key] {
			g.seen[key] = true
			g.names = append(g.names, p.action)
			g.chars += len(p.text) + 3 // `"svc:Action",` as readonly counts it
		}
	}
	for _, g := range order {
		if len(g.names) < 2 || g.si.compactor == nil || !r.spend(len(g.si.svc.Actions)+len(g.names)) {
			continue
		}
		out, err := g.si.compactor.Compact(g.names, readonly.WildcardsWord)
		if err != nil {
			continue
		}
		chars := 0
		for _, o := range out {
			chars += len(o) + 3
		}
		if chars >= g.chars {
			continue
		}
		r.emit(CompactActions, list.Path, fmt.Sprintf(
			"the %d %s actions named one by one here can be written as %s, %d characters shorter; the patterns match exactly these actions today, and also actions AWS adds later under the same words",
			len(g.names), g.si.svc.Prefix, quoteList(out, len(out)), g.chars-chars))
	}
}
