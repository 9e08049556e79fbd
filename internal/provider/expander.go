package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// expanders holds one policy expander per catalog: building one reads the
// whole catalog, so every data source and function of a process shares it.
var expanders sync.Map // iam.Catalog -> *lazyExpander

type lazyExpander struct {
	once sync.Once
	e    *policy.Expander
	err  error
}

func expanderFor(ctx context.Context, catalog iam.Catalog) (*policy.Expander, error) {
	v, _ := expanders.LoadOrStore(catalog, &lazyExpander{})
	l, ok := v.(*lazyExpander)
	if !ok {
		return nil, fmt.Errorf("policy expander cache holds %T", v)
	}
	l.once.Do(func() { l.e, l.err = policy.NewExpander(ctx, catalog) })
	return l.e, l.err
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
