package evaluate

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// The condition operator reference
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html)
// groups operators in families; each compares the request's values of a key
// with the policy's in its own way.
type family uint8

const (
	famString family = iota + 1
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famARN
	famNull
)

// comparison is what an operator asks of one request value and one policy value.
type comparison uint8

const (
	cmpEquals comparison = iota + 1
	cmpEqualsFold
	cmpLike
	cmpLess
	cmpLessEquals
	cmpGreater
	cmpGreaterEquals
)

type setOperator uint8

const (
	setNone setOperator = iota
	setAnyValue
	setAllValues
)

type operatorSpec struct {
	family  family
	cmp     comparison
	negated bool
}

// operators maps each base operator name, case-sensitive as IAM compares
// them, to what it does.
var operators = map[string]operatorSpec{
	"StringEquals":              {famString, cmpEquals, false},
	"StringNotEquals":           {famString, cmpEquals, true},
	"StringEqualsIgnoreCase":    {famString, cmpEqualsFold, false},
	"StringNotEqualsIgnoreCase": {famString, cmpEqualsFold, true},
	"StringLike":                {famString, cmpLike, false},
	"StringNotLike":             {famString, cmpLike, true},
	"NumericEquals":             {famNumeric, cmpEquals, false},
	"NumericNotEquals":          {famNumeric, cmpEquals, true},
	"NumericLessThan":           {famNumeric, cmpLess, false},
	"NumericLessThanEquals":     {famNumeric, cmpLessEquals, false},
	"NumericGreaterThan":        {famNumeric, cmpGreater, false},
	"NumericGreaterThanEquals":  {famNumeric, cmpGreaterEquals, false},
	"DateEquals":                {famDate, cmpEquals, false},
	"DateNotEquals":             {famDate, cmpEquals, true},
	"DateLessThan":              {famDate, cmpLess, false},
	"DateLessThanEquals":        {famDate, cmpLessEquals, false},
	"DateGreaterThan":           {famDate, cmpGreater, false},
	"DateGreaterThanEquals":     {famDate, cmpGreaterEquals, false},
	"Bool":                      {famBool, cmpEquals, false},
	"BinaryEquals":              {famBinary, cmpEquals, false},
	"IpAddress":                 {famIP, cmpEquals, false},
	"NotIpAddress":              {famIP, cmpEquals, true},
	"ArnEquals":                 {famARN, cmpLike, false},
	"ArnLike":                   {famARN, cmpLike, false},
	"ArnNotEquals":              {famARN, cmpLike, true},
	"ArnNotLike":                {famARN, cmpLike, true},
	"Null":                      {famNull, cmpEquals, false},
}

// condition is one key of one operator block: all of a statement's
// conditions must hold, and within one, any policy value may match.
type condition struct {
	operatorSpec
	operator string // as written, "ForAnyValue:StringLike"
	set      setOperator
	ifExists bool
	key      string // lowercased: context keys are case-insensitive
	display  string
	values   []condValue
}

type condValue struct {
	text   string   // as written
	tmpl   template // String, Arn, Bool: may hold policy variables
	num    float64
	when   int64 // Unix nanoseconds
	prefix netip.Prefix
	bin    []byte
	null   bool // Null: true tests that the key is absent
}

// maxConditionValues bounds the values of one statement's conditions, so
// that a hostile document cannot make each request cost millions of
// comparisons; IAM's own 6,144-character managed-policy limit holds far fewer.
const maxConditionValues = 10_000

func compileConditions(c *policy.Condition, vars bool, diags *policy.Diagnostics) []condition {
	if c == nil {
		return nil
	}
	var out []condition
	total := 0
	for _, op := range c.Operators {
		spec, set, ifExists, err := parseOperator(op.Name)
		if err != nil {
			addError(diags, op.Path, "Unknown condition operator", err.Error())
			continue
		}
		for _, k := range op.Keys {
			total += len(k.Values)
			if total > maxConditionValues {
				addError(diags, k.Path, "Too many condition values", fmt.Sprintf(
					"the statement's conditions have more than %d values; IAM's policy size limits allow far fewer", maxConditionValues))
				return out
			}
			cond := condition{operatorSpec: spec, operator: op.Name, set: set, ifExists: ifExists, key: strings.ToLower(k.Name), display: k.Name}
			if len(k.Values) == 0 {
				addError(diags, k.Path, "Condition key without values", fmt.Sprintf("condition key %q has no values, so IAM rejects the policy", k.Name))
				continue
			}
			for i, v := range k.Values {
				cv, err := compileValue(spec.family, v.Text, vars)
				cv.text = v.Text
				if err != nil {
					addError(diags, k.ValuePath(i), "Invalid condition value", fmt.Sprintf("%s %q: %v", op.Name, k.Name, err))
					continue
				}
				cond.values = append(cond.values, cv)
			}
			out = append(out, cond)
		}
	}
	return out
}

