package consolefake

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
)

// paramless are the methods that take no parameters.
var paramless = map[string]bool{"services": true, "resources": true, "contextKeys": true, "globalConditionKeys": true}

// serveAPI is the console's API proxy: it demands the session cookie, the
// session's CSRF token and a well-formed envelope, then answers the method
// the envelope's path names.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	sess := s.currentSession(r)
	if sess == nil {
		s.count(func(st *Stats) { st.Rejected++ })
		if s.opts.expiry == ExpiryRedirect {
			http.Redirect(w, r, s.loginPageURL(r), http.StatusFound)
			return
		}
		writeJSON(w, http.StatusUnauthorized, `{"message":"Session expired"}`)
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-CSRF-Token")), []byte(sess.csrf)) != 1 {
		s.count(func(st *Stats) { st.Rejected++ })
		writeJSON(w, http.StatusForbidden, `{"message":"Invalid CSRF token"}`)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, `{"message":"Content-Type must be application/json"}`)
		return
	}
	var env struct {
		Headers       map[string]string `json:"headers"`
		Path          string            `json:"path"`
		Method        string            `json:"method"`
		Region        string            `json:"region"`
		Params        map[string]any    `json:"params"`
		ContentString *string           `json:"contentString"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&env); err != nil ||
		env.Method != http.MethodPost || env.Region != "us-east-1" || env.Params == nil ||
		env.Headers["Content-Type"] != "application/json" || !strings.HasPrefix(env.Path, "/prod/") {
		writeJSON(w, http.StatusBadRequest, `{"message":"Malformed request"}`)
		return
	}
	method := strings.TrimPrefix(env.Path, "/prod/")
	s.count(func(st *Stats) { st.API[method]++ })
	if s.opts.latency > 0 {
		time.Sleep(s.opts.latency)
	}
	f, done := s.applyFault(w, r, method, TargetAPI)
	if done {
		return
	}
	status, body := s.answer(method, env.ContentString)
	if status == http.StatusOK {
		body = alter(method, body, f)
	}
	writeJSON(w, status, string(body))
}

// answer computes a method's normal answer.
func (s *Server) answer(method string, content *string) (int, []byte) {
	if paramless[method] {
		if (s.opts.paramStyle == ParamOmitted) != (content == nil) || (content != nil && *content != string(s.opts.paramStyle)) {
			return http.StatusBadRequest, []byte(`{"message":"Invalid contentString"}`)
		}
	} else if content == nil {
		return http.StatusBadRequest, []byte(`{"message":"Missing contentString"}`)
	}
	var p struct {
		ServiceName    *string
		RegionName     *string
		PolicyDocument *string
		Policy         *string
		Type           *string
	}
	if content != nil && json.Unmarshal([]byte(*content), &p) != nil {
		return http.StatusBadRequest, []byte(`{"message":"contentString is not JSON"}`)
	}
	switch method {
	case "services":
		return http.StatusOK, joinList(s.data.services)
	case "resources":
		return http.StatusOK, s.data.resources
	case "contextKeys":
		return http.StatusOK, s.data.contextKeys
	case "globalConditionKeys":
		return http.StatusOK, s.data.global
	case "actions":
		if p.ServiceName == nil || p.RegionName == nil || *p.RegionName == "" {
			return http.StatusBadRequest, []byte(`{"message":"serviceName and RegionName are required"}`)
		}
		s.count(func(st *Stats) { st.Actions[*p.ServiceName]++ })
		if list, ok := s.data.actions[strings.ToLower(*p.ServiceName)]; ok {
			return http.StatusOK, list
		}
		return http.StatusBadRequest, []byte(`{"message":"Unknown service"}`)
	case "getServiceLinkedRoleTemplate":
		if p.ServiceName == nil {
			return http.StatusBadRequest, []byte(`{"message":"serviceName is required"}`)
		}
		if t, ok := s.data.templates[*p.ServiceName]; ok {
			return http.StatusOK, t
		}
		return http.StatusBadRequest, []byte(`{"message":"No service-linked role template for this service"}`)
	case "policySummary":
		if p.PolicyDocument == nil || !json.Valid([]byte(*p.PolicyDocument)) {
			return http.StatusBadRequest, []byte(`{"message":"policyDocument must be a JSON document in a string"}`)
		}
		return http.StatusOK, s.data.summary
	case "validate":
		if p.Policy == nil || p.Type == nil || !json.Valid([]byte(*p.Policy)) {
			return http.StatusBadRequest, []byte(`{"message":"policy (a JSON document in a string) and type are required"}`)
		}
		return http.StatusOK, s.data.validate
	}
	return http.StatusBadRequest, []byte(`{"message":"Unknown operation"}`)
}

// alter applies a fault that changes a normal answer.
func alter(method string, body []byte, f Fault) []byte {
	switch f.Kind {
	case FaultTruncated:
		return body[:len(body)/2]
	case FaultMissingFields:
		switch method {
		case "services":
			return []byte(`[{"serviceName":"Amazon S3"}]`)
		case "actions":
			return []byte(`[{"actionGroups":["ReadOnly"]}]`)
		}
		return []byte(`[{"type":"String"}]`)
	case FaultUnknownGroup:
		return []byte(`[{"actionName":"DoEverything","actionGroups":["SuperUser"]}]`)
	case FaultFewServices:
		var list []json.RawMessage
		if json.Unmarshal(body, &list) == nil && len(list) > 10 {
			return joinList(list[:10])
		}
	}
	return body
}

func joinList(items []json.RawMessage) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(it)
	}
	b.WriteByte(']')
	return b.Bytes()
}
