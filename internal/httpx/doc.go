// Package httpx is the HTTP machinery every live catalog source shares,
// written once: polite requests (a User-Agent naming the provider and its
// version, a size cap on each body, per-attempt and total deadlines,
// jittered exponential backoff on throttling, 5xx and dropped
// connections), transports that never skip TLS verification, endpoints
// that are https or loopback, an on-disk cache with revalidation
// validators, atomic file writes, single-flight memoization, and the
// redaction of secrets from logs and errors. It knows nothing of IAM.
package httpx
