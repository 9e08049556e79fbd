package fit

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// oversize are the AWS managed policies over the managed-policy quota
// without whitespace, which AWS's own are exempt from and a copy is not.
func oversize(t testing.TB) []string {
	t.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ruleOf(Managed)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range all {
		if r.Count(string(p.Document)) > r.limit {
			out = append(out, string(p.Document))
		}
	}
	return out
}

// splitterDocuments is what a plain splitter makes of the documents:
// whitespace removed, every statement kept as written (a statement too
// large for a document cut by its lists, as the fitter cuts it), first fit
// in order. The error says a statement cannot be cut to fit.
func (f *Fitter) splitterDocuments(t testing.TB, srcs []string) (int, error) {
	r, err := ruleOf(Managed)
	if err != nil {
		return 0, err
	}
	docs := make([]*policy.Document, len(srcs))
	for i, src := range srcs {
		docs[i] = parse(t, src)
	}
	w := f.newWork(f.load(docs), Options{Kind: Managed, KeepSids: true}, levelCanonical)
	version := docs[0].Version
	capacity := r.limit - r.Count(documentJSON(version, nil)) + 1
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

// comparison is the fitter against the plain splitter over some inputs.
type comparison struct {
	inputs, fitted, tooLarge       int
	fitOne, fitDocs                int // over the inputs both answer
	chars, fitChars                int // characters of the inputs and the answers, without whitespace
	splitOne, splitDocs, splitFail int
	// denyKept and whitespaceOnly count answers proven only with fewer rewrites.
	denyKept, whitespaceOnly int
}

func compare(t *testing.T, inputs [][]string, mode readonly.Wildcards) comparison {
	f := testFitter(t)
	c := comparison{inputs: len(inputs)}
	for i, srcs := range inputs {
		res, err := f.Fit(context.Background(), srcs, Options{MaxDocuments: 30, Wildcards: mode})
		var tl *TooLargeError
		if errors.As(err, &tl) {
			c.tooLarge++
			continue
		}
		if err != nil {
			t.Fatalf("input %d: %v", i, err)
		}
		sameAllowed(t, f, srcs, res.Documents)
		n, err := f.splitterDocuments(t, srcs)
		if err != nil {
			c.splitFail++
			continue
		}
		c.fitted++
		if res.Changes.DenyKept {
			c.denyKept++
		}
		if !res.Changes.Rewrites {
			c.whitespaceOnly++
		}
		c.fitDocs += len(res.Documents)
		c.chars += res.OriginalCharCount
		for _, n := range res.CharCounts {
			c.fitChars += n
		}
		c.splitDocs += n
		if len(res.Documents) == 1 {
			c.fitOne++
		}
		if n == 1 {
			c.splitOne++
		}
	}
	return c
}

// sameAllowed checks an answer independently of the fitter's proof: the
// expander's net allowed actions of the input and of the answer are the
// same.
func sameAllowed(t *testing.T, f *Fitter, in, out []string) {
	t.Helper()
	net := func(srcs []string) []string {
		var all []string
		doc := &policy.Document{StatementArray: true}
		for _, src := range srcs {
			d := parse(t, src)
			doc.Version = d.Version
			doc.Statements = append(doc.Statements, d.Statements...)
		}
		res, _ := f.exp.Expand(doc, policy.Options{UnknownActions: policy.UnknownIgnore})
		all = append(all, res.Net.Allowed.Names()...)
		return all
	}
	if a, b := net(in), net(out); !slices.Equal(a, b) {
		t.Errorf("the answer allows %d actions, the input %d", len(b), len(a))
	}
}

// TestFiguresOversizeManagedPolicies pins the README's figures for the 81
// AWS managed policies over 6,144 characters without whitespace.
func TestFiguresOversizeManagedPolicies(t *testing.T) {
	docs := oversize(t)
	inputs := make([][]string, len(docs))
	for i, d := range docs {
		inputs[i] = []string{d}
	}
	for _, c := range []struct {
		mode readonly.Wildcards
		want comparison
	}{
		{readonly.WildcardsWord, comparison{inputs: 81, fitted: 79, tooLarge: 2, fitOne: 22, fitDocs: 214,
			chars: 1409642, fitChars: 1073824, splitDocs: 282}},
		{readonly.WildcardsPrefix, comparison{inputs: 81, fitted: 79, tooLarge: 2, fitOne: 31, fitDocs: 180,
			chars: 1409642, fitChars: 894757, splitDocs: 282, denyKept: 1}},
	} {
		got := compare(t, inputs, c.mode)
		t.Logf("%s: %+v", c.mode, got)
		if got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.mode, got, c.want)
		}
	}
}

