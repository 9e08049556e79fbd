package policy

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// stringList reads an element, named name in messages, that is a string
// or an array of strings.
func (d *decoder) stringList(n *node, path, name string) *StringList {
	switch n.kind {
	case kindString:
		return &StringList{Path: path, Values: []string{n.text}}
	case kindArray:
		l := &StringList{Path: path, Values: make([]string, 0, len(n.kids)), Array: true}
		for i := range n.kids {
			if e := &n.kids[i]; e.kind == kindString {
				l.Values = append(l.Values, e.text)
			} else {
				d.diags.errorf(joinIndex(path, i), "Expected a string", fmt.Sprintf(
					"every value of %s must be a string, got %s", name, show(e)))
			}
		}
		return l
	}
	d.diags.errorf(path, "Expected a string or an array of strings", fmt.Sprintf(
		"%s must be a string or an array of strings, got %s", name, show(n)))
	return nil
}

func (d *decoder) actions(n *node, path, name string) *StringList {
	l := d.stringList(n, path, name)
	if l == nil {
		return nil
	}
	if n.kind == kindArray && len(n.kids) == 0 {
		if name == "NotAction" {
			d.diags.warnf(path, "Empty NotAction", "NotAction lists no action, so the statement applies to every action")
		} else {
			d.diags.warnf(path, "Empty Action", "Action lists no action, so the statement grants nothing")
		}
	}
	for i, v := range l.Values {
		if err := checkPattern(v); err != "" {
			d.diags.errorf(l.ValuePath(i), "Invalid action", err)
		}
	}
	return l
}

// checkPattern returns why an action pattern is malformed, or "".
func checkPattern(s string) string {
	if s == "*" {
		return ""
	}
	if !strings.Contains(s, ":") {
		if s == "" {
			return `the action is an empty string; write "service:Action", or "*" for every action`
		}
		return fmt.Sprintf(`action %s has no service prefix; write "service:Action", or "*" for every action`, quoteShort(s))
	}
	if _, err := iam.ParsePattern(s); err != nil {
		return err.Error()
	}
	return ""
}

func (d *decoder) resources(n *node, path, name string) *StringList {
	l := d.stringList(n, path, name)
	if n.kind == kindArray && len(n.kids) == 0 {
		d.diags.warnf(path, "Empty "+name, name+" lists nothing, so the statement applies to no resource")
	}
	return l
}
