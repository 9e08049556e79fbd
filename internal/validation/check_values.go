package validation

import (
	"encoding/base64"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// valueKind is what an operator compares its values as.
type valueKind struct {
	noun string // "numbers"
	// keyTypes are the catalog's key types whose values the operator can
	// compare, without the "ArrayOf" of multivalued keys; none for
	// operators that compare anything as text (String*, Null).
	keyTypes []string
	// valid reports whether a value is one the operator can compare.
	valid func(string) bool
	// want describes a valid value for a message.
	want string
}

var (
	numericKind = valueKind{"numbers", []string{"Numeric", "Date"}, isNumber,
		`an integer or decimal such as "10" or "1.5"`}
	dateKind = valueKind{"dates", []string{"Date"}, isDate,
		`an ISO 8601 date or time such as "2026-01-31" or "2026-01-31T12:00:00Z", or seconds since the epoch`}
	boolKind = valueKind{"booleans", []string{"Bool"}, isBool, `"true" or "false"`}
	nullKind = valueKind{"key presence", nil, isBool,
		`"true" (the key is absent from the request) or "false" (it is present)`}
	ipKind = valueKind{"IP addresses", []string{"IPAddress"}, isIPRange,
		`an IPv4 or IPv6 address or CIDR range such as "203.0.113.0/24"`}
	// AWS's own policies compare String keys that hold ARNs, such as
	// kms:EncryptionContext:aws:s3:arn, with ArnLike.
	arnKind = valueKind{"ARNs", []string{"ARN", "String"}, isARNValue,
		`an ARN such as "arn:aws:iam::123456789012:role/*"`}
	binaryKind = valueKind{"binary values", nil, isBase64, "base64-encoded bytes"}
	stringKind = valueKind{noun: "strings"}
)

// kindOf returns what a valid operator compares, ignoring its set
// operator and IfExists.
func kindOf(operator string) valueKind {
	_, rest := splitSet(operator)
	base := strings.TrimSuffix(rest, ifExists)
	switch {
	case strings.HasPrefix(base, "Numeric"):
		return numericKind
	case strings.HasPrefix(base, "Date"):
		return dateKind
	case base == "Bool":
		return boolKind
	case base == "Null":
		return nullKind
	case strings.HasSuffix(base, "IpAddress"):
		return ipKind
	case strings.HasPrefix(base, "Arn"):
		return arnKind
	case base == "BinaryEquals":
		return binaryKind
	}
	return stringKind
}

// eachValidOperator calls fn for each operator IAM knows (the others are
// INVALID_CONDITION_OPERATOR's) with what it compares.
func eachValidOperator(s *stmt, fn func(op *policy.ConditionOperator, kind valueKind)) {
	if s.Condition == nil {
		return
	}
	for i := range s.Condition.Operators {
		if op := &s.Condition.Operators[i]; validOperator(op.Name) {
			fn(op, kindOf(op.Name))
		}
	}
}

// checkConditionValues reports a value its operator cannot compare, such
// as a DateLessThan of "yesterday": IAM refuses the policy. A value with a
// policy variable is whatever the request holds, so it is not judged.
func checkConditionValues(r *run, s *stmt) {
	eachValidOperator(s, func(op *policy.ConditionOperator, kind valueKind) {
		if kind.valid == nil {
			return
		}
		for _, k := range op.Keys {
			for i, v := range k.Values {
				if strings.Contains(v.Text, "${") || kind.valid(v.Text) {
					continue
				}
				r.emit(InvalidConditionValue, k.ValuePath(i), fmt.Sprintf(
					"%s is not a value %s can compare: it takes %s", quote(v.Text), op.Name, kind.want))
			}
		}
	})
}

// checkConditionTypes reports an operator that compares values of another
// type than the key holds, such as DateGreaterThan on aws:SourceIp: the
// condition never matches as meant. String operators compare any key as
// text and Null tests presence, so only the typed operators are judged.
func checkConditionTypes(r *run, s *stmt) {
	eachValidOperator(s, func(op *policy.ConditionOperator, kind valueKind) {
		if kind.keyTypes == nil {
			return
		}
		for _, k := range op.Keys {
			types := r.v.keys.types(k.Name)
			if len(types) == 0 || anyType(types, kind.keyTypes) {
				continue
			}
			r.emit(ConditionTypeMismatch, k.Path, fmt.Sprintf(
				"%s compares %s, but condition key %s holds values of type %s; use an operator of that type",
				op.Name, kind.noun, quote(k.Name), strings.Join(types, " or ")))
		}
	})
}

// checkSetOnSingleValued reports ForAllValues or ForAnyValue on a key
// with a single value: ForAllValues on a single value, or on a key the
// request lacks, is true whatever the policy lists.
func checkSetOnSingleValued(r *run, s *stmt) {
	eachValidOperator(s, func(op *policy.ConditionOperator, _ valueKind) {
		set, plain := splitSet(op.Name)
		if set == "" {
			return
		}
		for _, k := range op.Keys {
			if multi, single := r.v.keys.valueCount(k.Name); single && !multi {
				r.emit(SetOperatorOnSingleValued, k.Path, fmt.Sprintf(
					"%s is for multivalued keys, but %s has a single value; write %s",
					strings.TrimSuffix(set, ":"), quote(k.Name), quote(plain)))
			}
		}
	})
}

// checkMissingSet reports a multivalued key compared without a set
// operator, which compares one of its values only.
func checkMissingSet(r *run, s *stmt) {
	eachValidOperator(s, func(op *policy.ConditionOperator, kind valueKind) {
		if set, _ := splitSet(op.Name); set != "" || kind.noun == nullKind.noun {
			return
		}
		for _, k := range op.Keys {
			if multi, single := r.v.keys.valueCount(k.Name); multi && !single {
				r.emit(MissingSetOperator, k.Path, fmt.Sprintf(
					`%s is a multivalued key; write "ForAnyValue:%s" (any of its values matches) or "ForAllValues:%s" (every value matches)`,
					quote(k.Name), op.Name, op.Name))
			}
		}
	})
}

// anyType reports whether one of a key's types, single or multivalued,
// is among want.
func anyType(types, want []string) bool {
	for _, t := range types {
		if containsString(want, strings.TrimPrefix(t, "ArrayOf")) {
			return true
		}
	}
	return false
}

// isNumber accepts what IAM's numeric operators compare: an optional
// sign, digits, and optional decimals. Exponents, hexadecimal, "NaN" and
// "Inf", which strconv would take, are not IAM numbers.
func isNumber(v string) bool {
	v = strings.TrimPrefix(strings.TrimPrefix(v, "-"), "+")
	whole, frac, hasDot := strings.Cut(v, ".")
	return allDigits(whole) && (!hasDot || allDigits(frac))
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateLayouts are the W3C profile of ISO 8601 that IAM documents for date
// operators, with and without a time zone (Go also parses fractional
// seconds after any seconds field).
var dateLayouts = []string{
	"2006", "2006-01", "2006-01-02",
	"2006-01-02T15:04Z07:00", "2006-01-02T15:04",
	"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05",
}

// isDate accepts an ISO 8601 date or time, or epoch seconds.
func isDate(v string) bool {
	if allDigits(v) { // a year, or epoch seconds
		return true
	}
	for _, layout := range dateLayouts {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

// isBool accepts "true" and "false" in any case, as IAM compares them.
func isBool(v string) bool { return strings.EqualFold(v, "true") || strings.EqualFold(v, "false") }

// isIPRange accepts an address (IAM reads it as a /32 or /128) or a CIDR
// range.
func isIPRange(v string) bool {
	if _, err := netip.ParsePrefix(v); err == nil {
		return true
	}
	a, err := netip.ParseAddr(v)
	return err == nil && a.Zone() == ""
}

// isARNValue accepts an ARN, with wildcards if need be, or "*".
func isARNValue(v string) bool { return v == "*" || isARN(v) && strings.Count(v, ":") >= 5 }

func isBase64(v string) bool {
	_, err := base64.StdEncoding.DecodeString(v)
	return err == nil
}
