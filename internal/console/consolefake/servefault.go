package consolefake

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// oversizeBytes exceeds the client's 32 MiB cap.
const oversizeBytes = 33 << 20

// applyFault takes the next fault due for any of targets and serves it if
// it replaces the answer, reporting whether it did. A fault that alters
// the normal answer instead (truncation, missing fields, ...) or only
// delays it is returned for the handler to apply.
func (s *Server) applyFault(w http.ResponseWriter, r *http.Request, targets ...string) (Fault, bool) {
	f, ok := s.takeFault(targets...)
	if !ok {
		return Fault{}, false
	}
	switch f.Kind {
	case FaultStatus:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if targets[0] == TargetSTS {
			stsError(w, f.Status, "ServiceUnavailable", "Simulated failure")
		} else {
			writeJSON(w, f.Status, `{"message":"Simulated failure"}`)
		}
	case FaultReset:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close() // the point is the missing answer
				return f, true
			}
		}
		// HTTP/2 cannot hand over its connection: fail as a proxy would.
		writeJSON(w, http.StatusBadGateway, `{"message":"connection reset"}`)
	case FaultDelay:
		select {
		case <-time.After(f.Delay):
		case <-r.Context().Done():
		}
		return f, false
	case FaultLoginRedirect:
		http.Redirect(w, r, s.loginPageURL(r), http.StatusFound)
	case FaultRedirect:
		http.Redirect(w, r, f.Location, http.StatusFound)
	case FaultUnauthorized:
		writeJSON(w, http.StatusUnauthorized, `{"message":"Session expired"}`)
	case FaultHTML:
		write(w, http.StatusOK, "text/html", "<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>")
	case FaultEmpty:
		write(w, http.StatusOK, "application/json", "")
	case FaultErrorEnvelope:
		writeJSON(w, http.StatusOK, `{"error":{"code":"InternalFailure","message":"Simulated failure"}}`)
	case FaultOversize:
		writeJSON(w, http.StatusOK, "["+strings.Repeat(" ", oversizeBytes)+"]")
	case FaultNull:
		writeJSON(w, http.StatusOK, "null")
	case FaultEmptyList:
		writeJSON(w, http.StatusOK, "[]")
	default:
		return f, false
	}
	return f, true
}

// loginPageURL is where an unauthenticated browser is sent.
func (s *Server) loginPageURL(r *http.Request) string {
	back := s.console.URL + r.URL.RequestURI()
	return s.signin.URL + "/oauth?redirect_uri=" + url.QueryEscape(back)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	write(w, status, "application/json", body)
}

// write sends a whole answer. A client that hung up cannot be told
// anything, so a failed write is not an error worth reporting.
func write(w http.ResponseWriter, status int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}
