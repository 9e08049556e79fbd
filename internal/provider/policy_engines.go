package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/boundary"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
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
	// scoped holds expanders and boundary universes over part of a live
	// catalog, by type, catalog and the services they read.
	scoped      sync.Map
	scopedCount atomic.Int32
)

// maxScoped bounds the scoped engines a process keeps; past it, each
// question builds its own, which costs only the time.
const maxScoped = 256

type scopeKey struct {
	engine  string
	catalog iam.Catalog
	scope   string
}

// expanderFor returns an expander that knows every service need names.
func expanderFor(ctx context.Context, catalog iam.Catalog, need policy.Need) (*policy.Expander, error) {
	return scopedFor(ctx, catalog, need, &expanders, func(ctx context.Context, scope policy.Scope) (*policy.Expander, error) {
		return policy.NewScopedExpander(ctx, catalog, scope)
	})
}

// scopedFor returns the engine for what need names of the catalog. The
// embedded snapshot is read whole, once per process, into full's engine; a
// live source pays a request per service, so there an engine reads the
// services a question names, and every one only for "*", NotAction or a
// service wildcard that matches them all.
func scopedFor[T any](ctx context.Context, catalog iam.Catalog, need policy.Need, full *perCatalog[T],
	build func(context.Context, policy.Scope) (T, error)) (T, error) {
	if catalog.Source() == embedded.SourceName {
		return full.get(ctx, catalog)
	}
	scope, err := need.Resolve(ctx, catalog)
	switch {
	case err != nil:
		var zero T
		return zero, err
	case scope.All:
		return full.get(ctx, catalog)
	}
	key := scopeKey{fmt.Sprintf("%T", full), catalog, scope.Key()}
	buildScope := func(ctx context.Context) (T, error) { return build(ctx, scope) }
	if _, ok := scoped.Load(key); !ok && scopedCount.Add(1) > maxScoped {
		return buildScope(ctx)
	}
	return getLazy(ctx, &scoped, key, buildScope)
}

// validatorFor returns a validator that knows every service need names. A
// validator reads every service its catalog lists, so on a live source a
// question about a few services gets one over those alone.
func validatorFor(ctx context.Context, catalog iam.Catalog, need policy.Need) (*validation.Validator, error) {
	return scopedFor(ctx, catalog, need, &validators, func(ctx context.Context, scope policy.Scope) (*validation.Validator, error) {
		exp, err := expanderFor(ctx, catalog, need)
		if err != nil {
			return nil, err
		}
		return validation.New(ctx, servicesOf{catalog, scope.Prefixes}, exp)
	})
}

// servicesNeed is what a document naming these services by exact prefix
// reads of the catalog.
func servicesNeed(prefixes []string) policy.Need {
	patterns := make([]string, len(prefixes))
	for i, p := range prefixes {
		patterns[i] = p + ":*"
	}
	return policy.NeedOf(patterns...)
}

// servicesOf is a catalog that lists only some services of another.
type servicesOf struct {
	iam.Catalog
	prefixes []string // sorted, as Services returns them
}

func (c servicesOf) Services(ctx context.Context) ([]iam.ServiceSummary, error) {
	all, err := c.Catalog.Services(ctx)
	if err != nil {
		return nil, err
	}
	var out []iam.ServiceSummary
	for _, s := range all {
		if _, found := slices.BinarySearch(c.prefixes, s.Prefix); found {
			out = append(out, s)
		}
	}
	return out, nil
}

// boundaryUniverseFor returns the optimizer's index of what need names of
// the catalog.
func boundaryUniverseFor(ctx context.Context, catalog iam.Catalog, need policy.Need) (*boundary.Universe, error) {
	return scopedFor(ctx, catalog, need, &universes, func(ctx context.Context, scope policy.Scope) (*boundary.Universe, error) {
		services := make([]*iam.Service, len(scope.Prefixes))
		for i, prefix := range scope.Prefixes {
			var err error
			if services[i], err = catalog.Service(ctx, prefix); err != nil {
				return nil, err
			}
		}
		return boundary.NewUniverse(services)
	})
}

// boundaryNeed is what a permission boundary reads of the catalog. Its
// cross-service patterns (cross_service) and its word-mode read families
// (wildcards = "word") are judged over every service; without them, the
// services its inputs name: services, include, exclude, required, the
// statements, and iam for the delegation guard.
func boundaryNeed(r boundary.Request) policy.Need {
	mode, err := readonly.ParseWildcards(string(r.Wildcards))
	if r.CrossService || err != nil || mode == readonly.WildcardsWord || len(r.Services) == 0 {
		return policy.NeedAll()
	}
	var patterns []string
	for _, list := range [][]string{r.Services, r.Include, r.Exclude, r.Required} {
		for _, p := range list {
			if !strings.Contains(p, ":") {
				p += ":*" // a service prefix, or a pattern on prefixes
			}
			patterns = append(patterns, p)
		}
	}
	if r.Guard != nil {
		patterns = append(patterns, "iam:*")
	}
	need := policy.NeedOf(patterns...)
	if statements := strings.TrimSpace(r.Statements); statements != "" {
		// Statement takes a list or one object, as statements does.
		// Statements that do not parse need nothing: the boundary refuses
		// them, so reading every service for them would be wasted.
		need.Add(policy.NeedToValidateJSON(`{"Version":"2012-10-17","Statement":` + statements + `}`))
	}
	return need
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
