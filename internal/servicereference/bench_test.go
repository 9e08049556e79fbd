package servicereference

import (
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// BenchmarkColdService is a first plan reading s3 (a document of about
// 184 KB) through the fake on loopback: the index and the document are
// downloaded and decoded, and both written to a fresh disk cache.
func BenchmarkColdService(b *testing.B) {
	fake := srfake.New(b)
	b.ReportMetric(float64(fake.DocumentSize("s3"))/1024, "s3-KB")
	for i := 0; i < b.N; i++ {
		c := newCatalog(b, Config{Endpoint: fake.URL(), CacheDir: b.TempDir()})
		if _, err := c.Service(b.Context(), "s3"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWarmPlan is a later plan: a new process (catalog) reading 50
// data sources' worth of services (s3, ec2, iam) concurrently, every
// answer fresh in the disk cache, so no request is made.
func BenchmarkWarmPlan(b *testing.B) {
	fake := srfake.New(b)
	cfg := Config{Endpoint: fake.URL(), CacheDir: b.TempDir()}
	readPlan(b, newCatalog(b, cfg))
	before := fake.Stats().Requests
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		readPlan(b, newCatalog(b, cfg))
	}
	b.StopTimer()
	if n := fake.Stats().Requests - before; n != 0 {
		b.Errorf("a warm plan made %d requests", n)
	}
}

func readPlan(b *testing.B, c *Catalog) {
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Service(b.Context(), []string{"s3", "ec2", "iam"}[i%3]); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkEveryServiceCold reads the whole index and every service's
// document on a cold disk cache, eight at a time as iamv2_catalog_changes
// does, with the fake serving realistic sizes.
func BenchmarkEveryServiceCold(b *testing.B) {
	fake := srfake.New(b)
	services := fake.Services()
	total := 0
	for _, s := range services {
		total += fake.DocumentSize(s)
	}
	b.ReportMetric(float64(total)/(1<<20), "MiB-served")
	b.ReportMetric(float64(len(services)), "services")
	for i := 0; i < b.N; i++ {
		c := newCatalog(b, Config{Endpoint: fake.URL(), CacheDir: b.TempDir()})
		sem := make(chan struct{}, 8)
		var wg sync.WaitGroup
		for _, s := range services {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				if _, err := c.Service(b.Context(), s); err != nil {
					b.Error(err)
				}
			}()
		}
		wg.Wait()
	}
}
