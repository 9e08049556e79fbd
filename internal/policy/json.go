package policy

import (
	"fmt"
	"sync"
	"unicode/utf8"
)

// Documented caps on the input. IAM's own limits are far lower (6,144
// characters for a customer managed policy); these only bound the work a
// hostile document can cause, and both are checked before anything is
// decoded past the point of failure.
const (
	// MaxDocumentSize is the largest document accepted, in bytes.
	MaxDocumentSize = 1 << 20
	// MaxDepth is the deepest nesting of arrays and objects accepted. A
	// policy needs six: the document, the Statement array, a statement,
	// Condition, an operator block and an array of values.
	MaxDepth = 32
	// MaxStatements is the most statements accepted. Each statement's
	// expansion can hold every action of every service, so the cap bounds
	// the work a document can ask for; no real policy comes close.
	MaxStatements = 1000
)

// The JSON layer is a strict RFC 8259 parser written for policies, since
// encoding/json matches keys case-insensitively and keeps the last of
// duplicate keys, both of which would hide mistakes IAM rejects. It keeps
// key order, reports errors with line, column and path, and refuses
// characters IAM does not accept.

type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// node is one JSON value, or one member of an object: then key is the
// member's key and off where the key starts. text holds a string's decoded
// value or the literal of a number or boolean; kids an array's elements or
// an object's members. One type for both keeps a policy's tree, mostly
// short strings, small.
type node struct {
	kind kind
	off  int32 // documents are at most MaxDocumentSize bytes
	key  string
	text string
	kids []node
}

// has reports whether an object has a member with exactly this key.
func (n *node) has(key string) bool {
	for i := range n.kids {
		if n.kids[i].key == key {
			return true
		}
	}
	return false
}

// jsonError is a problem at a position of the source.
type jsonError struct {
	off     int
	path    string
	summary string
	detail  string
}

// maxJSONErrors bounds how many duplicate keys are reported, so that a
// document made of nothing else costs no more than one that is valid.
const maxJSONErrors = 20

type parser struct {
	src   string
	pos   int
	depth int
	stack []segment // where the parser is, for error paths
	errs  []jsonError
	fatal bool

	// Children are gathered on this stack while their container is being
	// read, then moved to an exactly sized slice cut from a slab: a policy
	// has thousands of small arrays, and growing each by append would cost
	// more than the rest of the parse.
	kidStack []node
	slabs    [][]node
	cur      int // the slab being filled
}

type segment struct {
	key   string
	index int
	isKey bool
}

// The tree lives only until the decoder has read it (a Document keeps its
// strings, never its nodes), so a parser and its slabs serve one parse
// after another. Slabs past maxPooledNodes, grown by a huge document, are
// left to the garbage collector rather than kept.
var parsers = sync.Pool{New: func() any { return new(parser) }}

const maxPooledNodes = 1 << 16

// parseJSON parses src into a tree, valid until release. It stops at the
// first syntax error, and then reports ok false; duplicate keys are
// reported but parsing goes on, keeping the first.
func parseJSON(src string) (p *parser, root node, errs []jsonError, ok bool) {
	p, isParser := parsers.Get().(*parser)
	if !isParser {
		p = new(parser)
	}
	p.src = src
	p.skipSpace()
	root = p.value()
	if !p.fatal {
		p.skipSpace()
		if p.pos < len(p.src) {
			p.fail("unexpected " + p.describe() + " after the end of the document")
		}
	}
	return p, root, p.errs, !p.fatal
}

// release returns the parser to the pool; the tree must not be used after.
func (p *parser) release() {
	total := 0
	for i := range p.slabs {
		clear(p.slabs[i]) // drop references to the document's strings
		p.slabs[i] = p.slabs[i][:0]
		total += cap(p.slabs[i])
	}
	if total > maxPooledNodes {
		p.slabs = nil
	}
	clear(p.kidStack)
	kids := p.kidStack[:0]
	if cap(kids) > maxPooledNodes {
		kids = nil
	}
	*p = parser{stack: p.stack[:0], kidStack: kids, slabs: p.slabs}
	parsers.Put(p)
}

func (p *parser) path() string {
	path := ""
	for _, s := range p.stack {
		if s.isKey {
			path = joinKey(path, s.key)
		} else {
			path = joinIndex(path, s.index)
		}
	}
	return path
}

func (p *parser) fail(detail string) {
	p.failAt(p.pos, detail)
}

func (p *parser) failAt(off int, detail string) { p.failWith(off, "Invalid JSON", detail) }

// InvalidCharacter is the summary of the error for a character IAM does
// not accept in a policy, written or decoded from an escape.
const InvalidCharacter = "Invalid character"

func (p *parser) failWith(off int, summary, detail string) {
	if p.fatal {
		return
	}
	p.fatal = true
	p.errs = append(p.errs, jsonError{off: off, path: p.path(), summary: summary, detail: detail})
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// describe names the character at the current position for a message.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	c := p.src[p.pos]
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("character %q", rune(c))
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return fmt.Sprintf("character %U", r)
}

func (p *parser) value() node {
	if p.pos >= len(p.src) {
		p.fail("unexpected end of input, expected a value")
		return node{}
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		off := p.pos
		return node{kind: kindString, off: int32(off), text: p.string()}
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true", kindBool)
	case c == 'f':
		return p.literal("false", kindBool)
	case c == 'n':
		return p.literal("null", kindNull)
	}
	p.fail("unexpected " + p.describe() + ", expected a value")
	return node{}
}

func (p *parser) literal(word string, k kind) node {
	off := p.pos
	if len(p.src)-p.pos < len(word) || p.src[p.pos:p.pos+len(word)] != word {
		p.fail("unexpected " + p.describe() + ", expected a value")
		return node{}
	}
	p.pos += len(word)
	return node{kind: k, off: int32(off), text: word}
}

func (p *parser) number() node {
	start := p.pos
	if p.src[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.src) && p.src[p.pos] == '0':
		p.pos++
		if p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.fail("a number must not have a leading zero")
			return node{}
		}
	case p.pos < len(p.src) && p.src[p.pos] >= '1' && p.src[p.pos] <= '9':
		p.digits()
	default:
		p.fail("unexpected " + p.describe() + " in a number, expected a digit")
		return node{}
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if !p.digits() {
			p.fail("unexpected " + p.describe() + " after a decimal point, expected a digit")
			return node{}
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if !p.digits() {
			p.fail("unexpected " + p.describe() + " in an exponent, expected a digit")
			return node{}
		}
	}
	return node{kind: kindNumber, off: int32(start), text: p.src[start:p.pos]}
}

func (p *parser) digits() bool {
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	return p.pos > start
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as editors show them.
func lineCol(src string, off int) (line, col int) {
	line, col = 1, 1
	for i, r := range src {
		if i >= off {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}
