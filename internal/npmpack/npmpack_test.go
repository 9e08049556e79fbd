package npmpack

import (
	"archive/tar"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFiles(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pkg.tgz")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, h := range []*tar.Header{
		{Name: "package/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "package/data/a.json", Typeflag: tar.TypeReg, Mode: 0o644, Size: 2},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte("{}")); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []interface{ Close() error }{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	files, err := ReadFiles(file)
	if err != nil || len(files) != 1 || string(files["data/a.json"]) != "{}" {
		t.Errorf("ReadFiles = %v, %v", files, err)
	}
	if err := os.WriteFile(file, []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFiles(file); err == nil || !strings.Contains(err.Error(), "pkg.tgz") {
		t.Errorf("a corrupt tarball gave %v", err)
	}
}

func TestPackNeedsAVersion(t *testing.T) {
	if _, err := Pack("left-pad", "", t.TempDir()); err == nil || !strings.Contains(err.Error(), "a pinned version is required") {
		t.Errorf("Pack without version: %v", err)
	}
}
