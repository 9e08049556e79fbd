package consolefake

import "time"

// Targets of Fail, besides API method names ("services", "actions", ...).
const (
	TargetSTS            = "sts"            // GetFederationToken
	TargetGetSigninToken = "getSigninToken" // federation: token request
	TargetLogin          = "login"          // federation: login redirect
	TargetHome           = "home"           // the IAM console page with the CSRF token
	TargetAPI            = "api"            // every API method
)

// FaultKind is a way of failing.
type FaultKind int

const (
	FaultStatus        FaultKind = iota + 1 // answer Status (with RetryAfter if set)
	FaultReset                              // drop the connection without an answer
	FaultDelay                              // wait Delay, then answer normally
	FaultLoginRedirect                      // redirect to the sign-in page (expired session)
	FaultUnauthorized                       // HTTP 401, as for an expired session
	FaultHTML                               // HTTP 200 with an HTML page
	FaultEmpty                              // HTTP 200 with an empty body
	FaultTruncated                          // the normal answer cut in half
	FaultErrorEnvelope                      // HTTP 200 with a JSON error object
	FaultOversize                           // HTTP 200 with a body over 32 MiB
	FaultNull                               // HTTP 200 with "null"
	FaultEmptyList                          // HTTP 200 with "[]"
	FaultMissingFields                      // entries without their names
	FaultUnknownGroup                       // actions with an unknown action group
	FaultFewServices                        // a service list of 10 entries
	FaultNoCSRF                             // the console page without its CSRF meta tag
	FaultRedirect                           // redirect to Location, e.g. a foreign host
)

// Fault is one injected failure.
type Fault struct {
	Kind       FaultKind
	Status     int           // FaultStatus
	RetryAfter string        // FaultStatus: the Retry-After header
	Delay      time.Duration // FaultDelay
	Location   string        // FaultRedirect
}

// Status fails with an HTTP status.
func Status(code int) Fault { return Fault{Kind: FaultStatus, Status: code} }

// Throttle fails with 429 and a Retry-After header.
func Throttle(retryAfter string) Fault {
	return Fault{Kind: FaultStatus, Status: 429, RetryAfter: retryAfter}
}

// Kind fails in a way that needs no parameter.
func Kind(k FaultKind) Fault { return Fault{Kind: k} }

// Slow answers normally after d.
func Slow(d time.Duration) Fault { return Fault{Kind: FaultDelay, Delay: d} }

// RedirectTo redirects to location.
func RedirectTo(location string) Fault { return Fault{Kind: FaultRedirect, Location: location} }

// Fail makes the next times requests to target fail with f; times < 0
// means every request until Clear. Faults for a target queue up in order.
func (s *Server) Fail(target string, times int, f Fault) {
	if times == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[target] = append(s.faults[target], &pending{fault: f, left: times})
}

// Clear removes every pending fault.
func (s *Server) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*pending{}
}

type pending struct {
	fault Fault
	left  int
}

// takeFault consumes the next fault for any of targets, if one is due.
func (s *Server) takeFault(targets ...string) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range targets {
		queue := s.faults[t]
		if len(queue) == 0 {
			continue
		}
		p := queue[0]
		if p.left > 0 {
			p.left--
			if p.left == 0 {
				s.faults[t] = queue[1:]
			}
		}
		return p.fault, true
	}
	return Fault{}, false
}
