package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// A template is a policy string that may hold policy variables: a list of
// pieces, each literal glob text or a variable to substitute per request
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
// Most strings have none, and then glob is the whole, precomputed. Globs
// are the pattern package's, matched case-sensitively; a '*' or '?' that
// must stand for itself (${*} or ${?}, or one in a substituted value) is
// escaped with pattern.Escape, which the policy parser never lets into a
// document.
type template struct {
	raw    string // as written in the policy
	glob   string // the string as a glob, when it has no variables
	pieces []piece
}

type piece struct {
	lit        string // glob text, when key is ""
	key        string // the context key, lowercased
	display    string // the key as written, for messages
	def        string // the default, as a glob
	hasDefault bool
}

// parseTemplate reads the policy variables of s. vars is false for a
// 2008-10-17 document, where "${...}" is plain text. The special
// variables ${*}, ${?} and ${$} stand for a literal '*', '?' and '$'; a
// variable may carry a default, "${aws:username, 'nobody'}", whose "”" is
// one quote.
func parseTemplate(s string, vars bool) (template, error) {
	if !vars || !strings.Contains(s, "${") {
		return template{raw: s, glob: s}, nil
	}
	t := template{raw: s}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.pieces = append(t.pieces, piece{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		if !strings.HasPrefix(s[i:], "${") {
			lit.WriteByte(s[i])
			i++
			continue
		}
		body, rest, err := variableBody(s[i+2:])
		if err != nil {
			return template{}, err
		}
		i = len(s) - len(rest)
		switch body {
		case "*", "?":
			lit.WriteByte(pattern.Escape)
			lit.WriteString(body)
			continue
		case "$":
			lit.WriteByte('$')
			continue
		}
		if key, _, _ := strings.Cut(body, ","); strings.ContainsAny(key, "${") {
			// IAM substitutes one level: "${${aws:username}}" names no key.
			return template{}, fmt.Errorf("%q nests a policy variable in another; a variable names one context key, as in ${aws:username}", s)
		}
		p, err := variablePiece(body)
		if err != nil {
			return template{}, err
		}
		flush()
		t.pieces = append(t.pieces, p)
	}
	flush()
	if len(t.pieces) == 1 && t.pieces[0].key == "" {
		return template{raw: s, glob: t.pieces[0].lit}, nil
	}
	if len(t.pieces) == 0 {
		return template{raw: s}, nil
	}
	return t, nil
}

// variableBody returns what is inside "${...}" up to the closing brace,
// skipping braces inside a quoted default, and the text after it.
func variableBody(s string) (body, rest string, err error) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			quoted = !quoted // "''" toggles twice: still quoted, as it should be
		case '}':
			if !quoted {
				return s[:i], s[i+1:], nil
			}
		}
	}
	return "", "", fmt.Errorf("policy variable \"${%.40s\" has no closing brace", s)
}

func variablePiece(body string) (piece, error) {
	key, def, hasDefault := strings.Cut(body, ",")
	key = strings.TrimSpace(key)
	if key == "" {
		return piece{}, fmt.Errorf("policy variable \"${%s}\" names no context key", body)
	}
	p := piece{key: strings.ToLower(key), display: key}
	if hasDefault {
		def = strings.TrimSpace(def)
		if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
			return piece{}, fmt.Errorf("the default of policy variable \"${%s}\" must be in single quotes, as in ${%s, 'value'}", body, key)
		}
		inner := def[1 : len(def)-1]
		if strings.Count(inner, "'")%2 != 0 || strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
			return piece{}, fmt.Errorf("the default of policy variable \"${%s}\" has a lone quote; write '' for one", body)
		}
		p.def, p.hasDefault = pattern.Literal(strings.ReplaceAll(inner, "''", "'")), true
	}
	return p, nil
}

// hasVariables reports whether the template needs a request to resolve.
func (t *template) hasVariables() bool { return t.pieces != nil }

// resolve substitutes the template's variables from the context, as
// literal text. A variable whose key is missing, or multivalued, resolves
// to its default if it has one; otherwise the whole string has no value
// and ok is false, so nothing equals or is like it. missing gets the keys
// that were not found.
func (t *template) resolve(ctx *evalContext) (glob string, ok bool) {
	if t.pieces == nil {
		return t.glob, true
	}
	var b strings.Builder
	ok = true
	for i := range t.pieces {
		p := &t.pieces[i]
		if p.key == "" {
			b.WriteString(p.lit)
			continue
		}
		vals, found := ctx.lookup(p.key)
		switch {
		case found && len(vals) == 1:
			b.WriteString(pattern.Literal(vals[0]))
		case p.hasDefault:
			if !found {
				ctx.noteMissing(p.display)
			}
			b.WriteString(p.def)
		default:
			if !found {
				ctx.noteMissing(p.display)
			}
			ok = false
		}
	}
	return b.String(), ok
}

// widened is a glob that matches every value the template can take: each
// variable becomes '*', since it may resolve to any text.
func (t *template) widened() string {
	if t.pieces == nil {
		return t.glob
	}
	var b strings.Builder
	for i := range t.pieces {
		if p := &t.pieces[i]; p.key == "" {
			b.WriteString(p.lit)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}
