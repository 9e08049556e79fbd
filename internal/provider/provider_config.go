package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/console"
	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference"
)

// Environment variables the provider reads when its configuration leaves
// an attribute unset; the console package names the rest.
const (
	EnvSource         = "IAMV2_SOURCE"
	envRequestTimeout = "IAMV2_CONSOLE_REQUEST_TIMEOUT"
	envTotalWait      = "IAMV2_TOTAL_WAIT"
	envMaxRetries     = "IAMV2_CONSOLE_MAX_RETRIES"
)

// openCatalog returns the catalog the configuration asks for, reporting bad
// settings against their attributes. version names the provider in the
// User-Agent of the live sources.
func openCatalog(ctx context.Context, cfg *providerModel, version string, diags *diag.Diagnostics) iam.Catalog {
	r := settingReader{diags: diags}
	source := strings.ToLower(r.str(cfg.CatalogSource, "catalog_source", EnvSource))
	switch source {
	case "", embedded.SourceName:
		return embedded.Default()
	case console.SourceName:
		return openConsole(ctx, cfg, &r, version)
	case servicereference.SourceName:
		return openServiceReference(cfg, &r, version)
	}
	r.invalid("catalog_source", EnvSource, fmt.Sprintf("unknown source %q: valid sources are %q, %q and %q",
		source, embedded.SourceName, servicereference.SourceName, console.SourceName))
	return nil
}

func openConsole(ctx context.Context, cfg *providerModel, r *settingReader, version string) iam.Catalog {
	c := console.Config{
		Profile:                r.str(cfg.Profile, "profile", ""),
		Region:                 r.str(cfg.Region, "region", console.EnvRegion),
		SharedConfigFiles:      listElements(cfg.SharedConfigFiles, path.Root("shared_config_files"), r.diags),
		SharedCredentialsFiles: listElements(cfg.SharedCredentialsFiles, path.Root("shared_credentials_files"), r.diags),
		SigninEndpoint:         r.str(cfg.SigninEndpoint, "signin_endpoint", console.EnvSigninEndpoint),
		ConsoleEndpoint:        r.str(cfg.ConsoleEndpoint, "console_endpoint", console.EnvConsoleEndpoint),
		STSEndpoint:            r.str(cfg.STSEndpoint, "sts_endpoint", console.EnvSTSEndpoint),
		Limits:                 r.limits(cfg),
		CacheTTL:               r.duration(cfg.CacheTTL, "cache_ttl", console.EnvCacheTTL),
		CacheDir:               r.cacheDir(cfg.CacheDir, console.DefaultCacheDir()),
		Fallback:               embedded.Default(),
		UserAgent:              httpx.UserAgent(version),
	}
	if r.diags.HasError() {
		return nil
	}
	catalog, err := console.New(ctx, c)
	if err != nil {
		r.diags.AddError("Invalid console source configuration", capitalize(sentence(err)))
		return nil
	}
	return catalog
}

// openServiceReference shares the live settings (timeout, retries, cache)
// with the console source.
func openServiceReference(cfg *providerModel, r *settingReader, version string) iam.Catalog {
	c := servicereference.Config{
		Endpoint:  r.str(cfg.ServiceReferenceEndpoint, "service_reference_endpoint", servicereference.EnvEndpoint),
		Limits:    r.limits(cfg),
		CacheTTL:  r.duration(cfg.CacheTTL, "cache_ttl", console.EnvCacheTTL),
		CacheDir:  r.cacheDir(cfg.CacheDir, servicereference.DefaultCacheDir()),
		Fallback:  embedded.Default(),
		UserAgent: httpx.UserAgent(version),
	}
	if r.diags.HasError() {
		return nil
	}
	catalog, err := servicereference.New(c)
	if err != nil {
		r.invalid("service_reference_endpoint", servicereference.EnvEndpoint, err.Error())
		return nil
	}
	return catalog
}

// limits are the request bounds both live sources take from the
// configuration.
func (r *settingReader) limits(cfg *providerModel) httpx.Limits {
	return httpx.Limits{
		RequestTimeout: r.duration(cfg.RequestTimeout, "request_timeout", envRequestTimeout),
		TotalWait:      r.duration(cfg.TotalWait, "total_wait", envTotalWait),
		MaxRetries:     r.retries(cfg.MaxRetries),
	}
}

// cacheDir is the configured cache directory ("" turns the cache off), or
// the source's default.
func (r *settingReader) cacheDir(v types.String, def string) string {
	if dir, set := r.lookup(v, console.EnvCacheDir); set {
		return dir
	}
	return def
}

// settingReader reads a provider attribute, or its environment variable
// when the attribute is null, and reports bad values naming both.
type settingReader struct {
	diags   *diag.Diagnostics
	fromEnv map[string]bool
}

// lookup returns the attribute's value, else the environment's, and
// whether either was set.
func (r *settingReader) lookup(v types.String, env string) (string, bool) {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString(), true
	}
	if env == "" {
		return "", false
	}
	s, ok := os.LookupEnv(env)
	if ok {
		if r.fromEnv == nil {
			r.fromEnv = map[string]bool{}
		}
		r.fromEnv[env] = true
	}
	return s, ok
}

func (r *settingReader) str(v types.String, attr, env string) string {
	if v.IsUnknown() {
		addAttributeError(r.diags, path.Root(attr), "Unknown provider setting",
			attr+" must be known at plan time: data sources read the catalog during the plan.")
		return ""
	}
	s, _ := r.lookup(v, env)
	return s
}

func (r *settingReader) duration(v types.String, attr, env string) time.Duration {
	s := r.str(v, attr, env)
	if s == "" {
		return 0
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		r.invalid(attr, env, fmt.Sprintf("%s = %q is not a positive duration such as \"30s\" or \"24h\"", attr, s))
		return 0
	}
	return d
}

// maxRetries bounds max_retries, from the configuration or the environment.
var maxRetries = wholeNumber{min: 0, max: 20}

func (r *settingReader) retries(v types.Number) int {
	n := wholeValue(v.ValueBigFloat(), 0)
	if v.IsNull() {
		s, ok := r.lookup(types.StringNull(), envMaxRetries)
		if !ok {
			return 0 // httpx.Limits' default
		}
		var err error
		if n, err = strconv.ParseInt(s, 10, 32); err != nil {
			r.invalid("max_retries", envMaxRetries, fmt.Sprintf("max_retries = %q is not a number of retries", s))
			return 0
		}
	}
	switch {
	case n < maxRetries.min || n > maxRetries.max:
		r.invalid("max_retries", envMaxRetries, fmt.Sprintf("max_retries = %d: it must be %s", n, maxRetries.Description(context.Background())))
		return 0
	case n == 0:
		return -1 // httpx.Limits reads 0 as "default" and a negative count as "no retries"
	}
	return int(n)
}

// invalid reports a bad setting against its attribute, saying when the
// value came from the environment.
func (r *settingReader) invalid(attr, env, detail string) {
	if r.fromEnv[env] {
		detail += fmt.Sprintf(" (from the %s environment variable)", env)
	}
	addAttributeError(r.diags, path.Root(attr), "Invalid provider setting", detail+".")
}
