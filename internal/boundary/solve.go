package boundary

import (
	"container/heap"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// maxPasses bounds the greedy passes of steps 2 and 3; each pass after the
// first only spends the room the Deny compaction freed, which shrinks fast.
const maxPasses = 6

type solver struct {
	ctx   context.Context
	ix    *index
	p     Problem
	cands []pick
	// chosen are the Allow patterns, by pattern (candidates and the
	// compactor spell a pattern alike); forced ones (Full actions) are
	// never dropped.
	chosen   map[string]*pick
	forced   map[string]bool
	covered  []int32 // covered[r]: chosen patterns matching rank r
	cross    []int32 // the cross-service ones among them
	excepted int     // Other ranks covered, which the Deny list names
	estimate int     // an upper bound of the document's size
	tabu     string  // a pattern swap has just dropped, which greedy must not take back
	compacts []*readonly.Compactor
}

func newSolver(ctx context.Context, ix *index, p Problem) *solver {
	n := len(ix.names)
	return &solver{
		ctx: ctx, ix: ix, p: p,
		chosen: map[string]*pick{}, forced: map[string]bool{},
		covered: make([]int32, n), cross: make([]int32, n),
		compacts: make([]*readonly.Compactor, len(ix.services)),
	}
}

func (s *solver) solve() (*Solution, error) {
	if s.p.Mode == readonly.WildcardsWord && s.p.Families == nil {
		return nil, fmt.Errorf("boundary: word mode needs the read families")
	}
	s.cands = s.ix.candidates(s.p.Mode, s.p.CrossService, s.p.Families)
	switch need := countChars(Document(nil, nil, s.p.Statements)); {
	case need > s.p.MaxChars && len(s.p.Statements) == 0:
		// Nothing the caller wrote is to blame: the budget cannot hold any document.
		return nil, &BudgetError{Kind: BudgetSmallest, What: "the Version and one statement granting one action",
			Need: countChars(Document([]string{s.cheapest()}, nil, nil)), Budget: s.p.MaxChars}
	case need > s.p.MaxChars:
		return nil, &BudgetError{Kind: BudgetStatements, What: "the statements alone", Need: need, Budget: s.p.MaxChars}
	}
	s.estimate = countChars(Document(nil, s.p.DenyWords, s.p.Statements))
	// Step 1: full names, then the required actions.
	for r, c := range s.ix.class {
		if c == Full {
			name := s.ix.names[r]
			s.add(&pick{pattern: name, cost: itemCost(name), lo: int32(r), hi: int32(r) + 1, svc: s.ix.svc[r]})
			s.forced[name] = true
		}
	}
	if len(s.chosen) > 0 {
		if err := s.measure(BudgetFull, "the actions include adds outside the access levels, with the statements,"); err != nil {
			return nil, err
		}
	}
	if s.requiredLeft() > 0 {
		s.greedy(true)
		if left := s.requiredLeft(); left > 0 {
			return nil, fmt.Errorf("boundary: %d required actions have no pattern that may grant them", left)
		}
		if err := s.measure(BudgetRequired, "the required actions, with the statements,"); err != nil {
			return nil, err
		}
	}
	if len(s.chosen) == 0 {
		if need := countChars(Document([]string{s.cheapest()}, s.p.DenyWords, s.p.Statements)); need > s.p.MaxChars {
			return nil, &BudgetError{Kind: BudgetSmallest, What: "the smallest document granting one action, with the statements,",
				Need: need, Budget: s.p.MaxChars}
		}
	}
	// Step 2: greedy passes.
	if err := s.fill(); err != nil {
		return nil, err
	}
	// Step 3: local improvement.
	s.dropRedundant()
	if err := s.recompact(); err != nil {
		return nil, err
	}
	if err := s.fill(); err != nil {
		return nil, err
	}
	s.dropRedundant()
	if err := s.swap(); err != nil {
		return nil, err
	}
	return s.solution()
}

// swapTrials bounds the drop-and-refill trials of swap: each costs a greedy
// pass over every candidate.
const swapTrials = 12

// swap tries, for the patterns that grant least for their cost, dropping
// one and refilling the room greedily; it keeps a trial that grants more.
func (s *solver) swap() error {
	if s.granted() == int(s.ix.targets[len(s.ix.class)])+s.fullCount() {
		return nil // everything fits: nothing to gain
	}
	type scored struct {
		p   *pick
		eff float64
	}
	var worst []scored
	for _, p := range s.sortedPicks() {
		if s.forced[p.pattern] {
			continue
		}
		unique, cost := 0, p.cost
		s.ix.each(p, func(r int32) {
			switch {
			case s.covered[r] == 1 && s.ix.class[r] == Target:
				unique++
			case s.covered[r] == 1 && s.ix.class[r] == Other:
				cost += itemCost(s.ix.names[r])
			}
		})
		if s.requiredBy(p) {
			continue
		}
		worst = append(worst, scored{p, float64(unique) / float64(cost)})
	}
	sort.SliceStable(worst, func(a, b int) bool { return worst[a].eff < worst[b].eff })
	for k := 0; k < len(worst) && k < swapTrials; k++ {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		before, saved := s.granted(), s.save()
		s.remove(worst[k].p)
		if err := s.measure(0, ""); err != nil {
			return err
		}
		s.tabu = worst[k].p.pattern
		err := s.fillPasses(2) // the room is one pattern's: two passes spend it
		s.tabu = ""
		if err != nil {
			return err
		}
		if s.granted() <= before {
			s.restore(saved)
		}
	}
	return nil
}

// requiredBy reports whether dropping p would leave a required action
// without a pattern.
func (s *solver) requiredBy(p *pick) bool {
	needed := false
	s.ix.each(p, func(r int32) {
		if s.ix.required[r] && s.covered[r] == 1 {
			needed = true
		}
	})
	return needed
}

func (s *solver) fullCount() int {
	n := 0
	for _, c := range s.ix.class {
		if c == Full {
			n++
		}
	}
	return n
}

func (s *solver) granted() int {
	n := 0
	for r, c := range s.ix.class {
		if (c == Target || c == Full) && s.covered[r] > 0 {
			n++
		}
	}
	return n
}

// snapshot is the solver's choice, to restore after a failed trial.
type snapshot struct {
	chosen            map[string]*pick
	covered, cross    []int32
	excepted, estimat int
}

func (s *solver) save() snapshot {
	chosen := make(map[string]*pick, len(s.chosen))
	for k, v := range s.chosen {
		chosen[k] = v
	}
	return snapshot{chosen, append([]int32(nil), s.covered...), append([]int32(nil), s.cross...), s.excepted, s.estimate}
}

func (s *solver) restore(x snapshot) {
	s.chosen, s.covered, s.cross, s.excepted, s.estimate = x.chosen, x.covered, x.cross, x.excepted, x.estimat
}

// cheapest is the shortest full name of a target action: the smallest
// pattern that needs no exception.
func (s *solver) cheapest() string {
	best := ""
	for i := range s.cands {
		if p := s.cands[i].pattern; !iam.HasWildcard(p) && (best == "" || len(p) < len(best)) {
			best = p
		}
	}
	return best
}

func (s *solver) requiredLeft() int {
	n := 0
	for r, req := range s.ix.required {
		if req && s.covered[r] == 0 {
			n++
		}
	}
	return n
}

// add chooses a pattern, adding its cost to the size estimate.
func (s *solver) add(p *pick) {
	delta := p.cost
	if len(s.chosen) == 0 {
		delta += statementOverhead
	}
	wasExcepted := s.excepted
	s.ix.each(p, func(r int32) {
		if s.covered[r] == 0 && s.ix.class[r] == Other {
			delta += itemCost(s.ix.names[r])
			s.excepted++
		}
		s.covered[r]++
		if p.cross {
			s.cross[r]++
		}
	})
	if wasExcepted == 0 && s.excepted > 0 && len(s.p.DenyWords) == 0 {
		delta += statementOverhead
	}
	s.chosen[p.pattern] = p
	s.estimate += delta
}

func (s *solver) remove(p *pick) {
	delete(s.chosen, p.pattern)
	s.ix.each(p, func(r int32) {
		s.covered[r]--
		if p.cross {
			s.cross[r]--
		}
		if s.covered[r] == 0 && s.ix.class[r] == Other {
			s.excepted--
		}
	})
}

// rate is what choosing p would add: the actions it newly grants (the
// required ones only, when required) and its cost with the exceptions it
// drags in.
func (s *solver) rate(p *pick, required bool) (gain, cost int) {
	cost = p.cost
	if len(s.chosen) == 0 {
		cost += statementOverhead
	}
	excepts := false
	s.ix.each(p, func(r int32) {
		if s.covered[r] != 0 {
			return
		}
		switch {
		case s.ix.class[r] == Other:
			cost += itemCost(s.ix.names[r])
			excepts = true
		case s.ix.class[r] == Target && (!required || s.ix.required[r]):
			gain++
		}
	})
	if excepts && s.excepted == 0 && len(s.p.DenyWords) == 0 {
		cost += statementOverhead
	}
	return gain, cost
}

// rated is a candidate in the greedy's queue, by gain ÷ cost.
type rated struct {
	ratio float64
	cand  int
}

type queue []rated

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if q[i].ratio != q[j].ratio {
		return q[i].ratio > q[j].ratio
	}
	return q[i].cand < q[j].cand
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any) {
	if r, ok := x.(rated); ok {
		*q = append(*q, r)
	}
}
func (q *queue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// greedy adds candidates by gain ÷ cost while any gains: within the
// budget, or, when required, until the required actions are covered
// whatever the budget. It reports whether it added any.
func (s *solver) greedy(required bool) bool {
	q := make(queue, 0, len(s.cands))
	room := s.p.MaxChars - s.estimate
	for i := range s.cands {
		if s.chosen[s.cands[i].pattern] != nil || s.cands[i].pattern == s.tabu || !required && s.cands[i].cost > room {
			continue // chosen, just dropped, or too big for the room left whatever it shares
		}
		if g, c := s.rate(&s.cands[i], required); g > 0 {
			q = append(q, rated{float64(g) / float64(c), i})
		}
	}
	heap.Init(&q)
	added := false
	for q.Len() > 0 {
		top, _ := heap.Pop(&q).(rated) // the queue holds nothing else
		p := &s.cands[top.cand]
		g, c := s.rate(p, required)
		if g == 0 {
			continue
		}
		if r := float64(g) / float64(c); q.Len() > 0 && r < q[0].ratio {
			heap.Push(&q, rated{r, top.cand}) // stale: re-rated, it waits its turn
			continue
		}
		if !required && s.estimate+c > s.p.MaxChars {
			continue // too big for the room left; smaller ones may fit
		}
		s.add(p)
		added = true
		if required && s.requiredLeft() == 0 {
			break
		}
	}
	return added
}

// fill runs greedy passes, measuring the document exactly after each, so
// that the next pass spends what the Deny compaction saved.
func (s *solver) fill() error { return s.fillPasses(maxPasses) }

func (s *solver) fillPasses(passes int) error {
	for pass := 0; pass < passes; pass++ {
		if err := s.ctx.Err(); err != nil {
			return err
		}
		added := s.greedy(false)
		if err := s.measure(0, ""); err != nil {
			return err
		}
		if !added {
			break
		}
	}
	return nil
}

// measure sets the estimate to the document's exact size; with what set,
// it is an error for the document to exceed the budget.
func (s *solver) measure(kind BudgetKind, what string) error {
	allow, deny, err := s.patterns()
	if err != nil {
		return err
	}
	s.estimate = countChars(Document(allow, deny, s.p.Statements))
	if s.estimate > s.p.MaxChars {
		if what == "" {
			return fmt.Errorf("boundary: the document has %d characters, over the budget of %d it was built for", s.estimate, s.p.MaxChars)
		}
		return &BudgetError{Kind: kind, What: what, Need: s.estimate, Budget: s.p.MaxChars}
	}
	return nil
}

// patterns are the Allow patterns chosen and the Deny list they need.
func (s *solver) patterns() (allow, deny []string, err error) {
	for _, p := range s.chosen {
		allow = append(allow, p.pattern)
	}
	sort.Strings(allow)
	deny, err = s.denyList()
	return allow, deny, err
}

// denyList covers the Other actions the Allow patterns match, per service,
// with wildcards that reach only actions nothing allows (step 4).
func (s *solver) denyList() ([]string, error) {
	var out []string
	mode := s.p.Mode
	for i, svc := range s.ix.services {
		lo, hi := s.ix.lo[i], s.ix.lo[i+1]
		var want, free []bool
		for r := lo; r < hi; r++ {
			if s.ix.class[r] == Other && s.covered[r] > 0 {
				if want == nil {
					want, free = make([]bool, hi-lo), make([]bool, hi-lo)
				}
				want[r-lo] = true
			}
		}
		if want == nil {
			continue
		}
		for r := lo; r < hi; r++ {
			free[r-lo] = s.ix.class[r] == Other || s.ix.blocked[r] // denying what a deny word blocks changes nothing
		}
		c, err := s.compactor(i)
		if err != nil {
			return nil, err
		}
		patterns, err := c.Cover(want, free, mode)
		if err != nil {
			return nil, fmt.Errorf("boundary: Deny list of %q: %w", svc.Prefix, err)
		}
		out = append(out, patterns...)
	}
	out = append(out, s.p.DenyWords...)
	sort.Strings(out)
	return out, nil
}

func (s *solver) compactor(i int) (*readonly.Compactor, error) {
	if s.compacts[i] == nil {
		c, err := readonly.NewCompactor(s.ix.services[i])
		if err != nil {
			return nil, fmt.Errorf("boundary: %w", err)
		}
		s.compacts[i] = c
	}
	return s.compacts[i], nil
}

// dropRedundant removes every pattern all of whose target actions others
// grant too, fewest targets first.
func (s *solver) dropRedundant() {
	picks := s.sortedPicks()
	sort.SliceStable(picks, func(a, b int) bool { return picks[a].targets < picks[b].targets })
	for _, p := range picks {
		if s.forced[p.pattern] {
			continue
		}
		needed := false
		s.ix.each(p, func(r int32) {
			if s.covered[r] == 1 && (s.ix.class[r] == Target || s.ix.class[r] == Full) {
				needed = true
			}
		})
		if !needed {
			s.remove(p)
		}
	}
}

func (s *solver) sortedPicks() []*pick {
	out := make([]*pick, 0, len(s.chosen))
	for _, p := range s.chosen {
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].pattern < out[b].pattern })
	return out
}

