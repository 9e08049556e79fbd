package backtest

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

var (
	runOnce sync.Once
	results []Result
	runErr  error
)

// backtest ages every policy once per test binary: it takes seconds.
func backtest(t *testing.T) []Result {
	t.Helper()
	runOnce.Do(func() {
		var data *Data
		if data, runErr = Load(); runErr == nil {
			results, runErr = Run(t.Context(), embedded.Default(), data)
		}
	})
	if runErr != nil {
		t.Fatal(runErr)
	}
	return results
}

// TestBacktestCoversEveryWindow checks the committed data against the
// snapshot: each window's version, and the snapshot's own window last.
func TestBacktestCoversEveryWindow(t *testing.T) {
	res := backtest(t)
	if len(res) != len(Versions)+1 {
		t.Fatalf("%d windows, want %d and the snapshot's", len(res), len(Versions))
	}
	for i, v := range Versions {
		if res[i].Window.Version != v || res[i].Added == 0 {
			t.Errorf("window %d is %s with %d actions added, want %s with some", i, res[i].Window.Version, res[i].Added, v)
		}
	}
	if last := res[len(res)-1]; last.Window.Version != embedded.Default().DataVersion() || last.Added != 0 {
		t.Errorf("last window %s adds %d actions, want the snapshot %s adding none", last.Window.Version, last.Added, embedded.Default().DataVersion())
	}
}

// The targets of issue 18 for the default boundary (every service,
// cross-service, word), judged in every window: no action whose name vends
// credentials (readonly.MatchesDenyWord) granted by a wildcard; a leak,
// non-read actions granted today, at most the naive prefix policy's; and,
// generated on the snapshot, at least 97% of today's List and Read actions
// in one document of at most 6,144 characters.
func TestBacktestTargets(t *testing.T) {
	for _, r := range backtest(t) {
		cells := map[Policy]Cell{}
		for _, c := range r.Cells {
			cells[c.Policy] = c
		}
		def, naive := cells[Default], cells[Naive]
		for _, p := range []Policy{Default, PerService, Team} {
			if v := cells[p].Vending; len(v) > 0 {
				t.Errorf("%s, %s: a wildcard grants credential vending %q", r.Window.Version, p, v)
			}
		}
		if def.Leak() > naive.Leak() {
			t.Errorf("%s: the default boundary leaks %d non-read actions (%q, %q), more than the naive policy's %d",
				r.Window.Version, def.Leak(), def.NewOutside, def.Reclassified, naive.Leak())
		}
		if def.Chars > readonly.DefaultMaxPolicyChars {
			t.Errorf("%s: %d characters, over %d", r.Window.Version, def.Chars, readonly.DefaultMaxPolicyChars)
		}
	}
	res := backtest(t)
	if today := res[len(res)-1].Cells[0]; today.Coverage() < 0.97 {
		t.Errorf("generated on the snapshot, the default boundary grants %d of %d List and Read actions (%.2f%%), under 97%%",
			today.Covered, today.Target, 100*today.Coverage())
	}
}

// TestBacktestTable computes the backtest tables and checks that README.md
// and the boundary guide hold every row. `make backtest` prints them.
func TestBacktestTable(t *testing.T) {
	rows := Table(backtest(t))
	for _, file := range []string{"../../README.md", "../../templates/guides/readonly-permission-boundary.md.tmpl"} {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if strings.HasPrefix(r, "| generated") || strings.HasPrefix(r, "|---") {
				continue
			}
			if !strings.Contains(string(text), r+"\n") {
				t.Errorf("%s lacks the row\n%s", file, r)
			}
		}
	}
	t.Log("\n" + strings.Join(rows, "\n"))
}

func TestPolicyDiffRoundTrips(t *testing.T) {
	latest := []string{"a:Get*", "b:List*", "c:Describe*"}
	old := []string{"a:Get*", "c:Describe*", "d:Read*"}
	d := NewPolicyDiff("v1", latest, old)
	if got := fmt.Sprint(d.Apply(latest)); got != fmt.Sprint(old) {
		t.Errorf("applied %s, want %s", got, fmt.Sprint(old))
	}
}
