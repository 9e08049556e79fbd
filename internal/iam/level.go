package iam

import (
	"fmt"
	"strings"
)

// AccessLevel is one of the five access levels AWS assigns to every action.
// The zero value is not a valid level.
type AccessLevel uint8

// The five access levels, in the order AWS's documentation lists them.
const (
	List AccessLevel = iota + 1
	Read
	Write
	PermissionsManagement
	Tagging
)

// AccessLevels lists every level in documentation order.
var AccessLevels = []AccessLevel{List, Read, Write, PermissionsManagement, Tagging}

var levelNames = [...]string{"", "List", "Read", "Write", "Permissions management", "Tagging"}

func (l AccessLevel) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return fmt.Sprintf("AccessLevel(%d)", uint8(l))
}

// Valid reports whether l is one of the five levels.
func (l AccessLevel) Valid() bool { return l >= List && l <= Tagging }

// IsReadOnly reports whether the level grants no change: List or Read.
func (l AccessLevel) IsReadOnly() bool { return l == List || l == Read }

// ActionGroup is the IAM console's vocabulary for access levels.
type ActionGroup string

// The console's action groups.
const (
	ListOnly    ActionGroup = "ListOnly"
	ReadOnly    ActionGroup = "ReadOnly"
	ReadWrite   ActionGroup = "ReadWrite"
	TaggingOnly ActionGroup = "Tagging"
	Permissions ActionGroup = "Permissions"
)

// ActionGroups lists every console group.
var ActionGroups = []ActionGroup{ListOnly, ReadOnly, ReadWrite, TaggingOnly, Permissions}

// Groups returns the console groups an action of this level belongs to.
// They are cumulative, the way the console reports them: a List action is
// also ReadOnly and ReadWrite.
func (l AccessLevel) Groups() []ActionGroup {
	switch l {
	case List:
		return []ActionGroup{ListOnly, ReadOnly, ReadWrite}
	case Read:
		return []ActionGroup{ReadOnly, ReadWrite}
	case Write:
		return []ActionGroup{ReadWrite}
	case Tagging:
		return []ActionGroup{TaggingOnly, ReadWrite}
	case PermissionsManagement:
		return []ActionGroup{Permissions}
	}
	return nil
}

// LevelFromGroups maps the console's groups of one action to its access
// level, with priority Permissions > ListOnly > ReadOnly > Tagging > ReadWrite.
func LevelFromGroups(groups []string) (AccessLevel, error) {
	have := map[ActionGroup]bool{}
	for _, g := range groups {
		switch ag := ActionGroup(g); ag {
		case ListOnly, ReadOnly, ReadWrite, TaggingOnly, Permissions:
			have[ag] = true
		default:
			return 0, fmt.Errorf("unknown action group %q (known: %s)", g, joinGroups())
		}
	}
	switch {
	case have[Permissions]:
		return PermissionsManagement, nil
	case have[ListOnly]:
		return List, nil
	case have[ReadOnly]:
		return Read, nil
	case have[TaggingOnly]:
		return Tagging, nil
	case have[ReadWrite]:
		return Write, nil
	}
	return 0, fmt.Errorf("action has no action group")
}

// LevelSet is a set of access levels; the zero value is empty.
type LevelSet uint8

// Add returns the set with l added.
func (s LevelSet) Add(l AccessLevel) LevelSet { return s | 1<<l }

// Has reports whether l is in the set.
func (s LevelSet) Has(l AccessLevel) bool { return s&(1<<l) != 0 }

// Empty reports whether the set holds no level.
func (s LevelSet) Empty() bool { return s == 0 }

// Levels returns the members in documentation order.
func (s LevelSet) Levels() []AccessLevel {
	var out []AccessLevel
	for _, l := range AccessLevels {
		if s.Has(l) {
			out = append(out, l)
		}
	}
	return out
}

// ParseLevels reads access levels in either vocabulary, case-insensitively,
// ignoring spaces, underscores and hyphens: "list", "Permissions management",
// "permissions_management", or a console group such as "ReadOnly", which
// stands for every level in that group.
func ParseLevels(names []string) (LevelSet, error) {
	var set LevelSet
	for _, name := range names {
		s, ok := parseLevel(name)
		if !ok {
			return 0, fmt.Errorf("unknown access level %q: valid values are %s, or a console group: %s",
				name, joinLevels(), joinGroups())
		}
		set |= s
	}
	return set, nil
}

func parseLevel(name string) (LevelSet, bool) {
	key := normalizeLevel(name)
	for _, l := range AccessLevels {
		if normalizeLevel(l.String()) == key {
			return LevelSet(0).Add(l), true
		}
	}
	for _, g := range ActionGroups {
		if normalizeLevel(string(g)) == key {
			var set LevelSet
			for _, l := range AccessLevels {
				for _, lg := range l.Groups() {
					if lg == g {
						set = set.Add(l)
					}
				}
			}
			return set, true
		}
	}
	return 0, false
}

func normalizeLevel(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '_', '-':
			return -1
		}
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

func joinLevels() string {
	names := make([]string, len(AccessLevels))
	for i, l := range AccessLevels {
		names[i] = fmt.Sprintf("%q", l.String())
	}
	return strings.Join(names, ", ")
}

func joinGroups() string {
	names := make([]string, len(ActionGroups))
	for i, g := range ActionGroups {
		names[i] = fmt.Sprintf("%q", string(g))
	}
	return strings.Join(names, ", ")
}

// LevelFromDocs reads an access level as the service authorization
// reference writes it. Some rows name two levels ("Tagging, Write",
// "Permissions management, Write"); the most specific one wins, as AWS's
// documentation tables show it, so a Write filter leaves those actions out.
func LevelFromDocs(s string) (AccessLevel, error) {
	var set LevelSet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		found := false
		for _, l := range AccessLevels {
			if l.String() == part {
				set, found = set.Add(l), true
			}
		}
		if !found {
			return 0, fmt.Errorf("unknown access level %q in %q", part, s)
		}
	}
	for _, l := range []AccessLevel{PermissionsManagement, Tagging, Write, Read, List} {
		if set.Has(l) {
			return l, nil
		}
	}
	return 0, fmt.Errorf("empty access level")
}
