package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

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
	v, _ := p.m.LoadOrStore(catalog, &lazy[T]{})
	l, ok := v.(*lazy[T])
	if !ok {
		var zero T
		return zero, fmt.Errorf("per-catalog cache holds %T", v)
	}
	l.once.Do(func() { l.v, l.err = p.build(ctx, catalog) })
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
)

func expanderFor(ctx context.Context, catalog iam.Catalog) (*policy.Expander, error) {
	return expanders.get(ctx, catalog)
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
