package readonly

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// builder turns Options into the wanted actions of each service, gathering
// a diagnostic for every input it cannot use rather than stopping at the
// first.
type builder struct {
	ctx       context.Context
	cat       iam.Catalog
	summaries []iam.ServiceSummary
	levels    iam.LevelSet
	sel       map[string]*selection // by lower-case prefix
	named     map[string]int        // prefix → index of a services entry naming it literally
	diags     []Diagnostic
}

// selection is one service with the actions the statement grants.
type selection struct {
	svc    *iam.Service
	want   []bool // want[i]: svc.Actions[i] is granted
	extra  []bool // extra[i]: include adds svc.Actions[i] outside the levels, so it is written in full
	chosen bool   // named by services, so its levels are granted

	// included[i] is 1 + the index of the first include entry that names
	// svc.Actions[i], or 0.
	included []int
}

func newBuilder(ctx context.Context, cat iam.Catalog) *builder {
	return &builder{ctx: ctx, cat: cat, sel: map[string]*selection{}, named: map[string]int{}}
}

func (b *builder) errorf(attr string, index int, summary, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{SeverityError, attr, index, summary, fmt.Sprintf(format, args...)})
}

func (b *builder) warnf(attr string, index int, summary, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{SeverityWarning, attr, index, summary, fmt.Sprintf(format, args...)})
}

// parseLevels parses one entry at a time to point at the bad one.
func (b *builder) parseLevels(names []string) {
	if len(names) == 0 {
		names = DefaultAccessLevels
	}
	for i, name := range names {
		set, err := iam.ParseLevels([]string{name})
		if err != nil {
			b.errorf("access_levels", i, "Unknown access level", "%s", err)
			continue
		}
		b.levels |= set
	}
}

func (b *builder) parseLimit(limit int) int {
	switch {
	case limit == 0:
		return DefaultMaxPolicyChars
	case limit < 0:
		b.errorf("max_policy_chars", -1, "Invalid max_policy_chars",
			"max_policy_chars = %d: it must be positive, or unset for %d", limit, DefaultMaxPolicyChars)
	}
	return limit
}

func (b *builder) checkSid(sid string) {
	for _, r := range sid {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			b.errorf("sid", -1, "Invalid sid", "sid %q holds %q: IAM allows only ASCII letters and digits in a Sid", sid, r)
			return
		}
	}
}

// selectAll applies services, then include, then exclude, so that exclude
// wins over both, and last read_scope.
func (b *builder) selectAll(opts Options) error {
	summaries, err := b.cat.Services(b.ctx)
	if err != nil {
		return err
	}
	b.summaries = summaries
	if err := b.selectServices(opts.Services); err != nil {
		return err
	}
	if err := b.include(opts.Include); err != nil {
		return err
	}
	if err := b.exclude(opts.Exclude); err != nil {
		return err
	}
	b.readScope(opts.ReadScope, opts.Include)
	return nil
}

func (b *builder) selectServices(entries []string) error {
	if len(entries) == 0 {
		b.errorf("services", -1, "No service chosen", `services must name at least one service prefix, or "*" for every service`)
	}
	for i, e := range entries {
		switch {
		case e == "":
			b.errorf("services", i, "Empty service prefix", `a services entry is empty: write a prefix such as "ec2", or "*" for every service`)
			continue
		case iam.CheckText(e) != nil:
			b.errorf("services", i, "Invalid service prefix", "service prefix %s", iam.CheckText(e))
			continue
		case strings.Contains(e, ":"):
			b.errorf("services", i, "Not a service prefix",
				"%q is an action pattern: services takes prefixes such as %q; name actions in include or exclude", e, strings.SplitN(e, ":", 2)[0])
			continue
		}
		prefixes, why := b.matchServices(e)
		if why != "" {
			b.errorf("services", i, "Unknown service", "%s", why)
			continue
		}
		for _, p := range prefixes {
			sel, err := b.load(p)
			if err != nil {
				return err
			}
			sel.choose(b.levels)
		}
		if !iam.HasWildcard(e) {
			b.named[prefixes[0]] = i
		}
	}
	return nil
}

