package validation

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// parserFindings turns the policy parser's diagnostics into findings. The
// parser names its diagnostics only by their summaries, so that is what
// the mapping reads; the tests pin each summary it relies on.
func (r *run) parserFindings(diags policy.Diagnostics) {
	for _, d := range diags {
		code, ok := parserCode(d)
		if !ok {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		r.emit(code, d.Path, msg)
	}
}

// parserCode maps one diagnostic to its code. Two warnings are dropped:
// the parser judges Principal and a missing Resource by the identity
// grammar, and the checks judge them by the policy type instead.
func parserCode(d policy.Diagnostic) (Code, bool) {
	if d.Severity == policy.SeverityError {
		switch d.Summary {
		case "Invalid Version":
			return InvalidVersion, true
		case "Invalid Effect":
			return InvalidEffect, true
		case policy.InvalidCharacter:
			return InvalidCharacter, true
		}
		return MalformedPolicy, true
	}
	switch {
	case d.Summary == "Missing Version":
		return MissingVersion, true
	case strings.HasPrefix(d.Summary, "Empty "):
		return EmptyElement, true
	case d.Summary == "Missing Resource", strings.HasSuffix(d.Summary, " in an identity policy"):
		return "", false
	}
	return ParserWarning, true
}
