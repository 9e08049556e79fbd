package srfake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func get(t *testing.T, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// The index is a list of {service, url}, each url a document on the fake.
func TestIndexListsEveryServiceWithItsURL(t *testing.T) {
	fake := New(t)
	_, body := get(t, fake.URL()+"/", nil)
	var index []struct{ Service, URL string }
	if err := json.Unmarshal(body, &index); err != nil {
		t.Fatal(err)
	}
	if len(index) != len(fake.Services()) || len(index) < 400 {
		t.Fatalf("%d entries", len(index))
	}
	for _, e := range index {
		if e.Service == Removed {
			t.Errorf("the index lists %s", Removed)
		}
		if e.URL != fake.URL()+"/v1/"+e.Service+"/"+e.Service+".json" {
			t.Errorf("%s: url %s", e.Service, e.URL)
		}
	}
}

// A document answers conditional requests as a CDN does: 304 for a
// matching ETag or a date not before Last-Modified, 200 otherwise.
func TestConditionalRequests(t *testing.T) {
	fake := New(t)
	url := fake.URL() + "/v1/s3/s3.json"
	resp, body := get(t, url, nil)
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if resp.StatusCode != http.StatusOK || etag == "" || modified == "" || !strings.Contains(string(body), `"Name":"s3"`) {
		t.Fatalf("status %d, ETag %q, Last-Modified %q", resp.StatusCode, etag, modified)
	}
	for name, c := range map[string]struct {
		header map[string]string
		want   int
	}{
		"same ETag":            {map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		"other ETag":           {map[string]string{"If-None-Match": `"other"`}, http.StatusOK},
		"same date":            {map[string]string{"If-Modified-Since": modified}, http.StatusNotModified},
		"earlier date":         {map[string]string{"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}, http.StatusOK},
		"ETag wins over dates": {map[string]string{"If-None-Match": `"other"`, "If-Modified-Since": modified}, http.StatusOK},
	} {
		if resp, _ := get(t, url, c.header); resp.StatusCode != c.want {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, c.want)
		}
	}
	if st := fake.Stats(); st.Services["s3"] != 4 || st.NotModified != 2 {
		t.Errorf("stats %v", st)
	}
}

func TestUnknownPathsAre404(t *testing.T) {
	fake := New(t, WithIndexOf("s3", "ec2", "iam"))
	for _, p := range []string{"/v1/kms/kms.json", "/v1/s3/other.json", "/v2/s3/s3.json", "/s3.json"} {
		if resp, _ := get(t, fake.URL()+p, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", p, resp.StatusCode)
		}
	}
}

// WithAction serves a service's document with one more action, in order,
// flagged at its level; the other services are as without it.
func TestWithActionAddsAnAction(t *testing.T) {
	fake := New(t, WithAction("ec2", "DescribeAndRebootInstances", iam.Write))
	plain := New(t)
	var doc struct {
		Actions []struct {
			Name        string
			Annotations struct{ Properties map[string]bool }
		}
	}
	_, body := get(t, fake.URL()+"/v1/ec2/ec2.json", nil)
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	_, before := get(t, plain.URL()+"/v1/ec2/ec2.json", nil)
	found := -1
	for i, a := range doc.Actions {
		if a.Name == "DescribeAndRebootInstances" {
			found = i
			if p := a.Annotations.Properties; !p["IsWrite"] || p["IsList"] {
				t.Errorf("properties %v, want a Write action", p)
			}
		}
	}
	if found <= 0 || found == len(doc.Actions)-1 || doc.Actions[found-1].Name >= "DescribeAndRebootInstances" ||
		len(body) <= len(before) {
		t.Errorf("the action is at %d of %d, after %q", found, len(doc.Actions), doc.Actions[max(found-1, 0)].Name)
	}
	_, s3 := get(t, fake.URL()+"/v1/s3/s3.json", nil)
	_, s3Plain := get(t, plain.URL()+"/v1/s3/s3.json", nil)
	if string(s3) != string(s3Plain) {
		t.Error("another service's document changed")
	}
}