// matchServices lists the catalog prefixes a service pattern matches, or
// says why there are none.
func (b *builder) matchServices(pattern string) ([]string, string) {
	var out []string
	for _, s := range b.summaries {
		if iam.Match(pattern, s.Prefix) {
			out = append(out, s.Prefix)
		}
	}
	switch {
	case len(out) > 0:
		return out, ""
	case iam.HasWildcard(pattern):
		return nil, fmt.Sprintf("service pattern %q matches no service of the %s catalog", pattern, b.cat.Source())
	}
	return nil, iam.NewUnknownServiceError(pattern, b.summaries).Error()
}

// load fetches a service into the selection, granting nothing yet.
func (b *builder) load(prefix string) (*selection, error) {
	key := iam.ToLowerASCII(prefix)
	if sel, ok := b.sel[key]; ok {
		return sel, nil
	}
	if err := b.ctx.Err(); err != nil {
		return nil, err
	}
	svc, err := b.cat.Service(b.ctx, prefix)
	if err != nil {
		return nil, err
	}
	if err := checkActions(svc); err != nil {
		return nil, fmt.Errorf("%s catalog: %w", b.cat.Source(), err)
	}
	n := len(svc.Actions)
	sel := &selection{svc: svc, want: make([]bool, n), extra: make([]bool, n), included: make([]int, n)}
	b.sel[key] = sel
	return sel, nil
}

func (s *selection) choose(levels iam.LevelSet) {
	if s.chosen {
		return
	}
	s.chosen = true
	for i, a := range s.svc.Actions {
		if levels.Has(a.AccessLevel) {
			s.want[i] = true
		}
	}
}

// actionPattern parses an include or exclude entry, which must name its
// service: a bare "GetObject" would silently apply to every service.
func (b *builder) actionPattern(attr string, i int, s string) (iam.Pattern, bool) {
	p, err := iam.ParsePattern(s)
	if err != nil {
		b.errorf(attr, i, "Invalid action pattern", "%s", err)
		return p, false
	}
	if p.Service == "" {
		b.errorf(attr, i, "Action pattern without a service",
			"%q names no service: write it as \"service:%s\", such as \"s3:%s\" (the service part may be a pattern)", s, s, s)
		return p, false
	}
	return p, true
}

func (b *builder) include(patterns []string) error {
	for i, s := range patterns {
		p, ok := b.actionPattern("include", i, s)
		if !ok {
			continue
		}
		prefixes, why := b.matchServices(p.Service)
		if why != "" {
			b.errorf("include", i, "Unknown service", "%s", why)
			continue
		}
		matched := 0
		var last *selection
		for _, prefix := range prefixes {
			sel, err := b.load(prefix)
			if err != nil {
				return err
			}
			last = sel
			for j, a := range sel.svc.Actions {
				if iam.Match(p.Action, a.Name) {
					sel.want[j] = true
					sel.extra[j] = sel.extra[j] || !b.levels.Has(a.AccessLevel)
					if sel.included[j] == 0 {
						sel.included[j] = i + 1
					}
					matched++
				}
			}
		}
		if matched == 0 {
			hint := ""
			if len(prefixes) == 1 && !iam.HasWildcard(p.Action) {
				hint = didYouMean(p.Action, actionNames(last.svc))
			}
			b.errorf("include", i, "Include matches no action", "%q matches no action of %s%s", s, serviceList(prefixes), hint)
		}
	}
	return nil
}

