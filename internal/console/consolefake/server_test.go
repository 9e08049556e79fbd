package consolefake

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func stsClient(s *Server, creds aws.Credentials) *sts.Client {
	return sts.New(sts.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(s.STSURL()),
		Credentials:  credentials.StaticCredentialsProvider{Value: creds},
		HTTPClient:   http.DefaultClient,
	})
}

// TestSTSChecksSignatures: GetFederationToken works with the user's keys
// only when they sign correctly, and never with session credentials.
func TestSTSChecksSignatures(t *testing.T) {
	s := New(t)
	ctx := t.Context()
	out, err := stsClient(s, s.UserCredentials()).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("tester")})
	if err != nil || !strings.HasPrefix(*out.Credentials.AccessKeyId, "ASIA") || *out.Credentials.SessionToken == "" {
		t.Fatalf("GetFederationToken = %+v, %v", out, err)
	}
	wrong := s.UserCredentials()
	wrong.SecretAccessKey = "not-the-secret"
	if _, err := stsClient(s, wrong).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("tester")}); err == nil || !strings.Contains(err.Error(), "SignatureDoesNotMatch") {
		t.Errorf("wrong secret: %v", err)
	}
	if _, err := stsClient(s, s.RoleCredentials()).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("tester")}); err == nil || !strings.Contains(err.Error(), "session credentials") {
		t.Errorf("session credentials: %v", err)
	}
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	if _, err := stsClient(s, s.UserCredentials()).GetFederationToken(ctx, &sts.GetFederationTokenInput{Name: aws.String("tester"), Policy: &policy}); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.FederationTokens != 2 || st.FederationPolicies != 1 {
		t.Errorf("%+v", st)
	}
}

// browse walks the sign-in flow by hand, returning the client and the
// CSRF token.
func browse(t *testing.T, s *Server, creds aws.Credentials) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	session, _ := json.Marshal(map[string]string{"sessionId": creds.AccessKeyID, "sessionKey": creds.SecretAccessKey, "sessionToken": creds.SessionToken})
	resp, err := client.Get(s.SigninURL() + "/federation?Action=getSigninToken&Session=" + url.QueryEscape(string(session)))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("getSigninToken: %v %v", resp, err)
	}
	var tok struct{ SigninToken string }
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		t.Fatal(err)
	}
	closeBody(t, resp)
	login := s.SigninURL() + "/federation?Action=login&Destination=" + url.QueryEscape(s.ConsoleURL()+"/") + "&SigninToken=" + url.QueryEscape(tok.SigninToken)
	if resp, err = client.Get(login); err != nil || resp.Request.URL.Host != strings.TrimPrefix(s.ConsoleURL(), "http://") {
		t.Fatalf("login ended at %v: %v", resp.Request.URL, err)
	}
	closeBody(t, resp)
	if resp, err = client.Get(login); err != nil || !strings.Contains(resp.Request.URL.Path, "/oauth") {
		t.Errorf("a sign-in token redeemed twice: %v", err)
	}
	resp, err = client.Get(s.ConsoleURL() + "/iamv2/home?region=us-east-1&state=hashArgs")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	closeBody(t, resp)
	m := regexp.MustCompile(`name="awsc-csrf-token" content="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in %s", page)
	}
	return client, string(m[1])
}

func post(t *testing.T, client *http.Client, s *Server, csrf, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.ConsoleURL()+"/iamv2/api/iamv2", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", csrf)
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer closeBody(t, resp)
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestConsoleChecks: the API demands the session cookie, the matching
// CSRF token, a well-formed envelope and the configured contentString.
func TestConsoleChecks(t *testing.T) {
	s := New(t, WithParamStyle(ParamEmpty))
	client, csrf := browse(t, s, s.RoleCredentials())
	services := `{"headers":{"Content-Type":"application/json"},"path":"/prod/services","method":"POST","region":"us-east-1","params":{},"contentString":"{}"}`
	if code, body := post(t, client, s, csrf, services); code != 200 || !strings.HasPrefix(body, "[") {
		t.Fatalf("services: %d %.100s", code, body)
	}
	if code, _ := post(t, client, s, "wrong", services); code != 403 {
		t.Errorf("wrong CSRF token: %d", code)
	}
	if code, _ := post(t, http.DefaultClient, s, csrf, services); code != 401 {
		t.Errorf("no cookie: %d", code)
	}
	if code, _ := post(t, client, s, csrf, strings.Replace(services, `"{}"`, `"null"`, 1)); code != 400 {
		t.Errorf("wrong contentString style: %d", code)
	}
	if code, _ := post(t, client, s, csrf, strings.Replace(services, `"us-east-1"`, `"eu-west-1"`, 1)); code != 400 {
		t.Errorf("wrong envelope region: %d", code)
	}
	actions := `{"headers":{"Content-Type":"application/json"},"path":"/prod/actions","method":"POST","region":"us-east-1","params":{},"contentString":"{\"serviceName\":\"s3\",\"RegionName\":\"us-east-1\"}"}`
	if code, body := post(t, client, s, csrf, actions); code != 200 || !strings.Contains(body, `"GetObject"`) {
		t.Errorf("actions: %d %.100s", code, body)
	}
	s.ExpireSessions()
	if code, _ := post(t, client, s, csrf, actions); code != 401 {
		t.Errorf("expired session: %d", code)
	}
	if st := s.Stats(); st.SignIns != 1 || st.Actions["s3"] != 1 || st.Rejected != 3 {
		t.Errorf("%v %v", st, st.Actions)
	}
}

func TestFederationRefusesLongTermKeys(t *testing.T) {
	s := New(t)
	session, _ := json.Marshal(map[string]string{"sessionId": s.UserCredentials().AccessKeyID, "sessionKey": s.UserCredentials().SecretAccessKey, "sessionToken": ""})
	resp, err := http.Get(s.SigninURL() + "/federation?Action=getSigninToken&Session=" + url.QueryEscape(string(session)))
	if err != nil || resp.StatusCode != 400 {
		t.Errorf("long-term keys: %v %v", resp.StatusCode, err)
	}
	if st := s.Stats(); st.SigninTokens != 0 {
		t.Errorf("%v", st)
	}
}

func TestFaultQueue(t *testing.T) {
	s := New(t)
	s.Fail("x", 2, Status(500))
	s.Fail("x", 1, Status(503))
	var got []int
	for i := 0; i < 4; i++ {
		f, ok := s.takeFault("x")
		if ok {
			got = append(got, f.Status)
		}
	}
	if len(got) != 3 || got[0] != 500 || got[1] != 500 || got[2] != 503 {
		t.Errorf("faults served %v", got)
	}
	s.Fail("y", -1, Status(500))
	s.Clear()
	if _, ok := s.takeFault("y"); ok {
		t.Error("Clear left a fault")
	}
}

func closeBody(t *testing.T, resp *http.Response) {
	t.Helper()
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
}
