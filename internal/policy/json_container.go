package policy

import "fmt"

// Arrays and objects: nesting depth, children and duplicate keys.

// keepKids moves the children gathered since start off the stack.
func (p *parser) keepKids(start int) []node {
	kids := p.kidStack[start:]
	if len(kids) == 0 {
		return nil
	}
	slab := p.room(len(kids))
	i := len(*slab)
	*slab = append(*slab, kids...)
	clear(kids) // drop references the stack no longer needs
	p.kidStack = p.kidStack[:start]
	return (*slab)[i:len(*slab):len(*slab)]
}

// room returns a slab with space for n more nodes: the next one kept from
// an earlier parse, or a new one, small for small documents and doubling
// as the document proves large.
func (p *parser) room(n int) *[]node {
	for ; p.cur < len(p.slabs); p.cur++ {
		if s := &p.slabs[p.cur]; cap(*s)-len(*s) >= n {
			return s
		}
	}
	prev := 0
	if len(p.slabs) > 0 {
		prev = cap(p.slabs[len(p.slabs)-1])
	}
	p.slabs = append(p.slabs, make([]node, 0, max(n, min(2*prev, 4096), 16)))
	p.cur = len(p.slabs) - 1
	return &p.slabs[p.cur]
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		p.fail(fmt.Sprintf("nesting is deeper than %d levels of arrays and objects", MaxDepth))
		return false
	}
	return true
}

func (p *parser) array() node { return p.container(kindArray, p.elements) }

// container reads an array or object: its children go onto the shared kid
// stack while they are read, then into a slice of their own.
func (p *parser) container(k kind, read func(start int)) node {
	n := node{kind: k, off: int32(p.pos)}
	if p.enter() {
		start := len(p.kidStack)
		read(start)
		n.kids = p.keepKids(start)
	}
	p.depth--
	return n
}

// elements reads an array's elements onto the element stack.
func (p *parser) elements(start int) {
	for more := p.open(']'); more; more = p.separator(']', "an array element") {
		p.stack = append(p.stack, segment{index: len(p.kidStack) - start})
		v := p.value()
		p.kidStack = append(p.kidStack, v)
		p.stack = p.stack[:len(p.stack)-1]
		if p.fatal {
			return
		}
	}
}

// open steps past a container's opening byte and reports whether a first
// child follows rather than the closing byte.
func (p *parser) open(closing byte) bool {
	p.pos++
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == closing {
		p.pos++
		return false
	}
	return true
}

// separator reads what follows a child: ',' and another child (true), or
// the closing byte (false); anything else is fatal.
func (p *parser) separator(closing byte, child string) bool {
	p.skipSpace()
	if p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
			return true
		case closing:
			p.pos++
			return false
		}
	}
	p.fail(fmt.Sprintf("unexpected %s, expected ',' or '%c' after %s", p.describe(), closing, child))
	return false
}

func (p *parser) object() node { return p.container(kindObject, p.members) }

// members reads an object's members onto the member stack.
func (p *parser) members(start int) {
	var seen map[string]int // built only for large objects
	for more := p.open('}'); more; more = p.separator('}', "an object member") {
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			p.fail("unexpected " + p.describe() + ", expected a string key")
			return
		}
		keyOff := p.pos
		key := p.string()
		if p.fatal {
			return
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			p.fail("unexpected " + p.describe() + ", expected ':' after an object key")
			return
		}
		p.pos++
		p.skipSpace()
		p.stack = append(p.stack, segment{key: key, isKey: true})
		v := p.value()
		if !p.fatal {
			siblings := p.kidStack[start:]
			if first := duplicateOf(siblings, &seen, key); first < 0 {
				v.key, v.off = key, int32(keyOff)
				p.kidStack = append(p.kidStack, v)
			} else {
				p.duplicate(keyOff, key, int(siblings[first].off))
			}
		}
		p.stack = p.stack[:len(p.stack)-1]
		if p.fatal {
			return
		}
	}
}

// duplicateOf returns the index of an earlier member with this key, or -1.
// Small objects are scanned; a map takes over past a handful of keys so a
// hostile object with thousands of keys stays linear.
func duplicateOf(members []node, seen *map[string]int, key string) int {
	const scanLimit = 16
	if len(members) < scanLimit {
		for i := range members {
			if members[i].key == key {
				return i
			}
		}
		return -1
	}
	if *seen == nil {
		*seen = make(map[string]int, 2*len(members))
		for i := range members {
			(*seen)[members[i].key] = i
		}
	}
	if i, ok := (*seen)[key]; ok {
		return i
	}
	(*seen)[key] = len(members)
	return -1
}

func (p *parser) duplicate(off int, key string, firstOff int) {
	if len(p.errs) >= maxJSONErrors {
		return
	}
	line, col := lineCol(p.src, firstOff)
	p.errs = append(p.errs, jsonError{
		off:     off,
		path:    p.path(),
		summary: "Duplicate key",
		detail: fmt.Sprintf("key %q appears twice in the same object (first at line %d, column %d); "+
			"JSON readers disagree on which of two duplicates counts, so policies must not have any", key, line, col),
	})
}
