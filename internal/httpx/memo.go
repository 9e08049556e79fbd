package httpx

import (
	"context"
	"sync"
)

// Memo caches the successful result of a computation per key and shares
// one run among concurrent callers. Failures are not kept, so the next
// caller tries again.
type Memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*memoEntry[V]
}

type memoEntry[V any] struct {
	done chan struct{}
	val  V
	err  error
}

// Get returns the cached value for key, or runs fn once for all callers.
// fn runs detached from the caller's cancellation, so one impatient caller
// does not fail the others; a caller whose ctx ends stops waiting.
func (m *Memo[K, V]) Get(ctx context.Context, key K, fn func(context.Context) (V, error)) (V, error) {
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[K]*memoEntry[V])
	}
	e, ok := m.m[key]
	if !ok {
		e = &memoEntry[V]{done: make(chan struct{})}
		m.m[key] = e
		go m.run(context.WithoutCancel(ctx), key, e, fn)
	}
	m.mu.Unlock()
	select {
	case <-e.done:
		return e.val, e.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

func (m *Memo[K, V]) run(ctx context.Context, key K, e *memoEntry[V], fn func(context.Context) (V, error)) {
	e.val, e.err = fn(ctx)
	if e.err != nil {
		m.mu.Lock()
		if m.m[key] == e {
			delete(m.m, key)
		}
		m.mu.Unlock()
	}
	close(e.done)
}

// Peek returns the value for key if it has been computed successfully.
func (m *Memo[K, V]) Peek(key K) (V, bool) {
	m.mu.Lock()
	e, ok := m.m[key]
	m.mu.Unlock()
	if ok {
		select {
		case <-e.done:
			return e.val, e.err == nil
		default:
		}
	}
	var zero V
	return zero, false
}

// Forget drops the value for key if it is complete and same says it is the
// one the caller saw; a newer or pending value stays.
func (m *Memo[K, V]) Forget(key K, same func(V) bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	if !ok {
		return
	}
	select {
	case <-e.done:
		if e.err == nil && same(e.val) {
			delete(m.m, key)
		}
	default:
	}
}
