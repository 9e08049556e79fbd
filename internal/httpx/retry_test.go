package httpx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-3":                            0,
		"soon":                          0,
		"Fri, 02 Jan 2026 03:04:15 GMT": 10 * time.Second,
		"Fri, 02 Jan 2026 03:00:00 GMT": 0,
	} {
		h := map[string][]string{}
		if v != "" {
			h["Retry-After"] = []string{v}
		}
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q = %s, want %s", v, got, want)
		}
	}
}

func TestBackoffIsJitteredAndCapped(t *testing.T) {
	lim := Limits{RetryBaseDelay: 100 * time.Millisecond, RetryMaxDelay: time.Second}.WithDefaults()
	seen := map[time.Duration]bool{}
	for attempt := 0; attempt < 40; attempt++ {
		d := lim.backoff(attempt)
		full := min(100*time.Millisecond<<min(attempt, 20), time.Second)
		if d < full/2 || d > full {
			t.Errorf("attempt %d: %s outside [%s, %s]", attempt, d, full/2, full)
		}
		seen[d] = true
	}
	if len(seen) < 10 {
		t.Errorf("only %d distinct delays: no jitter", len(seen))
	}
}

// Every request names the provider and its version, unless the caller
// named something else.
func TestUserAgentOnEveryRequest(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.Header.Get("User-Agent"))
		if len(got) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := &Client{UserAgent: UserAgent("1.2.3"), Limits: Limits{RetryBaseDelay: time.Millisecond}}
	if _, err := c.Do(t.Context(), srv.Client(), func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "terraform-provider-iamv2/1.2.3" || got[1] != got[0] {
		t.Errorf("User-Agent per attempt = %q", got)
	}
}

// A body over the cap is refused, not truncated, and not retried.
func TestBodyOverTheCapIsRefused(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		_, _ = w.Write(make([]byte, 2048))
	}))
	defer srv.Close()
	c := &Client{Limits: Limits{MaxResponseBytes: 1024}}
	_, err := c.Do(t.Context(), srv.Client(), func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, srv.URL, nil)
	})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "exceeds 1024 bytes") || calls != 1 {
		t.Errorf("err = %v after %d calls", err, calls)
	}
}

func TestParseEndpointIsHTTPSOrLoopback(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://servicereference.us-east-1.amazonaws.com": true,
		"http://127.0.0.1:8080":                            true,
		"http://localhost:1/":                              true,
		"http://[::1]:9":                                   true,
		"http://example.com":                               false,
		"ftp://example.com":                                false,
		"https://user:pw@example.com":                      false,
		"https://example.com/?q=1":                         false,
		"example.com":                                      false,
	} {
		if _, err := ParseEndpoint("test", raw); (err == nil) != ok {
			t.Errorf("ParseEndpoint(%q) = %v, want ok=%v", raw, err, ok)
		}
	}
}
