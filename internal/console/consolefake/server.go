// Package consolefake is a local stand-in for the three AWS endpoints the
// console catalog talks to: STS (GetFederationToken), the sign-in
// federation endpoint (getSigninToken, login) and the IAM console (its page
// with the CSRF token and its iamv2 API). It checks what the real servers
// check: SigV4 signatures, temporary credentials, single-use sign-in
// tokens, the session cookie and a matching X-CSRF-Token. It serves the
// fixtures in testdata and, for the bulk of the catalog, data synthesized
// from the embedded snapshot in the same shapes.
//
// Each test starts its own:
//
//	fake := consolefake.New(t)
//	cat, _ := console.New(ctx, console.Config{
//		SigninEndpoint:  fake.SigninURL(),
//		ConsoleEndpoint: fake.ConsoleURL(),
//		STSEndpoint:     fake.STSURL(),
//		Credentials:     credentials.StaticCredentialsProvider{Value: fake.UserCredentials()},
//	})
//
// Fail injects failures, ExpireSessions ends every session, and Stats
// counts what happened; Secrets lists every secret the fake handed out, for
// tests that check logs and errors are free of them.
package consolefake

import (
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Server is a running fake, on 127.0.0.1 only.
type Server struct {
	opts                 options
	data                 *dataset
	sts, signin, console *httptest.Server

	mu       sync.Mutex
	users    map[string]string // long-term access key → secret
	temps    map[string]*tempCreds
	tokens   map[string]time.Time // sign-in token → expiry
	tickets  map[string]string    // login ticket → destination path
	sessions map[string]*consoleSession
	faults   map[string][]*pending
	stats    Stats
	issued   []string
	user     aws.Credentials
	role     aws.Credentials
}

type tempCreds struct {
	secret, token string
	federated     bool
	expires       time.Time
}

type consoleSession struct {
	csrf    string
	expired bool
}

// Stats counts what the fake has seen.
type Stats struct {
	FederationTokens     int            // credentials issued by GetFederationToken
	FederationPolicies   int            // GetFederationToken calls that carried a session policy
	SigninTokens         int            // tokens issued by getSigninToken
	SessionDurationsSent int            // getSigninToken calls with SessionDuration
	SignIns              int            // console sessions opened
	Issuers              map[string]int // login requests per Issuer parameter ("" when absent)
	HomePages            int            // console pages served with a CSRF token
	Rejected             int            // API calls refused for the session or CSRF token
	API                  map[string]int // API requests per method, retries and probes included
	Actions              map[string]int // "actions" requests per serviceName parameter
	UserAgents           map[string]int // sign-in and console requests per User-Agent
}

// String describes the stats for test failure messages.
func (st Stats) String() string {
	return fmt.Sprintf("federation tokens %d, sign-in tokens %d, sign-ins %d, home pages %d, rejected %d, API %v",
		st.FederationTokens, st.SigninTokens, st.SignIns, st.HomePages, st.Rejected, st.API)
}

// New starts a fake for the duration of the test.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	d, err := loadDataset()
	if err != nil {
		t.Fatalf("consolefake: loading fixtures: %v", err)
	}
	s := &Server{
		opts:     options{paramStyle: ParamNull, tokenTTL: 15 * time.Minute},
		data:     d,
		users:    map[string]string{},
		temps:    map[string]*tempCreds{},
		tokens:   map[string]time.Time{},
		tickets:  map[string]string{},
		sessions: map[string]*consoleSession{},
		faults:   map[string][]*pending{},
		stats:    Stats{API: map[string]int{}, Actions: map[string]int{}, Issuers: map[string]int{}, UserAgents: map[string]int{}},
	}
	for _, o := range opts {
		o(&s.opts)
	}
	s.sts = s.start(t, http.HandlerFunc(s.serveSTS))
	s.signin = s.start(t, s.countAgents(s.signinMux()))
	s.console = s.start(t, s.countAgents(s.consoleMux()))

	s.user = aws.Credentials{AccessKeyID: s.newKey("AKIA"), SecretAccessKey: s.newSecret(30), Source: "consolefake user"}
	s.users[s.user.AccessKeyID] = s.user.SecretAccessKey
	role, _ := s.issueTemp(time.Hour, false)
	role.Source = "consolefake role"
	s.role = role
	return s
}

