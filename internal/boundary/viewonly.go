package boundary

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/viewonly"
)

// withDataReadDeny appends dataReadDeny to the caller's statements; when the
// statements fit the budget but not with it, the error is read_scope's.
func (b *builder) withDataReadDeny(exp *policy.Expander, statements []string, limit int) ([]string, error) {
	deny, err := dataReadDeny(exp, statements)
	if err != nil || deny == "" {
		return statements, err
	}
	before := countChars(Document(nil, nil, statements))
	with := append(statements[:len(statements):len(statements)], deny)
	if need := countChars(Document(nil, nil, with)); before <= limit && need > limit {
		b.errorf("read_scope", -1, "Does not fit max_policy_chars",
			"read_scope = \"metadata\" adds a Deny statement of %d characters, so the document needs at least %d, but "+
				"max_policy_chars is %d: set max_policy_chars to at least %d, or read_scope = \"all\"", need-before, need, limit, need)
	}
	return with, nil
}

// dataReadDeny is the statement read_scope = "metadata" adds after the
// caller's: a Deny of the viewonly rules' patterns, which also refuses the
// data reads AWS adds later under them. A pattern that matches an action the
// caller's statements allow is left out, so that the Deny never takes back
// what they grant; the data reads it covers stay outside the target set,
// and the generated Deny names those the Allow patterns match, as for any
// other action. It returns "" when every pattern is left out. The rules are
// matched against the few actions the statements allow, never expanded over
// the catalog: a pattern that matches no action yet is kept all the same.
func dataReadDeny(exp *policy.Expander, statements []string) (string, error) {
	var allowed []string
	if len(statements) > 0 {
		res, diags := exp.ExpandJSON(Document(nil, nil, statements), policy.Options{UnknownActions: policy.UnknownIgnore, StatementActions: true})
		if res == nil {
			return "", fmt.Errorf("the statements do not expand: %v", diags)
		}
		for _, st := range res.Statements {
			if st.Effect == policy.Allow {
				allowed = append(allowed, st.Actions.Names()...)
			}
		}
	}
	var keep []string
	for _, r := range viewonly.DataReads {
		if !slices.ContainsFunc(allowed, func(name string) bool {
			prefix, action, _ := strings.Cut(name, ":")
			return r.Match(prefix, action)
		}) {
			keep = append(keep, r.Pattern)
		}
	}
	if len(keep) == 0 {
		return "", nil
	}
	sort.Strings(keep)
	return statement("Deny", keep), nil
}
