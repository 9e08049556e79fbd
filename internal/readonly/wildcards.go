package readonly

import (
	"fmt"
	"strings"
)

// Wildcards is how freely a generated pattern may use '*'. The zero value
// means WildcardsWord.
type Wildcards string

const (
	// WildcardsNone writes every action by its full name.
	WildcardsNone Wildcards = "none"
	// WildcardsWord lets '*' follow only a whole CamelCase word, as in
	// "Describe*" or "GetBucket*": actions AWS adds later under such a
	// prefix are usually of the same kind. It never writes "svc:*", which
	// would grant every future action of the service, writes included.
	WildcardsWord Wildcards = "word"
	// WildcardsPrefix lets '*' follow any prefix, "svc:*" included, for the
	// smallest policy; it grants whatever AWS later adds under a prefix.
	WildcardsPrefix Wildcards = "prefix"
)

// WildcardModes lists the valid values in order of growing freedom.
var WildcardModes = []Wildcards{WildcardsNone, WildcardsWord, WildcardsPrefix}

// ParseWildcards reads a wildcard mode case-insensitively; "" is
// WildcardsWord.
func ParseWildcards(s string) (Wildcards, error) {
	if s == "" {
		return WildcardsWord, nil
	}
	for _, m := range WildcardModes {
		if strings.EqualFold(s, string(m)) {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown wildcards mode %q: valid values are %q, %q and %q",
		s, WildcardsNone, WildcardsWord, WildcardsPrefix)
}

// wordEnd reports whether a CamelCase word of name ends at byte i, so that
// name[:i]+"*" cuts no word in two. A word ends at the end of the name,
// before a capital that follows a lower-case letter or digit ("Get|Object",
// "S3|Buckets", "upload|Files"), and before the last capital of an acronym
// when lower case follows ("DB|Instances"), unless that is a plural "s"
// ("ListWebACLs" is List|Web|ACLs, not List|Web|AC|Ls).
func wordEnd(name string, i int) bool {
	switch {
	case i <= 0 || i > len(name):
		return false
	case i == len(name):
		return true
	}
	prev, next := name[i-1], name[i]
	switch {
	case !isUpper(next):
		return false
	case isLower(prev) || isDigit(prev):
		return true
	case !isUpper(prev) || i+1 == len(name) || !isLower(name[i+1]):
		return false
	}
	plural := name[i+1] == 's' && (i+2 == len(name) || !isLower(name[i+2]))
	return !plural
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// WordEnd reports whether a CamelCase word of name ends at byte i, the
// places "word" mode may put a '*'.
func WordEnd(name string, i int) bool { return wordEnd(name, i) }
