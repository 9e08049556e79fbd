package provider

import (
	"context"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// wholeNumber validates a number input: a whole number from min to max.
// Number inputs are Number attributes rather than Int64 ones, since
// Terraform numbers have arbitrary precision and the framework refuses
// 100.5 or 1e30 for an Int64 attribute with a conversion error that names
// neither the attribute nor the rule.
type wholeNumber struct{ min, max int64 }

var _ validator.Number = wholeNumber{}

func (v wholeNumber) Description(context.Context) string {
	return fmt.Sprintf("a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumber) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v wholeNumber) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	f := req.ConfigValue.ValueBigFloat()
	if f.IsInt() && f.Cmp(new(big.Float).SetInt64(v.min)) >= 0 && f.Cmp(new(big.Float).SetInt64(v.max)) <= 0 {
		return
	}
	addAttributeError(&resp.Diagnostics, req.Path, "Invalid number",
		fmt.Sprintf("%s = %s: it must be %s.", req.Path, f.Text('g', -1), v.Description(ctx)))
}

// sizeLimit bounds a size quota override up to the largest document the
// policy parser reads.
var sizeLimit = wholeNumber{min: 1, max: 1 << 20}

// wholeValue is a validated whole number input, or fallback when null.
func wholeValue(f *big.Float, fallback int64) int64 {
	if f == nil {
		return fallback
	}
	n, _ := f.Int64()
	return n
}
