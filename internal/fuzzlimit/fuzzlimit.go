// Package fuzzlimit fails a fuzz input that runs too long. Go's fuzzer has
// no time limit per input: a pathological one stalls a worker, and the
// run reports 0 executions a second until it ends, with nothing saved. Run
// turns such an input into a crash of the worker, which the fuzzer
// records in the target's corpus (testdata/fuzz/<target>/) with the
// message, like any other failure.
package fuzzlimit

import (
	"fmt"
	"testing"
	"time"
)

// Limit is how long one input may take. Inputs run in well under a
// millisecond; a second is slow even on a loaded two-core machine.
const Limit = time.Second

// Run runs body on the test's goroutine, and crashes the process, quoting
// the input, if it has not returned within Limit: a stuck goroutine cannot
// be stopped, and the crash is what makes the fuzzer save the input.
func Run(t *testing.T, input any, body func(t *testing.T)) {
	t.Helper()
	timer := time.AfterFunc(Limit, func() {
		panic(fmt.Sprintf("fuzzlimit: %s took more than %v on this input, a pathological case: %.300q", t.Name(), Limit, input))
	})
	defer timer.Stop()
	body(t)
}
