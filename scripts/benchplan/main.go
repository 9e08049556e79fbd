// Command benchplan measures whole plans through the real Terraform CLI: for
// each worst-case input within the provider's documented limits it writes
// a configuration, runs `terraform plan` with the provider built in -bin
// through dev_overrides, and prints wall time, the peak resident memory of
// Terraform and the provider together, and the size of the state the plan
// carries. `make bench-plan` runs it; it is not part of CI, since it
// measures rather than asserts.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

func main() {
	terraform := flag.String("terraform", "terraform", "the Terraform (or OpenTofu) CLI")
	bin := flag.String("bin", "bin", "the directory holding terraform-provider-iamv2")
	only := flag.String("run", "", "only the cases whose name or input contains this")
	keep := flag.Bool("keep", false, "keep the generated configurations, and print where")
	count := flag.Int("count", 1, "plans per case; the fastest is reported, the least disturbed by other work")
	flag.Parse()
	if err := run(*terraform, *bin, *only, *keep, max(*count, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "benchplan:", err)
		os.Exit(1)
	}
}

func run(terraform, bin, only string, keep bool, count int) error {
	bin, err := filepath.Abs(bin)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "benchplan")
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(os.Stderr, "configurations in", work)
	} else {
		defer func() { _ = os.RemoveAll(work) }()
	}
	rc := filepath.Join(work, "dev.tfrc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf(
		"provider_installation {\n  dev_overrides {\n    \"iamv2/iamv2\" = %q\n  }\n  direct {}\n}\n", bin)), 0o600); err != nil {
		return err
	}
	docs, err := documents()
	if err != nil {
		return err
	}
	fmt.Println("| case | input | wall time | peak RSS (terraform + provider) | state |")
	fmt.Println("|---|---|---|---|---|")
	failed := 0
	for i, c := range cases(docs) {
		if !strings.Contains(c.name+" "+c.input, only) {
			continue
		}
		dir := filepath.Join(work, fmt.Sprintf("%02d-%s", i, strings.NewReplacer(" ", "", ",", "", "\"", "", "*", "", "=", "", "[", "", "]", "").Replace(c.name)))
		m, err := best(count, func() (measurement, error) { return measure(terraform, rc, dir, c) })
		if err != nil {
			failed++
			fmt.Printf("| %s | %s | failed: %s | | |\n", c.name, c.input, oneLine(err.Error()))
			continue
		}
		fmt.Printf("| %s | %s | %.2f s | %d MB | %s |\n", c.name, c.input, m.wall.Seconds(), m.peakRSS>>20, size(m.state))
	}
	if failed > 0 {
		return fmt.Errorf("%d case(s) failed", failed)
	}
	return nil
}

// planCase is one configuration to plan, with the files it reads.
type planCase struct {
	name, input string
	config      string
	files       map[string]string
}

// best runs measure count times and keeps the fastest plan, with the
// highest peak memory seen.
func best(count int, measure func() (measurement, error)) (measurement, error) {
	var out measurement
	for i := range count {
		m, err := measure()
		if err != nil {
			return m, err
		}
		if i == 0 || m.wall < out.wall {
			out.wall, out.state = m.wall, m.state
		}
		out.peakRSS = max(out.peakRSS, m.peakRSS)
	}
	return out, nil
}

type measurement struct {
	wall    time.Duration
	peakRSS int64
	state   int64
}

func measure(terraform, rc, dir string, c planCase) (measurement, error) {
	var m measurement
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, err
	}
	files := map[string]string{"main.tf": providerBlock + c.config}
	for k, v := range c.files {
		files[k] = v
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			return m, err
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraform, "plan", "-input=false", "-no-color", "-out=tfplan")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return m, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			m.wall = time.Since(start)
			if err != nil {
				return m, fmt.Errorf("%w: %s", err, lastLines(out.String(), 6))
			}
			m.state, err = stateSize(filepath.Join(dir, "tfplan"))
			return m, err
		case <-tick.C:
			if rss := treeRSS(cmd.Process.Pid); rss > m.peakRSS {
				m.peakRSS = rss
			}
		}
	}
}

const providerBlock = `terraform {
  required_providers {
    iamv2 = { source = "iamv2/iamv2" }
  }
}

`

// treeRSS sums the resident memory of pid and all its descendants, read
// from /proc: Terraform starts the provider as its own child process.
func treeRSS(pid int) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	children := map[int][]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// The fields after the parenthesised command: state, then ppid.
		rest := string(stat[bytes.LastIndexByte(stat, ')')+1:])
		if f := strings.Fields(rest); len(f) > 1 {
			if ppid, err := strconv.Atoi(f[1]); err == nil {
				children[ppid] = append(children[ppid], p)
			}
		}
	}
	var total int64
	var walk func(int)
	walk = func(p int) {
		total += rss(p)
		for _, c := range children[p] {
			walk(c)
		}
	}
	walk(pid)
	return total
}

func rss(pid int) int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// stateSize is the size of the state a plan carries: the data sources read
// while planning live in the plan file's prior state.
func stateSize(plan string) (int64, error) {
	z, err := zip.OpenReader(plan)
	if err != nil {
		return 0, err
	}
	defer func() { _ = z.Close() }()
	for _, f := range z.File {
		if f.Name == "tfstate" {
			r, err := f.Open()
			if err != nil {
				return 0, err
			}
			defer func() { _ = r.Close() }()
			return io.Copy(io.Discard, r)
		}
	}
	return 0, fmt.Errorf("%s holds no tfstate", plan)
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " / ")
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain maps and slices are marshalled
	}
	return string(b)
}
