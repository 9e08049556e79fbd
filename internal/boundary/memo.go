package boundary

import (
	"context"
	"encoding/json"
	"slices"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// memoSize bounds the boundaries a Memo keeps: each holds its granted
// actions, a few hundred kilobytes for every service.
const memoSize = 16

// Memo keeps the last boundaries Build wrote, by catalog and request.
// Terraform reads every data source of a plan in one provider process, and
// a module instantiated per account asks for the same boundary many times:
// the first read writes it, concurrent reads of the same one wait for it,
// later ones share it. A failed or cancelled Build is not kept. The zero
// Memo is ready; it is safe for concurrent use.
type Memo struct {
	mu      sync.Mutex
	entries map[memoKey]*memoEntry
	order   []memoKey // oldest first
}

// memoKey names a boundary: the Universe stands for its catalog (and its
// expander and validator), being built once per catalog.
type memoKey struct {
	u       *Universe
	version string
	request string
}

type memoEntry struct {
	done  chan struct{}
	res   *Result
	diags []readonly.Diagnostic
	err   error
}

// Build is Build, shared among identical requests over one catalog. Callers
// share the Result and must not modify it.
func (m *Memo) Build(ctx context.Context, cat iam.Catalog, exp *policy.Expander, u *Universe, v *validation.Validator, req Request) (*Result, []readonly.Diagnostic, error) {
	request, err := json.Marshal(req)
	if err != nil { // strings, numbers and booleans only
		return Build(ctx, cat, exp, u, v, req)
	}
	key := memoKey{u, cat.DataVersion(), string(request)}
	for {
		m.mu.Lock()
		e, ok := m.entries[key]
		if !ok {
			e = &memoEntry{done: make(chan struct{})}
			m.add(key, e)
			m.mu.Unlock()
			e.res, e.diags, e.err = Build(ctx, cat, exp, u, v, req)
			if e.err != nil {
				m.mu.Lock()
				if m.entries[key] == e {
					m.forget(key)
				}
				m.mu.Unlock()
			}
			close(e.done)
			return e.res, e.diags, e.err
		}
		m.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		}
		if e.err == nil {
			return e.res, e.diags, nil
		}
		// The first caller failed, perhaps cancelled: build it anew.
	}
}

// add keeps e, forgetting the oldest entry when the memo is full.
func (m *Memo) add(key memoKey, e *memoEntry) {
	if m.entries == nil {
		m.entries = map[memoKey]*memoEntry{}
	}
	m.entries[key] = e
	m.order = append(m.order, key)
	if len(m.order) > memoSize {
		m.forget(m.order[0])
	}
}

func (m *Memo) forget(key memoKey) {
	delete(m.entries, key)
	m.order = slices.DeleteFunc(m.order, func(k memoKey) bool { return k == key })
}
