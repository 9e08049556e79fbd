package provider

import (
	"regexp"
	"strings"
)

// errorMatching matches a diagnostic text however Terraform wraps its lines:
// each space in text matches any run of whitespace.
func errorMatching(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}
