package boundary

import (
	"fmt"
	"sort"

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
// other action. It returns "" when every pattern is left out.
func dataReadDeny(exp *policy.Expander, statements []string) (string, error) {
	allowed := map[string]bool{}
	if len(statements) > 0 {
		res, diags := exp.ExpandJSON(Document(nil, nil, statements), policy.Options{UnknownActions: policy.UnknownIgnore, StatementActions: true})
		if res == nil {
			return "", fmt.Errorf("the statements do not expand: %v", diags)
		}
		for _, st := range res.Statements {
			if st.Effect == policy.Allow {
				for _, name := range st.Actions.Names() {
					allowed[name] = true
				}
			}
		}
	}
	var keep []string
	for _, pattern := range viewonly.Patterns() {
		set, err := exp.ExpandPattern(pattern)
		if err != nil {
			keep = append(keep, pattern) // matches no action of this catalog yet: future-safe all the same
			continue
		}
		clash := false
		for _, name := range set.Names() {
			if allowed[name] {
				clash = true
				break
			}
		}
		if !clash {
			keep = append(keep, pattern)
		}
	}
	if len(keep) == 0 {
		return "", nil
	}
	sort.Strings(keep)
	return statement("Deny", keep), nil
}
