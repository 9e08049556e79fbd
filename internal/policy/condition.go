package policy

import "fmt"

// condition reads a Condition element: an object of operators, each an
// object of condition keys, each a value or an array of values. Operator
// and key names are kept as written; checking them needs the catalog and
// is left to validation.
func (d *decoder) condition(n *node, path string) *Condition {
	if n.kind != kindObject {
		d.diags.errorf(path, "Invalid Condition", "Condition must be an object of condition operators, got "+show(n))
		return nil
	}
	c := &Condition{Path: path, Operators: make([]ConditionOperator, 0, len(n.kids))}
	for i := range n.kids {
		m := &n.kids[i]
		op := ConditionOperator{Name: m.key, Path: joinKey(path, m.key)}
		if m.kind != kindObject {
			d.diags.errorf(op.Path, "Invalid condition operator block", fmt.Sprintf(
				"condition operator %q must map condition keys to values, got %s", m.key, show(m)))
			continue
		}
		op.Keys = make([]ConditionKey, 0, len(m.kids))
		for j := range m.kids {
			km := &m.kids[j]
			op.Keys = append(op.Keys, d.conditionKey(km, joinKey(op.Path, km.key)))
		}
		c.Operators = append(c.Operators, op)
	}
	return c
}

func (d *decoder) conditionKey(m *node, path string) ConditionKey {
	k := ConditionKey{Name: m.key, Path: path}
	if m.kind != kindArray {
		if v, ok := d.conditionValue(m, path, m.key); ok {
			k.Values = []ConditionValue{v}
		}
		return k
	}
	k.Array = true
	k.Values = make([]ConditionValue, 0, len(m.kids))
	for i := range m.kids {
		if v, ok := d.conditionValue(&m.kids[i], joinIndex(path, i), m.key); ok {
			k.Values = append(k.Values, v)
		}
	}
	return k
}

func (d *decoder) conditionValue(n *node, path, key string) (ConditionValue, bool) {
	switch n.kind {
	case kindString:
		return ConditionValue{Kind: StringValue, Text: n.text}, true
	case kindNumber:
		return ConditionValue{Kind: NumberValue, Text: n.text}, true
	case kindBool:
		return ConditionValue{Kind: BoolValue, Text: n.text}, true
	}
	d.diags.errorf(path, "Invalid condition value", fmt.Sprintf(
		"the values of condition key %q must be strings, numbers or booleans, got %s", key, show(n)))
	return ConditionValue{}, false
}

// principal reads a Principal or NotPrincipal element: "*", or an object
// from principal type to a string or an array of strings.
func (d *decoder) principal(n *node, path, name string) *Principal {
	switch n.kind {
	case kindString:
		if n.text == "*" {
			return &Principal{Path: path, Wildcard: true}
		}
		d.diags.errorf(path, "Invalid principal", fmt.Sprintf(
			`%s must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}, got %s`, name, show(n)))
		return nil
	case kindObject:
		p := &Principal{Path: path, Entries: make([]PrincipalEntry, 0, len(n.kids))}
		for i := range n.kids {
			m := &n.kids[i]
			if l := d.stringList(m, joinKey(path, m.key), "principal type "+quoteShort(m.key)); l != nil {
				p.Entries = append(p.Entries, PrincipalEntry{Type: m.key, Values: *l})
			}
		}
		return p
	}
	d.diags.errorf(path, "Invalid principal", fmt.Sprintf(`%s must be "*" or an object, got %s`, name, show(n)))
	return nil
}
