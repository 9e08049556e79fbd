package console

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// This file is the one place that decides how the console's service
// identity maps to IAM action prefixes. The assumption:
//
//   - a services entry's serviceKeyName is the IAM action prefix, in any
//     case ("s3", "KMS"), unless the entry carries an explicit
//     servicePrefix, which then wins;
//   - the prefix is lower-cased, as IAM prefixes are;
//   - entries that map to the same prefix are one service: their actions
//     are merged, each serviceKeyName asked once;
//   - a resource or context key entry belongs to the service its
//     serviceKeyName maps to; failing that, a resource to the service named
//     by its ARN's third field, a context key to the service its namespace
//     ("s3:prefix") names.
//
// Recordings of real answers will tell whether serviceKeyName ever
// differs from the prefix; then only this file changes.

// prefixOf maps a services entry to its IAM action prefix.
func prefixOf(e wireService) string {
	return iam.ToLowerASCII(strings.TrimSpace(firstOf(e.ServicePrefix, e.ServiceKeyName)))
}

// arnService is the service field of an ARN template such as
// "arn:${Partition}:s3:::${BucketName}", or "".
func arnService(arn string) string {
	parts := strings.SplitN(arn, ":", 4)
	if len(parts) < 4 || parts[0] != "arn" {
		return ""
	}
	return iam.ToLowerASCII(parts[2])
}

// keyNamespace is the part of a condition key before its colon.
func keyNamespace(key string) string {
	ns, _, ok := strings.Cut(key, ":")
	if !ok {
		return ""
	}
	return iam.ToLowerASCII(ns)
}

// bareAction drops a "prefix:" an action name may carry.
func bareAction(name string) string {
	if _, after, ok := strings.Cut(name, ":"); ok {
		return after
	}
	return name
}
