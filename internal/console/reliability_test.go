package console

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
)

// somePrefixes returns n service prefixes from the snapshot.
func somePrefixes(t testing.TB, n int) []string {
	summaries, err := embedded.Default().Services(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, summaries[i*len(summaries)/n].Prefix)
	}
	return out
}

// readConcurrently reads each prefix from its own goroutine, each prefix
// twice, and returns the first error.
func readConcurrently(c *Catalog, prefixes []string) error {
	var wg sync.WaitGroup
	errs := make(chan error, 2*len(prefixes))
	for _, p := range append(append([]string(nil), prefixes...), prefixes...) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Service(context.Background(), p); err != nil {
				errs <- fmt.Errorf("%s: %w", p, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func TestConcurrentReadsSignInOnce(t *testing.T) {
	fake := consolefake.New(t)
	c := newCatalog(t, fakeConfig(fake))
	prefixes := somePrefixes(t, 50)
	if err := readConcurrently(c, prefixes); err != nil {
		t.Fatal(err)
	}
	st := fake.Stats()
	if st.SignIns != 1 || st.FederationTokens != 1 || st.HomePages != 1 {
		t.Errorf("want exactly one sign-in: %v", st)
	}
	if len(st.Actions) != 50 {
		t.Errorf("actions asked for %d keys, want 50", len(st.Actions))
	}
	for key, n := range st.Actions {
		if n != 1 {
			t.Errorf("actions(%s) asked %d times", key, n)
		}
	}
	if st.API["services"] != 1 || st.API["resources"] != 1 || st.API["contextKeys"] != 1 {
		t.Errorf("shared lists fetched more than once: %v", st.API)
	}
}

// TestRetries: throttling, 5xx and dropped connections are retried, at
// every step of the flow, and then the call succeeds.
func TestRetries(t *testing.T) {
	for _, tc := range []struct {
		target string
		times  int
		fault  consolefake.Fault
	}{
		{"services", 2, consolefake.Status(503)},
		{"services", 1, consolefake.Status(500)},
		{"services", 1, consolefake.Status(502)},
		{"services", 1, consolefake.Status(504)},
		{"services", 2, consolefake.Throttle("0")},
		{"services", 2, consolefake.Kind(consolefake.FaultReset)},
		{"actions", 3, consolefake.Status(503)},
		{consolefake.TargetSTS, 1, consolefake.Status(500)},
		{consolefake.TargetGetSigninToken, 2, consolefake.Status(503)},
		{consolefake.TargetGetSigninToken, 1, consolefake.Kind(consolefake.FaultReset)},
		{consolefake.TargetLogin, 1, consolefake.Status(502)},
		{consolefake.TargetHome, 1, consolefake.Kind(consolefake.FaultReset)},
	} {
		t.Run(fmt.Sprintf("%s %dx %v", tc.target, tc.times, tc.fault), func(t *testing.T) {
			fake := consolefake.New(t)
			fake.Fail(tc.target, tc.times, tc.fault)
			c := newCatalog(t, fakeConfig(fake))
			if _, err := c.Service(t.Context(), "s3"); err != nil {
				t.Fatalf("not recovered: %v", err)
			}
			st := fake.Stats()
			if st.SignIns != 1 {
				t.Errorf("%d sign-ins", st.SignIns)
			}
			if n, ok := st.API[tc.target]; ok && n != tc.times+1 {
				t.Errorf("%s called %d times, want %d", tc.target, n, tc.times+1)
			}
		})
	}
}

func TestRetriesGiveUp(t *testing.T) {
	fake := consolefake.New(t)
	fake.Fail("services", -1, consolefake.Status(503))
	cfg := fakeConfig(fake)
	_, err := newCatalog(t, cfg).Services(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "gave up after 5 attempts") || !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("want ErrUnavailable after 5 attempts, got %v", err)
	}
	if n := fake.Stats().API["services"]; n != 5 {
		t.Errorf("%d attempts, want 5", n)
	}
	fake2 := consolefake.New(t)
	fake2.Fail("services", -1, consolefake.Status(503))
	cfg2 := fakeConfig(fake2)
	cfg2.Limits.MaxRetries = -1
	if _, err := newCatalog(t, cfg2).Services(t.Context()); !errors.Is(err, ErrUnavailable) || fake2.Stats().API["services"] != 1 {
		t.Errorf("MaxRetries -1 must try once: %v, %v", err, fake2.Stats().API)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Run("honoured", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", 1, consolefake.Throttle("1"))
		cfg := fakeConfig(fake)
		cfg.Limits.RetryMaxDelay = 5 * time.Second
		start := time.Now()
		if _, err := newCatalog(t, cfg).Services(t.Context()); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < 900*time.Millisecond {
			t.Errorf("retried after %s, before the server's Retry-After of 1s", d)
		}
	})
	t.Run("capped", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", 1, consolefake.Throttle("3600"))
		start := time.Now()
		if _, err := newCatalog(t, fakeConfig(fake)).Services(t.Context()); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("waited %s: Retry-After must be capped at RetryMaxDelay", d)
		}
	})
	t.Run("beyond the deadline", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", -1, consolefake.Throttle("1"))
		cfg := fakeConfig(fake)
		cfg.Limits.RetryMaxDelay = time.Minute
		cfg.Limits.TotalTimeout = 300 * time.Millisecond
		start := time.Now()
		_, err := newCatalog(t, cfg).Services(t.Context())
		if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "deadline") || time.Since(start) > 2*time.Second {
			t.Errorf("want a prompt deadline error, got %v after %s", err, time.Since(start))
		}
	})
}

