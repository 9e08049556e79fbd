package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// The command downloads a reference into a directory, then serves it so
// that the service_reference source reads it like the endpoint, and stops
// when asked.
func TestDownloadThenServe(t *testing.T) {
	fake := srfake.New(t)
	dir := t.TempDir()
	var out strings.Builder
	if err := run(t.Context(), []string{"-download", "-from", fake.URL(), "-dir", dir}, &out, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "downloaded 456 documents") {
		t.Errorf("output %q", out.String())
	}
	ctx, cancel := context.WithCancel(t.Context())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-dir", dir, "-listen", "127.0.0.1:0"}, io.Discard, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	cat, err := servicereference.New(servicereference.Config{Endpoint: addr})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := cat.Service(t.Context(), "s3")
	if err != nil || svc.Name != "Amazon S3" || len(svc.Actions) != 180 {
		t.Errorf("s3 through the mirror: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("stopping: %v", err)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"no directory":            {[]string{"-listen", "127.0.0.1:0"}, "give -dir"},
		"plain http off loopback": {[]string{"-dir", dir, "-listen", "0.0.0.0:0"}, "is not a loopback address"},
		"an empty directory":      {[]string{"-dir", dir, "-listen", "127.0.0.1:0"}, "holds no document at v1/<service>/<service>.json"},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(t.Context(), c.args, io.Discard, nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
}
