package iam

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Match reports whether name matches pattern the way IAM matches action
// names: ASCII case-insensitively and against the whole name, where '*'
// matches any run of characters (including none), '?' exactly one character,
// and every other character only itself.
//
// It walks both strings once, going back only to the most recent '*'; that
// bounds the work by len(pattern)*len(name) whatever the pattern, so no
// input can make it explode the way a backtracking regex can.
func Match(pattern, name string) bool {
	p, n := 0, 0
	star, starN := -1, 0 // position of the last '*' and where its run ends in name
	for n < len(name) {
		if p < len(pattern) {
			switch c := pattern[p]; c {
			case '*':
				star, starN = p, n
				p++
				continue
			case '?':
				_, w := utf8.DecodeRuneInString(name[n:])
				p, n = p+1, n+w
				continue
			default:
				_, pw := utf8.DecodeRuneInString(pattern[p:])
				_, nw := utf8.DecodeRuneInString(name[n:])
				if pw == nw && equalFold(pattern[p:p+pw], name[n:n+nw]) {
					p, n = p+pw, n+nw
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		// Let the last '*' swallow one more character and retry after it.
		_, w := utf8.DecodeRuneInString(name[starN:])
		starN += w
		p, n = star+1, starN
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func equalFold(a, b string) bool {
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

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
