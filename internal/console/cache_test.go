package console

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// readSome reads what a plan typically reads.
func readSome(t *testing.T, c *Catalog) {
	t.Helper()
	ctx := t.Context()
	if _, err := c.Services(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Service(ctx, "s3"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GlobalConditionKeys(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ServiceLinkedRoleTemplate(ctx, "autoscaling.amazonaws.com"); err != nil {
		t.Fatal(err)
	}
}

func TestDiskCacheSparesTheSignIn(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.CacheDir = filepath.Join(t.TempDir(), "nested", "cache")
	readSome(t, newCatalog(t, cfg))
	before := fake.Stats()
	second := newCatalog(t, cfg)
	readSome(t, second)
	after := fake.Stats()
	if after.SignIns != 1 || after.String() != before.String() {
		t.Errorf("the second catalog went to the console:\nbefore %v\nafter  %v", before, after)
	}
	if second.SignIns() != 0 {
		t.Errorf("second catalog signed in %d times", second.SignIns())
	}
	entries, _ := os.ReadDir(cfg.CacheDir)
	if len(entries) != 6 { // services, actions-s3, resources, contextKeys, globalConditionKeys, template
		t.Errorf("%d cache files, want 6", len(entries))
	}
	for _, e := range entries {
		info, _ := e.Info()
		if strings.HasPrefix(e.Name(), ".") || info.Mode().Perm() != 0o600 {
			t.Errorf("cache file %s with mode %v: temporary or readable by others", e.Name(), info.Mode().Perm())
		}
	}
	if info, _ := os.Stat(cfg.CacheDir); info.Mode().Perm() != 0o700 {
		t.Errorf("cache dir mode %v", info.Mode().Perm())
	}
}

// TestPoliciesStayOffDisk: the caller's policies are not cached on disk.
func TestPoliciesStayOffDisk(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.CacheDir = t.TempDir()
	c := newCatalog(t, cfg)
	policy := `{"Version":"2012-10-17","Statement":[{"Sid":"UniqueMarker4711","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	if _, err := c.Validate(t.Context(), policy); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PolicySummary(t.Context(), policy); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(cfg.CacheDir)
	if len(entries) != 0 {
		t.Errorf("%d files cached for policy methods", len(entries))
	}
}

func TestDiskCacheExpires(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.CacheDir = t.TempDir()
	cfg.CacheTTL = time.Nanosecond
	readSome(t, newCatalog(t, cfg))
	readSome(t, newCatalog(t, cfg))
	if st := fake.Stats(); st.SignIns != 2 || st.API["services"] != 2 {
		t.Errorf("an expired cache was used: %v", st)
	}
}

// TestCorruptCacheIsIgnored: garbage, truncation, a foreign layout or an
// answer that no longer decodes are each ignored, refetched and replaced.
func TestCorruptCacheIsIgnored(t *testing.T) {
	for name, corrupt := range map[string]func([]byte) []byte{
		"garbage":   func([]byte) []byte { return []byte("\x00\x01not json") },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"layout":    func([]byte) []byte { return []byte(`{"format":99,"body":[1]}`) },
		"undecodable body": func(b []byte) []byte {
			var f httpx.CacheFile
			_ = json.Unmarshal(b, &f) // b may be anything; the body is replaced anyway
			f.Body = json.RawMessage(`{"unexpected":true}`)
			out, _ := json.Marshal(f)
			return out
		},
	} {
		t.Run(name, func(t *testing.T) {
			fake := consolefake.New(t)
			cfg := fakeConfig(fake)
			cfg.CacheDir = t.TempDir()
			readSome(t, newCatalog(t, cfg))
			entries, _ := os.ReadDir(cfg.CacheDir)
			for _, e := range entries {
				path := filepath.Join(cfg.CacheDir, e.Name())
				b, _ := os.ReadFile(path)
				if err := os.WriteFile(path, corrupt(b), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			readSome(t, newCatalog(t, cfg))
			if st := fake.Stats(); st.SignIns != 2 || st.API["services"] != 2 {
				t.Errorf("corrupt cache not refetched: %v", st)
			}
			for _, e := range entries {
				b, _ := os.ReadFile(filepath.Join(cfg.CacheDir, e.Name()))
				var f httpx.CacheFile
				if json.Unmarshal(b, &f) != nil || f.Format != httpx.CacheFormat || len(f.Body) == 0 {
					t.Errorf("%s was not rewritten", e.Name())
				}
			}
		})
	}
}

func TestUnwritableCacheDirIsNotFatal(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg.CacheDir = filepath.Join(file, "cache")
	readSome(t, newCatalog(t, cfg))
}

// TestRecordDir saves every answer under the fixtures' names, so that a
// recording can replace a fixture; IAMV2_CONSOLE_RECORD_DIR turns it on.
func TestRecordDir(t *testing.T) {
	fake := consolefake.New(t)
	dir := t.TempDir()
	t.Setenv(EnvRecordDir, dir)
	c := newCatalog(t, fakeConfig(fake))
	readSome(t, c)
	if _, err := c.Validate(t.Context(), `{"Version":"2012-10-17"}`); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"services.json", "actions-s3.json", "resources.json", "contextKeys.json",
		"globalConditionKeys.json", "getServiceLinkedRoleTemplate-autoscaling.amazonaws.com.json"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !json.Valid(b) {
			t.Errorf("%s not recorded as JSON: %v", name, err)
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "validate-*.json"))
	if len(matches) != 1 {
		t.Errorf("validate recordings: %v", matches)
	}
	var services []wireService
	b, _ := os.ReadFile(filepath.Join(dir, "services.json"))
	if err := json.Unmarshal(b, &services); err != nil || len(services) != 457 {
		t.Errorf("recorded %d services, %v", len(services), err)
	}
}

func TestRecordRedactsSecrets(t *testing.T) {
	dir := t.TempDir()
	c := newCatalog(t, Config{RecordDir: dir})
	c.sec.Add("csrf-token-value-123")
	c.record(t.Context(), "weird/../label", []byte(`{"echo":"csrf-token-value-123"}`))
	b, err := os.ReadFile(filepath.Join(dir, "weird_.._label.json"))
	if err != nil || string(b) != `{"echo":"***"}` {
		t.Errorf("recording %q, %v", b, err)
	}
}
