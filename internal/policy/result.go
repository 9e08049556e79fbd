package policy

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Result is what a policy document grants, statement by statement and as
// a whole.
type Result struct {
	Statements []StatementResult
	Net        Net
	// Services summarises Net.Allowed per service, sorted by prefix.
	Services []ServiceAccess
}

// Action is one expanded action.
type Action struct {
	Name  string // "s3:GetObject": the catalog's spelling, the service prefix in lower case
	Level iam.AccessLevel
}

// Service returns the action's service prefix.
func (a Action) Service() string {
	prefix, _, _ := strings.Cut(a.Name, ":")
	return prefix
}

// StatementResult is what one statement applies to.
type StatementResult struct {
	Path      string // "Statement[2]"
	Sid       string
	Effect    Effect
	NotAction bool
	// Patterns are the statement's Action or NotAction patterns as written.
	Patterns []string
	// Count and Levels count the actions the statement applies to: for a
	// NotAction statement, every action except those it lists.
	Count  int
	Levels LevelCounts
	// Actions are those actions, when Options.StatementActions asks for
	// them; otherwise empty.
	Actions ActionSet
	// Compacted, when Options.CompactStatements asks for it, is the Action
	// or NotAction list rewritten in as few patterns as the compactor finds
	// (see Expander.compact): never more patterns than the statement's own.
	Compacted []string
	// ResourceScoped is set when the statement does not apply to every
	// resource: its Resource does not list "*", or it has NotResource.
	ResourceScoped bool
	// Conditional is set when the statement has a condition key.
	Conditional bool
	// Unknown lists, as written, the patterns that name no known action.
	Unknown []string
}

// Net is the combined effect of all statements: the union of the Allow
// statements less the actions an unconditional Deny on every resource
// removes. A Deny that is conditional or scoped to some resources leaves
// its actions allowed, since some requests still get through, and they are
// listed as ConditionallyDenied.
type Net struct {
	Allowed             ActionSet
	Levels              LevelCounts // Allowed per access level
	NonReadOnly         ActionSet   // allowed actions whose level is neither List nor Read
	ConditionallyDenied ActionSet   // allowed actions some Deny statement may still refuse
	Unknown             []string    // unknown patterns of every statement, sorted, without duplicates
	// ReadOnly is set when every allowed action is at the List or Read
	// level, including when nothing is allowed.
	ReadOnly bool
}

// LevelCounts counts actions per access level.
type LevelCounts struct {
	List, Read, Write, PermissionsManagement, Tagging int
}

// Of returns the count for one level.
func (c LevelCounts) Of(l iam.AccessLevel) int {
	if n := c.at(l); n != nil {
		return *n
	}
	return 0
}

func (c *LevelCounts) add(l iam.AccessLevel, n int) {
	if p := c.at(l); p != nil {
		*p += n
	}
}

// at points at the count for one level; nil for a level AWS does not have.
func (c *LevelCounts) at(l iam.AccessLevel) *int {
	switch l {
	case iam.List:
		return &c.List
	case iam.Read:
		return &c.Read
	case iam.Write:
		return &c.Write
	case iam.PermissionsManagement:
		return &c.PermissionsManagement
	case iam.Tagging:
		return &c.Tagging
	}
	return nil
}

// ServiceAccess is what the allowed actions grant of one service, the way
// the IAM console's policy summary shows it.
type ServiceAccess struct {
	Prefix string
	Name   string
	// Levels are the levels at which at least one action is allowed;
	// FullLevels those at which every action of the service is.
	Levels     iam.LevelSet
	FullLevels iam.LevelSet
	Allowed    int // allowed actions of the service
	Total      int // actions the service has
}

// Full reports whether every action of the service is allowed.
func (s ServiceAccess) Full() bool { return s.Allowed == s.Total }

// Summary renders the access as the console does: "Full access", or the
// levels granted in full and in part, as in "Full: List, Read Limited: Write".
func (s ServiceAccess) Summary() string {
	if s.Full() {
		return "Full access"
	}
	var full, limited []string
	for _, l := range s.Levels.Levels() {
		if s.FullLevels.Has(l) {
			full = append(full, l.String())
		} else {
			limited = append(limited, l.String())
		}
	}
	var parts []string
	if len(full) > 0 {
		parts = append(parts, "Full: "+strings.Join(full, ", "))
	}
	if len(limited) > 0 {
		parts = append(parts, "Limited: "+strings.Join(limited, ", "))
	}
	return strings.Join(parts, " ")
}
