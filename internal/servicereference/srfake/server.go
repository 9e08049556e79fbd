// Package srfake is a local stand-in for the Service Authorization
// Reference endpoint: the index of {service, url} at its root and a
// document per service at v1/<service>/<service>.json, in the documented
// format. It serves the fixtures in testdata and, for every other service
// of the embedded snapshot, a document synthesized from it. It sends
// ETag and Last-Modified and answers conditional requests with 304, as
// the real endpoint's CDN does.
//
// Each test starts its own, on 127.0.0.1 only:
//
//	fake := srfake.New(t)
//	cat, _ := servicereference.New(servicereference.Config{Endpoint: fake.URL()})
//
// Fail injects faults, Stop takes the endpoint down, and Stats counts what
// it served; WithAction serves an action AWS added after the snapshot.
package srfake

import (
	"fmt"
	"io"
	"log"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// LastModified is the modification time every document is served with.
var LastModified = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// Server is a running fake.
type Server struct {
	srv  *httptest.Server
	data *dataset
	docs map[string]document // served instead of data's: services WithAction changed
	opts options

	mu     sync.Mutex
	faults map[string][]Fault
	stats  Stats
}

// Stats counts what the fake has seen.
type Stats struct {
	Requests    int            // every request, faults included
	Index       int            // full downloads of the index
	Services    map[string]int // full downloads per service
	NotModified int            // conditional requests answered 304
	UserAgents  map[string]int // requests per User-Agent
	Credentials int            // requests carrying an Authorization header or a cookie
}

// Downloads is the number of full downloads: the index and documents.
func (st Stats) Downloads() int {
	n := st.Index
	for _, c := range st.Services {
		n += c
	}
	return n
}

func (st Stats) String() string {
	return fmt.Sprintf("requests %d, index %d, services %v, 304s %d", st.Requests, st.Index, st.Services, st.NotModified)
}

type options struct {
	index        []string // serve only these services in the index
	modified     bool     // index entries carry a modification stamp
	noValidators bool
	latency      time.Duration
	added        []iam.Action // by service prefix, in addedTo
	addedTo      []string
}

// Option configures a fake.
type Option func(*options)

// WithIndexOf serves an index of only these services.
func WithIndexOf(services ...string) Option { return func(o *options) { o.index = services } }

// WithModified adds a "modified" stamp to each index entry.
func WithModified() Option { return func(o *options) { o.modified = true } }

// WithoutValidators sends neither ETag nor Last-Modified.
func WithoutValidators() Option { return func(o *options) { o.noValidators = true } }

// WithLatency delays every answer, as a distant endpoint would.
func WithLatency(d time.Duration) Option { return func(o *options) { o.latency = d } }

// WithAction serves a service's document, synthesized from the snapshot
// (in place of any fixture), with one more action at level, as AWS
// publishes an action it adds after the snapshot was taken.
func WithAction(service, name string, level iam.AccessLevel) Option {
	return func(o *options) {
		o.addedTo = append(o.addedTo, service)
		o.added = append(o.added, iam.Action{Name: name, AccessLevel: level})
	}
}

// New starts a fake for the duration of the test.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	d, err := loadDataset()
	if err != nil {
		t.Fatalf("srfake: loading fixtures: %v", err)
	}
	s := &Server{data: d, faults: map[string][]Fault{}, stats: Stats{Services: map[string]int{}, UserAgents: map[string]int{}}}
	for _, o := range opts {
		o(&s.opts)
	}
	if s.docs, err = withAdded(s.opts.addedTo, s.opts.added); err != nil {
		t.Fatalf("srfake: %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("srfake: %v", err)
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	_ = s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	t.Cleanup(s.Stop)
	return s
}

// URL is the endpoint's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Stop takes the endpoint down: connections are refused from then on.
func (s *Server) Stop() { s.srv.Close() }

// Services lists every service the index names.
func (s *Server) Services() []string {
	if s.opts.index != nil {
		return append([]string(nil), s.opts.index...)
	}
	return append([]string(nil), s.data.services...)
}

// DocumentSize is the size in bytes of a service's document.
func (s *Server) DocumentSize(service string) int { return len(s.data.docs[service].body) }

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Services = maps.Clone(s.stats.Services)
	st.UserAgents = maps.Clone(s.stats.UserAgents)
	return st
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.count(func(st *Stats) {
		st.Requests++
		st.UserAgents[r.Header.Get("User-Agent")]++
		if r.Header.Get("Authorization") != "" || r.Header.Get("Cookie") != "" {
			st.Credentials++
		}
	})
	if s.opts.latency > 0 {
		time.Sleep(s.opts.latency)
	}
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	target, body, etag, ok := s.lookup(r.URL.Path)
	if !ok {
		http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
		return
	}
	if f, ok := s.takeFault(target); ok {
		if body = f.apply(w, r, target, body); body == nil {
			return
		}
		etag = ""
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if !s.opts.noValidators && etag != "" {
		h.Set("ETag", etag)
		h.Set("Last-Modified", LastModified.Format(http.TimeFormat))
		if notModified(r, etag) {
			s.count(func(st *Stats) { st.NotModified++ })
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	s.count(func(st *Stats) {
		if target == "index" {
			st.Index++
		} else {
			st.Services[target]++
		}
	})
	_, _ = w.Write(body)
}

// lookup maps a path to what it serves: "index" or a service name.
func (s *Server) lookup(p string) (target string, body []byte, etag string, ok bool) {
	if p == "/" || p == "" {
		body := s.index()
		return "index", body, etagOf(body), true
	}
	rest, found := strings.CutPrefix(p, "/v1/")
	if !found {
		return "", nil, "", false
	}
	service, file, found := strings.Cut(rest, "/")
	if !found || file != service+".json" || !s.listed(service) {
		return "", nil, "", false
	}
	doc, ok := s.docs[service]
	if !ok {
		doc, ok = s.data.docs[service]
	}
	return service, doc.body, doc.etag, ok
}

func (s *Server) listed(service string) bool {
	for _, name := range s.Services() {
		if name == service {
			return true
		}
	}
	return false
}

// index writes the index as AWS does: [{"service", "url"}], each URL on
// this endpoint.
func (s *Server) index() []byte {
	var b strings.Builder
	b.WriteString("[")
	for i, name := range s.Services() {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"service":%q,"url":%q`, name, s.srv.URL+"/v1/"+name+"/"+name+".json")
		if s.opts.modified {
			fmt.Fprintf(&b, `,"modified":%q`, LastModified.Format(time.RFC3339))
		}
		b.WriteString("}")
	}
	b.WriteString("]")
	return []byte(b.String())
}

// notModified applies If-None-Match, else If-Modified-Since.
func notModified(r *http.Request, etag string) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			if strings.TrimSpace(tag) == etag || strings.TrimSpace(tag) == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !LastModified.After(t)
	}
	return false
}

func (s *Server) count(f func(*Stats)) {
	s.mu.Lock()
	f(&s.stats)
	s.mu.Unlock()
}
