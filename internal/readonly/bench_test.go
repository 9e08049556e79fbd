package readonly

import (
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
)

// The budgets: every service in at most 200 ms, one service in at most
// 5 ms. The catalog decodes each service once per process, so these time
// the work of a plan after the first read.

func BenchmarkBuildAllServices(b *testing.B) {
	for _, mode := range WildcardModes {
		b.Run(string(mode), func(b *testing.B) {
			benchBuild(b, Options{Services: []string{"*"}, Wildcards: mode})
		})
	}
}

func BenchmarkBuildTypicalServices(b *testing.B) {
	benchBuild(b, Options{Services: TypicalServices})
}

// BenchmarkBuildOneService uses ec2, the service with the most actions.
func BenchmarkBuildOneService(b *testing.B) {
	for _, mode := range WildcardModes {
		b.Run(string(mode), func(b *testing.B) {
			benchBuild(b, Options{Services: []string{"ec2"}, Wildcards: mode})
		})
	}
}

// BenchmarkBuildSplit2048 packs every service's full names into 2,048
// character policies, the case where in-order packing misses the bound.
func BenchmarkBuildSplit2048(b *testing.B) {
	benchBuild(b, Options{Services: []string{"*"}, Wildcards: WildcardsNone, MaxPolicyChars: 2048})
}

func benchBuild(b *testing.B, opts Options) {
	ctx := b.Context()
	if _, _, err := Build(ctx, embedded.Default(), opts); err != nil { // decode the services once
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, diags, err := Build(ctx, embedded.Default(), opts)
		if err != nil || res == nil {
			b.Fatal(err, diags)
		}
	}
}

func BenchmarkCompactEC2(b *testing.B) {
	svc, err := embedded.Default().Service(b.Context(), "ec2")
	if err != nil {
		b.Fatal(err)
	}
	want := levelWant(svc, listRead)
	for b.Loop() {
		if len(compact(svc, want, WildcardsWord, starRules{})) == 0 {
			b.Fatal("no patterns")
		}
	}
}
