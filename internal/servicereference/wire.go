package servicereference

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// The documented shapes, as far as this package reads them. Unknown keys
// are ignored; pointers tell a missing key from an empty list, since a
// missing list is filled from the snapshot while an empty one says none.

// wireIndexEntry is one entry of the index at the endpoint's root.
type wireIndexEntry struct {
	Service  string `json:"service"`
	URL      string `json:"url"`
	Modified string `json:"modified"` // not documented everywhere; used when present
}

// wireDocument is one service's document, v1/<service>/<service>.json.
type wireDocument struct {
	Name          string           `json:"Name"`
	Version       string           `json:"Version"`
	Actions       []wireAction     `json:"Actions"`
	Resources     *[]wireResource  `json:"Resources"`
	ConditionKeys *[]wireKey       `json:"ConditionKeys"`
	Operations    *[]wireOperation `json:"Operations"`
}

type wireAction struct {
	Name                string        `json:"Name"`
	ActionConditionKeys []string      `json:"ActionConditionKeys"`
	Annotations         *wireAnnotate `json:"Annotations"`
	Resources           []wireRef     `json:"Resources"`
}

type wireAnnotate struct {
	Properties *wireProperties `json:"Properties"`
}

// wireProperties are the access-level flags, which AWS documents as not
// mutually exclusive.
type wireProperties struct {
	IsList                 bool `json:"IsList"`
	IsPermissionManagement bool `json:"IsPermissionManagement"`
	IsTaggingOnly          bool `json:"IsTaggingOnly"`
	IsWrite                bool `json:"IsWrite"`
}

type wireRef struct {
	Name string `json:"Name"`
}

type wireResource struct {
	Name          string   `json:"Name"`
	ARNFormats    []string `json:"ARNFormats"`
	ConditionKeys []string `json:"ConditionKeys"`
}

type wireKey struct {
	Name  string   `json:"Name"`
	Types []string `json:"Types"`
}

type wireOperation struct {
	Name              string           `json:"Name"`
	AuthorizedActions []wireAuthorized `json:"AuthorizedActions"`
	SDK               []wireSDK        `json:"SDK"`
}

type wireAuthorized struct {
	Name    string          `json:"Name"`
	Service string          `json:"Service"`
	Context json.RawMessage `json:"Context"`
}

type wireSDK struct {
	Name    string `json:"Name"`
	Method  string `json:"Method"`
	Package string `json:"Package"`
}

// decodeIndex reads the index, refusing entries without a usable service
// name: it becomes part of a URL path.
func decodeIndex(body []byte) ([]wireIndexEntry, error) {
	var entries []wireIndexEntry
	if err := strictJSON(body, &entries); err != nil {
		return nil, err
	}
	for i, e := range entries {
		if !validPrefix(e.Service) {
			return nil, fmt.Errorf("entry %d names the service %q, which is not a service prefix", i, e.Service)
		}
	}
	return entries, nil
}

// decodeDocument reads one service's document and checks that it is the
// one asked for and that every action, resource and key has a name.
func decodeDocument(body []byte, service string) (*wireDocument, error) {
	var doc wireDocument
	if err := strictJSON(body, &doc); err != nil {
		return nil, err
	}
	if !strings.EqualFold(strings.TrimSpace(doc.Name), service) {
		return nil, fmt.Errorf("the document for %q is named %q", service, doc.Name)
	}
	for i, a := range doc.Actions {
		if strings.TrimSpace(a.Name) == "" {
			return nil, fmt.Errorf("action %d has no Name", i)
		}
	}
	if doc.Resources != nil {
		for i, r := range *doc.Resources {
			if r.Name == "" {
				return nil, fmt.Errorf("resource %d has no Name", i)
			}
		}
	}
	if doc.ConditionKeys != nil {
		for i, k := range *doc.ConditionKeys {
			if k.Name == "" {
				return nil, fmt.Errorf("condition key %d has no Name", i)
			}
		}
	}
	return &doc, nil
}

// strictJSON decodes one JSON value and nothing after it: a truncated or
// concatenated body is malformed, not half an answer.
func strictJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("malformed JSON: %w", err)
	}
	if dec.More() {
		return fmt.Errorf("malformed JSON: data after the value")
	}
	return nil
}

// validPrefix: lower-case letters, digits and hyphens, as every IAM
// service prefix is.
func validPrefix(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9', r == '-':
		default:
			return false
		}
	}
	return true
}

// contextValues renders an authorized action's Context, an object whose
// values may be strings, lists of strings or anything else, as strings.
func contextValues(raw json.RawMessage) (map[string]string, error) {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("the Context is not an object: %w", err)
	}
	out := make(map[string]string, len(obj))
	for k, v := range obj {
		var s string
		var list []string
		switch {
		case json.Unmarshal(v, &s) == nil:
			out[k] = s
		case json.Unmarshal(v, &list) == nil:
			out[k] = strings.Join(list, ",")
		default:
			var buf bytes.Buffer
			if err := json.Compact(&buf, v); err != nil {
				return nil, err
			}
			out[k] = buf.String()
		}
	}
	return out, nil
}
