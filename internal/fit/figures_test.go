package fit

import (
	"os"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"context"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// oversize are the AWS managed policies over the managed-policy quota
// without whitespace, which AWS's own are exempt from and a copy is not.
func oversize(t testing.TB) []string {
	t.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	r := rules[Managed]
	var out []string
	for _, p := range all {
		if r.count(string(p.Document)) > r.limit {
			out = append(out, string(p.Document))
		}
	}
	return out
}

// splitterDocuments is what a plain splitter makes of the documents:
// whitespace removed, every statement kept as written (a statement too
// large for a document cut by its lists, as the fitter cuts it), first fit
// in order. The error says a statement cannot be cut to fit.
func (f *Fitter) splitterDocuments(t testing.TB, srcs []string, r rule) (int, error) {
	docs := make([]*policy.Document, len(srcs))
	for i, src := range srcs {
		docs[i] = parse(t, src)
	}
	opts := Options{Kind: Managed, KeepSids: true}
	w := f.newWork(f.load(docs), opts, levelCanonical)
	version := docs[0].Version
	capacity := r.limit - r.count(documentJSON(version, nil)) + 1
	var items []item
	for _, s := range w.stmts {
		pieces, err := w.split(s.st, r, version, capacity)
		if err != nil {
			return 0, err
		}
		items = append(items, pieces...)
	}
	return len(firstFit(items, capacity)), nil
}

func TestFiguresOversizeManagedPolicies(t *testing.T) {
	f := testFitter(t)
	docs := oversize(t)
	r := rules[Managed]
	var fitOne, fitDocs, splitOne, splitDocs, splitFail, failed int
	for i, d := range docs {
		res, err := f.Fit(context.Background(), []string{d}, Options{MaxDocuments: 30, Wildcards: readonly.Wildcards(os.Getenv("FITMODE"))})
		if err != nil {
			failed++
			t.Logf("policy %d: %v", i, err)
			continue
		}
		fitDocs += len(res.Documents)
		if len(res.Documents) == 1 {
			fitOne++
		}
		n, err := f.splitterDocuments(t, []string{d}, r)
		if err != nil {
			splitFail++
		}
		splitDocs += n
		if n == 1 {
			splitOne++
		}
		t.Logf("policy %d: %d -> %v (%d docs; splitter %d) %+v", i, res.OriginalCharCount, res.CharCounts, len(res.Documents), n, res.Changes)
	}
	t.Logf("policies %d, failed %d; fit: one document %d, documents %d; splitter: one %d, documents %d, cannot split %d",
		len(docs), failed, fitOne, fitDocs, splitOne, splitDocs, splitFail)
}
