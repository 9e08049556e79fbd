package policy

import (
	"fmt"
	"strings"
)

// The policy versions IAM accepts.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Parse reads a policy document strictly: element names are
// case-sensitive, duplicate keys and unknown elements are errors, and every
// action pattern must be "*" or "service:action". It returns a Document
// exactly when the diagnostics hold no error; warnings (a missing Version,
// an empty Action) come with a Document.
func Parse(src string) (*Document, Diagnostics) {
	var d decoder
	if len(src) > MaxDocumentSize {
		d.diags.errorf("", "Policy document too large", fmt.Sprintf(
			"the document is %d bytes; the limit is %d bytes (1 MiB)", len(src), MaxDocumentSize))
		return nil, d.diags
	}
	if strings.TrimSpace(src) == "" {
		d.diags.errorf("", "Empty policy document", "the document is empty or only whitespace; expected a JSON object")
		return nil, d.diags
	}
	p, root, errs, ok := parseJSON(src)
	defer p.release()
	for _, e := range errs {
		line, col := lineCol(src, e.off)
		d.diags.errorf(e.path, e.summary, fmt.Sprintf("line %d, column %d: %s", line, col, e.detail))
	}
	if !ok {
		return nil, d.diags
	}
	doc := d.document(&root)
	if d.diags.HasError() {
		return nil, d.diags.capped()
	}
	return doc, d.diags.capped()
}

// decoder turns the JSON tree into a Document, collecting every problem
// rather than stopping at the first.
type decoder struct {
	diags Diagnostics
}

var (
	documentElements  = []string{"Version", "Id", "Statement"}
	statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)

func (d *decoder) document(n *node) *Document {
	if n.kind != kindObject {
		d.diags.errorf("", "Policy document must be a JSON object", "got "+show(n))
		return nil
	}
	doc := &Document{}
	var statement *node
	for i := range n.kids {
		m := &n.kids[i]
		switch d.elementName("", m.key, documentElements) {
		case "Version":
			doc.Version = d.version(m)
		case "Id":
			doc.ID, doc.HasID = d.str(m, "Id"), true
		case "Statement":
			statement = m
		}
	}
	if !n.has("Version") && !hasFold(n, "Version") {
		d.diags.warnf("", "Missing Version", `the document has no Version, so IAM reads it as version 2008-10-17, `+
			`where policy variables such as ${aws:username} are plain text; add "Version": "2012-10-17"`)
	}
	if statement == nil {
		if !hasFold(n, "Statement") {
			d.diags.errorf("", "Missing Statement", "the document has no Statement element")
		}
		return doc
	}
	switch statement.kind {
	case kindObject:
		doc.Statements = []Statement{d.statement(statement, "Statement")}
	case kindArray:
		doc.StatementArray = true
		if len(statement.kids) == 0 {
			d.diags.warnf("Statement", "Empty Statement", "the Statement array is empty, so the policy grants nothing")
		}
		if len(statement.kids) > MaxStatements {
			d.diags.errorf("Statement", "Too many statements", fmt.Sprintf(
				"the document has %d statements; at most %d are accepted, more than IAM's largest policy size (20,480 characters) can hold",
				len(statement.kids), MaxStatements))
			return doc
		}
		doc.Statements = make([]Statement, 0, len(statement.kids))
		for i := range statement.kids {
			path := joinIndex("Statement", i)
			if e := &statement.kids[i]; e.kind != kindObject {
				d.diags.errorf(path, "Statement must be an object", "got "+show(e))
			} else {
				doc.Statements = append(doc.Statements, d.statement(e, path))
			}
		}
	default:
		d.diags.errorf("Statement", "Invalid Statement", "Statement must be an object or an array of objects, got "+show(statement))
	}
	return doc
}

func (d *decoder) version(n *node) string {
	v := d.str(n, "Version")
	if n.kind == kindString && v != Version2012 && v != Version2008 {
		d.diags.errorf("Version", "Invalid Version", fmt.Sprintf(
			"Version is %s; IAM accepts only %q (current) or %q", quoteShort(v), Version2012, Version2008))
	}
	return v
}

