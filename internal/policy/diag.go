package policy

import (
	"fmt"
	"strings"
)

// Severity says whether a diagnostic stops the expansion or only informs.
type Severity uint8

// The two severities, matching Terraform's.
const (
	SeverityError Severity = iota + 1
	SeverityWarning
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "invalid severity"
}

// Diagnostic is one problem found in a policy document.
type Diagnostic struct {
	Severity Severity
	// Path is the JSON path of the offending element, such as
	// "Statement[2].Action[0]"; empty for the document as a whole.
	Path string
	// Summary is a short title; Detail names the offending value and what
	// IAM expects instead.
	Summary string
	Detail  string
}

// String renders the diagnostic on one line, path first, for logs and tests.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Severity.String())
	if d.Path != "" {
		b.WriteString(" at ")
		b.WriteString(d.Path)
	}
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString(": ")
		b.WriteString(d.Detail)
	}
	return b.String()
}

// Diagnostics is a list of diagnostics in document order.
type Diagnostics []Diagnostic

// HasError reports whether any diagnostic is an error.
func (ds Diagnostics) HasError() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

func (ds *Diagnostics) errorf(path, summary, detail string) {
	*ds = append(*ds, Diagnostic{Severity: SeverityError, Path: path, Summary: summary, Detail: detail})
}

func (ds *Diagnostics) warnf(path, summary, detail string) {
	*ds = append(*ds, Diagnostic{Severity: SeverityWarning, Path: path, Summary: summary, Detail: detail})
}

// MaxDiagnostics bounds what one document reports: past it a wall of
// messages helps nobody, and a hostile document could otherwise earn one
// for each of its values.
const MaxDiagnostics = 100

// capped keeps the first MaxDiagnostics-1 diagnostics and sums up the rest
// in one, an error if any of them is, so HasError does not change.
func (ds Diagnostics) capped() Diagnostics {
	if len(ds) <= MaxDiagnostics {
		return ds
	}
	rest := ds[MaxDiagnostics-1:]
	sev := SeverityWarning
	if rest.HasError() {
		sev = SeverityError
	}
	out := ds[: MaxDiagnostics-1 : MaxDiagnostics-1]
	return append(out, Diagnostic{Severity: sev, Summary: "Too many problems",
		Detail: fmt.Sprintf("%d more problems are not shown; fix the ones above first", len(rest))})
}
