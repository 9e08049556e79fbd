package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// PrincipalType is what kind of caller makes a request.
type PrincipalType uint8

// The callers the evaluator knows.
const (
	// Unspecified is a caller that only its policies describe, as when one
	// identity policy is asked about alone: no context keys are derived
	// from it, and every resource counts as in its own account.
	Unspecified PrincipalType = iota
	// Root is an account's root user: arn:aws:iam::111122223333:root.
	Root
	// User is an IAM user: arn:aws:iam::111122223333:user/path/name.
	User
	// Role is a session of an IAM role whose session name is not known:
	// arn:aws:iam::111122223333:role/path/name.
	Role
	// AssumedRole is a role session: arn:aws:sts::111122223333:assumed-role/name/session.
	AssumedRole
	// FederatedUser is an STS federated user session:
	// arn:aws:sts::111122223333:federated-user/name.
	FederatedUser
	// Service is an AWS service principal such as "s3.amazonaws.com".
	Service
	// WebIdentity is a federated identity provider: a SAML or OIDC provider
	// ARN, or a web identity provider such as "cognito-identity.amazonaws.com".
	WebIdentity
)

// Principal is the caller of a request, parsed from its ARN or name.
type Principal struct {
	Type      PrincipalType
	ARN       string // as given
	Partition string
	Account   string // empty for services and web identity providers
	Name      string // user, role or federated user name; role session's role name
	Session   string // the role session name
	RoleARN   string // for Role and AssumedRole: the role's ARN (without its path, for a session)

	derived map[string][]string // derivedKeys, computed once by ParsePrincipal; read-only
}

// webIdentityProviders are the Federated principals that are not ARNs
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-federated-web-identity).
var webIdentityProviders = map[string]bool{
	"cognito-identity.amazonaws.com": true, "accounts.google.com": true, "graph.facebook.com": true, "www.amazon.com": true,
}

// ParsePrincipal reads a caller: an IAM user, role, role session, STS
// federated user or root ARN; a SAML or OIDC provider ARN; or a service or
// web identity provider name.
func ParsePrincipal(s string) (Principal, error) {
	p, err := parsePrincipal(s)
	if err == nil {
		p.derived = p.derivedKeys()
	}
	return p, err
}

func parsePrincipal(s string) (Principal, error) {
	if !strings.HasPrefix(s, "arn:") {
		switch {
		case webIdentityProviders[s]:
			return Principal{Type: WebIdentity, ARN: s}, nil
		case strings.HasSuffix(s, ".amazonaws.com") && len(s) > len(".amazonaws.com") && !strings.ContainsAny(s, "*?: /"):
			return Principal{Type: Service, ARN: s}, nil
		}
		return Principal{}, fmt.Errorf("principal %q is neither an ARN (such as arn:aws:iam::111122223333:role/name) nor a service principal (such as lambda.amazonaws.com)", s)
	}
	parts, n := pattern.SplitARN(s)
	if n < pattern.ARNParts {
		return Principal{}, fmt.Errorf("principal %q is not an ARN: an ARN has six colon-separated parts, arn:partition:service:region:account:resource", s)
	}
	p := Principal{ARN: s, Partition: parts[1], Account: parts[4]}
	if p.Partition == "" {
		return Principal{}, fmt.Errorf("principal %q has an empty partition; write arn:aws:iam::... for the aws partition", s)
	}
	if !IsAccountID(p.Account) {
		return Principal{}, fmt.Errorf("principal %q has account %q; an account ID is 12 digits", s, p.Account)
	}
	if strings.ContainsAny(s, "*?") {
		return Principal{}, fmt.Errorf("principal %q has a wildcard; the caller of a request is one principal", s)
	}
	svc, res := parts[2], parts[5]
	typ, rest, _ := strings.Cut(res, "/")
	last := rest[strings.LastIndexByte(rest, '/')+1:]
	switch {
	case svc == "iam" && res == "root":
		p.Type = Root
	case svc == "iam" && typ == "user" && last != "":
		p.Type, p.Name = User, last
	case svc == "iam" && typ == "role" && last != "":
		p.Type, p.Name, p.RoleARN = Role, last, s
	case svc == "iam" && (typ == "saml-provider" || typ == "oidc-provider") && rest != "":
		p.Type = WebIdentity
	case svc == "sts" && typ == "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return Principal{}, fmt.Errorf("role session %q must be arn:%s:sts::%s:assumed-role/role-name/session-name", s, p.Partition, p.Account)
		}
		p.Type, p.Name, p.Session = AssumedRole, role, session
		p.RoleARN = "arn:" + p.Partition + ":iam::" + p.Account + ":role/" + role
	case svc == "sts" && typ == "federated-user" && rest != "" && !strings.Contains(rest, "/"):
		p.Type, p.Name = FederatedUser, rest
	default:
		return Principal{}, fmt.Errorf("principal %q is not an IAM user, role, root, role session (sts assumed-role) or federated user ARN", s)
	}
	return p, nil
}