// unions are n seeded draws of two to four managed policies of the same
// Version: a role that collects several.
func unions(t *testing.T, n int) [][]string {
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(19, 2026))
	var out [][]string
	for len(out) < n {
		k := 2 + rng.IntN(3)
		var pick []string
		version := ""
		for len(pick) < k {
			p := all[rng.IntN(len(all))]
			d := parse(t, string(p.Document))
			if len(pick) > 0 && d.Version != version {
				continue
			}
			version = d.Version
			pick = append(pick, string(p.Document))
		}
		out = append(out, pick)
	}
	return out
}

// TestFiguresUnionsOfManagedPolicies pins the README's figures for 200
// seeded unions of two to four managed policies.
func TestFiguresUnionsOfManagedPolicies(t *testing.T) {
	got := compare(t, unions(t, 200), readonly.WildcardsWord)
	t.Logf("%+v", got)
	want := comparison{inputs: 200, fitted: 200, fitOne: 164, fitDocs: 265, chars: 1136135, fitChars: 872139, splitOne: 147, splitDocs: 305}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// BenchmarkFitOversizeManagedPolicy fits each of the 81 oversize managed
// policies once per iteration; ns/op ÷ 81 is the time per policy.
func BenchmarkFitOversizeManagedPolicy(b *testing.B) {
	f := testFitter(b)
	docs := oversize(b)
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			_, _ = f.Fit(context.Background(), []string{d}, Options{MaxDocuments: 30})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs))/1000, "ms/policy")
}

// BenchmarkFitThousandManagedStatements fits one document of the first
// 1,000 statements of the managed policies, the documented statement limit.
func BenchmarkFitThousandManagedStatements(b *testing.B) {
	f := testFitter(b)
	all, err := managedpolicies.All()
	if err != nil {
		b.Fatal(err)
	}
	doc := &policy.Document{Version: policy.Version2012, StatementArray: true}
	for _, p := range all {
		d := parse(b, string(p.Document))
		if d.Version != policy.Version2012 {
			continue
		}
		for _, st := range d.Statements {
			if len(doc.Statements) < policy.MaxStatements {
				doc.Statements = append(doc.Statements, st)
			}
		}
	}
	src, _ := doc.MarshalJSON()
	b.ResetTimer()
	for b.Loop() {
		if _, err := f.Fit(context.Background(), []string{string(src)}, Options{MaxDocuments: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFiguresReadmeWorkedExample pins the README's worked example: an AWS
// managed policy over the quota, copied, fits one document again.
func TestFiguresReadmeWorkedExample(t *testing.T) {
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	f := testFitter(t)
	for _, p := range all {
		if p.Name != "CloudwatchApplicationInsightsServiceLinkedRolePolicy" {
			continue
		}
		res, err := f.Fit(context.Background(), []string{string(p.Document)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := []int{res.OriginalCharCount, res.CharCounts[0], res.Changes.StatementsIn, res.Changes.StatementsOut,
			res.Changes.StatementsMerged, res.Changes.ActionsCompacted, res.Changes.PatternsIn, res.Changes.PatternsOut, res.Changes.SidsRemoved}
		if want := []int{6964, 4699, 36, 11, 25, 30, 124, 122, 36}; !slices.Equal(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
		n, err := f.splitterDocuments(t, []string{string(p.Document)})
		if err != nil || n != 2 {
			t.Errorf("the plain splitter makes %d documents (%v), want 2", n, err)
		}
		return
	}
	t.Fatal("no such managed policy")
}
