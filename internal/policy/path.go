package policy

import (
	"strconv"
	"strings"
)

// Paths name elements the way people read a policy: element names joined
// with dots and array positions in brackets, "Statement[2].Action[0]". A key
// that would make the path ambiguous (empty, or with a dot, bracket, quote
// or space) is written quoted in brackets: Condition["a.b"].

// joinKey appends an object key to a path.
func joinKey(path, key string) string {
	if needsQuoting(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// joinIndex appends an array position to a path.
func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func needsQuoting(key string) bool {
	return key == "" || strings.ContainsFunc(key, func(r rune) bool {
		switch r {
		case '.', '[', ']', '"', '\\':
			return true
		}
		return r <= ' ' || r > '~'
	})
}
