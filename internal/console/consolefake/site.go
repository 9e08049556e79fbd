package consolefake

import (
	"fmt"
	"html"
	"net/http"
	"time"
)

// sessionCookie names the fake console's session cookie.
const sessionCookie = "aws-fake-console-session"

func (s *Server) consoleMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /federation/callback", s.serveCallback)
	mux.HandleFunc("GET /iamv2/home", s.serveHome)
	mux.HandleFunc("POST /iamv2/api/iamv2", s.serveAPI)
	mux.HandleFunc("GET /{$}", s.serveRoot)
	return mux
}

// serveCallback opens a console session for a login ticket.
func (s *Server) serveCallback(w http.ResponseWriter, r *http.Request) {
	ticket := r.URL.Query().Get("ticket")
	s.mu.Lock()
	dest, ok := s.tickets[ticket]
	delete(s.tickets, ticket)
	s.mu.Unlock()
	if !ok {
		http.Redirect(w, r, s.loginPageURL(r), http.StatusFound)
		return
	}
	id, csrf := s.newSecret(24), s.newSecret(30)
	s.mu.Lock()
	s.sessions[id] = &consoleSession{csrf: csrf}
	s.stats.SignIns++
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, Secure: s.opts.tls,
		SameSite: http.SameSiteLaxMode, Expires: time.Now().Add(12 * time.Hour),
	})
	http.Redirect(w, r, dest, http.StatusFound)
}

// currentSession is the live session the request's cookie names, or nil.
func (s *Server) currentSession(r *http.Request) *consoleSession {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.sessions[c.Value]
	if !ok || sess.expired {
		return nil
	}
	return sess
}

func (s *Server) serveRoot(w http.ResponseWriter, r *http.Request) {
	if s.currentSession(r) == nil {
		http.Redirect(w, r, s.loginPageURL(r), http.StatusFound)
		return
	}
	write(w, http.StatusOK, "text/html", "<!DOCTYPE html><html><head><title>AWS Management Console</title></head><body></body></html>")
}

// serveHome is the IAM console page, which carries the CSRF token.
func (s *Server) serveHome(w http.ResponseWriter, r *http.Request) {
	f, done := s.applyFault(w, r, TargetHome)
	if done {
		return
	}
	sess := s.currentSession(r)
	if sess == nil {
		http.Redirect(w, r, s.loginPageURL(r), http.StatusFound)
		return
	}
	meta := fmt.Sprintf(`<meta name="awsc-csrf-token" content="%s">`, html.EscapeString(sess.csrf))
	if f.Kind == FaultNoCSRF {
		meta = ""
	} else {
		s.count(func(st *Stats) { st.HomePages++ })
	}
	write(w, http.StatusOK, "text/html", `<!DOCTYPE html><html><head><meta charset="utf-8"><title>IAM | Global</title>
<meta name="awsc-mezz" content="true">`+meta+`</head><body><div id="app"></div></body></html>`)
}
