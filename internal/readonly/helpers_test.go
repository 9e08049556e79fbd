package readonly

import (
	"sort"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// expand is the reference expansion of policy patterns, written without the
// compactor's machinery: every pattern against every action of every service
// whose prefix its service part matches, with iam.Match. It returns the
// full names matched.
func expand(t testing.TB, cat iam.Catalog, patterns []string) map[string]bool {
	t.Helper()
	ctx := t.Context()
	summaries, err := cat.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, s := range patterns {
		p, err := iam.ParsePattern(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range summaries {
			if !p.MatchesService(sum.Prefix) {
				continue
			}
			svc, err := cat.Service(ctx, sum.Prefix)
			if err != nil {
				t.Fatal(err)
			}
			for i := range svc.Actions {
				if iam.Match(p.Action, svc.Actions[i].Name) {
					got[svc.FullName(&svc.Actions[i])] = true
				}
			}
		}
	}
	return got
}

// expandService is expand within one service, for synthetic services.
func expandService(svc *iam.Service, patterns []string) (map[string]bool, map[string]int) {
	got, hits := map[string]bool{}, map[string]int{}
	for _, s := range patterns {
		prefix, action, _ := strings.Cut(s, ":")
		if !iam.Match(prefix, svc.Prefix) {
			continue
		}
		for i := range svc.Actions {
			if iam.Match(action, svc.Actions[i].Name) {
				got[svc.FullName(&svc.Actions[i])] = true
				hits[s]++
			}
		}
	}
	return got, hits
}

// wantedNames lists the full names of the marked actions.
func wantedNames(svc *iam.Service, want []bool) map[string]bool {
	out := map[string]bool{}
	for i, w := range want {
		if w {
			out[svc.FullName(&svc.Actions[i])] = true
		}
	}
	return out
}

// diffSets describes how got differs from want, or is "" when equal.
func diffSets(got, want map[string]bool) string {
	var extra, missing []string
	for n := range got {
		if !want[n] {
			extra = append(extra, n)
		}
	}
	for n := range want {
		if !got[n] {
			missing = append(missing, n)
		}
	}
	if len(extra)+len(missing) == 0 {
		return ""
	}
	sort.Strings(extra)
	sort.Strings(missing)
	return "extra " + strings.Join(head(extra), " ") + "; missing " + strings.Join(head(missing), " ")
}

func head(s []string) []string {
	if len(s) > 5 {
		return append(s[:5:5], "...")
	}
	return s
}

// listCost is what the patterns add to a policy: `"p",` each.
func listCost(patterns []string) int {
	n := 0
	for _, p := range patterns {
		n += len(p) + 3
	}
	return n
}

// levelWant marks the actions of svc at the given levels.
func levelWant(svc *iam.Service, levels iam.LevelSet) []bool {
	want := make([]bool, len(svc.Actions))
	for i, a := range svc.Actions {
		want[i] = levels.Has(a.AccessLevel)
	}
	return want
}

var listRead = iam.LevelSet(0).Add(iam.List).Add(iam.Read)

// allServices loads every service of the embedded snapshot.
func allServices(t testing.TB) []*iam.Service {
	t.Helper()
	ctx := t.Context()
	cat := embedded.Default()
	summaries, err := cat.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*iam.Service, len(summaries))
	for i, s := range summaries {
		if out[i], err = cat.Service(ctx, s.Prefix); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// synthetic builds a service from action names, sorted as a catalog sorts.
func synthetic(prefix string, names ...string) *iam.Service {
	svc := &iam.Service{Prefix: prefix}
	for _, n := range names {
		svc.Actions = append(svc.Actions, iam.Action{Name: n, AccessLevel: iam.Read})
	}
	svc.Sort()
	return svc
}
