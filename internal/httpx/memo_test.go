package httpx

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestMemoSharesOneRun(t *testing.T) {
	var m Memo[string, int]
	var runs atomic.Int32
	release := make(chan struct{})
	fn := func(context.Context) (int, error) {
		if runs.Add(1) > 1 {
			return 0, errors.New("ran twice")
		}
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := m.Get(t.Context(), "k", fn); v != 42 || err != nil {
				t.Errorf("get = %d, %v", v, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if v, _ := m.Get(t.Context(), "k", fn); runs.Load() != 1 || v != 42 {
		t.Errorf("%d runs", runs.Load())
	}
}

func TestMemoForgetsFailures(t *testing.T) {
	var m Memo[string, int]
	calls := 0
	fn := func(context.Context) (int, error) {
		calls++
		if calls == 1 {
			return 0, errors.New("first fails")
		}
		return 7, nil
	}
	if _, err := m.Get(t.Context(), "k", fn); err == nil {
		t.Fatal("want the first failure")
	}
	if v, err := m.Get(t.Context(), "k", fn); v != 7 || err != nil || calls != 2 {
		t.Errorf("get after failure = %d, %v after %d calls", v, err, calls)
	}
	if _, ok := m.Peek("k"); !ok {
		t.Error("peek misses a computed value")
	}
}

// TestMemoCallerCancellation: a caller that gives up stops waiting, while
// the run goes on for the others.
func TestMemoCallerCancellation(t *testing.T) {
	var m Memo[string, int]
	release := make(chan struct{})
	fn := func(ctx context.Context) (int, error) {
		<-release
		return 1, ctx.Err()
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error)
	go func() { _, err := m.Get(ctx, "k", fn); done <- err }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("canceled caller got %v", err)
	}
	close(release)
	if v, err := m.Get(t.Context(), "k", fn); v != 1 || err != nil {
		t.Errorf("the run was canceled with its first caller: %d, %v", v, err)
	}
}

func TestMemoForgetOnlyTheValueSeen(t *testing.T) {
	var m Memo[struct{}, *int]
	one, two := 1, 2
	if _, err := m.Get(t.Context(), struct{}{}, func(context.Context) (*int, error) { return &one, nil }); err != nil {
		t.Fatal(err)
	}
	m.Forget(struct{}{}, func(v *int) bool { return v == &two })
	if v, ok := m.Peek(struct{}{}); !ok || v != &one {
		t.Fatal("forgot a value it was not shown")
	}
	m.Forget(struct{}{}, func(v *int) bool { return v == &one })
	if _, ok := m.Peek(struct{}{}); ok {
		t.Error("did not forget the value it was shown")
	}
}
