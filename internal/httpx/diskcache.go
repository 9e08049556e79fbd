package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// CacheFormat versions the cache file layout; other versions are ignored.
const CacheFormat = 1

// ErrCacheMiss: no entry, or none fresh enough, which is not worth a warning.
var ErrCacheMiss = errors.New("not cached")

// DiskCache keeps answers between runs, one file per request, in files
// private to the user. The zero TTL means every entry is stale.
type DiskCache struct {
	Dir string
	TTL time.Duration
}

// CacheFile is one cached answer with what it takes to revalidate it.
type CacheFile struct {
	Format  int             `json:"format"`
	Label   string          `json:"label"`
	Fetched time.Time       `json:"fetched"`
	Body    json.RawMessage `json:"body"`
	// ETag and LastModified are the validators the server sent, for a
	// conditional request once the entry is stale.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Modified is a modification stamp the source learnt elsewhere (the
	// service reference's index), compared rather than interpreted.
	Modified string `json:"modified,omitempty"`
}

// Age is how long ago the entry was fetched or last revalidated.
func (f *CacheFile) Age(now time.Time) time.Duration { return now.Sub(f.Fetched) }

func (d *DiskCache) path(key string) string { return filepath.Join(d.Dir, key+".json") }

// Load returns a fresh entry, ErrCacheMiss, or why the file is unusable.
func (d *DiskCache) Load(key string) ([]byte, time.Time, error) {
	f, err := d.LoadAny(key)
	if err != nil {
		return nil, time.Time{}, err
	}
	if !d.Fresh(f, time.Now()) {
		return nil, time.Time{}, ErrCacheMiss
	}
	return f.Body, f.Fetched, nil
}

// LoadAny returns the entry however old, for revalidation or as a stale
// answer when the server cannot be reached.
func (d *DiskCache) LoadAny(key string) (*CacheFile, error) {
	data, err := os.ReadFile(d.path(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrCacheMiss
	}
	if err != nil {
		return nil, err
	}
	var f CacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("corrupt cache file %s: %w", filepath.Base(d.path(key)), err)
	}
	if f.Format != CacheFormat || len(f.Body) == 0 || f.Fetched.IsZero() {
		return nil, fmt.Errorf("cache file %s has an unknown layout", filepath.Base(d.path(key)))
	}
	return &f, nil
}

// Fresh reports whether the entry is within the TTL; an entry from the
// future (a clock set back) is not.
func (d *DiskCache) Fresh(f *CacheFile, now time.Time) bool {
	age := f.Age(now)
	return age <= d.TTL && age >= -time.Hour
}

// Store writes an entry atomically, so a concurrent reader or a crash
// never leaves half a file.
func (d *DiskCache) Store(key, label string, body []byte, fetched time.Time) error {
	return d.StoreFile(key, &CacheFile{Label: label, Fetched: fetched, Body: body})
}

// StoreFile writes a whole entry, validators included.
func (d *DiskCache) StoreFile(key string, f *CacheFile) error {
	f.Format = CacheFormat
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return WriteFileAtomic(d.Dir, filepath.Base(d.path(key)), data)
}

// DefaultCacheDir is a per-user cache directory for one source of the
// provider, or "" when the system has none.
func DefaultCacheDir(source string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "terraform-provider-iamv2", source)
}
