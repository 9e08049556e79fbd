package console

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ServiceLinkedRoleTemplate returns the console's template for the
// service-linked role of a service principal such as
// "autoscaling.amazonaws.com", as the console sends it. Templates are
// public metadata and go to the disk cache like the catalog.
func (c *Catalog) ServiceLinkedRoleTemplate(ctx context.Context, serviceName string) (json.RawMessage, error) {
	if serviceName == "" || strings.ContainsAny(serviceName, " \t\r\n/") || len(serviceName) > 256 {
		return nil, fmt.Errorf("console: %q is not a service principal such as autoscaling.amazonaws.com", serviceName)
	}
	return c.rawCall(ctx, apiRequest{
		method: "getServiceLinkedRoleTemplate",
		params: struct {
			ServiceName string `json:"serviceName"`
		}{serviceName},
		label: "getServiceLinkedRoleTemplate-" + serviceName,
	}, true)
}

// PolicySummary returns the console's summary of a policy document, as
// the console sends it. Policies are the caller's own and stay off disk.
func (c *Catalog) PolicySummary(ctx context.Context, policyJSON string) (json.RawMessage, error) {
	if !json.Valid([]byte(policyJSON)) {
		return nil, errors.New("console: the policy document is not valid JSON")
	}
	return c.rawCall(ctx, apiRequest{
		method: "policySummary",
		params: struct {
			PolicyDocument string `json:"policyDocument"`
		}{policyJSON},
		label: "policySummary-" + digest(policyJSON),
	}, false)
}

// Validate returns the console's validation findings for a policy
// document, as the console sends them. Policies stay off disk.
func (c *Catalog) Validate(ctx context.Context, policyJSON string) (json.RawMessage, error) {
	if !json.Valid([]byte(policyJSON)) {
		return nil, errors.New("console: the policy document is not valid JSON")
	}
	return c.rawCall(ctx, apiRequest{
		method: "validate",
		params: struct {
			Policy string `json:"policy"`
			Type   string `json:"type"`
		}{policyJSON, ""},
		label: "validate-" + digest(policyJSON),
	}, false)
}

// rawCall memoizes one answer per method and parameters. Each caller gets
// its own copy, free to keep or change.
func (c *Catalog) rawCall(ctx context.Context, req apiRequest, useDisk bool) (json.RawMessage, error) {
	body, err := c.raw.Get(ctx, c.cacheKey(req), func(ctx context.Context) ([]byte, error) {
		body, _, err := fetch(ctx, c, req, useDisk, func(body []byte) ([]byte, error) {
			if bytes.Equal(bytes.TrimSpace(body), []byte("null")) {
				return nil, errors.New("null instead of a document")
			}
			return body, nil
		})
		return body, err
	})
	if err != nil {
		return nil, err
	}
	return append(json.RawMessage(nil), bytes.TrimSpace(body)...), nil
}

func digest(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