// recompact re-covers, service by service, the target actions that only
// the service's own patterns grant, with the compactor's cheapest cover
// that reaches no action outside what is granted, denied or allowed by the
// caller already; it keeps the cheaper of the old and new patterns.
func (s *solver) recompact() error {
	own := map[int32][]*pick{}
	for _, p := range s.sortedPicks() {
		if !p.cross && !s.forced[p.pattern] {
			own[p.svc] = append(own[p.svc], p)
		}
	}
	for i, svc := range s.ix.services {
		old := own[int32(i)]
		if len(old) == 0 {
			continue
		}
		lo, hi := s.ix.lo[i], s.ix.lo[i+1]
		want, free := make([]bool, hi-lo), make([]bool, hi-lo)
		oldCost := 0
		for _, p := range old {
			oldCost += p.cost
		}
		for r := lo; r < hi; r++ {
			c := s.ix.class[r]
			want[r-lo] = c == Target && s.covered[r] > 0 && s.cross[r] == 0
			free[r-lo] = c == Target || c == Neutral || (c == Other && s.cross[r] > 0)
			if c == Other && s.covered[r] > 0 && s.cross[r] == 0 {
				oldCost += itemCost(s.ix.names[r]) // an exception only the service's own patterns need
			}
		}
		c, err := s.compactor(i)
		if err != nil {
			return err
		}
		if s.p.Mode == readonly.WildcardsWord {
			c = c.WithFamilies(s.p.Families)
		}
		patterns, err := c.Cover(want, free, s.p.Mode)
		if err != nil {
			return fmt.Errorf("boundary: Allow list of %q: %w", svc.Prefix, err)
		}
		newCost := 0
		for _, pat := range patterns {
			newCost += itemCost(pat)
		}
		if newCost >= oldCost {
			continue
		}
		for _, p := range old {
			s.remove(p)
		}
		for _, pat := range patterns {
			p := s.ix.servicePick(i, pat)
			if s.chosen[p.pattern] == nil {
				s.add(p)
			}
		}
	}
	return s.measure(0, "")
}