// exclude refuses an exact pattern that names no action: in a boundary
// generator a typo there leaves granted what was meant to be taken away. A
// wildcard pattern that matches nothing, or a pattern that names actions
// nothing would grant, is only a warning: excluding what is not granted is
// harmless.
func (b *builder) exclude(patterns []string) error {
	for i, s := range patterns {
		p, ok := b.actionPattern("exclude", i, s)
		if !ok {
			continue
		}
		prefixes, why := b.matchServices(p.Service)
		switch {
		case why != "" && iam.HasWildcard(s):
			b.warnf("exclude", i, "Exclude matches nothing", "%s", why)
			continue
		case why != "":
			b.errorf("exclude", i, "Exclude matches nothing", "%q excludes nothing: %s", s, why)
			continue
		}
		matched, removed := 0, 0
		var both []string // actions include names that this entry removes
		for _, sel := range b.sel {
			if !iam.Match(p.Service, sel.svc.Prefix) {
				continue
			}
			for j, a := range sel.svc.Actions {
				if iam.Match(p.Action, a.Name) {
					matched++
					if sel.want[j] {
						sel.want[j] = false
						removed++
						if k := sel.included[j] - 1; k >= 0 {
							both = append(both, fmt.Sprintf("%s (include[%d])", sel.svc.FullName(&sel.svc.Actions[j]), k))
						}
					}
				}
			}
		}
		if len(both) > 0 {
			sort.Strings(both)
			b.warnf("exclude", i, "Action both included and excluded",
				"%q removes %s, which include also names: exclude wins, so they are not granted", s, ListSome(both))
		}
		switch {
		case matched == 0 && !iam.HasWildcard(s):
			svc, err := b.cat.Service(b.ctx, prefixes[0])
			if err != nil {
				return err
			}
			if _, exists := svc.Action(p.Action); !exists {
				b.errorf("exclude", i, "Exclude matches nothing",
					"%q matches no action of service %q, so it excludes nothing%s", s, svc.Prefix, didYouMean(p.Action, actionNames(svc)))
				continue
			}
			b.warnf("exclude", i, "Exclude removes nothing",
				"%q is not an action of the chosen services, so it excludes nothing", s)
		case matched == 0:
			b.warnf("exclude", i, "Exclude matches nothing",
				"%q matches no action of the chosen services, so it excludes nothing", s)
		case removed == 0:
			b.warnf("exclude", i, "Exclude removes nothing",
				"%q matches %d actions, but none of them would be granted otherwise", s, matched)
		}
	}
	return nil
}

// warnEmptyServices flags a service named outright that ends up granting
// nothing: the user asked for it, so silence would mislead.
func (b *builder) warnEmptyServices() {
	byIndex := make([]string, 0, len(b.named))
	for prefix := range b.named {
		byIndex = append(byIndex, prefix)
	}
	sort.Slice(byIndex, func(x, y int) bool { return b.named[byIndex[x]] < b.named[byIndex[y]] })
	for _, prefix := range byIndex {
		i, sel := b.named[prefix], b.sel[iam.ToLowerASCII(prefix)]
		granted, atLevels := 0, 0
		for j, a := range sel.svc.Actions {
			if sel.want[j] {
				granted++
			}
			if b.levels.Has(a.AccessLevel) {
				atLevels++
			}
		}
		switch {
		case granted > 0:
		case atLevels == 0:
			b.warnf("services", i, "Service grants nothing",
				"service %q has no action at access levels %s", prefix, levelNames(b.levels))
		default:
			b.warnf("services", i, "Service grants nothing",
				"exclude removes all %d actions of service %q at access levels %s", atLevels, prefix, levelNames(b.levels))
		}
	}
}

// ListSome lists up to five items, and how many more there are: enough for
// a message to name what it means without a wall of names.
func ListSome(items []string) string {
	const most = 5
	if len(items) <= most {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:most], ", "), len(items)-most)
}

func serviceList(prefixes []string) string {
	if len(prefixes) == 1 {
		return fmt.Sprintf("service %q", prefixes[0])
	}
	return fmt.Sprintf("the %d services its service part matches", len(prefixes))
}
