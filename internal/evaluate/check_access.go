package evaluate

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// MaxAccessItems is how many actions, and how many resources, one
// access_not_granted check takes, as Access Analyzer's CheckAccessNotGranted does.
const MaxAccessItems = 100

// Access is what CheckAccessNotGranted asks about: actions (names or
// patterns) and resources (ARNs or patterns); an empty list means any.
type Access struct {
	Actions   []string
	Resources []string
}

// CheckAccessNotGranted passes when the policy grants none of the actions
// on any of the resources. An Allow statement may grant a pair when its
// actions and resources can meet the pair's, whatever its conditions and
// principals; it is set aside only by a Deny that certainly applies: no
// condition, every principal, and the pair's action and resource wholly
// within its own.
func CheckAccessNotGranted(p *Policy, access []Access) CheckResult {
	res := CheckResult{Pass: true}
	for i := range p.statements {
		st := &p.statements[i]
		if st.deny {
			continue
		}
		for _, acc := range access {
			if a, r, ok := mayGrant(p, st, acc); ok {
				res.fail(st, "the statement may allow %s on %s", a, r)
				break
			}
		}
	}
	if res.Pass {
		res.Message = "The policy grants none of the listed access."
	} else {
		res.Message = "The policy may grant some of the listed access."
	}
	return res
}

func orAny(items []string) []string {
	if len(items) == 0 {
		return []string{"*"}
	}
	return items
}

// mayGrant finds a pair of acc's that the Allow st may grant and no
// certain Deny of p takes away.
func mayGrant(p *Policy, st *statement, acc Access) (action, resource string, ok bool) {
	for _, a := range orAny(acc.Actions) {
		if !st.mayNameAction(a) {
			continue
		}
		for _, r := range orAny(acc.Resources) {
			if st.mayApplyToResource(r) && !certainlyDenied(p, a, r) {
				return a, r, true
			}
		}
	}
	return "", "", false
}

func (st *statement) mayNameAction(a string) bool {
	if st.notAction {
		for _, q := range st.actions {
			if pattern.Covers(q, a, pattern.FoldASCII) {
				return false
			}
		}
		return true
	}
	for _, q := range st.actions {
		if pattern.Intersects(q, a, pattern.FoldASCII) {
			return true
		}
	}
	return false
}

func (st *statement) mayApplyToResource(r string) bool {
	if st.allResources {
		return true
	}
	if st.notResource {
		for i := range st.resources {
			if t := &st.resources[i]; !t.hasVariables() && pattern.CoversARN(t.glob, r) {
				return false
			}
		}
		return true
	}
	for i := range st.resources {
		if pattern.Intersects(st.resources[i].widened(), r, pattern.Sensitive) {
			return true
		}
	}
	return false
}

// certainlyDenied reports whether a Deny of p applies to every request for
// action a on resource r.
func certainlyDenied(p *Policy, a, r string) bool {
	for i := range p.statements {
		d := &p.statements[i]
		if !d.deny || len(d.conditions) > 0 || d.hasPrincipal && (d.notPrincipal || !d.hasWildcardPrincipal()) {
			continue
		}
		if d.coversAction(&statement{actions: []string{a}}, a) && d.coversResource(&statement{}, &template{raw: r, glob: r}) {
			return true
		}
	}
	return false
}

// publicResourceTypes are the resource types Access Analyzer's
// CheckNoPublicAccess takes, each with the service prefixes of the
// actions its policy can grant.
var publicResourceTypes = map[string][]string{
	"AWS::DynamoDB::Table":               {"dynamodb"},
	"AWS::DynamoDB::Stream":              {"dynamodb"},
	"AWS::EFS::FileSystem":               {"elasticfilesystem"},
	"AWS::OpenSearchService::Domain":     {"es"},
	"AWS::Kinesis::Stream":               {"kinesis"},
	"AWS::Kinesis::StreamConsumer":       {"kinesis"},
	"AWS::KMS::Key":                      {"kms"},
	"AWS::Lambda::Function":              {"lambda"},
	"AWS::S3::Bucket":                    {"s3"},
	"AWS::S3::AccessPoint":               {"s3"},
	"AWS::S3Express::DirectoryBucket":    {"s3express"},
	"AWS::S3::Glacier":                   {"glacier"},
	"AWS::S3Outposts::Bucket":            {"s3-outposts"},
	"AWS::S3Outposts::AccessPoint":       {"s3-outposts"},
	"AWS::SecretsManager::Secret":        {"secretsmanager"},
	"AWS::SNS::Topic":                    {"sns"},
	"AWS::SQS::Queue":                    {"sqs"},
	"AWS::IAM::AssumeRolePolicyDocument": {"sts"},
	"AWS::S3Tables::TableBucket":         {"s3tables"},
	"AWS::ApiGateway::RestApi":           {"execute-api"},
	"AWS::CodeArtifact::Domain":          {"codeartifact"},
	"AWS::Backup::BackupVault":           {"backup"},
	"AWS::CloudTrail::Dashboard":         {"cloudtrail"},
	"AWS::CloudTrail::EventDataStore":    {"cloudtrail"},
	"AWS::S3Tables::Table":               {"s3tables"},
	"AWS::S3Express::AccessPoint":        {"s3express"},
}