// IsAccountID reports whether s is an AWS account ID: 12 digits.
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// inAccount reports whether the caller belongs to an account.
func (p *Principal) inAccount() bool { return p.Account != "" }

// derivedKeys are the global context keys AWS sets from the caller
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
// aws:PrincipalArn (a session's role, without the path the session ARN
// does not show), aws:PrincipalAccount, aws:PrincipalType, aws:username
// for IAM users, aws:userid where it is derivable (root: the account ID;
// federated users: account:name), and aws:PrincipalIsAWSService.
func (p *Principal) derivedKeys() map[string][]string {
	m := map[string][]string{}
	if p.Type == Unspecified {
		return m
	}
	isService := "false"
	if p.Type == Service {
		isService = "true"
		m["aws:principalservicename"] = []string{p.ARN}
	}
	m["aws:principalisawsservice"] = []string{isService}
	if !p.inAccount() {
		return m
	}
	m["aws:principalaccount"] = []string{p.Account}
	switch p.Type {
	case Root:
		m["aws:principalarn"] = []string{p.ARN}
		m["aws:principaltype"] = []string{"Account"}
		m["aws:userid"] = []string{p.Account}
	case User:
		m["aws:principalarn"] = []string{p.ARN}
		m["aws:principaltype"] = []string{"User"}
		m["aws:username"] = []string{p.Name}
	case Role, AssumedRole:
		m["aws:principalarn"] = []string{p.RoleARN}
		m["aws:principaltype"] = []string{"AssumedRole"}
	case FederatedUser:
		m["aws:principalarn"] = []string{p.ARN}
		m["aws:principaltype"] = []string{"FederatedUser"}
		m["aws:userid"] = []string{p.Account + ":" + p.Name}
	}
	return m
}

// grant is how a resource policy's Principal element named the caller,
// which decides whether a boundary or session policy limits the grant
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
type grant uint8

const (
	noGrant grant = iota
	// grantUncertain is a Deny statement's {"AWS": "*"} against a caller
	// outside any account, which the documentation does not settle.
	grantUncertain
	grantAccount  // the caller's account: the account delegates to its identity policies
	grantWildcard // everyone ("*"), for a role or federated session: limited as a role grant, unsettled
	grantRole     // the caller's role
	grantDirect   // the caller itself: its IAM user ARN or its session ARN, or, for an IAM user, everyone
)

// principalEntry is one value of a Principal element, compiled.
type principalEntry struct {
	kind  string // "*", "AWS", "Service", "Federated", "CanonicalUser"
	value string
}

// match says how an entry names p.
func (e *principalEntry) match(p *Principal) grant {
	switch e.kind {
	case "*":
		return wildcardGrant(p)
	case "Service":
		if p.Type == Service && strings.EqualFold(e.value, p.ARN) {
			return grantDirect
		}
		return noGrant
	case "Federated":
		if p.Type == WebIdentity && e.value == p.ARN {
			return grantDirect
		}
		return noGrant
	case "AWS":
	default: // CanonicalUser names S3 ACL grantees, which the evaluator does not model
		return noGrant
	}
	if !p.inAccount() {
		return noGrant
	}
	v := e.value
	if v == "*" {
		return wildcardGrant(p)
	}
	if IsAccountID(v) {
		v = "arn:" + p.Partition + ":iam::" + v + ":root"
	}
	if v == "arn:"+p.Partition+":iam::"+p.Account+":root" {
		if p.Type == Root {
			return grantDirect
		}
		return grantAccount
	}
	switch p.Type {
	case User, FederatedUser, AssumedRole:
		if v == p.ARN {
			return grantDirect
		}
	}
	if p.Type == Role && v == p.ARN {
		return grantRole
	}
	if p.Type == Role || p.Type == AssumedRole {
		// A role ARN names every session of the role; its path is not part
		// of the session ARN, so the role is matched by account and name.
		parts, n := pattern.SplitARN(v)
		if n == pattern.ARNParts && parts[1] == p.Partition && parts[2] == "iam" && parts[4] == p.Account &&
			strings.HasPrefix(parts[5], "role/") && parts[5][strings.LastIndexByte(parts[5], '/')+1:] == p.Name {
			return grantRole
		}
	}
	return noGrant
}

// wildcardGrant is how "*" names the caller. A boundary "does not limit
// the permissions granted to an IAM user by a resource-based policy"
// within its account (access_policies_boundaries.html), whoever the policy
// names; for a role or federated session, only a grant to the session
// itself is documented to escape the boundary and the session policy.
func wildcardGrant(p *Principal) grant {
	if p.Type == User || p.Type == Root {
		return grantDirect
	}
	return grantWildcard
}
