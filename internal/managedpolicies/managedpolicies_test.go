package managedpolicies

import (
	"sort"
	"testing"
)

func TestAll(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 1594 {
		t.Errorf("%d policies, want 1594", len(all))
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].Name < all[j].Name }) {
		t.Error("policies are not sorted by name")
	}
	for _, p := range all {
		if p.Name == "" || len(p.Document) < 2 || p.Document[0] != '{' {
			t.Fatalf("policy %q has no document: %s", p.Name, p.Document)
		}
	}
	if _, err := decode([]byte("not gzip")); err == nil {
		t.Error("a corrupt corpus decoded")
	}
}
