package httpx

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The total wait counts the time at least one request is in flight, once
// however many are: concurrent requests share one deadline, and idle time
// between them is not counted.
func TestWaitClockCountsBusyTimeOnce(t *testing.T) {
	var w waitClock
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	if got := w.begin(at(0), 30*time.Second); !got.Equal(at(30)) {
		t.Errorf("first request's deadline %s", got)
	}
	if got := w.begin(at(5), 30*time.Second); !got.Equal(at(30)) {
		t.Errorf("a concurrent request's deadline %s, want the same as the first's", got)
	}
	w.end(at(8))
	w.end(at(10))
	if got := w.begin(at(100), 30*time.Second); !got.Equal(at(120)) {
		t.Errorf("after 10 s of waiting, the deadline is %s, want 20 s later", got)
	}
	w.end(at(120))
	if got := w.begin(at(200), 30*time.Second); !got.Before(at(201)) {
		t.Errorf("with the wait spent, the deadline %s is not past", got)
	}
}

// silentListener accepts connections on loopback and never answers: a
// blackholed endpoint, for at most as long as the test runs.
func silentListener(t *testing.T) (string, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns atomic.Int32
	var held []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			held = append(held, c)
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		<-done
		for _, c := range held {
			_ = c.Close()
		}
	})
	return "http://" + ln.Addr().String() + "/", &conns
}

// An endpoint that never answers costs at most the total wait, over all
// requests and retries: the request that hits it says so, and later ones
// fail without asking.
func TestTotalWaitBoundsAnEndpointThatNeverAnswers(t *testing.T) {
	url, conns := silentListener(t)
	c := &Client{Limits: Limits{TotalWait: 300 * time.Millisecond, RequestTimeout: time.Hour, RetryBaseDelay: time.Millisecond}}
	get := func() error {
		_, err := c.Do(t.Context(), http.DefaultClient, func(ctx context.Context) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		})
		return err
	}
	err := get()
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "the total wait of 300ms for the endpoint") {
		t.Fatalf("err = %v", err)
	}
	asked := conns.Load()
	err = get()
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "not asked: the total wait of 300ms for the endpoint is spent") {
		t.Errorf("a later request: %v", err)
	}
	if conns.Load() != asked {
		t.Errorf("a later request connected to the endpoint again")
	}
}
