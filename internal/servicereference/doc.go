// Package servicereference is a live catalog source: the Service
// Authorization Reference as AWS publishes it in JSON for programmatic
// access. It needs no credentials and sends none. It implements
// iam.Catalog, plus Operations for the SDK operations the reference maps
// to actions, and has no Terraform framework types.
//
// # Use
//
//	cat, err := servicereference.New(servicereference.Config{
//		CacheDir:  servicereference.DefaultCacheDir(),
//		UserAgent: httpx.UserAgent(version),
//	})
//	svc, err := cat.Service(ctx, "s3")            // iam.Catalog
//	ops, published, err := cat.Operations(ctx, "s3")
//	warnings := cat.TakeNotices()                 // stale answers, unknown levels
//
// # Format
//
// The endpoint's root serves the index, a list of {"service", "url"} (an
// entry may also carry "modified"); each service's document is at
// v1/<service>/<service>.json, built here from the endpoint rather than
// taken from the index's url, so that nothing is fetched from elsewhere.
// A document has Name, Actions (Name, ActionConditionKeys, Annotations,
// Resources), Resources (Name, ARNFormats, ConditionKeys), ConditionKeys
// (Name, Types), Version and, on newer versions, Operations (Name,
// AuthorizedActions with Name, Service and Context, and SDK).
//
// Decoding is lenient but checked: unknown keys are ignored, and
// Resources, ConditionKeys, Annotations and Operations may each be
// missing. A missing Resources or ConditionKeys list is taken from the
// fallback (the embedded snapshot); a missing Annotations keeps the
// fallback's level for the action, or leaves the action without a level,
// with a notice: never a guess of Read. Malformed JSON, a document whose
// Name is not the service asked for, an index under 80% of the fallback's
// services, and a document with no actions for a service the fallback
// gives some are errors, never a silently smaller catalog.
//
// Access levels come from Annotations.Properties, which AWS documents as
// not mutually exclusive: IsPermissionManagement, then IsTaggingOnly,
// then IsWrite, then IsList decide; none set is Read.
//
// What the reference does not carry (descriptions, which resource types
// an action requires, dependent actions, condition key descriptions,
// service display names, global condition keys) comes from the fallback
// where it knows the action, key or service, and is empty otherwise.
//
// Source is "service_reference". DataVersion is "<Version>@<UTC time the
// index was fetched>", the Version of the documents read so far joined by
// "+" when they differ.
//
// # Fetching and caching
//
// The index and each document are fetched lazily, at most once per
// process, concurrent callers sharing one request. Requests go through
// httpx: a User-Agent, a size cap (8 MiB by default), per-attempt and
// total deadlines, and retries with jittered backoff on 429, 5xx and
// timeouts. No redirect is followed.
//
// With a CacheDir, every answer is kept on disk with its ETag and
// Last-Modified. A copy younger than CacheTTL is used without asking; an
// older one is revalidated with If-None-Match / If-Modified-Since, and a
// 304 renews it without a download. When the index gives a service's
// "modified" stamp and the cached document was fetched under the same
// stamp, the document is used without asking at all. When the endpoint
// cannot be reached (after the retries), a cached copy of any age
// answers, with a notice naming its age; without one, the error names the
// endpoint and EnvEndpoint.
//
// # Testing
//
// Package srfake serves the reference on 127.0.0.1 for a test, with
// counters, validators and failure injection.
package servicereference
