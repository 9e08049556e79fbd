package policy

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// The characters IAM accepts in a policy; the provider's other inputs
// refuse the same ones.
var allowedRune = iam.AcceptedRune

const allowedRunes = iam.AcceptedRunes

// string reads a string starting at the opening quote and returns its
// decoded value. A string without escapes or non-ASCII characters, which
// is nearly every string in a policy, is returned as a slice of the source.
func (p *parser) string() string {
	p.pos++ // opening quote
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '"' {
			p.pos++
			return p.src[start : p.pos-1]
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return p.slowString(start)
		}
		p.pos++
	}
	p.fail("unexpected end of input inside a string")
	return ""
}

// slowString finishes a string that has escapes or non-ASCII characters.
func (p *parser) slowString(start int) string {
	var b strings.Builder
	b.WriteString(p.src[start:p.pos])
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String()
		case c == '\\':
			r, ok := p.escape()
			if !ok {
				return ""
			}
			b.WriteRune(r)
		case c < 0x20:
			p.fail(fmt.Sprintf("control character %U must be escaped inside a string", rune(c)))
			return ""
		case c >= 0x80:
			r, w := utf8.DecodeRuneInString(p.src[p.pos:])
			if r == utf8.RuneError && w == 1 {
				p.fail("invalid UTF-8 byte inside a string")
				return ""
			}
			if !allowedRune(r) {
				p.failWith(p.pos, InvalidCharacter, fmt.Sprintf("character %U (%q) is not one IAM accepts in a policy (%s)", r, r, allowedRunes))
				return ""
			}
			b.WriteString(p.src[p.pos : p.pos+w])
			p.pos += w
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	p.fail("unexpected end of input inside a string")
	return ""
}

// escape decodes one backslash escape. The decoded character must be one
// IAM accepts too: "\u0000" hides a NUL no better than writing it.
func (p *parser) escape() (rune, bool) {
	off := p.pos
	p.pos++ // backslash
	if p.pos >= len(p.src) {
		p.fail("unexpected end of input inside a string escape")
		return 0, false
	}
	var r rune
	switch c := p.src[p.pos]; c {
	case '"', '\\', '/':
		r = rune(c)
	case 'b':
		r = '\b'
	case 'f':
		r = '\f'
	case 'n':
		r = '\n'
	case 'r':
		r = '\r'
	case 't':
		r = '\t'
	case 'u':
		if len(p.src)-p.pos < 5 {
			p.fail(`incomplete \u escape, expected four hexadecimal digits`)
			return 0, false
		}
		for _, h := range []byte(p.src[p.pos+1 : p.pos+5]) {
			d, ok := hexDigit(h)
			if !ok {
				p.fail(fmt.Sprintf(`invalid \u escape %q, expected four hexadecimal digits`, p.src[off:p.pos+5]))
				return 0, false
			}
			r = r<<4 | d
		}
		p.pos += 4
	default:
		p.fail(fmt.Sprintf(`invalid escape %q inside a string`, p.src[off:p.pos+1]))
		return 0, false
	}
	p.pos++
	if !allowedRune(r) {
		p.failWith(off, InvalidCharacter, fmt.Sprintf("escape %q decodes to %U, which IAM does not accept in a policy (%s)",
			p.src[off:p.pos], r, allowedRunes))
		return 0, false
	}
	return r, true
}

func hexDigit(c byte) (rune, bool) {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0'), true
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return rune(c-'A') + 10, true
	}
	return 0, false
}
