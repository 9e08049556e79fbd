// Package viewonly decides what read_scope = "metadata" keeps. Two rules:
// the data rules leave out the actions that return customer data or
// credentials (object, secret, parameter, message, log-event, record and
// query-result reads, model invocation, token and credential vending,
// connection use), each a cross-service pattern on words of the action name
// ("*:GetObject*"), so that a Deny statement of the patterns also refuses
// the reads AWS adds under them later; the verb rule keeps only the List and
// Read actions named by a metadata verb. It knows nothing of Terraform or of
// the catalog source; the readonly and boundary packages apply it.
package viewonly

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Scope is the read_scope input: which reads a read-only set keeps.
type Scope string

const (
	// All keeps every read (the default).
	All Scope = "all"
	// Metadata leaves out the reads DataReads classifies.
	Metadata Scope = "metadata"
)

// ParseScope reads read_scope; "" is All. The error names the value.
func ParseScope(s string) (Scope, error) {
	switch Scope(s) {
	case "", All:
		return All, nil
	case Metadata:
		return Metadata, nil
	}
	return "", fmt.Errorf("read_scope %q is not one of %q (every read, the default) or %q (no data or credential reads)", s, All, Metadata)
}

// Rule is one class of data or credential reads: the actions its pattern
// matches.
type Rule struct {
	// Pattern is an action pattern, matched as IAM matches actions (ASCII
	// case-insensitive): cross-service ("*:GetObject*") but for the short
	// list of reads whose name says nothing a pattern could follow
	// (geo:DescribeKey returns a key's value, kms:DescribeKey does not).
	Pattern string
	// Kind is the category of issue 18 the rule implements.
	Kind string
	// Example is an action of today's catalog the rule leaves out.
	Example string
	// Source is AWS documentation of a read of this kind, which says what
	// such reads return.
	Source string
}

// Match reports whether the rule matches the action prefix:name.
func (r Rule) Match(prefix, name string) bool {
	service, action, _ := strings.Cut(r.Pattern, ":")
	return iam.Match(action, name) && iam.Match(service, prefix)
}

// Classify returns the first data rule that matches the action
// prefix:name, if any.
func Classify(prefix, name string) (Rule, bool) {
	for _, r := range DataReads {
		if r.Match(prefix, name) {
			return r, true
		}
	}
	return Rule{}, false
}

// MetadataVerbs are the first words of the reads "metadata" keeps. A read
// named by another verb (Search, Invoke, Detect, Start, Export, Query,
// Assume, Subscribe, ...) acts on data rather than describing a resource;
// the tests derive this list from the catalog and AWS's view-only policies.
var MetadataVerbs = []string{"List", "Describe", "Get", "BatchGet"}

// LeaveOut says why read_scope = "metadata" leaves out the action
// prefix:name at level, or "" when it keeps it: a data rule applies at
// every level, the verb rule (NamedByMetadataVerb) to List and Read actions.
func LeaveOut(prefix, name string, level iam.AccessLevel) string {
	if r, data := Classify(prefix, name); data {
		return fmt.Sprintf("%s (%s)", r.Kind, r.Pattern)
	}
	if !NamedByMetadataVerb(name, level) {
		return "a read named by no metadata verb (" + strings.Join(MetadataVerbs, ", ") + ")"
	}
	return ""
}

// NamedByMetadataVerb reports whether the verb rule keeps an action: one
// outside List and Read, or one whose name begins with a MetadataVerbs word.
func NamedByMetadataVerb(name string, level iam.AccessLevel) bool {
	if level != iam.List && level != iam.Read {
		return true
	}
	for _, v := range MetadataVerbs {
		if hasVerb(name, v) {
			return true
		}
	}
	return false
}

// hasVerb reports whether name begins with the whole word verb, ASCII
// case-insensitively as IAM compares names: "GetObject" and "GET", not
// "Getaway".
func hasVerb(name, verb string) bool {
	if len(name) < len(verb) || !iam.EqualFoldASCII(name[:len(verb)], verb) {
		return false
	}
	return len(name) == len(verb) || name[len(verb)] < 'a' || name[len(verb)] > 'z'
}
