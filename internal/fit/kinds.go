package fit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// Kind is the quota a policy must meet, named as the quota package names
// its counting rules.
type Kind string

// The kinds, each with the limit and counting rule of its AWS page: "IAM
// and AWS STS quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html),
// "Quotas for AWS Organizations"
// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html),
// and each service's own page for its resource policy.
const (
	Managed        Kind = "managed"
	InlineUser     Kind = "inline_user"
	InlineGroup    Kind = "inline_group"
	InlineRole     Kind = "inline_role"
	Trust          Kind = "trust"
	SCP            Kind = "scp"
	RCP            Kind = "rcp"
	Session        Kind = "session"
	S3Bucket       Kind = "s3_bucket"
	KMSKey         Kind = "kms_key"
	SecretsManager Kind = "secrets_manager"
	SQSQueue       Kind = "sqs_queue"
)

// rule is how one kind is counted.
type rule struct {
	limit int
	// bytes counts UTF-8 bytes rather than characters.
	bytes bool
	// whitespaceFree leaves whitespace outside strings uncounted, as IAM
	// does for managed policies.
	whitespaceFree bool
	// total applies the limit to all documents together, as IAM does for
	// the inline policies of one user, group or role.
	total bool
	// single allows one document only: a role has one trust policy, a
	// resource one resource policy.
	single bool
	eval   evaluate.Kind
	valid  validation.PolicyType
}

var rules = map[Kind]rule{
	Managed:        {limit: 6144, whitespaceFree: true, eval: evaluate.Identity, valid: validation.Identity},
	InlineUser:     {limit: 2048, total: true, eval: evaluate.Identity, valid: validation.Identity},
	InlineGroup:    {limit: 5120, total: true, eval: evaluate.Identity, valid: validation.Identity},
	InlineRole:     {limit: 10240, total: true, eval: evaluate.Identity, valid: validation.Identity},
	Trust:          {limit: 2048, single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource},
	SCP:            {limit: 5120, eval: evaluate.ServiceControlPolicy, valid: validation.SCP},
	RCP:            {limit: 5120, eval: evaluate.ResourceControlPolicy, valid: validation.Resource},
	Session:        {limit: 2048, single: true, eval: evaluate.SessionPolicy, valid: validation.Identity},
	S3Bucket:       {limit: 20480, bytes: true, single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource},
	KMSKey:         {limit: 32768, bytes: true, single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource},
	SecretsManager: {limit: 20480, single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource},
	SQSQueue:       {limit: 8192, bytes: true, single: true, eval: evaluate.ResourcePolicy, valid: validation.Resource},
}

// Kinds lists the kinds in the order the documentation shows them.
var Kinds = []Kind{Managed, InlineUser, InlineGroup, InlineRole, Trust, SCP, RCP, Session, S3Bucket, KMSKey, SecretsManager, SQSQueue}

func ruleOf(k Kind) (rule, error) {
	if k == "" {
		k = Managed
	}
	if r, ok := rules[k]; ok {
		return r, nil
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = fmt.Sprintf("%q", string(k))
	}
	return rule{}, fmt.Errorf("unknown kind %q; valid kinds are %s", string(k), strings.Join(names, ", "))
}

// Limit is the default quota of a kind; zero for an unknown kind.
func Limit(k Kind) int { r, _ := ruleOf(k); return r.limit }

// count is a document's size as the kind's quota counts it.
func (r rule) count(doc string) int {
	n := 0
	in, esc := false, false
	for i := 0; i < len(doc); {
		c, w := utf8.DecodeRuneInString(doc[i:])
		i += w
		switch {
		case in && esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case !in && r.whitespaceFree && unicode.IsSpace(c):
			continue
		}
		if r.bytes {
			n += w
		} else {
			n++
		}
	}
	return n
}
