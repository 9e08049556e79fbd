package consolefake

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

func (s *Server) signinMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /federation", s.serveFederation)
	mux.HandleFunc("GET /oauth", serveLoginPage)
	return mux
}

func (s *Server) serveFederation(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	switch q.Get("Action") {
	case "getSigninToken":
		s.serveSigninToken(w, r, q)
	case "login":
		s.serveLogin(w, r, q)
	default:
		badRequest(w)
	}
}

// serveSigninToken trades temporary credentials for a sign-in token. Like
// the real endpoint, it refuses long-term keys, and a SessionDuration with
// credentials from GetFederationToken.
func (s *Server) serveSigninToken(w http.ResponseWriter, r *http.Request, q url.Values) {
	if _, done := s.applyFault(w, r, TargetGetSigninToken); done {
		return
	}
	var sess struct{ SessionID, SessionKey, SessionToken string }
	if err := json.Unmarshal([]byte(q.Get("Session")), &sess); err != nil {
		badRequest(w)
		return
	}
	s.mu.Lock()
	t, ok := s.temps[sess.SessionID]
	s.mu.Unlock()
	if !ok || t.secret != sess.SessionKey || t.token != sess.SessionToken || time.Now().After(t.expires) {
		badRequest(w)
		return
	}
	if v := q.Get("SessionDuration"); v != "" {
		secs, err := strconv.Atoi(v)
		if t.federated || err != nil || secs < 900 || secs > 43200 {
			badRequest(w)
			return
		}
		s.count(func(st *Stats) { st.SessionDurationsSent++ })
	}
	token := s.newSecret(300)
	s.mu.Lock()
	s.tokens[token] = time.Now().Add(s.opts.tokenTTL)
	s.stats.SigninTokens++
	s.mu.Unlock()
	body, _ := json.Marshal(map[string]string{"SigninToken": token})
	writeJSON(w, http.StatusOK, string(body))
}

// serveLogin redeems a sign-in token, once, and sends the browser to the
// console with a ticket the console turns into its session cookie.
func (s *Server) serveLogin(w http.ResponseWriter, r *http.Request, q url.Values) {
	if _, done := s.applyFault(w, r, TargetLogin); done {
		return
	}
	dest, err := url.Parse(q.Get("Destination"))
	if err != nil || !strings.HasPrefix(dest.String(), s.console.URL+"/") {
		badRequest(w)
		return
	}
	s.count(func(st *Stats) { st.Issuers[q.Get("Issuer")]++ })
	token := q.Get("SigninToken")
	s.mu.Lock()
	expires, ok := s.tokens[token]
	delete(s.tokens, token)
	s.mu.Unlock()
	if !ok || time.Now().After(expires) {
		http.Redirect(w, r, s.signin.URL+"/oauth?error=expired", http.StatusFound)
		return
	}
	ticket := s.newSecret(24)
	s.mu.Lock()
	s.tickets[ticket] = dest.RequestURI()
	s.mu.Unlock()
	http.Redirect(w, r, s.console.URL+"/federation/callback?ticket="+url.QueryEscape(ticket), http.StatusFound)
}

// serveLoginPage is the sign-in form an expired session lands on.
func serveLoginPage(w http.ResponseWriter, _ *http.Request) {
	write(w, http.StatusOK, "text/html", `<!DOCTYPE html><html><head><title>Amazon Web Services Sign-In</title></head>
<body><form action="/signin" method="post"><input name="username"><input type="password" name="password"></form></body></html>`)
}

func badRequest(w http.ResponseWriter) {
	write(w, http.StatusBadRequest, "text/html", "<html><body><h1>400 Bad Request</h1></body></html>")
}
