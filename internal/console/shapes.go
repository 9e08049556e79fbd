package console

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// This file is the one place that states what the console API's answers
// look like. No recording of them has been published, so these shapes are
// assumptions, mirrored by the fake's fixtures in consolefake/testdata.
// Record real answers (Config.RecordDir, IAMV2_CONSOLE_RECORD_DIR) to
// correct both; a test decodes every fixture with these decoders.
//
// Decoding is lenient: unknown fields are ignored, field names match
// case-insensitively, optional fields may be absent, and a list may come
// bare or wrapped in an object under the method's name, "items", "data",
// "result" or "results". What a catalog cannot do without is checked: a
// list where a list belongs and a name on every entry.

// wireService is one entry of "services":
//
//	{"serviceName": "Amazon S3", "serviceKeyName": "s3", "servicePrefix": "s3", "actionCount": 150}
//
// servicePrefix and actionCount are optional. Several entries may share a
// serviceName; "actions" takes the serviceKeyName. See prefix.go for how
// an entry maps to an IAM action prefix.
type wireService struct {
	ServiceName    string `json:"serviceName"`
	ServiceKeyName string `json:"serviceKeyName"`
	ServicePrefix  string `json:"servicePrefix"`
	ActionCount    *int   `json:"actionCount"`
}

// wireAction is one entry of "actions" ({"serviceName": key, "RegionName": region}):
//
//	{"actionName": "GetObject", "actionGroups": ["ReadOnly", "ReadWrite"],
//	 "description": "...", "resourceTypes": ["object", {"name": "accesspointobject", "required": false}],
//	 "contextKeys": ["s3:versionid"], "dependentActions": ["s3:GetObjectVersion"]}
//
// Only actionName is required; an action name may carry its prefix
// ("s3:GetObject"). Absent optional fields are filled from the fallback.
type wireAction struct {
	ActionName       string     `json:"actionName"`
	ActionGroups     []string   `json:"actionGroups"`
	Description      string     `json:"description"`
	ResourceTypes    *[]wireRef `json:"resourceTypes"`
	ContextKeys      *[]wireRef `json:"contextKeys"`
	DependentActions *[]string  `json:"dependentActions"`
}

// wireResource is one entry of "resources", a list over all services:
//
//	{"resourceName": "object", "serviceKeyName": "s3",
//	 "arn": "arn:${Partition}:s3:::${BucketName}/${ObjectName}", "contextKeys": ["s3:x"]}
//
// Without a serviceKeyName the service is read from the ARN.
type wireResource struct {
	ResourceName   string     `json:"resourceName"`
	ServiceKeyName string     `json:"serviceKeyName"`
	ARN            string     `json:"arn"`
	ContextKeys    *[]wireRef `json:"contextKeys"`
}

// wireKey is one entry of "contextKeys", a list over all services, or of
// "globalConditionKeys":
//
//	{"name": "s3:prefix", "serviceKeyName": "s3", "type": "String", "description": "..."}
//
// "contextKeyName" or "contextKey" may stand for "name". Without a
// serviceKeyName, a context key belongs to the service its namespace names.
type wireKey struct {
	Name           string
	ServiceKeyName string
	Type           string
	Description    string
}

func (k *wireKey) UnmarshalJSON(b []byte) error {
	var w struct {
		Name           string `json:"name"`
		ContextKeyName string `json:"contextKeyName"`
		ContextKey     string `json:"contextKey"`
		ServiceKeyName string `json:"serviceKeyName"`
		Type           string `json:"type"`
		Description    string `json:"description"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*k = wireKey{
		Name:           firstOf(w.Name, w.ContextKeyName, w.ContextKey),
		ServiceKeyName: w.ServiceKeyName,
		Type:           w.Type,
		Description:    w.Description,
	}
	return nil
}

// wireRef names a resource type or condition key, as a bare string or as
// an object: {"name": "object", "required": true} (also "resourceName",
// "contextKey").
type wireRef struct {
	Name     string
	Required *bool
}

func (r *wireRef) UnmarshalJSON(b []byte) error {
	if s := bytes.TrimSpace(b); len(s) > 0 && s[0] == '"' {
		return json.Unmarshal(s, &r.Name)
	}
	var w struct {
		Name         string `json:"name"`
		ResourceName string `json:"resourceName"`
		ContextKey   string `json:"contextKey"`
		Required     *bool  `json:"required"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = wireRef{Name: firstOf(w.Name, w.ResourceName, w.ContextKey), Required: w.Required}
	return nil
}

// wrapperKeys are the keys under which a list may come wrapped in an object.
var wrapperKeys = []string{"items", "data", "result", "results"}

// decodeList reads a list of T from body, answered by method.
func decodeList[T any](body []byte, method string) ([]T, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, fmt.Errorf("an empty answer instead of a list")
	}
	switch body[0] {
	case '[':
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return nil, err
		}
		inner, ok := wrapped(obj, method)
		if !ok {
			return nil, fmt.Errorf("an object with keys %s instead of a list", keyList(obj))
		}
		body = inner
	default:
		return nil, fmt.Errorf("%s instead of a list", describeJSON(body))
	}
	var out []T
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func wrapped(obj map[string]json.RawMessage, method string) (json.RawMessage, bool) {
	for _, want := range append([]string{method}, wrapperKeys...) {
		for k, v := range obj {
			if strings.EqualFold(k, want) {
				if v = bytes.TrimSpace(v); len(v) > 0 && v[0] == '[' {
					return v, true
				}
			}
		}
	}
	return nil, false
}