// elementName returns key if it is one of known, and otherwise reports it:
// a wrong case gets its own message, since encoding/json-style lenience is
// exactly what would hide it.
func (d *decoder) elementName(parent, key string, known []string) string {
	for _, k := range known {
		if k == key {
			return k
		}
	}
	path := joinKey(parent, key)
	for _, k := range known {
		if strings.EqualFold(k, key) {
			d.diags.errorf(path, "Element names are case-sensitive", fmt.Sprintf("write %q, not %q", k, key))
			return ""
		}
	}
	d.diags.errorf(path, "Unknown element", fmt.Sprintf("%q is not an element IAM knows here; expected one of %s",
		key, strings.Join(known, ", ")))
	return ""
}

// hasFold reports whether n has a key equal to key but for case; that key
// was already reported, so its absence in the right case is not news.
func hasFold(n *node, key string) bool {
	for i := range n.kids {
		if strings.EqualFold(n.kids[i].key, key) {
			return true
		}
	}
	return false
}

func (d *decoder) str(n *node, path string) string {
	if n.kind != kindString {
		d.diags.errorf(path, "Expected a string", fmt.Sprintf("%s must be a string, got %s", path, show(n)))
		return ""
	}
	return n.text
}

func (d *decoder) statement(n *node, path string) Statement {
	st := Statement{Path: path}
	for i := range n.kids {
		m := &n.kids[i]
		p := joinKey(path, m.key)
		switch d.elementName(path, m.key, statementElements) {
		case "Sid":
			st.Sid, st.HasSid = d.str(m, p), true
		case "Effect":
			st.Effect = d.effect(m, p)
		case "Principal":
			st.Principal = d.principal(m, p, "Principal")
		case "NotPrincipal":
			st.NotPrincipal = d.principal(m, p, "NotPrincipal")
		case "Action":
			st.Action = d.actions(m, p, "Action")
		case "NotAction":
			st.NotAction = d.actions(m, p, "NotAction")
		case "Resource":
			st.Resource = d.resources(m, p, "Resource")
		case "NotResource":
			st.NotResource = d.resources(m, p, "NotResource")
		case "Condition":
			st.Condition = d.condition(m, p)
		}
	}
	d.statementShape(n, &st)
	return st
}

// statementShape checks the elements a statement must have, and the pairs
// of which it may have only one.
func (d *decoder) statementShape(n *node, st *Statement) {
	has := n.has
	if !has("Effect") && !hasFold(n, "Effect") {
		d.diags.errorf(st.Path, "Missing Effect", `the statement has no Effect; add "Effect": "Allow" or "Effect": "Deny"`)
	}
	switch {
	case has("Action") && has("NotAction"):
		d.diags.errorf(st.Path, "Both Action and NotAction", "a statement must have exactly one of Action and NotAction")
	case !has("Action") && !has("NotAction") && !hasFold(n, "Action") && !hasFold(n, "NotAction"):
		d.diags.errorf(st.Path, "Missing Action", "a statement must have exactly one of Action and NotAction")
	}
	switch {
	case has("Resource") && has("NotResource"):
		d.diags.errorf(st.Path, "Both Resource and NotResource", "a statement may have only one of Resource and NotResource")
	case !has("Resource") && !has("NotResource") && !hasFold(n, "Resource") && !hasFold(n, "NotResource"):
		d.diags.warnf(st.Path, "Missing Resource", "an identity policy statement needs Resource or NotResource; "+
			"IAM rejects it without one, and it is counted here as scoped to some resources")
	}
	if has("Principal") && has("NotPrincipal") {
		d.diags.errorf(st.Path, "Both Principal and NotPrincipal", "a statement may have only one of Principal and NotPrincipal")
	}
	for _, k := range []string{"Principal", "NotPrincipal"} {
		if has(k) {
			d.diags.warnf(joinKey(st.Path, k), k+" in an identity policy",
				k+" belongs in resource-based policies; IAM rejects it in an identity policy. The statement is still expanded")
		}
	}
}

func (d *decoder) effect(n *node, path string) Effect {
	v := d.str(n, path)
	if n.kind != kindString {
		return ""
	}
	switch e := Effect(v); {
	case e == Allow || e == Deny:
		return e
	case strings.EqualFold(v, string(Allow)) || strings.EqualFold(v, string(Deny)):
		d.diags.errorf(path, "Invalid Effect", fmt.Sprintf(`Effect is %s; it is case-sensitive: write "Allow" or "Deny"`, quoteShort(v)))
	default:
		d.diags.errorf(path, "Invalid Effect", fmt.Sprintf(`Effect is %s; it must be "Allow" or "Deny"`, quoteShort(v)))
	}
	return ""
}
