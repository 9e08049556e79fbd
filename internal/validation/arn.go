package validation

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// formatPattern turns an ARN format into a pattern pattern.Intersects can compare
// with a policy's resources: the variables of the partition, service,
// region and account fields become pattern.SegmentStar, which matches no colon,
// and those of the resource part '*', since a resource ID may hold colons.
func formatPattern(arn string) string {
	cut := 0
	for range 5 {
		c := strings.IndexByte(arn[cut:], ':')
		if c < 0 {
			return pattern.VariablesToStar(arn)
		}
		cut += c + 1
	}
	header := strings.ReplaceAll(pattern.VariablesToStar(arn[:cut]), "*", string(pattern.SegmentStar))
	return header + pattern.VariablesToStar(arn[cut:])
}

// arnField returns the n-th colon-separated field of an ARN ("arn" is
// field 0, the service field 2), if the value has that many.
func arnField(arn string, n int) (string, bool) {
	for i := 0; i < n; i++ {
		c := strings.IndexByte(arn, ':')
		if c < 0 {
			return "", false
		}
		arn = arn[c+1:]
	}
	if c := strings.IndexByte(arn, ':'); c >= 0 {
		return arn[:c], true
	}
	return "", false
}

// isARN reports whether a resource value is written as an ARN. The
// prefix is compared case-insensitively: the check is for values that are
// plainly not ARNs, such as a bare bucket name.
func isARN(v string) bool { return len(v) >= 4 && strings.EqualFold(v[:4], "arn:") }
