package console

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iamv2/terraform-provider-iamv2/internal/console/consolefake"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// TestLongTermKeysGetPolicyFreeFederationToken: IAM user keys are exchanged
// for a GetFederationToken session with no policy, and no SessionDuration
// goes with such credentials.
func TestLongTermKeysGetPolicyFreeFederationToken(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.SessionDuration = time.Hour
	c := newCatalog(t, cfg)
	if _, err := c.Services(t.Context()); err != nil {
		t.Fatal(err)
	}
	st := fake.Stats()
	if st.FederationTokens != 1 || st.FederationPolicies != 0 || st.SessionDurationsSent != 0 || st.SignIns != 1 {
		t.Errorf("want one policy-free federation token and no SessionDuration: %+v", st)
	}
	if c.SignIns() != 1 {
		t.Errorf("SignIns() = %d", c.SignIns())
	}
	if st.Issuers["terraform-provider-iamv2"] != 1 || len(st.Issuers) != 1 {
		t.Errorf("login issuers = %v, want the provider's name once", st.Issuers)
	}
}

// TestTemporaryCredentialsSkipSTS: credentials with a session token go
// straight to the federation endpoint, with the SessionDuration asked for.
func TestTemporaryCredentialsSkipSTS(t *testing.T) {
	fake := consolefake.New(t)
	cfg := fakeConfig(fake)
	cfg.Credentials = static(fake.RoleCredentials())
	cfg.SessionDuration = 2 * time.Hour
	c := newCatalog(t, cfg)
	if _, err := c.Services(t.Context()); err != nil {
		t.Fatal(err)
	}
	if st := fake.Stats(); st.FederationTokens != 0 || st.SessionDurationsSent != 1 || st.SignIns != 1 {
		t.Errorf("want no STS call and one SessionDuration: %+v", st)
	}
}

// TestDefaultCredentialChain signs in with credentials the SDK finds by
// itself: environment variables, then a named profile in a shared file.
func TestDefaultCredentialChain(t *testing.T) {
	t.Run("environment", func(t *testing.T) {
		fake := consolefake.New(t)
		user := fake.UserCredentials()
		t.Setenv("AWS_ACCESS_KEY_ID", user.AccessKeyID)
		t.Setenv("AWS_SECRET_ACCESS_KEY", user.SecretAccessKey)
		cfg := fakeConfig(fake)
		cfg.Credentials = nil
		if _, err := newCatalog(t, cfg).Services(t.Context()); err != nil {
			t.Fatal(err)
		}
		if st := fake.Stats(); st.FederationTokens != 1 || st.SignIns != 1 {
			t.Errorf("%+v", st)
		}
	})
	t.Run("profile", func(t *testing.T) {
		fake := consolefake.New(t)
		role := fake.RoleCredentials()
		file := filepath.Join(t.TempDir(), "credentials")
		content := fmt.Sprintf("[other]\naws_access_key_id = AKIAOTHER\naws_secret_access_key = nope\n\n[fake]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n",
			role.AccessKeyID, role.SecretAccessKey, role.SessionToken)
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		cfg := fakeConfig(fake)
		cfg.Credentials = nil
		cfg.Profile = "fake"
		cfg.SharedCredentialsFiles = []string{file}
		if _, err := newCatalog(t, cfg).Services(t.Context()); err != nil {
			t.Fatal(err)
		}
		if st := fake.Stats(); st.FederationTokens != 0 || st.SignIns != 1 {
			t.Errorf("%+v", st)
		}
	})
	t.Run("missing profile", func(t *testing.T) {
		fake := consolefake.New(t)
		cfg := fakeConfig(fake)
		cfg.Credentials = nil
		cfg.Profile = "absent"
		_, err := newCatalog(t, cfg).Services(t.Context())
		if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), "absent") {
			t.Errorf("want a credentials error naming the profile, got %v", err)
		}
	})
}

