package validation

import (
	"fmt"
	"strconv"
	"strings"
)

// quote quotes a value from the policy for a message, cut short when it is
// long, so a hostile value cannot blow up a report.
func quote(s string) string {
	const limit = 80
	if len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
		s = s[:cut] + "..."
	}
	return strconv.Quote(s)
}

// quoteList quotes up to limit values and says how many more there are.
func quoteList(values []string, limit int) string {
	n := min(len(values), limit)
	q := make([]string, n)
	for i := range n {
		q[i] = quote(values[i])
	}
	s := strings.Join(q, ", ")
	if len(values) > n {
		s += fmt.Sprintf(" and %d more", len(values)-n)
	}
	return s
}

// plural writes a count with a noun: "1 action", "3 actions".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// thatOrThose refers back to n things: "that service", "those services".
func thatOrThose(n int, noun string) string {
	if n == 1 {
		return "that " + noun
	}
	return "those " + noun + "s"
}