// parseOperator splits "ForAnyValue:StringLikeIfExists" into its parts.
func parseOperator(name string) (operatorSpec, setOperator, bool, error) {
	set, rest := setNone, name
	if r, ok := strings.CutPrefix(name, "ForAnyValue:"); ok {
		set, rest = setAnyValue, r
	} else if r, ok := strings.CutPrefix(name, "ForAllValues:"); ok {
		set, rest = setAllValues, r
	}
	base, ifExists := strings.CutSuffix(rest, "IfExists")
	spec, ok := operators[base]
	switch {
	case !ok:
		for known := range operators {
			if strings.EqualFold(known, base) {
				return spec, 0, false, fmt.Errorf("condition operator %q is not valid: operator names are case-sensitive; did you mean %q?", name, known)
			}
		}
		return spec, 0, false, fmt.Errorf("condition operator %q is not one IAM knows", name)
	case spec.family == famNull && ifExists:
		return spec, 0, false, fmt.Errorf("condition operator %q is not valid: Null takes no IfExists, since it tests whether the key is present", name)
	case spec.family == famNull && set != setNone:
		return spec, 0, false, fmt.Errorf("condition operator %q is not valid: Null takes no set operator", name)
	}
	return spec, set, ifExists, nil
}

// compileValue reads a policy value for its family. Policy variables are
// supported by the String, Arn and Bool operators only, as the operator
// reference states per family.
func compileValue(f family, text string, vars bool) (condValue, error) {
	var cv condValue
	var err error
	switch f {
	case famString, famARN:
		cv.tmpl, err = parseTemplate(text, vars)
	case famBool:
		cv.tmpl, err = parseTemplate(text, vars)
		if err == nil && !cv.tmpl.hasVariables() && !isBool(cv.tmpl.glob) {
			err = fmt.Errorf("%q is not a boolean; write true or false", text)
		}
	case famNumeric:
		cv.num, err = parseNumber(text)
	case famDate:
		cv.when, err = parseDate(text)
	case famIP:
		cv.prefix, err = parsePrefix(text)
	case famBinary:
		cv.bin, err = base64.StdEncoding.DecodeString(text)
		if err != nil {
			err = fmt.Errorf("%q is not base64", text)
		}
	case famNull:
		if !isBool(text) {
			err = fmt.Errorf("%q is not a boolean; Null takes true (the key is absent) or false (it is present)", text)
		}
		cv.null = strings.EqualFold(text, "true")
	}
	return cv, err
}

func isBool(s string) bool { return strings.EqualFold(s, "true") || strings.EqualFold(s, "false") }

func parseNumber(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// dateLayouts are the ISO 8601 forms IAM accepts besides epoch seconds.
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"}

func parseDate(s string) (int64, error) {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n > math.MaxInt64/int64(time.Second) || n < math.MinInt64/int64(time.Second) {
			return 0, fmt.Errorf("%q is out of range", s)
		}
		return n * int64(time.Second), nil
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixNano(), nil
		}
	}
	return 0, fmt.Errorf("%q is not a date: write ISO 8601 (2026-01-31T12:00:00Z) or epoch seconds", s)
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return p, fmt.Errorf("%q is not a CIDR block", s)
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or CIDR block", s)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// holds evaluates the condition against the request context, with the
// documented missing-key rules: a missing key fails every operator but a
// negated one, which it satisfies; ...IfExists makes a missing key pass;
// ForAnyValue fails on a missing key and ForAllValues passes
// (reference_policies_elements_condition_operators.html,
// reference_policies_condition-single-vs-multi-valued-context-keys.html).
func (c *condition) holds(ctx *evalContext) bool {
	vals, found := ctx.lookup(c.key)
	present := found && len(vals) > 0
	if c.family == famNull {
		for _, v := range c.values {
			if v.null != present {
				return true
			}
		}
		return false
	}
	if !present {
		ctx.noteMissing(c.display)
		switch {
		case c.ifExists:
			return true
		case c.set == setAllValues:
			return true
		case c.set == setAnyValue:
			return false
		}
		return c.negated
	}
	// With no set operator a multivalued key is read as AWS's operators
	// read one value at a time: a positive operator holds when some value
	// matches, a negated one when none does.
	switch c.set {
	case setAllValues:
		for _, v := range vals {
			if !c.valueHolds(ctx, v) {
				return false
			}
		}
		return true
	case setAnyValue:
		for _, v := range vals {
			if c.valueHolds(ctx, v) {
				return true
			}
		}
		return false
	}
	if c.negated {
		for _, v := range vals {
			if !c.valueHolds(ctx, v) {
				return false
			}
		}
		return true
	}
	for _, v := range vals {
		if c.valueHolds(ctx, v) {
			return true
		}
	}
	return false
}

