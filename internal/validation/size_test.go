package validation

import (
	"strings"
	"testing"
)

// The size quota of each policy type, counted as the quota package counts
// it (IAM and AWS STS quotas; Quotas for AWS Organizations; each service's
// page), and the finding's message naming size, limit and kind.
func TestPolicySizeByType(t *testing.T) {
	spaced := strings.Replace(sizedPolicy(5100), `"Effect"`, strings.Repeat(" ", 40)+`"Effect"`, 1) // 5,140 with whitespace
	for _, c := range []struct {
		rule    string
		opts    Options
		doc     string
		message string // "" when the document fits
	}{
		{"identity is a managed policy: 6,144 characters", Options{}, sizedPolicy(6145),
			`the document is 6,145 characters, whitespace outside strings not counted, over the limit of 6,144: the quota of a customer managed policy (kind "managed", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)`},
		{"identity at 6,144 characters fits", Options{}, sizedPolicy(6144), ""},
		{"IAM does not count whitespace", Options{}, strings.Replace(sizedPolicy(6144), `"Effect"`, "\n  \"Effect\"", 1), ""},
		{"a boundary is a managed policy", Options{PolicyType: Boundary}, sizedPolicy(6145), `kind "boundary"`},
		{"a role's inline policies total 10,240: one alone may be larger than a managed policy", Options{PolicyType: InlineRole}, sizedPolicy(10240), ""},
		{"a user's inline policies total 2,048", Options{PolicyType: InlineUser}, sizedPolicy(2049),
			`over the limit of 2,048: the total quota of the inline policies of one IAM user, together, so this one alone exceeds it (kind "inline_user"`},
		{"a trust policy is 2,048 characters by default", Options{PolicyType: Trust}, sizedPolicy(2049), `kind "trust"`},
		{"size_limit raises a trust policy's quota", Options{PolicyType: Trust, SizeLimit: 4096}, sizedPolicy(4000), ""},
		{"size_limit lowers a quota too", Options{SizeLimit: 1000}, sizedPolicy(1001), "over the limit of 1,000"},
		{"an SCP counts whitespace saved through an SDK", Options{PolicyType: SCP}, spaced, `the document is 5,140 characters, over the limit of 5,120`},
		{"an SCP without the whitespace fits", Options{PolicyType: SCP}, sizedPolicy(5100), ""},
		{"a session policy is 2,048 characters", Options{PolicyType: Session}, sizedPolicy(2049), `kind "session"`},
		{"a resource policy of no named service has no quota", Options{PolicyType: Resource}, sizedPolicy(40000), ""},
		{"an SQS policy is 8,192 bytes", Options{PolicyType: SQS}, sizedPolicy(8193), `the document is 8,193 bytes, over the limit of 8,192`},
		{"an S3 bucket policy is 20,480 bytes", Options{PolicyType: S3Bucket}, sizedPolicy(20480), ""},
		{"a KMS key policy is 32,768 bytes", Options{PolicyType: KMSKey}, sizedPolicy(32769), `kind "kms_key"`},
		{"a secret's policy is 20,480 characters", Options{PolicyType: SecretsManager}, sizedPolicy(20481), `kind "secretsmanager"`},
		{"a document the parser refuses is measured all the same", Options{}, sizedPolicy(6200)[:6190], "the document is 6,190 characters"},
	} {
		t.Run(c.rule, func(t *testing.T) {
			var got *Finding
			rep := validate(t, c.doc, c.opts)
			for i, f := range rep.Findings {
				if f.Code == PolicySizeExceeded {
					got = &rep.Findings[i]
				}
			}
			switch {
			case c.message == "" && got != nil:
				t.Errorf("unexpected finding: %s", got.Message)
			case c.message != "" && got == nil:
				t.Errorf("no %s:\n%s", PolicySizeExceeded, listFindings(rep.Findings))
			case got != nil && (!strings.Contains(got.Message, c.message) || got.Severity != Error || got.Path != ""):
				t.Errorf("%s at %q: %s, want %q", got.Severity, got.Path, got.Message, c.message)
			}
		})
	}
}
