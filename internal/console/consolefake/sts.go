package consolefake

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

var federationName = regexp.MustCompile(`^[\w+=,.@-]{2,32}$`)

// serveSTS answers GetFederationToken as STS's query API does, with XML.
func (s *Server) serveSTS(w http.ResponseWriter, r *http.Request) {
	if _, done := s.applyFault(w, r, TargetSTS); done {
		return
	}
	if r.Method != http.MethodPost {
		stsError(w, http.StatusMethodNotAllowed, "InvalidAction", "Only POST is supported")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		stsError(w, http.StatusBadRequest, "MalformedInput", "unreadable body")
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		stsError(w, http.StatusBadRequest, "MalformedInput", "body is not form-encoded")
		return
	}
	akid, code, msg := s.verifySigV4(r, body)
	if code != "" {
		stsError(w, http.StatusForbidden, code, msg)
		return
	}
	if form.Get("Action") != "GetFederationToken" || form.Get("Version") != "2011-06-15" {
		stsError(w, http.StatusBadRequest, "InvalidAction", "Could not find operation "+form.Get("Action"))
		return
	}
	s.mu.Lock()
	_, temporary := s.temps[akid]
	s.mu.Unlock()
	if temporary {
		stsError(w, http.StatusForbidden, "AccessDenied", "Cannot call GetFederationToken with session credentials")
		return
	}
	if !federationName.MatchString(form.Get("Name")) {
		stsError(w, http.StatusBadRequest, "ValidationError", "Name must be 2 to 32 characters of [\\w+=,.@-]")
		return
	}
	duration := 43200
	if v := form.Get("DurationSeconds"); v != "" {
		if duration, err = strconv.Atoi(v); err != nil || duration < 900 || duration > 129600 {
			stsError(w, http.StatusBadRequest, "ValidationError", "DurationSeconds must be between 900 and 129600")
			return
		}
	}
	withPolicy := form.Get("Policy") != ""
	for k := range form {
		withPolicy = withPolicy || strings.HasPrefix(k, "PolicyArns.")
	}
	creds, expires := s.issueTemp(time.Duration(duration)*time.Second, true)
	s.count(func(st *Stats) {
		st.FederationTokens++
		if withPolicy {
			st.FederationPolicies++
		}
	})
	write(w, http.StatusOK, "text/xml", fmt.Sprintf(`<GetFederationTokenResponse xmlns="%s">
  <GetFederationTokenResult>
    <Credentials>
      <SessionToken>%s</SessionToken>
      <SecretAccessKey>%s</SecretAccessKey>
      <Expiration>%s</Expiration>
      <AccessKeyId>%s</AccessKeyId>
    </Credentials>
    <FederatedUser>
      <Arn>arn:aws:sts::123456789012:federated-user/%s</Arn>
      <FederatedUserId>123456789012:%s</FederatedUserId>
    </FederatedUser>
    <PackedPolicySize>0</PackedPolicySize>
  </GetFederationTokenResult>
  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
</GetFederationTokenResponse>`, stsNamespace, creds.SessionToken, creds.SecretAccessKey, expires.Format(time.RFC3339),
		creds.AccessKeyID, escapeXML(form.Get("Name")), escapeXML(form.Get("Name")), requestID()))
}

func stsError(w http.ResponseWriter, status int, code, msg string) {
	kind := "Sender"
	if status >= 500 {
		kind = "Receiver"
	}
	write(w, status, "text/xml", fmt.Sprintf(`<ErrorResponse xmlns="%s"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`,
		stsNamespace, kind, code, escapeXML(msg), requestID()))
}

func escapeXML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

func requestID() string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", time.Now().UnixNano()&0xffffffff, time.Now().UnixNano()&0xffffffffffff)
}