func (s *Server) start(t testing.TB, h http.Handler) *httptest.Server {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("consolefake: %v", err)
	}
	srv := httptest.NewUnstartedServer(h)
	// Handshakes a test means to fail would only clutter the output.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	_ = srv.Listener.Close() // replaced by one bound to 127.0.0.1 for sure
	srv.Listener = l
	if s.opts.tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

// SigninURL is the federation endpoint's base URL.
func (s *Server) SigninURL() string { return s.signin.URL }

// ConsoleURL is the console's base URL.
func (s *Server) ConsoleURL() string { return s.console.URL }

// STSURL is the STS endpoint's base URL.
func (s *Server) STSURL() string { return s.sts.URL }

// UserCredentials are long-term IAM user keys (no session token): they
// work with STS only, which turns them into temporary credentials.
func (s *Server) UserCredentials() aws.Credentials { return s.user }

// RoleCredentials are temporary credentials, as from AssumeRole, which
// the federation endpoint accepts directly; they expire in an hour.
func (s *Server) RoleCredentials() aws.Credentials { return s.role }

// HTTPClient is a client that trusts the fake's certificate (WithTLS).
func (s *Server) HTTPClient() *http.Client { return s.console.Client() }

// CertificatePEM is the fake's TLS certificate in PEM (WithTLS), to trust
// through a CA bundle; nil without TLS.
func (s *Server) CertificatePEM() []byte {
	cert := s.console.Certificate()
	if cert == nil {
		return nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.API = copyMap(s.stats.API)
	st.Actions = copyMap(s.stats.Actions)
	st.Issuers = copyMap(s.stats.Issuers)
	st.UserAgents = copyMap(s.stats.UserAgents)
	return st
}

// countAgents counts the User-Agent of every request h serves. (STS is
// the AWS SDK's, which names itself.)
func (s *Server) countAgents(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.count(func(st *Stats) { st.UserAgents[r.Header.Get("User-Agent")]++ })
		h.ServeHTTP(w, r)
	})
}

// Secrets lists every secret the fake has issued: access keys, secret
// keys, session tokens, sign-in tokens, login tickets, cookies and CSRF
// tokens.
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.issued...)
}

// ExpireSessions ends every console session; sign-in still works.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sess := range s.sessions {
		sess.expired = true
	}
}

// issueTemp mints temporary credentials. The caller holds no lock.
func (s *Server) issueTemp(d time.Duration, federated bool) (aws.Credentials, time.Time) {
	expires := time.Now().Add(d).UTC().Truncate(time.Second)
	c := aws.Credentials{AccessKeyID: s.newKey("ASIA"), SecretAccessKey: s.newSecret(30), SessionToken: s.newSecret(220)}
	s.mu.Lock()
	s.temps[c.AccessKeyID] = &tempCreds{secret: c.SecretAccessKey, token: c.SessionToken, federated: federated, expires: expires}
	s.mu.Unlock()
	return c, expires
}

// newSecret returns a random string of at least n characters and
// remembers it as a secret.
func (s *Server) newSecret(n int) string {
	var sb strings.Builder
	for sb.Len() < n {
		sb.WriteString(rand.Text())
	}
	s.remember(sb.String())
	return sb.String()
}

// newKey returns an access key ID: a prefix and 16 upper-case characters,
// as AWS writes them.
func (s *Server) newKey(prefix string) string {
	v := prefix + rand.Text()[:16]
	s.remember(v)
	return v
}

func (s *Server) remember(v string) {
	s.mu.Lock()
	s.issued = append(s.issued, v)
	s.mu.Unlock()
}

func (s *Server) count(f func(*Stats)) {
	s.mu.Lock()
	f(&s.stats)
	s.mu.Unlock()
}

func copyMap(m map[string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
