package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// PolicyType says where the policy will be attached, which decides the
// elements it may have.
type PolicyType string

// The policy types.
const (
	// Identity is a policy attached to a user, group or role; the default.
	Identity PolicyType = "identity"
	// Resource is a resource-based policy, such as a bucket policy or a
	// role's trust policy: every statement needs a Principal.
	Resource PolicyType = "resource"
	// Boundary is a permissions boundary. IAM stores it as a managed
	// policy, so it follows the identity grammar: no Principal.
	Boundary PolicyType = "boundary"
	// SCP is an AWS Organizations service control policy.
	SCP PolicyType = "scp"
)

// noun names the policy type in a message: "an identity policy".
func (t PolicyType) noun() string {
	switch t {
	case Resource:
		return "a resource policy"
	case Boundary:
		return "a permissions boundary"
	case SCP:
		return "an SCP"
	}
	return "an identity policy"
}

// grants reports whether a policy of this type grants permissions. A
// permissions boundary or an SCP grants nothing: it caps what identity
// policies grant, and a broad cap such as "Allow *" on "*" is its normal
// form, so the checks for over-broad grants leave them alone.
func (t PolicyType) grants() bool { return t == Identity || t == Resource }

// grantsEverywhere reports whether Resource "*" means every resource. In
// a resource policy it means the resource the policy is attached to (the
// key of a KMS key policy), so the checks for grants on every resource,
// and for privilege escalation, which works through identity policies,
// apply to identity policies only.
func (t PolicyType) grantsEverywhere() bool { return t == Identity }

// The policy types that say more precisely where a policy goes, for its
// size quota; each follows the grammar of one of the four above.
const (
	Trust          PolicyType = "trust"
	Session        PolicyType = "session"
	InlineUser     PolicyType = "inline_user"
	InlineGroup    PolicyType = "inline_group"
	InlineRole     PolicyType = "inline_role"
	S3Bucket       PolicyType = "s3_bucket"
	KMSKey         PolicyType = "kms_key"
	SecretsManager PolicyType = "secretsmanager"
	SQS            PolicyType = "sqs"
)

// typeRules are each policy type's grammar and the quota kind its size is
// measured against (see the quota package); "" has no one quota.
var typeRules = map[PolicyType]struct {
	grammar PolicyType
	quota   string
}{
	Identity:       {Identity, "managed"},
	Resource:       {Resource, ""},
	Boundary:       {Boundary, "boundary"},
	SCP:            {SCP, "scp"},
	Trust:          {Resource, "trust"},
	Session:        {Identity, "session"},
	InlineUser:     {Identity, "inline_user"},
	InlineGroup:    {Identity, "inline_group"},
	InlineRole:     {Identity, "inline_role"},
	S3Bucket:       {Resource, "s3_bucket"},
	KMSKey:         {Resource, "kms_key"},
	SecretsManager: {Resource, "secretsmanager"},
	SQS:            {Resource, "sqs"},
}

// PolicyTypes lists the valid policy types.
var PolicyTypes = []PolicyType{Identity, Resource, Boundary, SCP, Trust, Session, InlineUser, InlineGroup, InlineRole,
	S3Bucket, KMSKey, SecretsManager, SQS}

// Grammar is the one of Identity, Resource, Boundary and SCP whose
// grammar the type follows; "" for an unknown type.
func (t PolicyType) Grammar() PolicyType {
	if t == "" {
		return Identity
	}
	return typeRules[t].grammar
}

// QuotaKind is the quota package's kind for the type's size, "" when the
// type has no one quota (a resource policy of an unnamed service).
func (t PolicyType) QuotaKind() string {
	if t == "" {
		t = Identity
	}
	return typeRules[t].quota
}

// Options tune one validation. The zero value validates an identity
// policy with every check on.
type Options struct {
	// IgnoreCodes are codes whose findings are left out, as Codes lists
	// them ("MISSING_VERSION"); they are case-sensitive.
	IgnoreCodes []string
	// PolicyType is where the policy goes; "" means Identity.
	PolicyType PolicyType
	// ExpectReadOnly reports every action the policy allows that is not
	// at the List or Read access level.
	ExpectReadOnly bool
	// ErrorsOnly runs only the checks of severity ERROR: what a generator
	// needs to prove that IAM accepts its document, at a fraction of the
	// cost of every check.
	ErrorsOnly bool
	// SizeLimit overrides the size quota of the policy type when positive,
	// for a quota raised or changed since.
	SizeLimit int
}

// Check reports the first invalid option, naming the offending value and
// the valid ones. Validate calls it; a Terraform wrapper can call it
// earlier to point at the attribute.
func (o Options) Check() error {
	_, _, err := o.read()
	return err
}

// read checks the options and returns what a run needs of them: the
// grammar of the policy type and the set of ignored codes.
func (o Options) read() (PolicyType, map[Code]bool, error) {
	typ, err := o.policyType()
	if err != nil {
		return "", nil, err
	}
	if o.SizeLimit < 0 {
		return "", nil, fmt.Errorf("size limit %d is negative", o.SizeLimit)
	}
	ignore, err := o.ignored()
	return typ, ignore, err
}

// policyType is the grammar of the options' policy type.
func (o Options) policyType() (PolicyType, error) {
	if g := o.PolicyType.Grammar(); g != "" {
		return g, nil
	}
	names := make([]string, len(PolicyTypes))
	for i, t := range PolicyTypes {
		names[i] = fmt.Sprintf("%q", string(t))
	}
	return "", fmt.Errorf("unknown policy type %q: valid values are %s", string(o.PolicyType), strings.Join(names, ", "))
}

func (o Options) ignored() (map[Code]bool, error) {
	if len(o.IgnoreCodes) == 0 {
		return nil, nil
	}
	out := make(map[Code]bool, len(o.IgnoreCodes))
	for _, s := range o.IgnoreCodes {
		if _, ok := infoByCode[Code(s)]; !ok {
			return nil, fmt.Errorf("unknown finding code %q in ignore codes%s", s, didYouMean(s, codeNames()))
		}
		out[Code(s)] = true
	}
	return out, nil
}

// didYouMean is "; did you mean ...?" with up to three close candidates,
// or "" when none is close.
func didYouMean(s string, candidates []string) string {
	hits := iam.Suggest(s, candidates, 3)
	if len(hits) == 0 {
		return ""
	}
	for i := range hits {
		hits[i] = fmt.Sprintf("%q", hits[i])
	}
	return "; did you mean " + strings.Join(hits, " or ") + "?"
}