func TestTimeouts(t *testing.T) {
	t.Run("slow header then success", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", 1, consolefake.Slow(3*time.Second))
		cfg := fakeConfig(fake)
		cfg.Limits.HeaderTimeout = 100 * time.Millisecond
		start := time.Now()
		if _, err := newCatalog(t, cfg).Services(t.Context()); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %s: the header timeout did not cut the slow attempt", d)
		}
	})
	t.Run("total deadline", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", -1, consolefake.Slow(3*time.Second))
		cfg := fakeConfig(fake)
		cfg.Limits.RequestTimeout = 100 * time.Millisecond
		cfg.Limits.TotalTimeout = 400 * time.Millisecond
		start := time.Now()
		_, err := newCatalog(t, cfg).Services(t.Context())
		if !errors.Is(err, ErrUnavailable) || time.Since(start) > 2*time.Second {
			t.Errorf("want ErrUnavailable within the deadline, got %v after %s", err, time.Since(start))
		}
	})
	t.Run("caller cancels", func(t *testing.T) {
		fake := consolefake.New(t)
		fake.Fail("services", -1, consolefake.Slow(3*time.Second))
		cfg := fakeConfig(fake)
		cfg.Limits.TotalTimeout = 500 * time.Millisecond // bounds the fetch that goes on for other callers
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := newCatalog(t, cfg).Services(ctx)
		if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
			t.Errorf("want the caller's deadline promptly, got %v after %s", err, time.Since(start))
		}
	})
}

// TestExpiredSessionSignsInAgainOnce: the console refusing a session, by
// 401 or by a redirect to its login page, costs one fresh sign-in, shared
// by all the callers that noticed.
func TestExpiredSessionSignsInAgainOnce(t *testing.T) {
	for name, expiry := range map[string]consolefake.Expiry{"401": consolefake.ExpiryUnauthorized, "redirect": consolefake.ExpiryRedirect} {
		t.Run(name, func(t *testing.T) {
			fake := consolefake.New(t, consolefake.WithExpiry(expiry))
			c := newCatalog(t, fakeConfig(fake))
			if _, err := c.Services(t.Context()); err != nil {
				t.Fatal(err)
			}
			fake.ExpireSessions()
			if err := readConcurrently(c, somePrefixes(t, 20)); err != nil {
				t.Fatal(err)
			}
			st := fake.Stats()
			if st.SignIns != 2 || st.Rejected == 0 {
				t.Errorf("want exactly one more sign-in after the expiry: %v", st)
			}
		})
	}
}

func TestRejectedFreshSessionIsAnError(t *testing.T) {
	fake := consolefake.New(t)
	fake.Fail("services", -1, consolefake.Kind(consolefake.FaultUnauthorized))
	_, err := newCatalog(t, fakeConfig(fake)).Services(t.Context())
	if !errors.Is(err, ErrSessionExpired) || !strings.Contains(err.Error(), "just signed in") || statusOfErr(err) != 401 {
		t.Errorf("want a clear session error, got %v", err)
	}
	if st := fake.Stats(); st.SignIns != 2 {
		t.Errorf("want one retry with a fresh session, got %d sign-ins", st.SignIns)
	}
}

func TestUnreachableEndpoint(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.Credentials = static(fake.RoleCredentials())
	cfg.SigninEndpoint = "http://127.0.0.1:1"
	cfg.Limits.MaxRetries = 1
	_, err := newCatalog(t, cfg).Services(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "gave up after 2 attempts") {
		t.Errorf("want ErrUnavailable after 2 attempts, got %v", err)
	}
}
