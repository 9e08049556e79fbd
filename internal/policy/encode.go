package policy

import "unicode/utf8"

// MarshalJSON writes the document back as compact JSON, elements in the
// order AWS's documentation uses and every list, value kind and single
// object kept as parsed, so that parsing the output gives the same
// Document.
func (doc *Document) MarshalJSON() ([]byte, error) {
	var b []byte
	b = append(b, '{')
	field := fieldWriter(&b)
	if doc.Version != "" {
		field("Version")
		b = appendString(b, doc.Version)
	}
	if doc.HasID {
		field("Id")
		b = appendString(b, doc.ID)
	}
	field("Statement")
	if doc.StatementArray || len(doc.Statements) != 1 {
		b = append(b, '[')
		for i := range doc.Statements {
			if i > 0 {
				b = append(b, ',')
			}
			b = doc.Statements[i].appendJSON(b)
		}
		b = append(b, ']')
	} else {
		b = doc.Statements[0].appendJSON(b)
	}
	return append(b, '}'), nil
}

// fieldWriter returns a function that appends a member's `"name":` to *b,
// after a comma for every member but the first.
func fieldWriter(b *[]byte) func(name string) {
	sep := false
	return func(name string) {
		if sep {
			*b = append(*b, ',')
		}
		sep = true
		*b = append(appendString(*b, name), ':')
	}
}

func (s *Statement) appendJSON(b []byte) []byte {
	b = append(b, '{')
	field := fieldWriter(&b)
	if s.HasSid {
		field("Sid")
		b = appendString(b, s.Sid)
	}
	field("Effect")
	b = appendString(b, string(s.Effect))
	for _, p := range []struct {
		name string
		p    *Principal
	}{{"Principal", s.Principal}, {"NotPrincipal", s.NotPrincipal}} {
		if p.p != nil {
			field(p.name)
			b = p.p.appendJSON(b)
		}
	}
	for _, l := range []struct {
		name string
		l    *StringList
	}{{"Action", s.Action}, {"NotAction", s.NotAction}, {"Resource", s.Resource}, {"NotResource", s.NotResource}} {
		if l.l != nil {
			field(l.name)
			b = l.l.appendJSON(b)
		}
	}
	if s.Condition != nil {
		field("Condition")
		b = s.Condition.appendJSON(b)
	}
	return append(b, '}')
}

func (l *StringList) appendJSON(b []byte) []byte {
	if !l.Array && len(l.Values) == 1 {
		return appendString(b, l.Values[0])
	}
	b = append(b, '[')
	for i, v := range l.Values {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, v)
	}
	return append(b, ']')
}

func (p *Principal) appendJSON(b []byte) []byte {
	if p.Wildcard {
		return appendString(b, "*")
	}
	b = append(b, '{')
	for i := range p.Entries {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p.Entries[i].Type)
		b = append(b, ':')
		b = p.Entries[i].Values.appendJSON(b)
	}
	return append(b, '}')
}

func (c *Condition) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, op := range c.Operators {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, op.Name)
		b = append(b, ':', '{')
		for j := range op.Keys {
			if j > 0 {
				b = append(b, ',')
			}
			b = op.Keys[j].appendJSON(b)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func (k *ConditionKey) appendJSON(b []byte) []byte {
	b = appendString(b, k.Name)
	b = append(b, ':')
	if !k.Array && len(k.Values) == 1 {
		return k.Values[0].appendJSON(b)
	}
	b = append(b, '[')
	for i, v := range k.Values {
		if i > 0 {
			b = append(b, ',')
		}
		b = v.appendJSON(b)
	}
	return append(b, ']')
}

func (v ConditionValue) appendJSON(b []byte) []byte {
	if v.Kind == StringValue {
		return appendString(b, v.Text)
	}
	return append(b, v.Text...) // a number or boolean literal as parsed
}

// appendString writes s as a JSON string. Characters above U+007F stay
// as they are: the parser accepts them, and escaping them would only make
// the output harder to read.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		case c >= utf8.RuneSelf:
			_, w := utf8.DecodeRuneInString(s[i:])
			b = append(b, s[i:i+w]...)
			i += w
			continue
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}
