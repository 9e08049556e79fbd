// Package crosscheck is the file format of the evaluator's differential
// suite: the scenarios scripts/crosscheck generates, and the answers
// @cloud-copilot/iam-simulate gives them (scripts/crosscheck/oracle.mjs).
// Both files are gzipped JSON under internal/evaluate/testdata/crosscheck;
// the generator writes them and the evaluator's tests read them through
// these types, so the two sides cannot drift apart.
package crosscheck

import (
	"compress/gzip"
	"encoding/json"
	"os"
)

// Scenario is one set of policies for one principal, with the requests
// made under it. Policies are kept as JSON values, as both sides read them.
type Scenario struct {
	Principal       string              `json:"principal"`
	Identity        []json.RawMessage   `json:"identity"`
	Boundary        json.RawMessage     `json:"boundary,omitempty"`
	Session         json.RawMessage     `json:"session,omitempty"`
	SCPs            [][]json.RawMessage `json:"scps"`
	RCPs            [][]json.RawMessage `json:"rcps"`
	ResourcePolicy  json.RawMessage     `json:"resourcePolicy,omitempty"`
	ResourceAccount string              `json:"resourceAccount"`
	Requests        []Request           `json:"requests"`
}

// Request is one action on one resource with its context.
type Request struct {
	Action   string              `json:"action"`
	Resource string              `json:"resource"`
	Context  map[string][]string `json:"context"`
}

// Inputs is the inputs file.
type Inputs struct {
	Seed      uint64     `json:"seed"`
	Scenarios []Scenario `json:"scenarios"`
}

// Answers is the oracle's file: for each scenario, one decision a request
// ("Allowed", "ExplicitlyDenied" or "ImplicitlyDenied").
type Answers struct {
	Oracle  string     `json:"oracle"`
	Answers [][]string `json:"answers"`
}

// Read decodes a gzipped JSON file into v.
func Read(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	return json.NewDecoder(zr).Decode(v)
}

// Write encodes v as gzipped JSON, compressed as tightly as gzip goes so the
// committed file stays small.
func Write(path string, v any) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		_ = f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
