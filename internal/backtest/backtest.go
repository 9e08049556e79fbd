package backtest

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/boundary"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// TeamServices and TeamExclude are the typical team set of issue 11.
var (
	TeamServices = []string{"ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"}
	TeamExclude  = []string{"s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"}
)

// NaivePatterns are the prefix policy a reviewer writes by hand.
var NaivePatterns = []string{"*:List*", "*:Get*", "*:Describe*"}

// Policy names a document the backtest ages.
type Policy string

const (
	Default        Policy = "default boundary"
	PerService     Policy = "cross_service = false"
	Team           Policy = "team set"
	Naive          Policy = "naive *:List*, *:Get*, *:Describe*"
	ReadOnlyAccess Policy = "AWS ReadOnlyAccess"
)

// Policies are the rows of each window, in order.
var Policies = []Policy{Default, PerService, Team, Naive, ReadOnlyAccess}

// Cell is what one document, written from an older catalog, grants today.
type Cell struct {
	Policy Policy
	Chars  int
	// New are the actions added since that it grants; NewOutside those of
	// them outside List and Read today.
	New, NewOutside []string
	// Reclassified are the actions it grants that were List or Read then
	// and are neither today.
	Reclassified []string
	// Covered of Target: today's List and Read actions it grants (of the
	// target's services, for the team set).
	Covered, Target int
	// Vending are the actions it grants under a wildcard whose names
	// vend credentials by readonly.MatchesDenyWord.
	Vending []string
}

// Leak is what the window's table shows: the non-read actions granted
// today, added since plus reclassified since.
func (c Cell) Leak() int { return len(c.NewOutside) + len(c.Reclassified) }

// Coverage is Covered ÷ Target.
func (c Cell) Coverage() float64 { return float64(c.Covered) / float64(c.Target) }

// Result is one window's row of cells.
type Result struct {
	Window Window
	Added  int // actions added since
	Cells  []Cell
}

// Run ages every policy of every window (and of the snapshot itself, a
// window of nothing) against today's catalog.
func Run(ctx context.Context, today iam.Catalog, data *Data) ([]Result, error) {
	now, err := policy.NewExpander(ctx, today)
	if err != nil {
		return nil, err
	}
	levels, err := Current(ctx, today)
	if err != nil {
		return nil, err
	}
	latest, err := LatestReadOnlyAccess()
	if err != nil {
		return nil, err
	}
	words, err := denyWords(ctx, today)
	if err != nil {
		return nil, err
	}
	windows := append(append([]Window(nil), data.Windows...), Window{Version: data.Current, ReadOnlyAccess: PolicyDiff{Version: data.LatestReadOnlyAccess}})
	var out []Result
	for _, w := range windows {
		res, err := runWindow(ctx, today, now, levels, latest, words, w)
		if err != nil {
			return nil, fmt.Errorf("backtest %s: %w", w.Version, err)
		}
		out = append(out, *res)
	}
	return out, nil
}

func runWindow(ctx context.Context, today iam.Catalog, now *policy.Expander, levels map[string]iam.AccessLevel, latest []string, words []readonly.DenyWord, w Window) (*Result, error) {
	old, err := Older(ctx, today, w)
	if err != nil {
		return nil, err
	}
	exp, err := policy.NewExpander(ctx, old)
	if err != nil {
		return nil, err
	}
	services, err := readonly.AllServices(ctx, old)
	if err != nil {
		return nil, err
	}
	u, err := boundary.NewUniverse(services)
	if err != nil {
		return nil, err
	}
	v, err := validation.New(ctx, old, exp)
	if err != nil {
		return nil, err
	}
	then, err := w.levelsThen()
	if err != nil {
		return nil, err
	}
	a := ager{now: now, levels: levels, words: words, absent: w.absentSet(), then: then}
	res := &Result{Window: w, Added: w.AbsentCount()}
	every, team := a.listRead(nil), a.listRead(TeamServices)
	for _, p := range Policies {
		var doc string
		var allow []string
		target := every
		switch p {
		case Default, PerService, Team:
			req := boundary.Request{CrossService: p != PerService}
			if p == Team {
				req.Services, req.Exclude = TeamServices, TeamExclude
				target = team
			}
			b, diags, err := boundary.Build(ctx, old, exp, u, v, req)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			if b == nil {
				return nil, fmt.Errorf("%s: no boundary: %v", p, diags)
			}
			doc, allow = b.PolicyJSON, b.AllowPatterns
		case Naive:
			allow = NaivePatterns
			doc = boundary.Document(allow, nil, nil)
		case ReadOnlyAccess:
			allow = w.ReadOnlyAccess.Apply(latest)
			doc = boundary.Document(allow, nil, nil)
		}
		cell, err := a.age(p, doc, allow, target)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		res.Cells = append(res.Cells, *cell)
	}
	return res, nil
}

