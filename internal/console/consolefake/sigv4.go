package consolefake

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// verifySigV4 checks a request's AWS Signature Version 4 the way STS does:
// by signing the same request again with the secret the access key names
// and comparing signatures. It returns the access key, or an STS error
// code and message.
func (s *Server) verifySigV4(r *http.Request, body []byte) (akid, code, msg string) {
	auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 ")
	if !ok {
		return "", "MissingAuthenticationToken", "Request is missing Authentication Token"
	}
	fields := map[string]string{}
	for _, part := range strings.Split(auth, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[4] != "aws4_request" || scope[3] != "sts" {
		return "", "IncompleteSignature", "Authorization header has a malformed credential scope"
	}
	akid = scope[0]
	s.mu.Lock()
	secret, token := s.users[akid], ""
	if t, ok := s.temps[akid]; ok {
		secret, token = t.secret, t.token
	}
	s.mu.Unlock()
	if secret == "" {
		return "", "InvalidClientTokenId", "The security token included in the request is invalid."
	}
	at, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil || time.Since(at).Abs() > 15*time.Minute {
		return "", "SignatureDoesNotMatch", "Signature expired or X-Amz-Date missing"
	}
	again, err := http.NewRequest(r.Method, "http://"+r.Host+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return "", "IncompleteSignature", err.Error()
	}
	again.Host = r.Host
	again.ContentLength = int64(len(body))
	for _, h := range strings.Split(fields["SignedHeaders"], ";") {
		if h != "host" && h != "content-length" {
			again.Header[http.CanonicalHeaderKey(h)] = r.Header.Values(h)
		}
	}
	sum := sha256.Sum256(body)
	creds := aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret, SessionToken: token}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, again, hex.EncodeToString(sum[:]), "sts", scope[2], at); err != nil {
		return "", "IncompleteSignature", err.Error()
	}
	_, want, _ := strings.Cut(again.Header.Get("Authorization"), "Signature=")
	if !hmac.Equal([]byte(want), []byte(fields["Signature"])) {
		return "", "SignatureDoesNotMatch", fmt.Sprintf("The request signature we calculated does not match the signature you provided for key %s.", akid)
	}
	return akid, "", ""
}
