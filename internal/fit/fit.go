// Package fit rewrites IAM policies to fit AWS's size quotas without
// changing what they allow or deny, and proves it for every answer.
//
// The rewrites, each exact under the catalog: canonical whitespace; Sids
// dropped (they decide nothing) unless kept; statements that share Effect,
// Principal, Resource and Condition merged into one; statements with the
// same actions and scope but different Resource lists merged into one
// list; action names another statement of the same effect, principals and
// conditions already grants on the same resources dropped; the action
// names left compacted per service by the readonly compactor into patterns
// that match exactly those names today, plus at most actions already
// granted in the same scope ("word" mode writes a '*' only after a read
// family, as the permission boundary does, or after a Write or Tagging
// family over actions all of that level today: readonly.LevelFamilies).
// Written wildcards, NotAction lists, principals, resources and conditions
// are kept as written, except where identical ones are merged; a Deny
// wildcard or an unknown name is never dropped for another statement. A statement too large for one document
// is split by its Action list, then by its Resource list, and the
// statements are packed into documents: exactly when there are few, first
// fit decreasing otherwise.
//
// Every answer is proven before it is returned, three ways: both sides are
// expanded and every (action, resource) pair of each statement must be
// granted by statements of the same effect, principals and conditions on
// the other side; the evaluator's no_new_access must pass in both
// directions, for the Allows and for the Denies read as Allows; and the validator must find no ERROR the input lacks. When
// a proof fails, the fitter retries with fewer rewrites (Deny statements
// left as written, then whitespace and packing only), and refuses when
// none is proven.
package fit

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// Options say which quota to meet and how freely to rewrite.
type Options struct {
	// Kind is the quota; empty means Managed.
	Kind Kind
	// Limit overrides the kind's quota when positive.
	Limit int
	// MaxDocuments is how many documents the answer may have; zero means 1.
	MaxDocuments int
	// Wildcards is how freely compacted action lists may use '*'.
	Wildcards readonly.Wildcards
	// KeepSids keeps every Sid, and never merges a statement that has one.
	KeepSids bool
}

// Result is a fitted policy.
type Result struct {
	// Documents are compact JSON, each within the limit (for the inline
	// kinds, all of them together).
	Documents []string
	// CharCounts are the documents' sizes as the kind counts them.
	CharCounts []int
	// OriginalCharCount is the input's size counted the same way, all
	// documents together.
	OriginalCharCount int
	// Limit is the quota met.
	Limit   int
	Changes Changes
}

// Changes count what the rewrites did.
type Changes struct {
	StatementsIn, StatementsOut int
	// StatementsMerged is how many statements were folded into another
	// with the same scope or the same actions.
	StatementsMerged int
	// PatternsIn and PatternsOut count Action and NotAction entries.
	PatternsIn, PatternsOut int
	// ActionsCovered counts action names dropped because another statement
	// of the same effect and scope, or a wildcard of their own, grants them.
	ActionsCovered int
	// ResourcesCovered counts resources dropped because another resource of
	// their list, or another statement of the same scope, covers them.
	ResourcesCovered int
	// StatementsDropped counts statements left with nothing of their own.
	StatementsDropped int
	// ActionsCompacted counts action names folded into new patterns.
	ActionsCompacted int
	// StatementsSplit counts statements split to fit a document.
	StatementsSplit int
	// SidsRemoved counts Sids dropped.
	SidsRemoved int
	// DenyKept is set when Deny statements were left as written because
	// the proof of a rewritten Deny did not go through.
	DenyKept bool
	// Rewrites is false when only whitespace and packing were proven.
	Rewrites bool
}

// TooLargeError says that the policy does not fit, and the smallest size
// the fitter reached.
type TooLargeError struct {
	// Smallest is in characters (or bytes): of all fitted statements in as
	// few documents as possible, or, with Unsplittable, of the piece that
	// alone does not fit.
	Smallest     int
	Documents    int // how many documents those need
	MaxDocuments int
	Limit        int
	Kind         Kind
	Unsplittable string // set when one statement alone cannot fit: its description
	// Total is set for the kinds whose limit is on all documents together.
	Total bool
}

func (e *TooLargeError) Error() string {
	if e.Total {
		return fmt.Sprintf("the %s limit of %d applies to all of an entity's inline policies together, and the policy "+
			"is %d after fitting, the smallest size reached", e.Kind, e.Limit, e.Smallest)
	}
	if e.Unsplittable != "" {
		return fmt.Sprintf("%s alone is larger than the %s limit of %d even after splitting its lists; the smallest size reached is %d",
			e.Unsplittable, e.Kind, e.Limit, e.Smallest)
	}
	return fmt.Sprintf("the policy needs %d documents of at most %d (kind %s) after fitting, but max_documents is %d; "+
		"the smallest size reached is %d in all", e.Documents, e.Limit, e.Kind, e.MaxDocuments, e.Smallest)
}

// OptionError says which option, or which combination of documents, is
// invalid.
type OptionError struct {
	Option  string // "kind", "max_documents", "wildcards" or "policies"
	Message string
}

func (e *OptionError) Error() string { return e.Message }

func optionError(option, format string, args ...any) error {
	return &OptionError{Option: option, Message: fmt.Sprintf(format, args...)}
}

// ErrUnproven is returned when no rewrite, not even whitespace and
// packing alone, could be proven to keep the policy's meaning.
var ErrUnproven = errors.New("no fitted policy could be proven to allow and deny exactly what the input does")

