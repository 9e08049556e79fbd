package validation

import (
	"context"
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// Validator validates policies against one catalog. Build it once per
// catalog and share it: it is safe for concurrent use, and it keeps the
// policy.Expander whose pattern cache every validation benefits from.
type Validator struct {
	exp      *policy.Expander
	services []*serviceInfo          // sorted by prefix
	byPrefix map[string]*serviceInfo // lower-case prefix
	keys     keyIndex
}

// New reads every service and the global condition keys of the catalog.
// It expands actions with exp, which must serve the same catalog; a nil exp
// builds one. Sharing the caller's expander saves reading the catalog twice.
func New(ctx context.Context, cat iam.Catalog, exp *policy.Expander) (*Validator, error) {
	if exp == nil {
		var err error
		if exp, err = policy.NewExpander(ctx, cat); err != nil {
			return nil, fmt.Errorf("policy validation: %w", err)
		}
	}
	v := &Validator{exp: exp}
	if err := v.loadServices(ctx, cat); err != nil {
		return nil, fmt.Errorf("policy validation: %w", err)
	}
	global, err := cat.GlobalConditionKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("policy validation: reading global condition keys: %w", err)
	}
	v.keys = newKeyIndex(global, v.services)
	return v, nil
}

// Validate checks one policy document. The error is only for invalid
// options (see Options.Check); whatever is wrong with the document is a
// finding. A document the parser refuses gets only the parser's findings,
// since the other checks need a parsed document.
func (v *Validator) Validate(policyJSON string, opts Options) (Report, error) {
	r, err := v.validate(policyJSON, opts)
	if err != nil {
		return Report{}, err
	}
	return r.report(), nil
}

// validate runs every check and keeps all findings, unsorted.
func (v *Validator) validate(policyJSON string, opts Options) (*run, error) {
	r, err := v.newRun(opts)
	if err != nil {
		return nil, err
	}
	r.checkSize(policyJSON)
	doc, diags := policy.Parse(policyJSON)
	r.parserFindings(diags)
	if doc != nil {
		// Unknown actions are found again by the checks, with their own
		// codes, so the expander's diagnostics are not needed.
		res, _ := v.exp.Expand(doc, policy.Options{UnknownActions: policy.UnknownIgnore, StatementActions: true})
		if res != nil && len(res.Statements) == len(doc.Statements) {
			r.checkDocument(doc, res)
		}
	}
	return r, nil
}

// Refuses runs the ERROR checks of opts (its policy type and size limit)
// on a document, as a generator proves what it returns: nil when there is
// no ERROR finding, else an error naming the first one (code, JSON path,
// message) and how many more there are.
func (v *Validator) Refuses(policyJSON string, opts Options) error {
	opts.ErrorsOnly = true
	typ := opts.PolicyType.Grammar() // noun knows the four grammars: a trust policy is a resource policy
	rep, err := v.Validate(policyJSON, opts)
	switch {
	case err != nil:
		return err
	case rep.Valid:
		return nil
	}
	f := rep.Findings[0]
	more := ""
	if n := rep.Counts.Error - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Errorf("IAM would refuse it as %s: %s at %s: %s%s", typ.noun(), f.Code, f.Path, f.Message, more)
}