// servicePick is the pick of a pattern the compactor wrote for service i:
// an exact name or "svc:P*".
func (ix *index) servicePick(i int, pattern string) *pick {
	svc := ix.services[i]
	name := pattern[len(svc.Prefix)+1:]
	stem, star := strings.CutSuffix(name, "*")
	lo := sort.Search(len(svc.Actions), func(j int) bool { return iam.CompareFold(svc.Actions[j].Name, stem) >= 0 })
	hi := lo
	for hi < len(svc.Actions) && (star && hasPrefixFold(svc.Actions[hi].Name, stem) || !star && hi == lo && strings.EqualFold(svc.Actions[hi].Name, stem)) {
		hi++
	}
	p := &pick{pattern: pattern, cost: itemCost(pattern), lo: ix.lo[i] + int32(lo), hi: ix.lo[i] + int32(hi), svc: int32(i)}
	for r := p.lo; r < p.hi; r++ {
		if ix.class[r] == Target {
			p.targets++
		}
	}
	return p
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (s *solver) solution() (*Solution, error) {
	allow, deny, err := s.patterns()
	if err != nil {
		return nil, err
	}
	doc := Document(allow, deny, s.p.Statements)
	n := countChars(doc)
	if n > s.p.MaxChars {
		return nil, fmt.Errorf("boundary: the document has %d characters, over the budget of %d it was built for", n, s.p.MaxChars)
	}
	granted := 0
	for r, c := range s.ix.class {
		if (c == Target || c == Full) && s.covered[r] > 0 {
			granted++
		}
	}
	return &Solution{PolicyJSON: doc, Chars: n, Allow: allow, Deny: deny, Granted: granted}, nil
}

// UpperBound bounds how many target actions (Full ones included) any
// document built from the candidates can grant within the budget: every
// pattern's cost is shared among the target actions it matches, so a
// document granting a set of actions costs at least the sum of their
// cheapest shares, plus the statements and one Allow statement. Exceptions
// are counted as free, which only loosens the bound.
func UpperBound(p Problem) (int, error) {
	ix, err := newIndex(p)
	if err != nil {
		return 0, err
	}
	if p.Mode == readonly.WildcardsWord && p.Families == nil {
		return 0, fmt.Errorf("boundary: word mode needs the read families")
	}
	share := make([]float64, len(ix.names))
	for r := range share {
		share[r] = -1
	}
	for _, c := range ix.candidates(p.Mode, p.CrossService, p.Families) {
		each := float64(c.cost) / float64(c.targets)
		ix.each(&c, func(r int32) {
			if ix.class[r] == Target && (share[r] < 0 || each < share[r]) {
				share[r] = each
			}
		})
	}
	room := float64(p.MaxChars - countChars(Document(nil, p.DenyWords, p.Statements)) - statementOverhead + 2)
	bound := 0
	var shares []float64
	for r, c := range ix.class {
		switch {
		case c == Full:
			room -= float64(itemCost(ix.names[r]))
			bound++
		case c == Target && share[r] >= 0:
			shares = append(shares, share[r])
		}
	}
	sort.Float64s(shares)
	for _, x := range shares {
		if room < x {
			break
		}
		room -= x
		bound++
	}
	return bound, nil
}