// Fitter fits policies against one catalog; it is safe for concurrent use.
type Fitter struct {
	exp      *policy.Expander
	cat      iam.Catalog
	val      *validation.Validator
	families *readonly.LevelFamilies

	mu         sync.Mutex
	compactors map[string]*serviceCompactor
	expansions map[string]expansion
}

// New builds a fitter; exp and val must serve cat.
func New(ctx context.Context, cat iam.Catalog, exp *policy.Expander, val *validation.Validator) (*Fitter, error) {
	families, err := readonly.LevelFamiliesOf(ctx, cat)
	if err != nil {
		return nil, fmt.Errorf("policy fit: %w", err)
	}
	return &Fitter{exp: exp, cat: cat, val: val, families: families, compactors: map[string]*serviceCompactor{}, expansions: map[string]expansion{}}, nil
}

// InputError says that one input document does not parse.
type InputError struct {
	Document    int // its position among the inputs
	Diagnostics policy.Diagnostics
}

func (e *InputError) Error() string {
	for _, d := range e.Diagnostics {
		if d.Severity == policy.SeverityError {
			return fmt.Sprintf("document %d: %s", e.Document, d)
		}
	}
	return fmt.Sprintf("document %d does not parse", e.Document)
}

// Fit parses the documents, rewrites them into as few documents as it can
// within the quota, and proves the answer. The error is an *InputError, a
// *TooLargeError, ErrUnproven, or says which option is invalid.
func (f *Fitter) Fit(ctx context.Context, srcs []string, opts Options) (*Result, error) {
	docs := make([]*policy.Document, len(srcs))
	for i, src := range srcs {
		doc, diags := policy.Parse(src)
		if doc == nil {
			return nil, &InputError{Document: i, Diagnostics: diags}
		}
		docs[i] = doc
	}
	return f.fit(ctx, srcs, docs, opts)
}

func (f *Fitter) fit(ctx context.Context, srcs []string, docs []*policy.Document, opts Options) (*Result, error) {
	r, err := ruleOf(opts.Kind)
	if err != nil {
		return nil, &OptionError{Option: "kind", Message: err.Error()}
	}
	if opts.Kind == "" {
		opts.Kind = Managed
	}
	if opts.Limit > 0 {
		r.limit = opts.Limit
	}
	if opts.MaxDocuments == 0 {
		opts.MaxDocuments = 1
	}
	if opts.MaxDocuments < 0 {
		return nil, optionError("max_documents", "a policy takes at least 1 document, and max_documents is %d", opts.MaxDocuments)
	}
	if r.single && opts.MaxDocuments > 1 {
		return nil, optionError("max_documents", "a %s policy is one document, since AWS attaches only one, and max_documents is %d",
			opts.Kind, opts.MaxDocuments)
	}
	if opts.Wildcards, err = readonly.ParseWildcards(string(opts.Wildcards)); err != nil {
		return nil, &OptionError{Option: "wildcards", Message: err.Error()}
	}
	version, err := commonVersion(docs)
	if err != nil {
		return nil, err
	}
	in := f.load(docs)
	original := 0
	for _, src := range srcs {
		original += r.Count(src)
	}
	var tooLarge, unproven error
	for _, lvl := range []level{levelAll, levelAllowsOnly, levelCanonical} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w := f.newWork(in, opts, lvl)
		w.rewrite(ctx)
		packed, err := w.pack(r, opts, version, keptID(docs, opts))
		if err != nil {
			var tl *TooLargeError
			if errors.As(err, &tl) {
				if tooLarge == nil {
					tooLarge = err // the first level rewrites most, so reaches the smallest size
				}
				continue
			}
			return nil, err
		}
		if err := f.prove(docs, packed.docs, r); err != nil {
			if unproven == nil {
				unproven = err
			}
			continue
		}
		res := &Result{Limit: r.limit, OriginalCharCount: original, Changes: w.changes}
		res.Changes.StatementsOut = packed.statements
		res.Changes.StatementsSplit = packed.split
		res.Changes.PatternsOut = packed.patterns
		res.Changes.DenyKept = lvl == levelAllowsOnly
		res.Changes.Rewrites = lvl != levelCanonical
		for i := range packed.docs {
			b, _ := packed.docs[i].MarshalJSON()
			res.Documents = append(res.Documents, string(b))
			res.CharCounts = append(res.CharCounts, r.Count(string(b)))
		}
		return res, nil
	}
	if tooLarge != nil {
		return nil, tooLarge
	}
	return nil, fmt.Errorf("%w: %w", ErrUnproven, unproven)
}

// keptID is the Id every document has, when Sids are kept; nil otherwise.
func keptID(docs []*policy.Document, opts Options) *string {
	if !opts.KeepSids {
		return nil
	}
	for _, d := range docs {
		if !d.HasID || d.ID != docs[0].ID {
			return nil
		}
	}
	return &docs[0].ID
}

// commonVersion is the Version every document has: documents of different
// versions read policy variables differently, so they are not combined.
func commonVersion(docs []*policy.Document) (string, error) {
	if len(docs) == 0 {
		return "", optionError("policies", "there is no policy document to fit")
	}
	v := docs[0].Version
	for i, d := range docs[1:] {
		if d.Version != v {
			return "", optionError("policies", "document %d has Version %q but document 0 has %q; documents of different "+
				"versions read policy variables differently, so they cannot be combined", i+1, d.Version, v)
		}
	}
	return v, nil
}
