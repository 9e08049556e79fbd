package servicereference

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// A mirror is a directory in the layout the endpoint serves: each
// service's document at v1/<service>/<service>.json. Download fills one;
// MirrorHandler serves it, with an index built from the documents found.

// documentPath is where a service's document sits, below the endpoint or
// the mirror's directory.
func documentPath(service string) string { return "/v1/" + service + "/" + service + ".json" }

// Download copies the reference at cfg.Endpoint into dir, checking the
// index and each document as the source does, and returns how many
// documents it wrote. Files are replaced atomically, so a mirror being
// served stays whole.
func Download(ctx context.Context, cfg Config, dir string) (int, error) {
	cfg.CacheDir = ""
	c, err := New(cfg)
	if err != nil {
		return 0, err
	}
	var entries []wireIndexEntry
	index := func(b []byte) error {
		var err error
		entries, err = decodeIndex(b)
		return err
	}
	if _, err := c.get(ctx, resource{what: "index", path: "/", check: index}); err != nil {
		return 0, err
	}
	written := map[string]bool{}
	for _, e := range entries {
		if written[e.Service] {
			continue
		}
		var body []byte
		check := func(b []byte) error {
			body = b
			_, err := decodeDocument(b, e.Service)
			return err
		}
		if _, err := c.get(ctx, resource{what: "service " + e.Service, path: documentPath(e.Service), check: check}); err != nil {
			return len(written), err
		}
		if err := httpx.WriteFileAtomic(filepath.Join(dir, "v1", e.Service), e.Service+".json", body); err != nil {
			return len(written), fmt.Errorf("writing the mirror: %w", err)
		}
		written[e.Service] = true
	}
	return len(written), nil
}

// MirrorHandler serves dir as the endpoint serves the reference: at the
// root an index of the documents under v1/ (each with its file's
// modification time as "modified"), and each document with an ETag and
// Last-Modified, answering conditional requests with 304. Nothing outside
// v1/<service>/<service>.json is served. It reads the directory on each
// request, so documents replaced by Download show at once.
func MirrorHandler(dir string) (http.Handler, error) {
	services, err := mirrored(dir)
	if err != nil {
		return nil, err
	}
	if len(services) == 0 {
		return nil, fmt.Errorf("%s holds no document at v1/<service>/<service>.json", dir)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == "/" {
			serveIndex(w, r, dir)
			return
		}
		rest, _ := strings.CutPrefix(r.URL.Path, "/v1/")
		service, file, _ := strings.Cut(rest, "/")
		if !validPrefix(service) || r.URL.Path != documentPath(service) || file != service+".json" {
			http.Error(w, `{"message":"Not Found"}`, http.StatusNotFound)
			return
		}
		serveFile(w, r, filepath.Join(dir, "v1", service, file))
	}), nil
}

// mirrored lists the services dir holds a document for, sorted, with the
// documents' modification times.
func mirrored(dir string) ([]wireIndexEntry, error) {
	names, err := os.ReadDir(filepath.Join(dir, "v1"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the mirror: %w", err)
	}
	var out []wireIndexEntry
	for _, n := range names {
		service := n.Name()
		if !n.IsDir() || !validPrefix(service) {
			continue
		}
		info, err := os.Stat(filepath.Join(dir, "v1", service, service+".json"))
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		out = append(out, wireIndexEntry{Service: service, Modified: info.ModTime().UTC().Format(time.RFC3339)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Service < out[j].Service })
	return out, nil
}

func serveIndex(w http.ResponseWriter, r *http.Request, dir string) {
	entries, err := mirrored(dir)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	for i := range entries {
		entries[i].URL = scheme + "://" + r.Host + documentPath(entries[i].Service)
	}
	body, err := json.Marshal(entries)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	serveBody(w, r, body, time.Time{})
}

func serveFile(w http.ResponseWriter, r *http.Request, name string) {
	info, err := os.Stat(name)
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, os.ErrNotExist) {
			code = http.StatusNotFound
		}
		http.Error(w, http.StatusText(code), code)
		return
	}
	if info.Size() > DefaultMaxResponseBytes {
		http.Error(w, "document over the size cap", http.StatusInternalServerError)
		return
	}
	body, err := os.ReadFile(name)
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	serveBody(w, r, body, info.ModTime())
}

// serveBody writes a JSON body with its ETag (and Last-Modified, when
// known); http.ServeContent answers conditional requests.
func serveBody(w http.ResponseWriter, r *http.Request, body []byte, modified time.Time) {
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	w.Header().Set("Content-Type", "application/json")
	http.ServeContent(w, r, "", modified, bytes.NewReader(body))
}
