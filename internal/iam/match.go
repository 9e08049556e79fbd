package iam

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// Match reports whether name matches pattern the way IAM matches action
// names: ASCII case-insensitively and against the whole name, where '*'
// matches any run of characters (including none), '?' exactly one character,
// and every other character only itself. The pattern package holds the
// matcher, for every kind of pattern.
func Match(p, name string) bool { return pattern.Match(pattern.FromText(p), name, pattern.FoldASCII) }

// HasWildcard reports whether s contains '*' or '?'.
func HasWildcard(s string) bool { return strings.ContainsAny(s, "*?") }

// Pattern is an action pattern such as "s3:Get*", "*:Describe*" or, bare
// and relative to a service chosen elsewhere, "Desc*".
type Pattern struct {
	Service string // pattern on the service prefix; empty when the pattern is bare
	Action  string // pattern on the action name
}

// ParsePattern splits an action pattern into its service and action parts.
// A pattern is "service:action" or a bare "action"; both parts must be
// non-empty, a pattern has at most one colon, and it holds only characters
// IAM accepts in a policy.
func ParsePattern(s string) (Pattern, error) {
	if s == "" {
		return Pattern{}, fmt.Errorf("empty action pattern")
	}
	if err := CheckText(s); err != nil {
		return Pattern{}, fmt.Errorf("action pattern %w", err)
	}
	switch strings.Count(s, ":") {
	case 0:
		return Pattern{Action: s}, nil
	case 1:
		svc, act, _ := strings.Cut(s, ":")
		if svc == "" {
			return Pattern{}, fmt.Errorf("action pattern %q has an empty service prefix before the colon", s)
		}
		if act == "" {
			return Pattern{}, fmt.Errorf("action pattern %q has an empty action name after the colon", s)
		}
		return Pattern{Service: svc, Action: act}, nil
	default:
		return Pattern{}, fmt.Errorf("action pattern %q has %d colons; write \"service:Action\" or a bare \"Action\"",
			s, strings.Count(s, ":"))
	}
}

// String writes the pattern back as a policy would.
func (p Pattern) String() string {
	if p.Service == "" {
		return p.Action
	}
	return p.Service + ":" + p.Action
}

// MatchesService reports whether the pattern can name actions of the service
// with this prefix. A bare pattern matches every service.
func (p Pattern) MatchesService(prefix string) bool {
	return p.Service == "" || Match(p.Service, prefix)
}
