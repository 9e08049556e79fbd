package validation

import (
	"fmt"
	"strings"
)

// baseOperators are IAM's condition operators without a set prefix or the
// IfExists suffix, as its condition operator reference lists them. IAM
// compares operator names case-sensitively: "stringEquals" is refused with
// "Invalid Condition type".
var baseOperators = []string{
	"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
	"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
	"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
	"Bool",
	"BinaryEquals",
	"IpAddress", "NotIpAddress",
	"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
	"Null",
}

// The set operators that may prefix an operator, and the suffix that
// makes a missing key match. Null takes no IfExists: it already tests for
// a missing key.
var setPrefixes = []string{"ForAllValues:", "ForAnyValue:"}

const ifExists = "IfExists"

// checkOperator returns why an operator name is not one IAM accepts, or "".
func checkOperator(name string) string {
	if validOperator(name) {
		return ""
	}
	if fixed, ok := foldOperator(name); ok {
		return fmt.Sprintf("condition operator %s is not valid: operator names are case-sensitive; write %q", quote(name), fixed)
	}
	set, rest := splitSet(name)
	base := strings.TrimSuffix(rest, ifExists)
	if base == "Null" && rest != base {
		return fmt.Sprintf("condition operator %s is not valid: Null takes no IfExists suffix, since it already tests whether the key is present", quote(name))
	}
	msg := fmt.Sprintf("condition operator %s is not one IAM knows", quote(name))
	switch {
	case strings.Contains(rest, ":") && set != "":
		return msg + `: it may have at most one set operator, "ForAllValues:" or "ForAnyValue:"`
	case strings.Contains(rest, ":"):
		prefix, _, _ := strings.Cut(name, ":")
		return msg + `: the only set operators are "ForAllValues:" and "ForAnyValue:"` + didYouMean(prefix+":", setPrefixes)
	}
	return msg + didYouMean(base, baseOperators)
}

func validOperator(name string) bool {
	_, rest := splitSet(name)
	if strings.Contains(rest, ":") {
		return false
	}
	base, hasIfExists := strings.CutSuffix(rest, ifExists)
	if base == "Null" && hasIfExists {
		return false
	}
	for _, b := range baseOperators {
		if base == b {
			return true
		}
	}
	return false
}

func splitSet(name string) (set, rest string) {
	for _, p := range setPrefixes {
		if r, ok := strings.CutPrefix(name, p); ok {
			return p, r
		}
	}
	return "", name
}

// foldOperator finds the valid spelling of an operator written in the
// wrong case.
func foldOperator(name string) (string, bool) {
	for _, set := range append([]string{""}, setPrefixes...) {
		for _, b := range baseOperators {
			for _, suffix := range []string{"", ifExists} {
				cand := set + b + suffix
				if strings.EqualFold(cand, name) && validOperator(cand) {
					return cand, true
				}
			}
		}
	}
	return "", false
}
