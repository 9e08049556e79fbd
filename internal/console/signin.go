package console

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/aws/aws-sdk-go-v2/aws"
)

// session is one signed-in console session: its cookies and CSRF token.
type session struct {
	browser *browser
	csrf    string
}

// session returns the current console session, signing in when there is
// none; concurrent callers share one sign-in.
func (c *Catalog) session(ctx context.Context) (*session, error) {
	return c.sessions.Get(ctx, struct{}{}, c.signIn)
}

// dropSession forgets s, unless a newer session has replaced it already:
// many callers may see the same session expire, and one sign-in serves all.
func (c *Catalog) dropSession(s *session) {
	c.sessions.Forget(struct{}{}, func(cur *session) bool { return cur == s })
}

func (c *Catalog) signIn(ctx context.Context) (*session, error) {
	c.debug(ctx, "signing in", map[string]any{"signin_host": c.cfg.signin.Host, "console_host": c.cfg.console.Host})
	creds, federated, err := c.temporaryCredentials(ctx)
	if err != nil {
		return nil, err
	}
	token, err := c.signinToken(ctx, creds, federated)
	if err != nil {
		return nil, err
	}
	b, err := newBrowser(c.rt, c.hosts, &c.sec)
	if err != nil {
		return nil, c.fail("sign-in", ErrUnavailable, 0, nil, "%v", err)
	}
	if err := c.login(ctx, b, token); err != nil {
		return nil, err
	}
	csrf, err := c.csrfToken(ctx, b)
	if err != nil {
		return nil, err
	}
	c.signIns.Add(1)
	c.debug(ctx, "signed in", nil)
	return &session{browser: b, csrf: csrf}, nil
}

// signinToken trades temporary credentials for a sign-in token.
func (c *Catalog) signinToken(ctx context.Context, creds aws.Credentials, federated bool) (string, error) {
	const op = "sign-in: getSigninToken"
	sess, err := json.Marshal(map[string]string{
		"sessionId":    creds.AccessKeyID,
		"sessionKey":   creds.SecretAccessKey,
		"sessionToken": creds.SessionToken,
	})
	if err != nil {
		return "", c.fail(op, ErrCredentials, 0, nil, "encoding the session: %v", err)
	}
	c.sec.Add(string(sess))
	q := url.Values{"Action": {"getSigninToken"}, "Session": {string(sess)}}
	duration := c.cfg.SessionDuration > 0 && !federated
	if duration {
		q.Set("SessionDuration", strconv.Itoa(int(c.cfg.SessionDuration.Seconds())))
	}
	target := c.endpoint(c.cfg.signin, "/federation", q)
	c.sec.Add(target, q.Encode())
	rep, err := c.do(ctx, op, c.plain, get(target))
	if err != nil {
		return "", err
	}
	switch {
	case rep.Status == http.StatusBadRequest || rep.Status == http.StatusUnauthorized || rep.Status == http.StatusForbidden:
		hint := ""
		if duration {
			hint = fmt.Sprintf("; a session duration of %s was requested, and a role session refuses more than its maximum (1h when roles are chained)", c.cfg.SessionDuration)
		}
		return "", c.fail(op, ErrTemporaryCredentialsRequired, rep.Status, nil,
			"the federation endpoint refused the credentials (from %s). It accepts only temporary credentials: an assumed role (a profile with role_arn, SSO / IAM Identity Center, web identity) or IAM user access keys, which are exchanged through sts:GetFederationToken automatically; credentials from sts:GetSessionToken, such as an MFA session, are refused%s",
			creds.Source, hint)
	case rep.Status != http.StatusOK:
		return "", c.fail(op, ErrErrorResponse, rep.Status, nil, "unexpected status from the federation endpoint")
	}
	var out struct{ SigninToken string }
	if err := json.Unmarshal(rep.Body, &out); err != nil || out.SigninToken == "" {
		return "", c.fail(op, ErrBadResponse, rep.Status, nil, "the answer (%d bytes) is not JSON with a SigninToken", len(rep.Body))
	}
	c.sec.Add(out.SigninToken)
	return out.SigninToken, nil
}

// issuer names who built the login request. AWS documents Issuer as the
// sign-in page to return to when the console session ends; it is optional,
// and a provider has no such page, so it names itself.
const issuer = "terraform-provider-iamv2"

// login redeems the sign-in token for console cookies, following
// redirects among the sign-in and console hosts only.
func (c *Catalog) login(ctx context.Context, b *browser, token string) error {
	const op = "sign-in: login"
	q := url.Values{"Action": {"login"}, "Issuer": {issuer}, "Destination": {c.cfg.console.String() + "/"}, "SigninToken": {token}}
	target := c.endpoint(c.cfg.signin, "/federation", q)
	c.sec.Add(target, q.Encode())
	rep, err := c.do(ctx, op, b.web, get(target))
	if err != nil {
		return err
	}
	if c.hosts.loginPage(rep.URL) {
		return c.fail(op, ErrLoginRedirect, rep.Status, nil,
			"the sign-in token was not accepted: the login ended on a sign-in page instead of the console")
	}
	if rep.Status/100 != 2 {
		return c.fail(op, ErrErrorResponse, rep.Status, nil, "the login did not reach the console")
	}
	return nil
}

// csrfToken opens the IAM console page and reads the token its API demands.
func (c *Catalog) csrfToken(ctx context.Context, b *browser) (string, error) {
	const op = "sign-in: IAM console page"
	q := url.Values{"region": {c.cfg.Region}, "state": {"hashArgs"}}
	rep, err := c.do(ctx, op, b.web, get(c.endpoint(c.cfg.console, "/iamv2/home", q)))
	if err != nil {
		return "", err
	}
	if c.hosts.loginPage(rep.URL) {
		return "", c.fail(op, ErrLoginRedirect, rep.Status, nil,
			"the console sent the new session to a login page, so sign-in produced no console session")
	}
	if rep.Status != http.StatusOK {
		return "", c.fail(op, ErrErrorResponse, rep.Status, nil, "the IAM console page did not load")
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(rep.Body))
	if err != nil {
		return "", c.fail(op, ErrBadResponse, rep.Status, nil, "the page is not HTML")
	}
	token := strings.TrimSpace(doc.Find(`meta[name="awsc-csrf-token"]`).AttrOr("content", ""))
	if token == "" {
		return "", c.fail(op, ErrNoCSRFToken, rep.Status, nil,
			`the IAM console page (%d bytes) has no <meta name="awsc-csrf-token"> tag; the console's page layout may have changed`, len(rep.Body))
	}
	c.sec.Add(token)
	return token, nil
}

func (c *Catalog) endpoint(base *url.URL, path string, q url.Values) string {
	u := *base
	u.Path = strings.TrimRight(u.Path, "/") + path
	u.RawQuery = q.Encode()
	return u.String()
}

func get(target string) func(context.Context) (*http.Request, error) {
	return func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	}
}