func describeJSON(b []byte) string {
	switch {
	case bytes.Equal(b, []byte("null")):
		return "null"
	case b[0] == '"':
		return "a string"
	case b[0] == 't' || b[0] == 'f':
		return "a boolean"
	}
	return "a number"
}

func keyList(obj map[string]json.RawMessage) string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, fmt.Sprintf("%q", k))
	}
	sort.Strings(keys)
	if len(keys) > 5 {
		keys = append(keys[:5], "...")
	}
	if len(keys) == 0 {
		return "(none)"
	}
	return strings.Join(keys, ", ")
}

// errorKeys is the vocabulary of an error envelope: an object made only of
// these keys, one of which names the error, is the console reporting a
// failure, even with status 200.
var errorKeys = map[string]bool{
	"error": true, "errors": true, "message": true, "errormessage": true, "errortype": true,
	"code": true, "__type": true, "status": true, "statuscode": true, "type": true, "requestid": true,
}

// dataMethods answer with objects whose "errors" or "message" may be data
// (a policy's validation findings), so only the unambiguous keys count there.
var dataMethods = map[string]bool{"validate": true, "policySummary": true}

// errorEnvelope returns the message of an error envelope.
func errorEnvelope(body []byte, method string) (string, bool) {
	if len(body) == 0 || body[0] != '{' {
		return "", false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil || len(obj) == 0 {
		return "", false
	}
	fields := map[string]json.RawMessage{}
	for k, v := range obj {
		if !errorKeys[strings.ToLower(k)] {
			return "", false
		}
		fields[strings.ToLower(k)] = v
	}
	naming := []string{"__type", "error", "errormessage", "errortype"}
	if !dataMethods[method] {
		naming = append(naming, "errors", "message")
	}
	for _, k := range naming {
		if v, ok := fields[k]; ok && !emptyJSON(v) {
			return firstOf(messageIn(fields["message"]), messageIn(fields["errormessage"]), messageIn(v), k), true
		}
	}
	return "", false
}

// messageIn digs a message out of a string, an object with a message, or
// a list of either.
func messageIn(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var obj struct {
		Message string `json:"message"`
		Code    string `json:"code"`
	}
	if json.Unmarshal(v, &obj) == nil && (obj.Message != "" || obj.Code != "") {
		return strings.TrimPrefix(obj.Code+": "+obj.Message, ": ")
	}
	var list []json.RawMessage
	if json.Unmarshal(v, &list) == nil && len(list) > 0 {
		return messageIn(list[0])
	}
	return ""
}

func emptyJSON(v json.RawMessage) bool {
	switch string(bytes.TrimSpace(v)) {
	case "", "null", `""`, "[]", "{}", "false":
		return true
	}
	return false
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ServiceLinkedRoleTemplate is the part of a getServiceLinkedRoleTemplate
// answer the provider shows:
//
//	{"serviceName": "autoscaling.amazonaws.com", "roleName": "AWSServiceRoleForAutoScaling",
//	 "path": "/aws-service-role/", "description": "...", "trustPolicyDocument": "<JSON>",
//	 "namedPermissionsPolicies": [{"policyName": "...", "policyDocument": "<JSON>"}]}
//
// Every field is optional; policy documents may come as JSON strings or as
// objects.
type ServiceLinkedRoleTemplate struct {
	RoleName            string
	Path                string
	Description         string
	TrustPolicy         string
	PermissionsPolicies []NamedPolicy
}

// NamedPolicy is one permissions policy of a template.
type NamedPolicy struct {
	Name     string
	Document string
}

// DecodeServiceLinkedRoleTemplate reads a template leniently.
func DecodeServiceLinkedRoleTemplate(raw json.RawMessage) (*ServiceLinkedRoleTemplate, error) {
	var wire struct {
		RoleName                 string          `json:"roleName"`
		Path                     string          `json:"path"`
		Description              string          `json:"description"`
		TrustPolicyDocument      json.RawMessage `json:"trustPolicyDocument"`
		NamedPermissionsPolicies []struct {
			PolicyName     string          `json:"policyName"`
			PolicyDocument json.RawMessage `json:"policyDocument"`
		} `json:"namedPermissionsPolicies"`
	}
	if err := json.Unmarshal(raw, &wire); err != nil {
		return nil, fmt.Errorf("console: service-linked role template: %w", err)
	}
	t := &ServiceLinkedRoleTemplate{RoleName: wire.RoleName, Path: wire.Path, Description: wire.Description}
	var err error
	if t.TrustPolicy, err = documentText(wire.TrustPolicyDocument); err != nil {
		return nil, err
	}
	for _, p := range wire.NamedPermissionsPolicies {
		doc, err := documentText(p.PolicyDocument)
		if err != nil {
			return nil, err
		}
		t.PermissionsPolicies = append(t.PermissionsPolicies, NamedPolicy{Name: p.PolicyName, Document: doc})
	}
	return t, nil
}

// documentText turns a policy document sent as a JSON string or as an
// object into its JSON text.
func documentText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", fmt.Errorf("console: policy document: %w", err)
		}
		return s, nil
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		return "", fmt.Errorf("console: policy document: %w", err)
	}
	return compact.String(), nil
}
