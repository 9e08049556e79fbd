package evaluate

import "github.com/iamv2/terraform-provider-iamv2/internal/pattern"

// Globs are IAM's wildcard patterns for resources and StringLike/ArnLike
// values, matched case-sensitively by the pattern package
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
// A '*' or '?' that must stand for itself (written ${*} or ${?}, or coming
// from a substituted variable) is escaped with pattern.Escape, which the
// policy parser never lets into a document. The short names below are the
// evaluator's vocabulary for the pattern package's functions.
const (
	escape      = pattern.Escape
	arnSegments = pattern.ARNParts
)

func escapeLiteral(s string) string { return pattern.Literal(s) }

func unescape(g string) string { return pattern.Unescape(g) }

func matchGlob(g, name string) bool { return pattern.Match(g, name, pattern.Sensitive) }

func matchARN(g, name string) bool { return pattern.MatchARN(g, name) }

func splitARN(s string) ([arnSegments]string, int) { return pattern.SplitARN(s) }
