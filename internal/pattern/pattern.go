// Package pattern is the one place IAM's wildcard patterns are matched and
// compared: matching a name, whether one pattern covers another, whether
// two can match a common string, and the ARN rules of the Resource element.
// Validation, the evaluator and the policy fitter all use it.
//
// The syntax is IAM's: '*' matches any run of characters, including none,
// '?' exactly one character, and every other character only itself
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String).
// Two characters that policy text cannot hold (the parser accepts only tab,
// line feed, carriage return and U+0020 to U+00FF) extend it for callers:
//
//   - Escape before a character makes it stand for itself, for a '*' or '?'
//     that comes from a substituted policy variable or from ${*} and ${?};
//   - SegmentStar is a star that matches no colon, for the partition,
//     region and account variables of an ARN format.
//
// Case says how letters compare: action names and service prefixes fold
// ASCII letters only, as IAM does; resources and condition values compare
// exactly. No regular expression is ever built from a pattern, and every
// question's work is bounded by the product of the lengths.
package pattern

import (
	"strings"
	"unicode/utf8"
)

const (
	// Escape makes the character after it literal.
	Escape = '\x00'
	// SegmentStar matches any run of characters without a colon.
	SegmentStar = '\uE000'
)

// Case says how two letters compare.
type Case uint8

const (
	// Sensitive compares characters exactly: resource ARNs and condition
	// values.
	Sensitive Case = iota
	// FoldASCII compares A-Z equal to a-z and folds nothing else ("É" is
	// not "é"): action names and service prefixes.
	FoldASCII
)

// Literal makes every character of s stand for itself in a pattern.
func Literal(s string) string { return escapeAll(s, "*?\x00\uE000") }

// FromText reads policy text as a pattern: '*' and '?' are wildcards and
// every other character stands for itself, the two extension characters
// included, so text that holds them (which a policy cannot) still means
// what IAM's syntax says.
func FromText(s string) string {
	// On the path of every action match: two byte searches before anything.
	if strings.IndexByte(s, Escape) < 0 && strings.IndexByte(s, segmentLead) < 0 {
		return s
	}
	return escapeAll(s, "\x00\uE000")
}

// escapeAll escapes each occurrence in s of the characters of chars.
func escapeAll(s, chars string) string {
	if !strings.ContainsAny(s, chars) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune(chars, r) {
			b.WriteByte(Escape)
		}
		b.WriteString(s[i : i+w])
		i += w
	}
	return b.String()
}

// Unescape returns the text a pattern matches when read literally, for the
// operators that take no wildcards (StringEquals): the escapes go, and '*'
// and '?' are plain characters.
func Unescape(g string) string {
	if strings.IndexByte(g, Escape) < 0 {
		return g
	}
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		if g[i] == Escape && i+1 < len(g) {
			i++
		}
		b.WriteByte(g[i])
	}
	return b.String()
}

type tokenKind uint8

const (
	tokLit     tokenKind = iota
	tokStar              // '*'
	tokOne               // '?'
	tokSegment           // SegmentStar
)

// invalidByte is where a byte that is not UTF-8 goes among the runes of
// literal tokens: past Unicode, so it equals only the same byte.
const invalidByte = utf8.MaxRune + 1

type token struct {
	kind tokenKind
	r    rune // the character of a literal, lowered when folding
}

func (t token) star() bool { return t.kind == tokStar || t.kind == tokSegment }

// absorbs reports whether star s can produce the character, or a
// character the single-character token t produces, in its run. '?' can be
// a character other than a colon.
func (s token) absorbs(t token) bool {
	return s.kind == tokStar || t.kind == tokOne || t.kind == tokLit && t.r != ':'
}

func tokens(g string, c Case) []token {
	out := make([]token, 0, len(g))
	for i := 0; i < len(g); {
		switch ch := g[i]; ch {
		case '*':
			out, i = append(out, token{kind: tokStar}), i+1
		case '?':
			out, i = append(out, token{kind: tokOne}), i+1
		default:
			if ch == Escape && i+1 < len(g) {
				i++
			} else if strings.HasPrefix(g[i:], string(SegmentStar)) {
				out, i = append(out, token{kind: tokSegment}), i+len(string(SegmentStar))
				continue
			}
			r, w := utf8.DecodeRuneInString(g[i:])
			if r == utf8.RuneError && w == 1 {
				r = invalidByte + rune(g[i]) // each invalid byte stays itself
			}
			if c == FoldASCII {
				r = foldRune(r)
			}
			out, i = append(out, token{kind: tokLit, r: r}), i+w
		}
	}
	return out
}

// normalize rewrites each run of wildcards that holds a '*' as its '?'s
// followed by one '*', which matches the same strings ("*?*" and "?*" both
// match one character or more) and lets Covers see more coverings.
func normalize(ts []token) []token {
	if !needsNormalizing(ts) {
		return ts
	}
	return rewriteRuns(ts)
}

// rewriteRuns writes each run of wildcards with a '*' as its '?'s and one
// '*'.
func rewriteRuns(ts []token) []token {
	out := make([]token, 0, len(ts))
	for i := 0; i < len(ts); {
		if ts[i].kind == tokLit {
			out = append(out, ts[i])
			i++
			continue
		}
		j, star := i, false
		for j < len(ts) && ts[j].kind != tokLit {
			star = star || ts[j].kind == tokStar
			j++
		}
		if !star {
			out = append(out, ts[i:j]...)
		} else {
			for _, t := range ts[i:j] {
				if t.kind == tokOne {
					out = append(out, t)
				}
			}
			out = append(out, token{kind: tokStar})
		}
		i = j
	}
	return out
}

// needsNormalizing reports whether a run of wildcards holds a '*' and is
// not already its '?'s followed by that one '*'.
func needsNormalizing(ts []token) bool {
	for i := 0; i < len(ts); i++ {
		if ts[i].kind == tokStar && i+1 < len(ts) && ts[i+1].kind != tokLit {
			return true // something follows the star within the run
		}
		if ts[i].kind == tokSegment {
			for j := i + 1; j < len(ts) && ts[j].kind != tokLit; j++ {
				if ts[j].kind == tokStar {
					return true // a colon-free star in a run with a star
				}
			}
		}
	}
	return false
}

func foldRune(r rune) rune {
	if 'A' <= r && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func foldByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
