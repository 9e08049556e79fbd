package readonly

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// The level-family rule: past the read families, a '*' may follow a
// prefix whose actions, across every service, are at one level with a
// lower 95% Wilson bound of at least 97% on at least 20 actions of 5
// services (a root at that level), or a longer prefix of such a root.
func TestLevelFamiliesOfTheSnapshot(t *testing.T) {
	lf := NewLevelFamilies(allServices(t))
	for _, c := range []struct {
		level                   iam.AccessLevel
		prefix                  string
		root                    bool
		total, target, services int
	}{
		{iam.Write, "Create", true, 2403, 2362, 364},
		{iam.Write, "Update", true, 2085, 2048, 342},
		{iam.Tagging, "Tag", true, 320, 318, 306},
		{iam.Tagging, "Untag", true, 318, 316, 305},
		{iam.Write, "Delete", false, 2524, 2419, 365}, // 95.8%, bound 95.0%: Delete*Policy is Permissions management
		{iam.Write, "Put", false, 590, 494, 196},
		{iam.Write, "Start", false, 551, 534, 204}, // bound 95.1%
		{iam.PermissionsManagement, "Put", false, 590, 85, 196},
	} {
		got, ok := lf.At(c.level).Lookup(c.prefix)
		if !ok || got.Root != c.root || got.Total != c.total || got.Target != c.target || got.Services != c.services {
			t.Errorf("%s at %s: %+v, want %d of %d in %d services, root %v", c.prefix, c.level, got, c.target, c.total, c.services, c.root)
		}
	}
	var roots []string
	for _, l := range levelFamilyLevels {
		for _, r := range lf.At(l).Roots() {
			roots = append(roots, l.String()+" "+r.Prefix)
		}
	}
	slices.Sort(roots)
	if want := []string{"Tagging Tag", "Tagging Untag", "Write Create", "Write Update"}; !slices.Equal(roots, want) {
		t.Errorf("roots %q, want %q", roots, want)
	}
	if lf.At(iam.List) != nil || lf.At(iam.Read) != nil {
		t.Error("List and Read count together as the read families, not alone")
	}
}

func TestLevelFamiliesAdmitAPrefixForTheLevelItIsOf(t *testing.T) {
	lf := NewLevelFamilies(allServices(t))
	for _, c := range []struct {
		name   string
		prefix string
		level  iam.AccessLevel
		want   bool
	}{
		{"a Write root over Write actions", "Create", iam.Write, true},
		{"a Write root over Tagging actions", "Create", iam.Tagging, false},
		{"a Write root over actions of several levels", "Create", 0, false},
		{"a longer prefix of a Write root with the share", "UpdateProject", iam.Write, true},
		{"a longer prefix of a Write root short of the share (14 of 15)", "UpdateWorkspace", iam.Write, false},
		{"a Write family short of the evidence", "Delete", iam.Write, false},
		{"a Tagging root over Tagging actions", "Untag", iam.Tagging, true},
		{"a read family, whatever the levels, as before", "Describe", 0, true},
		{"no family at Permissions management", "Put", iam.PermissionsManagement, false},
	} {
		if got := lf.Admits(c.prefix, c.level); got != c.want {
			t.Errorf("%s: Admits(%q, %v) = %v, want %v", c.name, c.prefix, c.level, got, c.want)
		}
	}
}

// In word mode with level families a '*' follows a Write root only when
// every action it matches is Write today: grafana's UpdatePermissions is
// Permissions management, so "grafana:Update*" is never written, and
// "UpdateWorkspace" has 14 Write actions of 15 across the catalog, short
// of the share a longer prefix needs.
func TestCompactorWithLevelFamilies(t *testing.T) {
	services := allServices(t)
	lf := NewLevelFamilies(services)
	compact := func(prefix string, want []string) []string {
		t.Helper()
		for _, svc := range services {
			if svc.Prefix == prefix {
				c, err := NewCompactor(svc)
				if err != nil {
					t.Fatal(err)
				}
				got, err := c.WithLevelFamilies(lf).Compact(want, WildcardsWord)
				if err != nil {
					t.Fatal(err)
				}
				return got
			}
		}
		t.Fatalf("no service %q", prefix)
		return nil
	}
	for _, c := range []struct {
		name          string
		prefix        string
		want, written []string
	}{
		{"a Write root over the service's Write actions", "amplifyuibuilder",
			[]string{"UpdateComponent", "UpdateForm", "UpdateTheme"}, []string{"amplifyuibuilder:Update*"}},
		{"a Write root over actions of two levels stays written out", "grafana",
			[]string{"UpdatePermissions", "UpdateWorkspace", "UpdateWorkspaceAuthentication", "UpdateWorkspaceConfiguration"},
			[]string{"grafana:UpdatePermissions", "grafana:UpdateWorkspace", "grafana:UpdateWorkspaceAuthentication",
				"grafana:UpdateWorkspaceConfiguration"}},
	} {
		if got := compact(c.prefix, c.want); !slices.Equal(got, c.written) {
			t.Errorf("%s: %q, want %q", c.name, got, c.written)
		}
	}
}

// The evidence is the catalog's even for one service's pattern: no
// service's "Create" actions could give a bound of their own, since even
// ec2's 112, the most, would bound the share below 97% were all Write.
func TestOneServiceHasTooFewActionsForABoundOfItsOwn(t *testing.T) {
	most, prefix := 0, ""
	for _, svc := range allServices(t) {
		n := 0
		for _, a := range svc.Actions {
			if len(a.Name) > len("Create") && a.Name[:len("Create")] == "Create" {
				n++
			}
		}
		if n > most {
			most, prefix = n, svc.Prefix
		}
	}
	if most != 112 || prefix != "ec2" || wilsonLower(most, most) >= ReadFamilyShare {
		t.Errorf("most Create actions: %d in %q, bound %.4f; want 112 in ec2, bound under %v", most, prefix, wilsonLower(most, most), ReadFamilyShare)
	}
}

// The families of a catalog are derived once; a failed derivation, such
// as a cancelled read of the catalog, is tried again by the next caller.
func TestOnceCacheComputesOnceAndForgetsAFailure(t *testing.T) {
	var c onceCache[string, int]
	calls := 0
	fail := func() (int, error) { calls++; return 0, context.Canceled }
	succeed := func() (int, error) { calls++; return 7, nil }
	if _, err := c.get("cat", fail); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want the derivation's", err)
	}
	for range 2 {
		if v, err := c.get("cat", succeed); v != 7 || err != nil {
			t.Fatalf("got %d, %v; want 7", v, err)
		}
	}
	if calls != 2 {
		t.Errorf("derived %d times, want 2: the failure, then once", calls)
	}
}
