package fit

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// resourceCovers reports whether resource pattern q applies to every
// resource p can name. A policy variable may be replaced by any value, so
// in p it is read as a '*', and a q that holds one covers only its own text
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
func resourceCovers(q, p string) bool {
	switch {
	case q == p || q == "*":
		return true
	case strings.Contains(q, "${"):
		return false
	}
	return pattern.CoversARN(pattern.FromText(q), widenVariables(p))
}

// widenVariables reads resource text as a pattern with every ${...} a '*'.
func widenVariables(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(pattern.FromText(s))
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(pattern.FromText(s))
			return b.String()
		}
		b.WriteString(pattern.FromText(s[:i]))
		b.WriteByte('*')
		s = s[i+j+1:]
	}
}

// anyResourceCovers reports whether one of qs covers p.
func anyResourceCovers(qs []string, p string) bool {
	for _, q := range qs {
		if resourceCovers(q, p) {
			return true
		}
	}
	return false
}
