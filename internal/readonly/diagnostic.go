package readonly

import "fmt"

// Severity tells whether a Diagnostic stops the build.
type Severity uint8

const (
	// SeverityError marks input Build cannot honour; it returns no Result.
	SeverityError Severity = iota + 1
	// SeverityWarning marks input that is valid but likely a mistake.
	SeverityWarning
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// Diagnostic is a problem with one input, shaped so a Terraform wrapper can
// attach it to the attribute, or the list element, it is about.
type Diagnostic struct {
	Severity Severity
	// Attribute is the data source attribute at fault, as Options documents
	// it: "services", "access_levels", "exclude", "include", "wildcards",
	// "sid", "max_policy_chars" or "read_scope".
	Attribute string
	// Index is the position of the element at fault in a list attribute,
	// or -1 when the diagnostic concerns the attribute as a whole.
	Index   int
	Summary string
	Detail  string
}

func (d Diagnostic) String() string {
	at := d.Attribute
	if d.Index >= 0 {
		at = fmt.Sprintf("%s[%d]", d.Attribute, d.Index)
	}
	s := fmt.Sprintf("%s: %s: %s", d.Severity, at, d.Summary)
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	return s
}

// HasError reports whether any diagnostic is an error.
func HasError(diags []Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}
