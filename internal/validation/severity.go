package validation

// Severity is how much a finding matters, in the vocabulary of AWS IAM
// Access Analyzer's policy validation, so that its documentation reads the
// same for both.
type Severity string

// The four severities, most serious first.
const (
	// Error: IAM rejects the policy, or part of it can never take effect.
	Error Severity = "ERROR"
	// SecurityWarning: the policy grants more than it probably should.
	SecurityWarning Severity = "SECURITY_WARNING"
	// Warning: the policy works, but probably not as intended.
	Warning Severity = "WARNING"
	// Suggestion: the policy could be written better without changing
	// what it grants.
	Suggestion Severity = "SUGGESTION"
)

// Severities lists every severity, most serious first.
var Severities = []Severity{Error, SecurityWarning, Warning, Suggestion}

// Counts counts findings per severity.
type Counts struct {
	Error           int
	SecurityWarning int
	Warning         int
	Suggestion      int
}

// Of returns the count for one severity.
func (c Counts) Of(s Severity) int {
	switch s {
	case Error:
		return c.Error
	case SecurityWarning:
		return c.SecurityWarning
	case Warning:
		return c.Warning
	case Suggestion:
		return c.Suggestion
	}
	return 0
}

func (c *Counts) add(s Severity) {
	switch s {
	case Error:
		c.Error++
	case SecurityWarning:
		c.SecurityWarning++
	case Warning:
		c.Warning++
	case Suggestion:
		c.Suggestion++
	}
}
