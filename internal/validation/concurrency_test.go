package validation

import (
	"fmt"
	"sync"
	"testing"
)

// One Validator serves concurrent validations with the results of
// sequential ones (run with -race to check the shared caches).
func TestConcurrentValidate(t *testing.T) {
	docs := loadCorpus(t)[:200]
	opts := Options{ExpectReadOnly: true}
	want := make([]string, len(docs))
	for i, p := range docs {
		want[i] = fmt.Sprint(validate(t, string(p.Document), opts))
	}
	v, err := New(t.Context(), testCatalog(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(docs))
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += 4 {
				rep, err := v.Validate(string(docs[i].Document), opts)
				if got := fmt.Sprint(rep); err != nil || got != want[i] {
					errs <- fmt.Sprintf("%s: %v", docs[i].Name, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error("differs from the sequential result: " + e)
	}
}