// PublicResourceTypes lists the resource types CheckNoPublicAccess takes, sorted.
func PublicResourceTypes() []string {
	out := make([]string, 0, len(publicResourceTypes))
	for t := range publicResourceTypes {
		out = append(out, t)
	}
	sortStrings(out)
	return out
}

// pinningKeys are the global condition keys that, compared for equality
// with fixed values, limit a statement to one account, organization,
// source or network (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
var pinningKeys = map[string]bool{
	"aws:principalaccount": true, "aws:principalorgid": true, "aws:principalorgpaths": true, "aws:principalarn": true,
	"aws:sourceaccount": true, "aws:sourceowner": true, "aws:sourceorgid": true, "aws:sourceorgpaths": true, "aws:sourcearn": true,
	"aws:sourcevpc": true, "aws:sourcevpce": true, "kms:calleraccount": true,
}

// CheckNoPublicAccess passes when the resource policy grants no access to
// anyone outside what its conditions pin: an Allow to "*", {"AWS": "*"}
// or through NotPrincipal is public unless a condition pins it, or a guard
// takes away every request it grants that is not pinned. A guard is the
// documented way to stay private: a Deny to everyone with one negated
// pinning condition, "Deny unless aws:PrincipalOrgID is o-123"
// (reference_policies_condition-keys.html#condition-keys-principalorgid),
// whose actions and resources provably cover the Allow's, so that its
// explicit Deny overrides the Allow for every caller outside
// (policy-eval-denyallow.html).
func CheckNoPublicAccess(p *Policy, resourceType string) (CheckResult, error) {
	services, ok := publicResourceTypes[resourceType]
	if !ok {
		return CheckResult{}, fmt.Errorf("resource type %q is not one Access Analyzer checks for public access; valid types are %s",
			resourceType, strings.Join(PublicResourceTypes(), ", "))
	}
	res := CheckResult{Pass: true}
	guards := p.guards()
	for i := range p.statements {
		st := &p.statements[i]
		if st.deny || !st.namesServices(services) {
			continue
		}
		if provider := st.webIdentityProvider(); provider != "" && !st.pinnedTo(provider) {
			res.fail(st, "the statement trusts %s with no condition on its audience, so any of its users may assume the role", provider)
			continue
		}
		if !st.notPrincipal && !st.isPublicPrincipal() || st.pinned() {
			continue
		}
		gap := ""
		for _, g := range guards {
			if gap = g.gap(st, services); gap == "" {
				break
			}
		}
		switch {
		case len(guards) == 0:
			res.fail(st, "the statement allows %s to anyone: no condition limits it to an account, organization, source or VPC endpoint, "+
				"and no Deny to everyone outside one (such as StringNotEquals on aws:PrincipalOrgID) covers it", describeActions(st))
		case gap != "":
			res.fail(st, "the statement allows %s to anyone, and no Deny to everyone outside an account, organization, source or VPC "+
				"endpoint covers it: %s", describeActions(st), gap)
		}
	}
	if res.Pass {
		res.Message = "The policy grants no public access to the " + resourceType + "."
	} else {
		res.Message = "The policy may grant public access to the " + resourceType + "."
	}
	return res, nil
}

// webIdentityProvider returns a web identity provider the statement
// trusts (a Federated principal such as accounts.google.com), or "": its
// users are anyone who signs in there, unless a condition on the
// provider's keys (aud, app_id, sub) pins the application.
func (st *statement) webIdentityProvider() string {
	for _, e := range st.principals {
		if e.kind == "Federated" && webIdentityProviders[e.value] {
			return e.value
		}
	}
	return ""
}

// pinnedTo reports whether a positive condition compares one of the
// provider's own keys ("accounts.google.com:aud") with fixed values.
func (st *statement) pinnedTo(provider string) bool {
	for i := range st.conditions {
		c := &st.conditions[i]
		if c.negated || c.ifExists || c.set == setAllValues || c.family != famString || !strings.HasPrefix(c.key, provider+":") {
			continue
		}
		if allPinningValues(c) {
			return true
		}
	}
	return false
}

