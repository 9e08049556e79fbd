package fit

import (
	"context"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// oversize are the AWS managed policies over the managed-policy quota
// without whitespace, which AWS's own are exempt from and a copy is not.
func oversize(t testing.TB) []*policy.Document {
	t.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	r := rules[Managed]
	var out []*policy.Document
	for _, p := range all {
		if r.count(string(p.Document)) > r.limit {
			out = append(out, parse(t, string(p.Document)))
		}
	}
	return out
}

// splitterDocuments is what a plain splitter makes of the documents:
// whitespace removed, statements kept as written, first fit in order. It
// returns 0 when a statement alone is over the limit.
func splitterDocuments(docs []*policy.Document, r rule) int {
	version := docs[0].Version
	empty := r.count(documentJSON(version, nil))
	capacity := r.limit - empty + 1
	var items []item
	for _, d := range docs {
		for _, st := range d.Statements {
			size := r.count(documentJSON(version, []policy.Statement{st})) - empty + 1
			if size > capacity {
				return 0
			}
			items = append(items, item{st: st, size: size})
		}
	}
	return len(firstFit(items, capacity))
}

func TestFiguresOversizeManagedPolicies(t *testing.T) {
	f := testFitter(t)
	docs := oversize(t)
	r := rules[Managed]
	var fitOne, fitDocs, splitOne, splitDocs, splitFail, failed int
	for i, d := range docs {
		res, err := f.Fit(context.Background(), []*policy.Document{d}, Options{MaxDocuments: 20})
		if err != nil {
			failed++
			t.Logf("policy %d: %v", i, err)
			continue
		}
		fitDocs += len(res.Documents)
		if len(res.Documents) == 1 {
			fitOne++
		}
		n := splitterDocuments([]*policy.Document{d}, r)
		if n == 0 {
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
