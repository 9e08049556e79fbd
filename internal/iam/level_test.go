package iam

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseLevels(t *testing.T) {
	set := func(ls ...AccessLevel) LevelSet {
		var s LevelSet
		for _, l := range ls {
			s = s.Add(l)
		}
		return s
	}
	for _, c := range []struct {
		in   []string
		want LevelSet
	}{
		{[]string{"list"}, set(List)},
		{[]string{"READ", "Write"}, set(Read, Write)},
		{[]string{"Permissions management"}, set(PermissionsManagement)},
		{[]string{"permissions_management"}, set(PermissionsManagement)},
		{[]string{"tagging"}, set(Tagging)},
		{[]string{"ListOnly"}, set(List)},
		{[]string{"ReadOnly"}, set(List, Read)},
		{[]string{"read-write"}, set(List, Read, Write, Tagging)},
		{[]string{"Permissions"}, set(PermissionsManagement)},
		{nil, 0},
	} {
		got, err := ParseLevels(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseLevels(%q) = %v, %v; want %v", c.in, got.Levels(), err, c.want.Levels())
		}
	}
	_, err := ParseLevels([]string{"Admin"})
	if err == nil || !strings.Contains(err.Error(), `unknown access level "Admin": valid values are "List", "Read", "Write", "Permissions management", "Tagging", or a console group: "ListOnly"`) {
		t.Errorf("ParseLevels(Admin) error = %v", err)
	}
}

func TestGroupsAndLevelsAgree(t *testing.T) {
	// The console's priority rule must invert Groups for every level.
	for _, l := range AccessLevels {
		var names []string
		for _, g := range l.Groups() {
			names = append(names, string(g))
		}
		got, err := LevelFromGroups(names)
		if err != nil || got != l {
			t.Errorf("LevelFromGroups(%v) = %v, %v; want %v", names, got, err, l)
		}
	}
	if l, _ := LevelFromGroups([]string{"ReadWrite"}); l != Write {
		t.Errorf("ReadWrite alone = %v, want Write", l)
	}
	if _, err := LevelFromGroups([]string{"ReadOnly", "Admin"}); err == nil || !strings.Contains(err.Error(), `unknown action group "Admin"`) {
		t.Errorf("unknown group error = %v", err)
	}
	if _, err := LevelFromGroups(nil); err == nil {
		t.Error("no groups gave no error")
	}
}

func TestLevelFromDocs(t *testing.T) {
	for in, want := range map[string]AccessLevel{
		"List":                          List,
		"Write":                         Write,
		"Tagging, Write":                Tagging,
		"Permissions management, Write": PermissionsManagement,
	} {
		if got, err := LevelFromDocs(in); err != nil || got != want {
			t.Errorf("LevelFromDocs(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := LevelFromDocs("Read, Admin"); err == nil {
		t.Error("LevelFromDocs accepted an unknown level")
	}
}

func TestLevelSet(t *testing.T) {
	s := LevelSet(0).Add(Tagging).Add(List)
	if !reflect.DeepEqual(s.Levels(), []AccessLevel{List, Tagging}) || s.Has(Read) || s.Empty() {
		t.Errorf("set = %v", s.Levels())
	}
	if !List.IsReadOnly() || !Read.IsReadOnly() || Write.IsReadOnly() || Tagging.IsReadOnly() {
		t.Error("IsReadOnly wrong")
	}
	if AccessLevel(9).Valid() || AccessLevel(0).Valid() || AccessLevel(9).String() != "AccessLevel(9)" {
		t.Error("invalid levels not recognised")
	}
}
