package policy

// Document is a policy parsed strictly. Every element keeps the JSON path
// it was read from, so that checks made later (condition operators,
// condition keys, resource ARNs) can point at the offending value.
type Document struct {
	// Version is "2012-10-17", "2008-10-17", or empty when missing.
	Version string
	// ID is the optional Id element; HasID tells an empty one from none.
	ID    string
	HasID bool
	// Statements are in document order.
	Statements []Statement
	// StatementArray is false when Statement was a single object.
	StatementArray bool
}

// Effect is a statement's Effect.
type Effect string

// The two effects IAM knows; they are case-sensitive.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Statement is one statement of a policy. Exactly one of Action and
// NotAction is set; at most one of Resource and NotResource, and of
// Principal and NotPrincipal.
type Statement struct {
	// Path is "Statement[i]", or "Statement" when the document has a single
	// statement written as an object.
	Path         string
	Sid          string
	HasSid       bool
	Effect       Effect
	Action       *StringList
	NotAction    *StringList
	Resource     *StringList
	NotResource  *StringList
	Principal    *Principal
	NotPrincipal *Principal
	Condition    *Condition
}

// Actions returns the statement's Action or NotAction list, whichever it has.
func (s *Statement) Actions() *StringList {
	if s.NotAction != nil {
		return s.NotAction
	}
	return s.Action
}

// AllResources reports whether the statement applies to every resource:
// its Resource lists "*" (a list of resources is a union, so one "*" covers
// all of them) and it has no NotResource.
func (s *Statement) AllResources() bool {
	if s.Resource == nil {
		return false
	}
	for _, r := range s.Resource.Values {
		if r == "*" {
			return true
		}
	}
	return false
}

// Conditional reports whether the statement has at least one condition key.
func (s *Statement) Conditional() bool {
	if s.Condition == nil {
		return false
	}
	for _, op := range s.Condition.Operators {
		if len(op.Keys) > 0 {
			return true
		}
	}
	return false
}

// StringList is an element IAM lets be a string or an array of strings,
// such as Action or Resource.
type StringList struct {
	Path   string // "Statement[0].Action"
	Values []string
	// Array is false when the element was a single string.
	Array bool
}

// ValuePath is the JSON path of Values[i]: "Statement[0].Action[3]", or the
// list's own path when it was a single string.
func (l *StringList) ValuePath(i int) string {
	if !l.Array {
		return l.Path
	}
	return joinIndex(l.Path, i)
}

// Principal is a Principal or NotPrincipal element: "*" or a map from
// principal type ("AWS", "Service", "Federated", "CanonicalUser") to values.
type Principal struct {
	Path     string
	Wildcard bool // written as the string "*"
	Entries  []PrincipalEntry
}

// PrincipalEntry is one principal type and its values.
type PrincipalEntry struct {
	Type   string
	Values StringList
}

// Condition is a Condition element: operators, each with keys and values,
// in document order.
type Condition struct {
	Path      string
	Operators []ConditionOperator
}

// ConditionOperator is one operator block, such as "StringEquals" or
// "ForAnyValue:StringLikeIfExists", kept as written for a later check.
type ConditionOperator struct {
	Name string
	Path string
	Keys []ConditionKey
}

// ConditionKey is one key of an operator block with its values.
type ConditionKey struct {
	Name   string
	Path   string
	Values []ConditionValue
	// Array is false when the key had a single value rather than an array.
	Array bool
}

// ValuePath is the JSON path of Values[i].
func (k *ConditionKey) ValuePath(i int) string {
	if !k.Array {
		return k.Path
	}
	return joinIndex(k.Path, i)
}

// ConditionValue is one condition value. IAM compares them as strings but
// accepts JSON numbers and booleans, so the kind is kept for round trips
// and for checks such as a Bool operator given a number.
type ConditionValue struct {
	Kind ValueKind
	// Text is the string, or the number or boolean literal as written.
	Text string
}

// ValueKind is the JSON type of a condition value.
type ValueKind uint8

// The JSON types a condition value may have.
const (
	StringValue ValueKind = iota + 1
	NumberValue
	BoolValue
)
