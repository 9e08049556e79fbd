package fit

import (
	"context"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

var (
	fitterOnce sync.Once
	fitter     *Fitter
	fitterErr  error
)

// testFitter is one fitter over the embedded catalog for every test.
func testFitter(t testing.TB) *Fitter {
	t.Helper()
	fitterOnce.Do(func() {
		ctx := context.Background()
		cat := embedded.Default()
		exp, err := policy.NewExpander(ctx, cat)
		if err != nil {
			fitterErr = err
			return
		}
		val, err := validation.New(ctx, cat, exp)
		if err != nil {
			fitterErr = err
			return
		}
		fitter, fitterErr = New(ctx, cat, exp, val)
	})
	if fitterErr != nil {
		t.Fatal(fitterErr)
	}
	return fitter
}

func parse(t testing.TB, src string) *policy.Document {
	t.Helper()
	doc, diags := policy.Parse(src)
	if doc == nil {
		t.Fatalf("parse: %v", diags)
	}
	return doc
}