func TestTLS(t *testing.T) {
	ctx := t.Context()
	fake := consolefake.New(t, consolefake.WithTLS())
	t.Run("untrusted certificate, STS", func(t *testing.T) {
		_, err := newCatalog(t, fakeConfig(fake)).Services(ctx)
		if !errors.Is(err, ErrTLS) || !strings.Contains(err.Error(), "never skipped") {
			t.Errorf("want a TLS error, got %v", err)
		}
	})
	t.Run("untrusted certificate, sign-in", func(t *testing.T) {
		cfg := fakeConfig(fake)
		cfg.Credentials = static(fake.RoleCredentials())
		_, err := newCatalog(t, cfg).Services(ctx)
		if !errors.Is(err, ErrTLS) {
			t.Errorf("want a TLS error, got %v", err)
		}
	})
	t.Run("trusted by the injected client", func(t *testing.T) {
		cfg := fakeConfig(fake)
		cfg.HTTPClient = fake.HTTPClient()
		if _, err := newCatalog(t, cfg).Services(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("trusted through AWS_CA_BUNDLE", func(t *testing.T) {
		bundle := filepath.Join(t.TempDir(), "ca.pem")
		if err := os.WriteFile(bundle, fake.CertificatePEM(), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Setenv("AWS_CA_BUNDLE", bundle)
		if _, err := newCatalog(t, fakeConfig(fake)).Services(ctx); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("verification off is refused", func(t *testing.T) {
		cfg := fakeConfig(fake)
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
		if _, err := New(ctx, cfg); err == nil || !strings.Contains(err.Error(), "skips TLS certificate verification") {
			t.Errorf("want New to refuse, got %v", err)
		}
	})
}

func TestEndpointValidation(t *testing.T) {
	for _, tc := range []struct {
		signin string
		ok     bool
	}{
		{"https://signin.example.com", true},
		{"http://127.0.0.1:8080", true},
		{"http://localhost:8080/", true},
		{"http://signin.example.com", false},
		{"https://signin.example.com/?x=1", false},
		{"ftp://signin.example.com", false},
		{"signin.example.com", false},
		{"https://user:pw@signin.example.com", false},
	} {
		_, err := New(t.Context(), Config{SigninEndpoint: tc.signin})
		if (err == nil) != tc.ok {
			t.Errorf("SigninEndpoint %q: error %v, want ok=%v", tc.signin, err, tc.ok)
		}
	}
	if _, err := New(t.Context(), Config{SessionDuration: time.Minute}); err == nil {
		t.Error("a one-minute session duration was accepted")
	}
}

func TestConfigDefaults(t *testing.T) {
	s, err := Config{Limits: httpx.Limits{MaxRetries: -1}}.resolve()
	if err != nil {
		t.Fatal(err)
	}
	if s.Region != "us-east-1" || s.signin.String() != DefaultSigninEndpoint || s.console.String() != DefaultConsoleEndpoint ||
		s.CacheTTL != 24*time.Hour || s.Limits.MaxRetries != -1 || s.Fallback == nil || s.Limits.TotalTimeout != 3*time.Minute {
		t.Errorf("defaults: %+v", s.Config)
	}
	if s, _ := (Config{}).resolve(); s.Limits.MaxRetries != DefaultMaxRetries {
		t.Errorf("MaxRetries default %d", s.Limits.MaxRetries)
	}
}

// TestRedirectsStayOnAllowedHosts: a login that redirects to another host
// is refused before any request reaches it, so no cookie does either; a
// redirect loop stops after five hops.
func TestRedirectsStayOnAllowedHosts(t *testing.T) {
	var foreignHits atomic.Int32
	foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreignHits.Add(1)
	}))
	t.Cleanup(foreign.Close)
	fake := consolefake.New(t)
	fake.Fail(consolefake.TargetLogin, 1, consolefake.RedirectTo(foreign.URL+"/steal"))
	_, err := newCatalog(t, fakeConfig(fake)).Services(t.Context())
	if !errors.Is(err, ErrRedirect) || foreignHits.Load() != 0 {
		t.Errorf("want a refused redirect and no foreign request, got %v and %d hits", err, foreignHits.Load())
	}

	loop := fake.SigninURL() + "/federation?Action=login&SigninToken=again&Destination=" + url.QueryEscape(fake.ConsoleURL()+"/")
	fake.Fail(consolefake.TargetLogin, -1, consolefake.RedirectTo(loop))
	_, err = newCatalog(t, fakeConfig(fake)).Services(t.Context())
	if !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "more than 5 redirects") {
		t.Errorf("want the loop cut at five hops, got %v", err)
	}
}

func TestCookieJarKeepsCookiesOnAllowedHosts(t *testing.T) {
	signin, _ := url.Parse("https://signin.aws.amazon.com")
	console, _ := url.Parse("https://us-east-1.console.aws.amazon.com")
	h := newHosts(signin, console)
	b, err := newBrowser(http.DefaultTransport, h, &httpx.Secrets{})
	if err != nil {
		t.Fatal(err)
	}
	domain := &http.Cookie{Name: "s", Value: "v", Domain: "aws.amazon.com", Path: "/"}
	b.jar.SetCookies(console, []*http.Cookie{domain})
	for _, tc := range []struct {
		url  string
		want int
	}{
		{"https://us-east-1.console.aws.amazon.com/iamv2", 1},
		{"https://console.aws.amazon.com/", 1},
		{"https://eu-west-1.console.aws.amazon.com/", 1},
		{"https://signin.aws.amazon.com/federation", 1},
		{"https://us-east-1.signin.aws.amazon.com/oauth", 1},
		{"https://evil.aws.amazon.com/", 0},
		{"https://signin.aws.amazon.com.evil.example/", 0},
		{"https://us-east-1.console.aws.amazon.com:8443/", 0},
		{"http://us-east-1.console.aws.amazon.com/", 0},
		{"https://example.com/", 0},
	} {
		u, _ := url.Parse(tc.url)
		if got := len(b.jar.Cookies(u)); got != tc.want {
			t.Errorf("%s gets %d cookies, want %d", tc.url, got, tc.want)
		}
	}
	evil, _ := url.Parse("https://evil.example.com/")
	b.jar.SetCookies(evil, []*http.Cookie{{Name: "x", Value: "y"}})
	if len(b.jar.inner.Cookies(evil)) != 0 {
		t.Error("a foreign host could set a cookie")
	}
}

func TestLoginPageDetection(t *testing.T) {
	signin, _ := url.Parse("http://127.0.0.1:1000")
	console, _ := url.Parse("http://127.0.0.1:2000")
	h := newHosts(signin, console)
	for raw, want := range map[string]bool{
		"http://127.0.0.1:1000/oauth?x=1":  true,
		"http://127.0.0.1:1000/federation": false,
		"http://127.0.0.1:2000/iamv2/home": false,
		"http://127.0.0.1:2000/signin/v2":  true,
	} {
		u, _ := url.Parse(raw)
		if h.loginPage(u) != want {
			t.Errorf("loginPage(%s) = %v", raw, !want)
		}
	}
}

// TestExpiredSigninToken: a sign-in token redeemed too late lands on the
// login page, which is reported as such.
func TestExpiredSigninToken(t *testing.T) {
	fake := consolefake.New(t, consolefake.WithSigninTokenTTL(time.Nanosecond))
	_, err := newCatalog(t, fakeConfig(fake)).Services(t.Context())
	if !errors.Is(err, ErrLoginRedirect) {
		t.Errorf("want ErrLoginRedirect, got %v", err)
	}
	if st := fake.Stats(); st.SigninTokens != 1 || st.SignIns != 0 {
		t.Errorf("%v", st)
	}
}

func TestPartitionEndpoints(t *testing.T) {
	for region, want := range map[string][2]string{
		"us-east-1":     {"https://signin.aws.amazon.com", "https://us-east-1.console.aws.amazon.com"},
		"eu-west-1":     {"https://signin.aws.amazon.com", "https://eu-west-1.console.aws.amazon.com"},
		"cn-north-1":    {"https://signin.amazonaws.cn", "https://console.amazonaws.cn"},
		"us-gov-west-1": {"https://signin.amazonaws-us-gov.com", "https://console.amazonaws-us-gov.com"},
	} {
		s, err := Config{Region: region}.resolve()
		if err != nil {
			t.Fatal(err)
		}
		if s.signin.String() != want[0] || s.console.String() != want[1] {
			t.Errorf("%s: sign-in %s, console %s; want %v", region, s.signin, s.console, want)
		}
	}
}
