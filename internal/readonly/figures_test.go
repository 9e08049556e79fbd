package readonly

import (
	"fmt"
	"strings"
	"testing"
)

// TypicalServices is a typical application account's footprint, the set
// the README's size table quotes besides every service.
var TypicalServices = []string{
	"autoscaling", "cloudformation", "cloudtrail", "cloudwatch", "dynamodb",
	"ec2", "ecr", "ecs", "eks", "elasticloadbalancing",
	"iam", "kms", "lambda", "logs", "rds",
	"route53", "s3", "sns", "sqs", "sts",
}

// AWS's ReadOnlyAccess managed policy (version v188), measured against the
// snapshot: its size without whitespace, the actions it grants that are
// neither List nor Read, and the List and Read actions it misses.
const (
	readOnlyAccessChars     = 91266
	readOnlyAccessNonRead   = 8
	readOnlyAccessMissed    = 2685
	snapshotListReadActions = 9590
)

type figure struct{ chars, patterns, policies int }

// TestReferenceFigures pins the sizes of the List and Read statement that
// the README quotes, so that a change to the compactor or the data shows
// up here. Run with -v for the table.
func TestReferenceFigures(t *testing.T) {
	want := map[string]map[Wildcards]figure{
		"all": {
			WildcardsNone:   {321490, 9590, 54},
			WildcardsWord:   {41666, 1831, 7},
			WildcardsPrefix: {27362, 1546, 5},
		},
		"typical": {
			WildcardsNone:   {32470, 1009, 6},
			WildcardsWord:   {1901, 96, 1},
			WildcardsPrefix: {1220, 84, 1},
		},
	}
	sets := map[string][]string{"all": {"*"}, "typical": TypicalServices}
	var table strings.Builder
	fmt.Fprintf(&table, "ReadOnlyAccess: %d chars, %d non-List/Read actions allowed, %d of %d List/Read actions missed\n",
		readOnlyAccessChars, readOnlyAccessNonRead, readOnlyAccessMissed, snapshotListReadActions)
	fmt.Fprintf(&table, "%-8s %-7s %9s %9s %9s\n", "services", "mode", "chars", "patterns", "policies")
	for _, name := range []string{"all", "typical"} {
		for _, mode := range WildcardModes {
			res, _ := build(t, Options{Services: sets[name], Wildcards: mode})
			got := figure{res.CharCount, len(res.Actions), len(res.Policies)}
			fmt.Fprintf(&table, "%-8s %-7s %9d %9d %9d\n", name, mode, got.chars, got.patterns, got.policies)
			if got != want[name][mode] {
				t.Errorf("%s services, %s: %+v, want %+v", name, mode, got, want[name][mode])
			}
			if name == "all" && len(res.ExpandedActions) != snapshotListReadActions {
				t.Errorf("all services, %s: %d actions, want %d", mode, len(res.ExpandedActions), snapshotListReadActions)
			}
		}
	}
	t.Log("\n" + table.String())
}