type ager struct {
	now    *policy.Expander
	levels map[string]iam.AccessLevel // today's, by full name
	words  []readonly.DenyWord
	// absent and then are the window's added actions and levels of then,
	// by lower-case full name.
	absent map[string]bool
	then   map[string]iam.AccessLevel
}

// listRead are today's List and Read actions of services (nil: all).
func (a *ager) listRead(services []string) map[string]bool {
	in := map[string]bool{}
	for _, s := range services {
		in[s] = true
	}
	out := map[string]bool{}
	for name, l := range a.levels {
		prefix, _, _ := strings.Cut(name, ":")
		if l.IsReadOnly() && (services == nil || in[prefix]) {
			out[name] = true
		}
	}
	return out
}

// age expands doc against today's catalog and counts what it grants.
func (a *ager) age(p Policy, doc string, allow []string, target map[string]bool) (*Cell, error) {
	res, diags := a.now.ExpandJSON(doc, policy.Options{UnknownActions: policy.UnknownIgnore})
	if res == nil || diags.HasError() {
		return nil, fmt.Errorf("the document does not expand today: %v", diags)
	}
	exact := map[string]bool{}
	for _, pat := range allow {
		if !iam.HasWildcard(pat) {
			exact[strings.ToLower(pat)] = true
		}
	}
	c := &Cell{Policy: p, Chars: readonly.CountChars(doc), Target: len(target)}
	for act := range res.Net.Allowed.All() {
		key := strings.ToLower(act.Name)
		if target[act.Name] {
			c.Covered++
		}
		if a.absent[key] {
			c.New = append(c.New, act.Name)
			if !act.Level.IsReadOnly() {
				c.NewOutside = append(c.NewOutside, act.Name)
			}
		}
		if l, ok := a.then[key]; ok && l.IsReadOnly() && !act.Level.IsReadOnly() {
			c.Reclassified = append(c.Reclassified, act.Name)
		}
		if !exact[key] && readonly.MatchesDenyWord(a.words, act.Name) {
			c.Vending = append(c.Vending, act.Name)
		}
	}
	sort.Strings(c.Vending)
	return c, nil
}

// LatestReadOnlyAccess are the Action patterns of AWS ReadOnlyAccess in
// the managed-policy corpus: the version the windows' differences start
// from.
func LatestReadOnlyAccess() ([]string, error) {
	all, err := managedpolicies.All()
	if err != nil {
		return nil, err
	}
	for _, p := range all {
		if p.Name == "ReadOnlyAccess" {
			return AllowedPatterns(p.Document)
		}
	}
	return nil, fmt.Errorf("the managed-policy corpus has no ReadOnlyAccess")
}

func denyWords(ctx context.Context, cat iam.Catalog) ([]readonly.DenyWord, error) {
	f, err := readonly.FamiliesOf(ctx, cat, iam.LevelSet(0).Add(iam.List).Add(iam.Read))
	if err != nil {
		return nil, err
	}
	return f.DenyWords(), nil
}