// valueHolds says whether the operator holds for one request value: for a
// positive operator, it matches some policy value; for a negated one, it
// matches none. A request value the operator cannot read (not a number, a
// date, an address, an ARN) and a policy value whose variables do not
// resolve make neither kind hold: there is nothing to compare.
func (c *condition) valueHolds(ctx *evalContext, v string) bool {
	if !c.negated {
		for i := range c.values {
			if m, ok := c.compare(ctx, &c.values[i], v); ok && m {
				return true
			}
		}
		return false
	}
	for i := range c.values {
		if m, ok := c.compare(ctx, &c.values[i], v); !ok || m {
			return false
		}
	}
	return true
}

// compare matches one request value against one policy value; ok is false
// when either cannot be read.
func (c *condition) compare(ctx *evalContext, pv *condValue, v string) (match, ok bool) {
	switch c.family {
	case famString:
		g, ok := pv.tmpl.resolve(ctx)
		if !ok {
			return false, false
		}
		switch c.cmp {
		case cmpLike:
			// '*' any run, '?' one character, case-sensitively
			// (reference_policies_elements_condition_operators.html#Conditions_String).
			return pattern.Match(g, v, pattern.Sensitive), true
		case cmpEqualsFold:
			return strings.EqualFold(pattern.Unescape(g), v), true
		}
		return pattern.Unescape(g) == v, true
	case famARN:
		g, ok := pv.tmpl.resolve(ctx)
		if !ok {
			return false, false
		}
		if _, n := pattern.SplitARN(v); n < pattern.ARNParts {
			return false, false
		}
		return pattern.MatchARN(g, v), true
	case famBool:
		g, ok := pv.tmpl.resolve(ctx)
		if !ok || !isBool(v) {
			return false, false
		}
		return strings.EqualFold(pattern.Unescape(g), v), true
	case famNumeric:
		n, err := parseNumber(v)
		if err != nil {
			return false, false
		}
		return ordered(c.cmp, cmp.Compare(n, pv.num)), true
	case famDate:
		t, err := parseDate(v)
		if err != nil {
			return false, false
		}
		return ordered(c.cmp, cmp.Compare(t, pv.when)), true
	case famIP:
		a, err := netip.ParseAddr(v)
		if err != nil {
			return false, false
		}
		return pv.prefix.Contains(a.Unmap()) || pv.prefix.Contains(a), true
	case famBinary:
		b, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return false, false
		}
		return bytes.Equal(b, pv.bin), true
	}
	return false, false
}

// ordered says whether a request value that compares to the policy value
// as cmp does (-1, 0, 1) satisfies the comparison.
func ordered(c comparison, order int) bool {
	switch c {
	case cmpLess:
		return order < 0
	case cmpLessEquals:
		return order <= 0
	case cmpGreater:
		return order > 0
	case cmpGreaterEquals:
		return order >= 0
	}
	return order == 0
}

// CheckContextValue says why v is not a value of a condition key of the
// catalog's type typ ("IPAddress", "Date", "ArrayOfNumeric"...), or nil: a
// condition can read no such value, so every comparison with it would fail
// unnoticed (reference_policies_elements_condition_operators.html).
func CheckContextValue(typ, v string) error {
	switch strings.TrimPrefix(typ, "ArrayOf") {
	case "IPAddress":
		if _, err := netip.ParseAddr(v); err != nil {
			return fmt.Errorf("%q is not an IP address", v)
		}
	case "Date":
		if _, err := parseDate(v); err != nil {
			return err
		}
	case "Numeric":
		if _, err := parseNumber(v); err != nil {
			return err
		}
	case "Bool":
		if !isBool(v) {
			return fmt.Errorf("%q is not a boolean; write true or false", v)
		}
	case "ARN":
		if _, n := pattern.SplitARN(v); n < pattern.ARNParts || !strings.HasPrefix(v, "arn:") {
			return fmt.Errorf("%q is not an ARN: an ARN has six colon-separated parts, arn:partition:service:region:account:resource", v)
		}
	case "Binary":
		if _, err := base64.StdEncoding.DecodeString(v); err != nil {
			return fmt.Errorf("%q is not base64", v)
		}
	}
	return nil
}
