package validation

import "testing"

// BenchmarkValidateManagedPolicies validates every AWS managed policy of
// the corpus once per iteration, with a Validator whose caches earlier
// iterations have filled, as in a provider that has run for a while.
func BenchmarkValidateManagedPolicies(b *testing.B) {
	v := testValidator(b)
	docs := loadCorpus(b)
	srcs := make([]string, len(docs))
	for i, p := range docs {
		srcs[i] = string(p.Document)
	}
	pass := func() {
		for _, src := range srcs {
			if _, err := v.Validate(src, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	pass()
	b.ReportAllocs()
	for b.Loop() {
		pass()
	}
}
