package validation

import "github.com/iamv2/terraform-provider-iamv2/internal/quota"

// checkSize measures the document against its policy type's size quota,
// counted as AWS counts that kind (see the quota package), parsed or not:
// an oversize document fails at apply whatever else is wrong with it.
func (r *run) checkSize(text string) {
	kind := r.opts.PolicyType.QuotaKind()
	if kind == "" || r.skips(PolicySizeExceeded) {
		return
	}
	s, err := quota.Measure(kind, r.opts.SizeLimit, text)
	if err != nil || s.Fits {
		return // Check has refused a bad limit, and the kinds are the quota package's
	}
	r.emit(PolicySizeExceeded, "", "the document is "+s.Over())
}
