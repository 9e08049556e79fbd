package provider

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// perCatalog keeps one T per catalog, built on first use: policy expanders
// and validators read the whole catalog when built, so every data source
// and function of a process shares them.
type perCatalog[T any] struct {
	build func(context.Context, iam.Catalog) (T, error)
	m     sync.Map // iam.Catalog -> *lazy[T]
}

type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (p *perCatalog[T]) get(ctx context.Context, catalog iam.Catalog) (T, error) {
	return getLazy(ctx, &p.m, catalog, func(ctx context.Context) (T, error) { return p.build(ctx, catalog) })
}

// getLazy returns the T stored under key in m, built once.
func getLazy[T any](ctx context.Context, m *sync.Map, key any, build func(context.Context) (T, error)) (T, error) {
	v, _ := m.LoadOrStore(key, &lazy[T]{})
	l, ok := v.(*lazy[T])
	if !ok {
		var zero T
		return zero, fmt.Errorf("per-catalog cache holds %T", v)
	}
	l.once.Do(func() { l.v, l.err = build(ctx) })
	return l.v, l.err
}

var (
	expanders  = perCatalog[*policy.Expander]{build: policy.NewExpander}
	validators = perCatalog[*validation.Validator]{build: func(ctx context.Context, catalog iam.Catalog) (*validation.Validator, error) {
		exp, err := expanders.get(ctx, catalog) // one expander per catalog, shared with the expansion data sources
		if err != nil {
			return nil, err
		}
		return validation.New(ctx, catalog, exp)
	}}
	// scopedExpanders are expanders over part of a live catalog, by the
	// services they read (policy.Scope.Key).
	scopedExpanders sync.Map
	scopedCount     atomic.Int32
)

// maxScopedExpanders bounds the scoped expanders a process keeps; past it,
// each question builds its own, which costs only the time.
const maxScopedExpanders = 256

type scopeKey struct {
	catalog iam.Catalog
	scope   string
}

// expanderFor returns an expander that knows every service need names.
// The embedded snapshot is read whole, once per process; a live source
// pays a request per service, so there a question reads the services its
// patterns name, and every one only for "*", NotAction or a service
// wildcard that matches them all.
func expanderFor(ctx context.Context, catalog iam.Catalog, need policy.Need) (*policy.Expander, error) {
	if catalog.Source() == embedded.SourceName {
		return expanders.get(ctx, catalog)
	}
	scope, err := need.Resolve(ctx, catalog)
	switch {
	case err != nil:
		return nil, err
	case scope.All:
		return expanders.get(ctx, catalog)
	}
	build := func(ctx context.Context) (*policy.Expander, error) {
		return policy.NewScopedExpander(ctx, catalog, scope)
	}
	key := scopeKey{catalog, scope.Key()}
	if _, ok := scopedExpanders.Load(key); !ok && scopedCount.Add(1) > maxScopedExpanders {
		return build(ctx)
	}
	return getLazy(ctx, &scopedExpanders, key, build)
}

// needOfEach is what expanding the action patterns of every item needs;
// unknown and null ones are refused elsewhere.
func needOfEach[T any](items []T, actions func(T) []types.String) policy.Need {
	var patterns []string
	for _, item := range items {
		for _, a := range actions(item) {
			if !a.IsNull() && !a.IsUnknown() {
				patterns = append(patterns, a.ValueString())
			}
		}
	}
	return policy.NeedOf(patterns...)
}

// addPolicyDiagnostics reports the policy package's findings against the
// attribute that holds the document, with the JSON path in the text.
func addPolicyDiagnostics(diags *diag.Diagnostics, at path.Path, found policy.Diagnostics) {
	for _, d := range found {
		detail := d.Detail
		if d.Path != "" {
			detail = d.Path + ": " + detail
		}
		if d.Severity == policy.SeverityError {
			addAttributeError(diags, at, d.Summary, detail)
		} else {
			addAttributeWarning(diags, at, d.Summary, detail)
		}
	}
}
