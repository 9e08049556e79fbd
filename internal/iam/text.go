package iam

import "fmt"

// IAM compares action names, service prefixes and condition key names
// case-insensitively in ASCII only, and a policy may hold only tab, line
// feed, carriage return and U+0020 to U+00FF
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
// "IAM and AWS STS character limits"). Go's strings.ToLower and strings.EqualFold fold
// Unicode ("İ" to "i", the Kelvin sign to "k"), so every comparison of IAM
// names goes through the functions below instead.

// AcceptedRune reports whether IAM accepts r in a policy.
func AcceptedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xFF
}

// AcceptedRunes describes AcceptedRune for messages.
const AcceptedRunes = "tab, line feed, carriage return and U+0020 to U+00FF"

// CheckText refuses a string holding a character IAM does not accept in a
// policy, naming the character the way the policy parser does.
func CheckText(s string) error {
	for _, r := range s {
		if !AcceptedRune(r) {
			return fmt.Errorf("%q holds the character %U (%q), which is not one IAM accepts in a policy (%s)", s, r, r, AcceptedRunes)
		}
	}
	return nil
}

// ToLowerASCII lowers the ASCII letters of s and leaves every other
// character as it is.
func ToLowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}

// EqualFoldASCII reports whether a and b are equal when ASCII letters are
// compared without case.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}
