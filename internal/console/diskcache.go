package console

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// cacheFormat versions the cache file layout; other versions are ignored.
const cacheFormat = 1

// errCacheMiss: no usable entry, which is not worth a warning.
var errCacheMiss = errors.New("not cached")

// diskCache keeps console answers between runs, one file per request.
type diskCache struct {
	dir string
	ttl time.Duration
}

type cacheFile struct {
	Format  int             `json:"format"`
	Label   string          `json:"label"`
	Fetched time.Time       `json:"fetched"`
	Body    json.RawMessage `json:"body"`
}

func (d *diskCache) path(key string) string { return filepath.Join(d.dir, key+".json") }

// load returns a fresh entry, errCacheMiss, or why the file is unusable.
func (d *diskCache) load(key string) ([]byte, time.Time, error) {
	data, err := os.ReadFile(d.path(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, time.Time{}, errCacheMiss
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, time.Time{}, fmt.Errorf("corrupt cache file %s: %w", filepath.Base(d.path(key)), err)
	}
	if f.Format != cacheFormat || len(f.Body) == 0 || f.Fetched.IsZero() {
		return nil, time.Time{}, fmt.Errorf("cache file %s has an unknown layout", filepath.Base(d.path(key)))
	}
	age := time.Since(f.Fetched)
	if age > d.ttl || age < -time.Hour {
		return nil, time.Time{}, errCacheMiss
	}
	return f.Body, f.Fetched, nil
}

// store writes an entry atomically, so a concurrent reader or a crash
// never leaves half a file.
func (d *diskCache) store(key, label string, body []byte, fetched time.Time) error {
	data, err := json.Marshal(cacheFile{Format: cacheFormat, Label: label, Fetched: fetched, Body: body})
	if err != nil {
		return err
	}
	return writeFileAtomic(d.dir, filepath.Base(d.path(key)), data)
}
