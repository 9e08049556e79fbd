package console

import (
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
)

// BenchmarkConcurrentServices measures a plan's worth of reads: a new
// catalog, then 50 goroutines reading 50 services (each twice). Without a
// disk cache every iteration signs in once and asks each service's actions
// once; with a warm disk cache it never goes to the console.
func BenchmarkConcurrentServices(b *testing.B) {
	for _, latency := range []time.Duration{0, 5 * time.Millisecond} {
		for _, disk := range []bool{false, true} {
			name := map[bool]string{false: "no-cache", true: "disk-cache"}[disk] + "/latency=" + latency.String()
			b.Run(name, func(b *testing.B) {
				fake := consolefake.New(b, consolefake.WithLatency(latency))
				cfg := fakeConfig(fake)
				if disk {
					cfg.CacheDir = b.TempDir()
					if err := readConcurrently(newCatalog(b, cfg), somePrefixes(b, 50)); err != nil {
						b.Fatal(err)
					}
				}
				prefixes := somePrefixes(b, 50)
				before := fake.Stats()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if err := readConcurrently(newCatalog(b, cfg), prefixes); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				after := fake.Stats()
				signIns := after.SignIns - before.SignIns
				wantSignIns := b.N
				if disk {
					wantSignIns = 0
				}
				if signIns != wantSignIns {
					b.Errorf("%d sign-ins in %d iterations, want %d", signIns, b.N, wantSignIns)
				}
				for key, n := range after.Actions {
					if per := n - before.Actions[key]; per > b.N {
						b.Errorf("actions(%s) asked %d times in %d iterations", key, per, b.N)
					}
				}
				b.ReportMetric(float64(signIns)/float64(b.N), "sign-ins/op")
				b.ReportMetric(float64(after.API["actions"]-before.API["actions"])/float64(b.N), "actions-calls/op")
			})
		}
	}
}
