package srfake

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is a failure the fake serves instead of, or on the way to, an
// answer.
type Fault struct {
	status int
	slow   time.Duration
	kind   string
}

// Status answers with an HTTP status (429 with Retry-After: 0).
func Status(code int) Fault { return Fault{status: code} }

// Slow waits before answering, as an overloaded endpoint does.
func Slow(d time.Duration) Fault { return Fault{slow: d} }

// Oversized answers with a body of 9 MiB, over the source's default cap.
var Oversized = Fault{kind: "oversized"}

// Malformed answers with the document cut in half.
var Malformed = Fault{kind: "malformed"}

// NameMismatch answers with a document whose Name is another service's.
var NameMismatch = Fault{kind: "name"}

// Fail makes the next n requests for target ("index" or a service name)
// fail with f.
func (s *Server) Fail(target string, n int, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.faults[target] = append(s.faults[target], f)
	}
}

func (s *Server) takeFault(target string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.faults[target]
	if len(list) == 0 {
		return Fault{}, false
	}
	s.faults[target] = list[1:]
	return list[0], true
}

// apply serves the fault; it returns the body to send in place of the
// real one, or nil when it has answered already.
func (f Fault) apply(w http.ResponseWriter, r *http.Request, target string, body []byte) []byte {
	if f.slow > 0 {
		select {
		case <-time.After(f.slow):
		case <-r.Context().Done():
			return nil
		}
		return body
	}
	switch {
	case f.status != 0:
		if f.status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		http.Error(w, `{"message":"`+strconv.Itoa(f.status)+`"}`, f.status)
		return nil
	case f.kind == "oversized":
		return []byte(`{"Name":"` + target + `","Padding":"` + strings.Repeat("x", 9<<20) + `"}`)
	case f.kind == "malformed":
		return body[:len(body)/2]
	case f.kind == "name":
		return []byte(strings.Replace(string(body), `"Name":"`+target+`"`, `"Name":"`+target+`-other"`, 1))
	}
	return body
}

func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
