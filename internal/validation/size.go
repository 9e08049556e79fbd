package validation

import (
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/quota"
)

// checkSize measures the document against its policy type's size quota,
// counted as AWS counts that kind (see the quota package), parsed or not:
// an oversize document fails at apply whatever else is wrong with it.
func (r *run) checkSize(text string) {
	kind := r.opts.PolicyType.QuotaKind()
	if kind == "" || r.ignore[PolicySizeExceeded] {
		return
	}
	s, err := quota.Measure(kind, r.opts.SizeLimit, text)
	if err != nil || s.Fits {
		return // Check has refused a bad limit, and the kinds are the quota package's
	}
	whose := "the quota of " + s.Kind.Description
	if s.Kind.PerEntity {
		whose = "the total quota of " + s.Kind.Description + ", so this one alone exceeds it"
	}
	space := ""
	if !s.Kind.Whitespace {
		space = ", whitespace outside strings not counted"
	}
	r.emit(PolicySizeExceeded, "", fmt.Sprintf("the document is %s %s%s, over the limit of %s: %s (kind %q, %s)",
		thousands(s.Size), s.Kind.Unit, space, thousands(s.Limit), whose, s.Kind.Name, s.Kind.Source))
}

// thousands writes n with comma separators, as AWS's pages write limits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
