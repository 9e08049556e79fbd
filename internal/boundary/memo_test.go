package boundary

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// A Memo shares one boundary among identical requests, concurrent ones
// included, and writes a different request anew.
func TestMemoSharesIdenticalRequests(t *testing.T) {
	ctx, e := t.Context(), enginesOf(t)
	var m Memo
	results := make([]*Result, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			res, _, err := m.Build(ctx, e.cat, e.exp, e.u, e.v, teamRequest)
			if err != nil {
				t.Error(err)
			}
			results[i] = res
		})
	}
	wg.Wait()
	for _, r := range results {
		if r == nil || r != results[0] {
			t.Fatalf("identical requests got different results: %p, %p", r, results[0])
		}
	}
	other := teamRequest
	other.MaxPolicyChars = 5000
	if res, _, err := m.Build(ctx, e.cat, e.exp, e.u, e.v, other); err != nil || res == results[0] {
		t.Errorf("another request shares the first's result (%v)", err)
	}
}

// A cancelled Build is not kept: the next caller writes the boundary.
func TestMemoForgetsAFailedBuild(t *testing.T) {
	e := enginesOf(t)
	var m Memo
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	if _, _, err := m.Build(cancelled, e.cat, e.exp, e.u, e.v, teamRequest); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v, want context.Canceled", err)
	}
	if res, diags, err := m.Build(t.Context(), e.cat, e.exp, e.u, e.v, teamRequest); err != nil || res == nil {
		t.Errorf("after a cancelled build: %v %v", err, diags)
	}
}

// The memo keeps the last memoSize boundaries, and forgets the oldest.
func TestMemoKeepsTheLatest(t *testing.T) {
	e := enginesOf(t)
	var m Memo
	first, _, err := m.Build(t.Context(), e.cat, e.exp, e.u, e.v, Request{Services: []string{"sqs"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range memoSize {
		if _, _, err := m.Build(t.Context(), e.cat, e.exp, e.u, e.v, Request{Services: []string{"sqs"}, MaxPolicyChars: 1000 + i}); err != nil {
			t.Fatal(err)
		}
	}
	if len(m.entries) != memoSize || len(m.order) != memoSize {
		t.Errorf("%d entries, %d in order, want %d", len(m.entries), len(m.order), memoSize)
	}
	again, _, err := m.Build(t.Context(), e.cat, e.exp, e.u, e.v, Request{Services: []string{"sqs"}})
	if err != nil || again == first {
		t.Errorf("the oldest boundary was kept past %d others (%v)", memoSize, err)
	}
}