func describeActions(st *statement) string {
	if st.notAction {
		return "every action but " + quotedList(st.actions)
	}
	return quotedList(st.actions)
}

// namesServices reports whether the statement may name an action of one of
// the services.
func (st *statement) namesServices(services []string) bool {
	for _, svc := range services {
		if st.mayNameAction(svc + ":*") {
			return true
		}
	}
	return false
}

// pinned reports whether one of an Allow's conditions limits it to fixed
// accounts, organizations, sources or networks: a positive string or ARN
// comparison of a pinning key, not IfExists, not ForAllValues (both let a
// missing key through), with values whose identifying part has no wildcard.
func (st *statement) pinned() bool {
	for i := range st.conditions {
		c := &st.conditions[i]
		if c.negated || c.ifExists || c.set == setAllValues || !pinningKeys[c.key] || len(c.values) == 0 {
			continue
		}
		if c.family != famString && c.family != famARN {
			continue
		}
		if allPinningValues(c) {
			return true
		}
	}
	return false
}

// guards lists the policy's Deny statements to everyone with one negated
// pinning condition, which deny every request the condition does not pin.
func (p *Policy) guards() []*statement {
	var out []*statement
	for i := range p.statements {
		d := &p.statements[i]
		if !d.deny || d.notPrincipal || !d.isPublicPrincipal() || len(d.conditions) != 1 {
			continue
		}
		c := &d.conditions[0]
		// A negated comparison holds when the key is missing, with or
		// without IfExists; ForAnyValue would not.
		if c.negated && c.set != setAnyValue && pinningKeys[c.key] && (c.family == famString || c.family == famARN) && allPinningValues(c) {
			out = append(out, d)
		}
	}
	return out
}

// gap says what of the public Allow st the guard g does not provably
// deny, or "" when it denies all of it: every principal st names, each of
// its actions that can touch the resource type's services, on each of its
// resources.
func (g *statement) gap(st *statement, services []string) string {
	where := fmt.Sprintf("the Deny at %s", g.path)
	if !g.hasWildcardPrincipal() && (st.notPrincipal || st.hasWildcardPrincipal()) {
		// reference_policies_elements_principal.html: "*" includes anonymous
		// callers; {"AWS": "*"} is documented as AWS identities only.
		return where + ` names {"AWS": "*"}, which is not documented to include the anonymous callers that ` +
			`"*" (or NotPrincipal) lets in`
	}
	actions := st.actions
	if st.notAction {
		actions = []string{""}
	}
	listed := &statement{} // coversAction reads of an Action list only the pattern it is given
	for _, a := range actions {
		if g.coversAction(st, a) {
			continue
		}
		// Of a, only the resource type's services matter: covering all
		// of each service a may touch is enough.
		for _, svc := range services {
			all := svc + ":*"
			if (st.notAction || pattern.Intersects(a, all, pattern.FoldASCII)) && !g.coversAction(listed, all) {
				return fmt.Sprintf("%s does not cover %s", where, describeAction(st, a))
			}
		}
	}
	if st.allResources || st.notResource {
		if !g.coversResource(st, &template{}) {
			return fmt.Sprintf("%s does not cover %s", where, describeResources(st))
		}
		return ""
	}
	for i := range st.resources {
		if !g.coversResource(st, &st.resources[i]) {
			return fmt.Sprintf("%s does not cover resource %q", where, st.resources[i].raw)
		}
	}
	return ""
}

func describeAction(st *statement, a string) string {
	if st.notAction {
		return "every action but " + quotedList(st.actions)
	}
	return fmt.Sprintf("%q", a)
}

func describeResources(st *statement) string {
	if st.notResource {
		return "every resource but " + quotedTemplates(st.resources)
	}
	if len(st.resources) == 0 {
		return "the resource the policy is attached to (the statement has no Resource)"
	}
	return "every resource"
}

// allPinningValues reports whether every value of c names something
// fixed: no wildcard before the part that identifies the account or
// organization, and no variable.
func allPinningValues(c *condition) bool {
	for _, v := range c.values {
		if v.tmpl.hasVariables() || !pinningValue(c.key, v.tmpl.glob) {
			return false
		}
	}
	return true
}

func pinningValue(key, g string) bool {
	switch key {
	case "aws:sourcearn", "aws:principalarn":
		parts, n := pattern.SplitARN(g)
		return n == pattern.ARNParts && IsAccountID(parts[4])
	case "aws:principalorgpaths", "aws:sourceorgpaths":
		org, _, _ := strings.Cut(g, "/")
		return strings.HasPrefix(org, "o-") && !strings.ContainsAny(org, "*?")
	}
	return g != "" && !strings.ContainsAny(g, "*?")
}
