package provider

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// maxOutputValues bounds the values (list elements and map entries) one data
// source may return. Terraform core carries every one of them through plan
// and state, at a cost of about 100 bytes and a few microseconds each, so a
// result past this takes tens of seconds and gigabytes to plan: it is
// refused with the option that asks for less, rather than left to grind.
const maxOutputValues = 250_000

// outputBudget adds up what a result would return, per attribute.
type outputBudget struct {
	parts []outputPart
	total int
}

type outputPart struct {
	attribute string
	values    int
	avoid     string // how to ask for less; "" when no option does
}

func (b *outputBudget) add(attribute string, values int, avoid string) {
	b.parts = append(b.parts, outputPart{attribute, values, avoid})
	b.total += values
}

// check reports an error naming the largest attributes when the result is
// over budget, and says whether it is within.
func (b *outputBudget) check(diags *diag.Diagnostics) bool {
	if b.total <= maxOutputValues {
		return true
	}
	parts := append([]outputPart(nil), b.parts...)
	sort.SliceStable(parts, func(i, j int) bool { return parts[i].values > parts[j].values })
	var sizes []string
	for _, p := range parts {
		if p.values > 0 && len(sizes) < 3 {
			sizes = append(sizes, fmt.Sprintf("%s %s", p.attribute, thousands(p.values)))
		}
	}
	largest := parts[0]
	detail := fmt.Sprintf("%s would hold %s values, and the whole result %s (%s): over the %s values a data "+
		"source may return, since Terraform carries each one through plan and state.",
		largest.attribute, thousands(largest.values), thousands(b.total), strings.Join(sizes, ", "), thousands(maxOutputValues))
	if largest.avoid != "" {
		detail += " To ask for less, " + largest.avoid + "."
	}
	diags.AddError("Result too large to plan", detail)
	return false
}

// thousands writes n with commas: 21,012,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
