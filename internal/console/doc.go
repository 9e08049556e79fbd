// Package console is the second catalog source: IAM metadata read live from
// the metadata API behind the AWS IAM console, the way the console's
// policy editor reads it. It implements iam.Catalog, plus three raw
// document methods, and has no Terraform framework types.
//
// # Use
//
//	cat, err := console.New(ctx, console.Config{
//		Profile:  "dev",
//		CacheDir: console.DefaultCacheDir(),
//	})
//	svc, err := cat.Service(ctx, "s3")                 // iam.Catalog
//	tmpl, err := cat.ServiceLinkedRoleTemplate(ctx, "autoscaling.amazonaws.com")
//	summary, err := cat.PolicySummary(ctx, policyJSON) // json.RawMessage as the console sends it
//	findings, err := cat.Validate(ctx, policyJSON)
//
// New checks the configuration and makes no request. The first call that
// needs the console signs in; concurrent callers share that one sign-in,
// every answer is kept in memory per method and parameters, and with a
// CacheDir the catalog answers (services, actions, resources, context keys,
// global condition keys, service-linked role templates) are kept on disk
// for CacheTTL, so later runs need not sign in at all. Policies given to
// PolicySummary and Validate never go to disk.
//
// Source is "console". DataVersion is "live@<UTC time the service list was
// fetched>", from the console or the disk cache, or "live" before then.
//
// # Configuration for the provider
//
// Suggested provider attributes and environment variables (only
// IAMV2_CONSOLE_RECORD_DIR is read by this package itself; the exported
// Env* constants carry the names):
//
//	Config field            attribute                  environment
//	Region                  console_region             IAMV2_CONSOLE_REGION
//	Profile                 profile                    AWS_PROFILE (the SDK reads it)
//	SharedConfigFiles       shared_config_files        AWS_CONFIG_FILE (the SDK reads it)
//	SharedCredentialsFiles  shared_credentials_files   AWS_SHARED_CREDENTIALS_FILE (the SDK reads it)
//	SigninEndpoint          console_signin_endpoint    IAMV2_CONSOLE_SIGNIN_ENDPOINT
//	ConsoleEndpoint         console_endpoint           IAMV2_CONSOLE_ENDPOINT
//	STSEndpoint             sts_endpoint               IAMV2_CONSOLE_STS_ENDPOINT
//	CacheDir                console_cache_dir          IAMV2_CONSOLE_CACHE_DIR (default: DefaultCacheDir())
//	CacheTTL                console_cache_ttl          IAMV2_CONSOLE_CACHE_TTL (default 24h)
//	RecordDir               (none: a debugging aid)    IAMV2_CONSOLE_RECORD_DIR
//	Fallback                (none: the embedded snapshot)
//
// The timeouts, retries and SessionDuration have sensible defaults; tests
// inject HTTPClient (the fake's TLS certificate) and Credentials.
//
// # Protocol
//
//  1. Credentials come from the AWS SDK's default chain (environment,
//     shared files, profile, SSO, IMDS) or Config.Credentials. The
//     federation endpoint takes only temporary credentials, so long-term
//     IAM user keys are first exchanged through sts:GetFederationToken
//     with no session policy: the session has no permissions, and the
//     console's metadata API needs none.
//  2. GET {signin}/federation?Action=getSigninToken&Session={"sessionId",
//     "sessionKey","sessionToken"} yields a SigninToken. SessionDuration is
//     sent only when configured, and never for GetFederationToken sessions.
//  3. GET {signin}/federation?Action=login&Issuer=terraform-provider-iamv2&Destination={console}/&SigninToken=...
//     sets the console's session cookies. Redirects are followed only
//     among the sign-in host and the console host, each with its regional
//     siblings (us-east-1.signin.aws.amazon.com; eu-west-1.console.aws.amazon.com
//     for a console endpoint under console.aws.amazon.com), same scheme and
//     port, at most five hops; the cookie jar hands cookies to those hosts only.
//  4. GET {console}/iamv2/home?region=<region>&state=hashArgs; the page's
//     <meta name="awsc-csrf-token"> is the CSRF token.
//  5. POST {console}/iamv2/api/iamv2 with X-CSRF-Token and the envelope
//     {"headers":{"Content-Type":"application/json"},"path":"/prod/<method>",
//     "method":"POST","region":"us-east-1","params":{},"contentString":"<JSON>"}.
//     Methods without parameters are tried with contentString "null", then
//     "{}", then none, and the first that works is kept.
//
// The answers' shapes are assumptions, stated in one place (shapes.go)
// and mirrored by the fake's fixtures; how the console's serviceKeyName
// maps to IAM action prefixes is stated in prefix.go. Whatever the console
// does not say (resource rows and their required flags, dependent
// actions, missing descriptions, key types) is filled from Config.Fallback
// for the same action, resource type or key.
//
// # Reliability
//
// Requests go through the machinery both live sources share (package
// httpx). Each attempt is bounded by ConnectTimeout, HeaderTimeout and
// RequestTimeout; HTTP 429 (honouring Retry-After up to RetryMaxDelay),
// 500, 502, 503, 504, timeouts and dropped connections are retried with
// jittered exponential backoff, up to MaxRetries and within TotalTimeout.
// An API call refused for its session (401, 403, a redirect to a login
// page) signs in afresh once. Bodies over MaxResponseBytes are refused. A
// service list much shorter than the fallback's (under 80%), a service
// with no actions that the fallback gives actions, and an empty list of
// global condition keys are refused rather than served, since they would
// silently shrink permission boundaries.
//
// # Errors and secrets
//
// Failures are *Error values naming the step, wrapping one of the Err*
// kinds for errors.Is. No error carries a response body, credential,
// Session parameter, SigninToken, cookie or CSRF token: every such value is
// registered as it appears, scrubbed from error text and masked in every
// log line through tflog's masking on the context. TLS verification is
// never skipped; a transport that skips it is refused, and AWS_CA_BUNDLE
// is honoured as the SDK honours it.
//
// # Recording real answers
//
// With RecordDir (or IAMV2_CONSOLE_RECORD_DIR) set, every API answer is
// written there, secrets redacted, under the fake's fixture names
// (services.json, actions-<serviceKeyName>.json, ...), so a user with
// access can correct the assumed shapes from real traffic.
//
// # Testing
//
// Package consolefake runs the three endpoints on 127.0.0.1 for a test,
// with failure injection and counters; see its documentation.
package console
