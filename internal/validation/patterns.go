package validation

import (
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// actionPattern is one Action or NotAction value and what it names.
type actionPattern struct {
	text string
	path string
	all  bool // "*": every action of every service

	prefix, action string       // the two parts as written
	svcWild        bool         // the service part has a wildcard
	service        *serviceInfo // the service a literal service part names, if known

	// problem is UnknownService, UnknownAction or NoMatchingAction when
	// the pattern names nothing, and why says why; "" otherwise.
	problem Code
	why     error
	// set holds the actions named, unless all is set or there is a problem.
	set policy.ActionSet
}

// exact reports whether the pattern names one action by its full name.
func (p *actionPattern) exact() bool {
	return !p.all && !p.svcWild && !iam.HasWildcard(p.action)
}

// grants reports whether the pattern names the action with this full name.
func (p *actionPattern) grants(name string) bool {
	return p.all || (p.problem == "" && p.set.Contains(name))
}

// classify resolves one pattern. The parser has already refused malformed
// ones, so every pattern here is "*" or "service:action". The expander
// caches expansions, and "*" is never expanded: its set would be every
// action, copied for each use.
func (v *Validator) classify(text, path string) actionPattern {
	p := actionPattern{text: text, path: path}
	if text == "*" {
		p.all = true
		return p
	}
	pat, err := iam.ParsePattern(text)
	if err != nil {
		p.problem, p.why = NoMatchingAction, err
		return p
	}
	p.prefix, p.action = pat.Service, pat.Action
	p.svcWild = iam.HasWildcard(pat.Service)
	if !p.svcWild {
		p.service = v.service(pat.Service)
	}
	set, err := v.exp.ExpandPattern(text)
	if err == nil {
		p.set = set
		return p
	}
	p.why = err
	switch {
	case !p.svcWild && p.service == nil:
		p.problem = UnknownService
	case !p.svcWild && !iam.HasWildcard(pat.Action):
		p.problem = UnknownAction
	default:
		p.problem = NoMatchingAction
	}
	return p
}
