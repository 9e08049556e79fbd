// Package quota counts a policy document the way AWS counts it against
// the size quota of where the policy goes, one rule per kind of policy,
// each from its AWS page. It is pure: validation, the provider's
// policy_size function and the policy fitter share it.
//
// A document is counted as written: a JSON escape ("\u002a") counts as the
// characters that spell it, which AWS's pages do not settle and which is
// never less than the character it stands for.
package quota

import (
	"fmt"
	"strings"
)

// Unit is what a quota counts.
type Unit string

// The units.
const (
	Characters Unit = "characters"
	Bytes      Unit = "bytes" // of the UTF-8 text
)

// Kind is the quota rule of one kind of policy.
type Kind struct {
	// Name is how configurations name the kind ("managed").
	Name string
	// Description says where such a policy goes.
	Description string
	// Limit is AWS's default quota.
	Limit int
	Unit  Unit
	// Whitespace says whether whitespace outside strings counts.
	Whitespace bool
	// PerEntity says that the limit is on the total of all the entity's
	// policies of the kind, as for the inline policies of one role.
	PerEntity bool
	// Source is the AWS page that gives the limit.
	Source string
	// Note says what the page leaves open, and how it is counted then.
	Note string
	// Charset says that the kind accepts only the characters IAM does
	// (see Refused).
	Charset bool
}

const (
	iamQuotas  = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html"
	orgsQuotas = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html"
	// IAM does not count whitespace
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length).
	iamWhitespace = "IAM does not count whitespace; whitespace inside strings is counted all the same, which is the safe side."
	// Organizations counts whitespace unless the console saves the policy.
	orgsWhitespace = "Whitespace outside strings is removed only when the console saves the policy; through an SDK, " +
		"as Terraform saves it, it counts."
	unsaidWhitespace = "The page does not say whether whitespace counts; it is counted, which is the safe side."
)

// kinds are in the order the documentation shows them; the first is the
// default.
var kinds = []Kind{
	{Name: "managed", Charset: true, Description: "a customer managed policy", Limit: 6144, Unit: Characters, Source: iamQuotas,
		Note: iamWhitespace},
	{Name: "boundary", Charset: true, Description: "a permissions boundary, which IAM stores as a managed policy", Limit: 6144,
		Unit: Characters, Source: iamQuotas, Note: iamWhitespace},
	{Name: "inline_user", Charset: true, Description: "the inline policies of one IAM user, together", Limit: 2048, Unit: Characters,
		PerEntity: true, Source: iamQuotas, Note: iamWhitespace},
	{Name: "inline_group", Charset: true, Description: "the inline policies of one IAM group, together", Limit: 5120, Unit: Characters,
		PerEntity: true, Source: iamQuotas, Note: iamWhitespace},
	{Name: "inline_role", Charset: true, Description: "the inline policies of one IAM role, together", Limit: 10240, Unit: Characters,
		PerEntity: true, Source: iamQuotas, Note: iamWhitespace},
	{Name: "trust", Charset: true, Description: "a role's trust policy", Limit: 2048, Unit: Characters, Whitespace: true,
		Source: iamQuotas,
		Note: "The page says IAM does not count whitespace against the managed and inline policy quotas, and does not say " +
			"so of the trust policy's; it is counted, which is the safe side. 2,048 is the default of the quota \"Role " +
			"trust policy length\", which Service Quotas can raise: pass the account's own limit."},
	{Name: "scp", Description: "an AWS Organizations service control policy", Limit: 5120, Unit: Characters,
		Whitespace: true, Source: orgsQuotas, Note: orgsWhitespace},
	{Name: "rcp", Description: "an AWS Organizations resource control policy", Limit: 5120, Unit: Characters,
		Whitespace: true, Source: orgsQuotas, Note: orgsWhitespace},
	{Name: "session", Charset: true, Description: "a session policy passed to AssumeRole, AssumeRoleWithSAML, AssumeRoleWithWebIdentity or GetFederationToken",
		Limit: 2048, Unit: Characters, Whitespace: true,
		Source: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
		Note: unsaidWhitespace + " STS also packs the session policies, policy ARNs and session tags into a binary " +
			"format whose size limit and packing AWS does not publish (PackedPolicyTooLarge): that size cannot be " +
			"computed here, so a session policy within 2,048 characters can still be refused."},
	{Name: "s3_bucket", Description: "an S3 bucket policy", Limit: 20480, Unit: Bytes, Whitespace: true,
		Source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-iam-policies.html",
		Note:   "The page says 20 KB, read as 20,480 bytes as the KMS page spells out its 32 KB. " + unsaidWhitespace},
	{Name: "kms_key", Charset: true, Description: "a KMS key policy", Limit: 32768, Unit: Bytes, Whitespace: true,
		Source: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
		Note:   unsaidWhitespace},
	{Name: "secretsmanager", Description: "a Secrets Manager secret's resource policy", Limit: 20480,
		Unit: Characters, Whitespace: true,
		Source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html",
		Note:   unsaidWhitespace},
	{Name: "sqs", Description: "an SQS queue policy", Limit: 8192, Unit: Bytes, Whitespace: true,
		Source: "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-policies.html",
		Note:   unsaidWhitespace},
}

