package evaluate

import (
	"strings"
	"unicode/utf8"
)

// Globs are IAM's wildcard patterns for resources and StringLike/ArnLike
// values: '*' matches any run of characters, including none, '?' exactly
// one, and everything else only itself, case-sensitively
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
//
// A '*' or '?' that must stand for itself (written ${*} or ${?}, or coming
// from a substituted variable) is escaped with a NUL byte, which the policy
// parser never lets into a document: "\x00*" is a literal star.
const escape = '\x00'

// escapeLiteral makes every character of s stand for itself in a glob.
func escapeLiteral(s string) string {
	if !strings.ContainsAny(s, "*?\x00") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '*' || c == '?' || c == escape {
			b.WriteByte(escape)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescape returns the text a glob matches when read literally, for the
// operators that take no wildcards (StringEquals): the escapes go, and '*'
// and '?' are plain characters.
func unescape(g string) string {
	if strings.IndexByte(g, escape) < 0 {
		return g
	}
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		if g[i] == escape && i+1 < len(g) {
			i++
		}
		b.WriteByte(g[i])
	}
	return b.String()
}

// matchGlob reports whether name matches the glob pattern. Like iam.Match
// it goes back only to the most recent '*', so its work is bounded by
// len(pattern)*len(name) whatever the input; no regex is ever built.
func matchGlob(pattern, name string) bool {
	p, n := 0, 0
	star, starN := -1, 0
	for n < len(name) {
		if p < len(pattern) {
			c := pattern[p]
			switch {
			case c == '*':
				star, starN = p, n
				p++
				continue
			case c == '?':
				_, w := utf8.DecodeRuneInString(name[n:])
				p, n = p+1, n+w
				continue
			case c == escape && p+1 < len(pattern):
				if pattern[p+1] == name[n] {
					p, n = p+2, n+1
					continue
				}
			case c == name[n]:
				p, n = p+1, n+1
				continue
			}
		}
		if star < 0 {
			return false
		}
		_, w := utf8.DecodeRuneInString(name[starN:])
		starN += w
		p, n = star+1, starN
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// arnSegments is how many colon-separated parts an ARN has: arn,
// partition, service, region, account, and the resource, which may hold
// colons itself.
const arnSegments = 6

// splitARN splits s into its six parts, the last keeping its colons. ok is
// false when s has fewer than six.
func splitARN(s string) (parts [arnSegments]string, n int) {
	for n < arnSegments-1 {
		i := strings.IndexByte(s, ':')
		if i < 0 {
			break
		}
		parts[n], s = s[:i], s[i+1:]
		n++
	}
	parts[n] = s
	return parts, n + 1
}

// matchARN matches a resource ARN against a pattern segment by segment, as
// the Resource element and the Arn condition operators do: each of the six
// parts is matched on its own, so a wildcard does not run into the next
// part, except that a pattern that ends early in a '*' ("arn:aws:s3:*")
// lets it match the rest of the ARN, colons included
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
// A name that is not an ARN matches only a pattern that, read as a whole
// glob, matches it ("*").
func matchARN(pattern, name string) bool {
	np, nn := splitARN(name)
	if nn < arnSegments {
		return matchGlob(pattern, name)
	}
	pp, pn := splitARN(pattern)
	for i := 0; i < pn-1; i++ {
		if !matchGlob(pp[i], np[i]) {
			return false
		}
	}
	last := pp[pn-1]
	if pn == arnSegments {
		return matchGlob(last, np[arnSegments-1])
	}
	if !endsInWildStar(last) {
		return false
	}
	return matchGlob(last, strings.Join(np[pn-1:], ":"))
}

// endsInWildStar reports whether a glob's last token is an unescaped '*'.
func endsInWildStar(g string) bool {
	wild := false
	for i := 0; i < len(g); i++ {
		if g[i] == escape && i+1 < len(g) {
			i++
			wild = false
			continue
		}
		wild = g[i] == '*'
	}
	return wild
}
