package servicereference

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// A mirror downloaded from an endpoint and served from its directory
// answers as the endpoint did: the same services, the same documents.
func TestMirrorServesWhatItDownloaded(t *testing.T) {
	fake := srfake.New(t)
	dir := t.TempDir()
	n, err := Download(t.Context(), Config{Endpoint: fake.URL()}, dir)
	if err != nil || n != len(fake.Services()) {
		t.Fatalf("downloaded %d documents of %d: %v", n, len(fake.Services()), err)
	}
	h, err := MirrorHandler(dir)
	if err != nil {
		t.Fatal(err)
	}
	mirror := httptest.NewServer(h)
	defer mirror.Close()

	direct := newCatalog(t, Config{Endpoint: fake.URL()})
	mirrored := newCatalog(t, Config{Endpoint: mirror.URL})
	for _, prefix := range []string{"s3", "widgetpreview", "pricing"} {
		want, err := direct.Service(t.Context(), prefix)
		if err != nil {
			t.Fatal(err)
		}
		got, err := mirrored.Service(t.Context(), prefix)
		if err != nil {
			t.Fatalf("mirror, service %s: %v", prefix, err)
		}
		if !slices.Equal(actionNames(got), actionNames(want)) || got.Name != want.Name {
			t.Errorf("service %s: the mirror serves %d actions, the endpoint %d", prefix, len(got.Actions), len(want.Actions))
		}
	}
	all, err := mirrored.Services(t.Context())
	if err != nil || len(all) != n {
		t.Errorf("the mirror's index lists %d services of %d: %v", len(all), n, err)
	}
}

// The mirror sends validators and answers a conditional request with 304,
// and serves nothing outside v1/<service>/<service>.json.
func TestMirrorServesOnlyDocuments(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "v1", "s3"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "v1", "s3", "s3.json"), []byte(`{"Name":"s3","Actions":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("not for serving"), 0o600); err != nil {
		t.Fatal(err)
	}
	h, err := MirrorHandler(dir)
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string, header http.Header) *http.Response {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, path, nil)
		for k, v := range header {
			req.Header[k] = v
		}
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	first := get("/v1/s3/s3.json", nil)
	etag := first.Header.Get("ETag")
	if first.StatusCode != http.StatusOK || etag == "" || first.Header.Get("Last-Modified") == "" {
		t.Fatalf("document: %d, ETag %q, Last-Modified %q", first.StatusCode, etag, first.Header.Get("Last-Modified"))
	}
	if again := get("/v1/s3/s3.json", http.Header{"If-None-Match": {etag}}); again.StatusCode != http.StatusNotModified {
		t.Errorf("a conditional request got %d", again.StatusCode)
	}
	if index := get("/", nil); index.StatusCode != http.StatusOK {
		t.Errorf("index: %d", index.StatusCode)
	}
	for _, path := range []string{"/secret.txt", "/v1/../secret.txt", "/v1/s3/other.json", "/v1/s3/s3.json/x", "/v1/S3/S3.json", "/v1/ec2/ec2.json"} {
		if resp := get(path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, resp.StatusCode)
		}
	}
	if _, err := MirrorHandler(t.TempDir()); err == nil {
		t.Error("an empty directory was accepted as a mirror")
	}
}

func actionNames(svc *iam.Service) []string {
	names := make([]string, len(svc.Actions))
	for i, a := range svc.Actions {
		names[i] = a.Name
	}
	return names
}
