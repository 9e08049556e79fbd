package boundary

import (
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// The budgets of issue 11: at most 1 s for every service, at most 20 ms for
// the team set, each after the catalog is decoded once per process.

func BenchmarkSolveAllServices(b *testing.B) {
	for _, c := range []struct {
		name  string
		mode  readonly.Wildcards
		cross bool
	}{{"word", readonly.WildcardsWord, true}, {"prefix", readonly.WildcardsPrefix, true}, {"word-per-service", readonly.WildcardsWord, false}} {
		b.Run(c.name, func(b *testing.B) {
			p, _ := problemFor(b, readonly.Options{Services: []string{"*"}}, c.mode, c.cross)
			benchSolve(b, p)
		})
	}
}

func BenchmarkSolveTeamSet(b *testing.B) {
	p, _ := problemFor(b, readonly.Options{Services: TeamServices, Exclude: TeamExclude}, readonly.WildcardsWord, true)
	benchSolve(b, p)
}

func benchSolve(b *testing.B, p Problem) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Solve(b.Context(), p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild times the data source's whole read after the first: the
// target set, the optimizer, and the expansions that check the document.
func BenchmarkBuild(b *testing.B) {
	ctx, e := b.Context(), enginesOf(b)
	for _, c := range []struct {
		name string
		req  Request
	}{
		{"every-service", Request{CrossService: true}},
		{"every-service-metadata", Request{ReadScope: "metadata", CrossService: true}},
		{"team-set", Request{Services: TeamServices, Exclude: TeamExclude, CrossService: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if res, diags, err := Build(ctx, e.cat, e.exp, e.u, e.v, c.req); err != nil || res == nil {
					b.Fatal(err, diags)
				}
			}
		})
	}
}

// BenchmarkMemo100 is a plan's 100 every-service boundaries through one
// Memo, ten at a time as Terraform reads them: one Build, 99 shared.
func BenchmarkMemo100(b *testing.B) {
	ctx, e := b.Context(), enginesOf(b)
	b.ReportAllocs()
	for b.Loop() {
		var m Memo
		var wg sync.WaitGroup
		work := make(chan struct{}, 100)
		for range 100 {
			work <- struct{}{}
		}
		close(work)
		for range 10 {
			wg.Go(func() {
				for range work {
					if res, diags, err := m.Build(ctx, e.cat, e.exp, e.u, e.v, Request{CrossService: true}); err != nil || res == nil {
						b.Error(err, diags)
					}
				}
			})
		}
		wg.Wait()
	}
}
