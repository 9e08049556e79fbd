package backtest

import (
	"fmt"
	"strings"
)

// Table writes the backtest as Markdown rows: the header, then one row per
// window. Each cell is "leak: new + reclassified" over "granted new,
// coverage of today's List and Read"; the README explains the columns.
func Table(results []Result) []string {
	head := "| generated on | actions added since | default boundary | `cross_service = false` | team set | naive `*:List*`, `*:Get*`, `*:Describe*` | AWS `ReadOnlyAccess` of that time |"
	rows := []string{head, "|---|---|---|---|---|---|---|"}
	for _, r := range results {
		version := r.Window.Version
		if r.Added == 0 {
			version += " (the snapshot)"
		}
		cells := []string{version, thousands(r.Added)}
		for _, c := range r.Cells {
			leak := fmt.Sprint(len(c.NewOutside))
			if len(c.Reclassified) > 0 {
				leak += fmt.Sprintf(" + %d", len(c.Reclassified))
			}
			cell := fmt.Sprintf("**%s** (%s new; %.1f%%", leak, thousands(len(c.New)), 100*c.Coverage())
			if c.Policy == ReadOnlyAccess {
				cell += "; " + r.Window.ReadOnlyAccess.Version
			}
			cells = append(cells, cell+")")
		}
		rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
	}
	return rows
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
