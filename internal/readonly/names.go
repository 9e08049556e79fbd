package readonly

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// commonPrefixFold is the length of the longest common prefix of a and b,
// compared as IAM compares names: ASCII case-insensitively.
func commonPrefixFold(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && lower(a[i]) == lower(b[i]) {
		i++
	}
	return i
}

func lower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// didYouMean is "; did you mean ...?" with up to three close candidates,
// or "" when none is close.
func didYouMean(s string, candidates []string) string {
	hits := iam.Suggest(s, candidates, 3)
	if len(hits) == 0 {
		return ""
	}
	quoted := make([]string, len(hits))
	for i, h := range hits {
		quoted[i] = fmt.Sprintf("%q", h)
	}
	return "; did you mean " + strings.Join(quoted, " or ") + "?"
}

func actionNames(svc *iam.Service) []string {
	names := make([]string, len(svc.Actions))
	for i, a := range svc.Actions {
		names[i] = a.Name
	}
	return names
}