// Kinds lists every kind, the default first.
func Kinds() []Kind { return append([]Kind(nil), kinds...) }

// Default is the kind an empty name means.
const Default = "managed"

// Lookup returns the kind of a name; "" is Default.
func Lookup(name string) (Kind, error) {
	if name == "" {
		name = Default
	}
	for _, k := range kinds {
		if k.Name == name {
			return k, nil
		}
	}
	return Kind{}, fmt.Errorf("unknown policy kind %q: valid kinds are %s", name, names())
}

func names() string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = fmt.Sprintf("%q", k.Name)
	}
	return strings.Join(out, ", ")
}

// Size is one measurement against a quota.
type Size struct {
	Kind  Kind
	Size  int // what the kind counts, over all documents
	Limit int
	Fits  bool
}

// Measure counts the documents under the kind's rule against limit, or
// against the kind's own limit when limit is 0. Several documents are
// for a per-entity kind, whose limit is on their total.
func Measure(kind string, limit int, documents ...string) (Size, error) {
	k, err := Lookup(kind)
	if err != nil {
		return Size{}, err
	}
	if limit < 0 {
		return Size{}, fmt.Errorf("limit %d is negative", limit)
	}
	if len(documents) > 1 && !k.PerEntity {
		return Size{}, fmt.Errorf("%d documents given for kind %q, which is one document; several are for the "+
			"inline_user, inline_group and inline_role kinds, whose limit is on the total of one entity's policies",
			len(documents), k.Name)
	}
	if limit == 0 {
		limit = k.Limit
	}
	size := 0
	for _, d := range documents {
		size += k.Count(d)
	}
	return Size{Kind: k, Size: size, Limit: limit, Fits: size <= limit}, nil
}

// Over describes a measurement over its limit, for a message: "6,695
// characters, whitespace outside strings not counted, over the limit of
// 6,144: the quota of a customer managed policy (kind "managed", <page>)".
func (s Size) Over() string {
	whose := "the quota of " + s.Kind.Description
	if s.Kind.PerEntity {
		whose = "the total quota of " + s.Kind.Description + ", so this one alone exceeds it"
	}
	space := ""
	if !s.Kind.Whitespace {
		space = ", whitespace outside strings not counted"
	}
	return fmt.Sprintf("%s %s%s, over the limit of %s: %s (kind %q, %s)",
		thousands(s.Size), s.Kind.Unit, space, thousands(s.Limit), whose, s.Kind.Name, s.Kind.Source)
}

// thousands writes n with comma separators, as AWS's pages write limits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Count is one document's size under the kind's rule.
func (k Kind) Count(document string) int {
	chars, bytes, space := tally(document)
	if k.Whitespace {
		space = 0
	}
	if k.Unit == Bytes {
		return bytes - space
	}
	return chars - space
}

// tally counts a document's characters and bytes, and the whitespace
// characters outside its strings. Text that is not JSON is counted all
// the same: an unterminated string counts its whitespace.
func tally(s string) (chars, bytes, space int) {
	in, esc := false, false
	for _, c := range s {
		chars++
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			space++
		}
	}
	return chars, len(s), space
}
