package policy

import (
	"fmt"
	"strconv"
)

// show describes a JSON value for a message, naming it when it is short.
func show(n *node) string {
	switch n.kind {
	case kindString:
		return "the string " + quoteShort(n.text)
	case kindNumber:
		return "the number " + truncate(n.text)
	case kindBool:
		return "the boolean " + n.text
	case kindNull:
		return "null"
	case kindArray:
		return fmt.Sprintf("an array of %d values", len(n.kids))
	}
	return fmt.Sprintf("an object with %d keys", len(n.kids))
}

func quoteShort(s string) string { return strconv.Quote(truncate(s)) }

// truncate keeps messages readable when the offending value is huge.
func truncate(s string) string {
	const limit = 80
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut] + "..."
}
