package validation

import (
	"fmt"
	"strings"
	"testing"
)

// pol writes an identity policy document around statements.
func pol(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

// allow writes an Allow statement of actions on resources.
func allow(actions, resources string) string {
	return `{"Effect":"Allow","Action":` + actions + `,"Resource":` + resources + `}`
}

// codeCase is one code's minimal policies: fire gets a finding of the code
// at path, and each of quiet, a near miss, gets none.
type codeCase struct {
	code  Code
	opts  Options
	fire  string
	path  string
	quiet []string
	// quietOpts, when set, validates quiet with other options.
	quietOpts *Options
}

var (
	resourcePolicy = Options{PolicyType: Resource}
	scpPolicy      = Options{PolicyType: SCP}
	readOnly       = Options{ExpectReadOnly: true}
	principal      = `"Principal":{"AWS":"arn:aws:iam::123456789012:root"}`
)

// sizedPolicy is an identity policy of exactly n characters, none of
// them whitespace.
func sizedPolicy(n int) string {
	doc := pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::b/"`))
	return strings.Replace(doc, "b/", "b/"+strings.Repeat("x", n-len(doc)), 1)
}

func manyEmptyResources(n int) string {
	stmts := make([]string, n)
	for i := range stmts {
		stmts[i] = allow(`"s3:GetObject"`, `[]`)
	}
	return pol(stmts...)
}

var codeCases = []codeCase{
	{code: MalformedPolicy, fire: pol(`{"Effect":"Allow","action":"s3:GetObject","Resource":"*"}`), path: "Statement[0].action",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"*"`))}},
	{code: InvalidVersion, fire: `{"Version":"2012-10-18","Statement":[` + allow(`"s3:GetObject"`, `"*"`) + `]}`, path: "Version",
		quiet: []string{`{"Version":"2008-10-17","Statement":[` + allow(`"s3:GetObject"`, `"*"`) + `]}`}},
	{code: InvalidEffect, fire: pol(`{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}`), path: "Statement[0].Effect",
		quiet: []string{pol(`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`)}},
	{code: InvalidCharacter, fire: pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::b/\u0100"`)), path: "Statement[0].Resource",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::b/\u00ff\t"`))}},
	{code: PolicySizeExceeded, fire: sizedPolicy(6145), path: "",
		quiet: []string{sizedPolicy(6144)}},
	{code: MissingVersion, fire: `{"Statement":` + allow(`"s3:GetObject"`, `"*"`) + `}`, path: "",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"*"`))}},
	{code: VariableInOldVersion, fire: `{"Version":"2008-10-17","Statement":[` + allow(`"s3:GetObject"`, `"arn:aws:s3:::home/${aws:username}/*"`) + `]}`, path: "Statement[0].Resource",
		quiet: []string{
			pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::home/${aws:username}/*"`)),
			`{"Version":"2008-10-17","Statement":[` + allow(`"s3:GetObject"`, `"arn:aws:s3:::home/*"`) + `]}`,
		}},
	{code: EmptyElement, fire: pol(allow(`[]`, `"*"`)), path: "Statement[0].Action",
		quiet: []string{pol(allow(`["s3:GetObject"]`, `["*"]`))}},
	{code: ParserWarning, fire: manyEmptyResources(101), path: "",
		quiet: []string{manyEmptyResources(5)}},

	{code: MissingResource, fire: pol(`{"Effect":"Allow","Action":"s3:GetObject"}`), path: "Statement[0]",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"*"`))}},
	{code: MissingResource, opts: resourcePolicy, fire: "", quiet: []string{
		pol(`{"Effect":"Allow",` + principal + `,"Action":"sts:AssumeRole"}`)}},
	{code: InvalidResource, fire: pol(allow(`"s3:GetObject"`, `"my-bucket/*"`)), path: "Statement[0].Resource",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::my-bucket/*"`))}},
	{code: UnsupportedPrincipal, fire: pol(`{"Effect":"Allow",` + principal + `,"Action":"s3:GetObject","Resource":"*"}`), path: "Statement[0].Principal",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"*"`))}},
	{code: UnsupportedPrincipal, opts: Options{PolicyType: Boundary}, fire: pol(`{"Effect":"Deny","NotPrincipal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`),
		path:  "Statement[0].NotPrincipal",
		quiet: []string{pol(`{"Effect":"Deny","NotPrincipal":{"AWS":"*"},"Action":"s3:*","Resource":"*"}`)}, quietOpts: &resourcePolicy},
	{code: MissingPrincipal, opts: resourcePolicy, fire: pol(allow(`"s3:GetObject"`, `"arn:aws:s3:::b/*"`)), path: "Statement[0]",
		quiet: []string{pol(`{"Effect":"Allow",` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)}},
	{code: InvalidARNAccount, fire: pol(allow(`"iam:GetRole"`, `["arn:aws:iam::*:role/a","arn:aws:iam::12345678901:role/a"]`)), path: "Statement[0].Resource[1]",
		quiet: []string{pol(allow(`"iam:GetRole"`, `["arn:aws:iam::123456789012:role/a","arn:aws:iam::${aws:PrincipalAccount}:role/a","arn:aws:iam::aws:policy/ReadOnlyAccess","arn:aws:s3:::b"]`))}},
	{code: InvalidSid, fire: pol(`{"Sid":"read-objects","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`), path: "Statement[0].Sid",
		quiet: []string{pol(`{"Sid":"ReadObjects2","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)}},
	{code: InvalidSid, opts: resourcePolicy, quiet: []string{pol(`{"Sid":"read objects","Effect":"Allow",` + principal + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)}},
	{code: InvalidConditionValue, path: "Statement[0].Condition.DateLessThan.aws:CurrentTime",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"next tuesday"}}}`),
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{` +
			`"DateLessThan":{"aws:CurrentTime":["2026-12-31","2026-12-31T23:59:59Z","2026-12-31T23:59:59.5+01:00","1798761599"]},` +
			`"NumericLessThan":{"aws:MultiFactorAuthAge":["3600",3600,"-1.5"]},` +
			`"Bool":{"aws:SecureTransport":["true",false,"FALSE"]},"Null":{"aws:TokenIssueTime":"false"},` +
			`"IpAddress":{"aws:SourceIp":["203.0.113.0/24","203.0.113.7","2001:db8::/32"]},` +
			`"ArnLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/ops-*","${aws:PrincipalArn}"]},` +
			`"BinaryEquals":{"aws:UserAgent":"QmluYXJ5"}}}`)}},
	{code: InvalidConditionValue, path: "Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge[1]",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":["10","1e3"]}}}`)},
	{code: InvalidConditionValue, path: "Statement[0].Condition.Bool.aws:SecureTransport",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":1}}}`)},
	{code: InvalidConditionValue, path: "Statement[0].Condition.IpAddressIfExists.aws:SourceIp",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/33"}}}`)},
	{code: InvalidConditionValue, path: "Statement[0].Condition.ArnEquals.aws:SourceArn",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ArnEquals":{"aws:SourceArn":"my-topic"}}}`)},
	{code: UnknownService, fire: pol(allow(`"s33:GetObject"`, `"*"`)), path: "Statement[0].Action",
		quiet: []string{pol(allow(`"s3:GetObject"`, `"*"`))}},
	{code: UnknownAction, fire: pol(allow(`["s3:GetObject","s3:GetObjekt"]`, `"*"`)), path: "Statement[0].Action[1]",
		quiet: []string{pol(allow(`["s3:GetObject","s3:getobjectacl"]`, `"*"`))}},
	{code: NoMatchingAction, fire: pol(allow(`["s3:Fly*"]`, `"*"`)), path: "Statement[0].Action[0]",
		quiet: []string{pol(allow(`["s3:Get*"]`, `"*"`)), pol(allow(`["s3:Fly"]`, `"*"`))}},
	{code: InvalidConditionOperator,
		fire:  pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"stringEquals":{"aws:PrincipalTag/team":"a"}}}`),
		path:  "Statement[0].Condition.stringEquals",
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEqualsIfExists":{"aws:PrincipalTag/team":"a"}}}`)}},
	{code: UnknownConditionKey,
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:NoSuchKey":"a"}}}`),
		path: "Statement[0].Condition.StringEquals.s3:NoSuchKey",
		quiet: []string{
			pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"S3:ExistingObjectTag/Project":"a","aws:principaltag/team":"b"}}}`),
			pol(`{"Effect":"Allow","Action":"retired:Action","Resource":"*","Condition":{"StringEquals":{"retired:Key":"a"}}}`),
			pol(`{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"secretsmanager:ResourceTag/owner":"a"}}}`),
			pol(`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"ec2:Vpc":"a"}}}`),
		}},
	{code: UnknownConditionKey,
		fire:  pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`),
		path:  "Statement[0].Condition.StringEquals.kms:ViaService",
		quiet: []string{pol(`{"Effect":"Allow","Action":["s3:GetObject","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}`)}},

	{code: AllowWithNotAction, fire: pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), path: "Statement[0].NotAction",
		quiet: []string{pol(`{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}`)}},
	{code: AllowWithNotResource, fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}`), path: "Statement[0].NotResource",
		quiet: []string{pol(`{"Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::secret/*"}`)}},
	{code: AllowWithNotPrincipal, opts: resourcePolicy,
		fire:  pol(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		path:  "Statement[0].NotPrincipal",
		quiet: []string{pol(`{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)}},
	{code: PermissionsManagementOnAll, fire: pol(allow(`["s3:GetObject","iam:PutRolePolicy"]`, `"*"`)), path: "Statement[0].Action[1]",
		quiet: []string{pol(allow(`["iam:PutRolePolicy"]`, `"arn:aws:iam::123456789012:role/app"`)), pol(allow(`["iam:Get*"]`, `"*"`))}},
	{code: PermissionsManagementOnAll, fire: pol(allow(`"iam:*"`, `["arn:aws:iam::123456789012:role/app","*"]`)), path: "Statement[0].Action"},
	{code: PassRoleOnAll, fire: pol(allow(`["iam:Get*","iam:PassRole"]`, `"*"`)), path: "Statement[0].Action[1]",
		quiet: []string{pol(allow(`"iam:PassRole"`, `"arn:aws:iam::123456789012:role/app"`))}},
	{code: PrivilegeEscalation,
		fire: pol(allow(`["iam:PassRole"]`, `"arn:aws:iam::123456789012:role/fn"`), allow(`["lambda:CreateFunction"]`, `"*"`)),
		path: "Statement[0].Action[0]",
		quiet: []string{
			pol(allow(`["lambda:CreateFunction"]`, `"*"`)),
			pol(allow(`["iam:PassRole","lambda:CreateFunction"]`, `"*"`), `{"Effect":"Deny","Action":"iam:PassRole","Resource":"*"}`),
		}},
	{code: PublicAccess, opts: resourcePolicy, path: "Statement[0].Principal.AWS[1]",
		fire: pol(`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`),
		quiet: []string{
			pol(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`),
			pol(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`),
			pol(`{"Effect":"Allow","Principal":{"Service":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}`),
		}},
	{code: PublicAccess, opts: resourcePolicy, path: "Statement[0].Principal",
		fire: pol(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}`)},
	{code: NonReadOnlyAction, opts: readOnly, fire: pol(allow(`["s3:GetObject","s3:PutObject"]`, `"*"`)), path: "Statement[0].Action[1]",
		quiet: []string{pol(allow(`["s3:GetObject","s3:PutObject"]`, `"*"`), `{"Effect":"Deny","Action":"s3:Put*","Resource":"*"}`)}},
	{code: NonReadOnlyAction, fire: "", quiet: []string{pol(allow(`["s3:GetObject","s3:PutObject"]`, `"*"`))}},
	{code: NonReadOnlyAction, opts: Options{PolicyType: Boundary, ExpectReadOnly: true}, fire: pol(`{"Effect":"Allow","NotAction":"s3:Get*","Resource":"*"}`),
		path: "Statement[0].NotAction", quiet: []string{pol(allow(`["s3:Get*","s3:List*"]`, `"*"`))}},

	// A boundary or an SCP grants nothing, so broad grants are not flagged.
	{code: PrivilegeEscalation, opts: scpPolicy, quiet: []string{pol(allow(`"*"`, `"*"`))}},
	{code: PermissionsManagementOnAll, opts: Options{PolicyType: Boundary}, quiet: []string{pol(allow(`"iam:*"`, `"*"`))}},
	{code: PassRoleOnAll, opts: scpPolicy, quiet: []string{pol(allow(`"iam:PassRole"`, `"*"`))}},
	{code: AllowWithNotAction, opts: Options{PolicyType: Boundary}, quiet: []string{pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`)}},
	{code: AllowWithNotResource, opts: scpPolicy, quiet: []string{pol(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::b/*"}`)}},

	{code: UniqueSidsRequired, fire: pol(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"A","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}`),
		path:  "Statement[1].Sid",
		quiet: []string{pol(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}`)}},
	{code: DuplicateSid, opts: scpPolicy, fire: pol(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"A","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}`),
		path:  "Statement[1].Sid",
		quiet: []string{pol(`{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, `{"Sid":"B","Effect":"Deny","Action":"s3:PutObject","Resource":"*"}`)}},
	{code: RedundantAction, fire: pol(allow(`["s3:Get*","s3:GetObject"]`, `"*"`)), path: "Statement[0].Action[1]",
		quiet: []string{pol(allow(`["s3:GetObject","s3:PutObject","s3:GetObjectAcl"]`, `"*"`))}},
	{code: RedundantAction, fire: pol(allow(`["s3:GetObject","S3:getobject"]`, `"*"`)), path: "Statement[0].Action[1]"},
	{code: RedundantResource, fire: pol(allow(`"s3:GetObject"`, `["arn:aws:s3:::b/*","arn:aws:s3:::b/x"]`)), path: "Statement[0].Resource[1]",
		quiet: []string{pol(allow(`"s3:GetObject"`, `["arn:aws:s3:::b/*","arn:aws:s3:::B/x","arn:aws:s3:::c/*"]`))}},
	{code: ConditionKeyNotApplicable,
		fire:  pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}}`),
		path:  "Statement[0].Condition.StringLike.s3:prefix",
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/"}}}`)}},
	{code: ResourceServiceMismatch, fire: pol(allow(`"s3:GetObject"`, `"arn:aws:sqs:us-east-1:123456789012:queue"`)), path: "Statement[0].Resource",
		quiet: []string{
			pol(allow(`"sts:AssumeRole"`, `"arn:aws:iam::123456789012:role/x"`)),
			pol(allow(`["s3:GetObject","sqs:*"]`, `"arn:aws:sqs:us-east-1:123456789012:queue"`)),
		}},
	{code: ResourceTypeMismatch, fire: pol(allow(`["s3:GetObject"]`, `"arn:aws:s3:::bucket"`)), path: "Statement[0].Action[0]",
		quiet: []string{
			pol(allow(`["s3:GetObject"]`, `"arn:aws:s3:::bucket/*"`)),
			pol(allow(`["s3:GetObject"]`, `"arn:aws:s3:::bucket*"`)),
			pol(allow(`["s3:GetObject"]`, `"arn:aws:s3:::${aws:username}"`)),
			pol(allow(`["s3:ListAllMyBuckets"]`, `"arn:aws:s3:::bucket"`)),
		}},
	{code: ResourceTypeMismatch, fire: pol(allow(`["s3:GetObject*"]`, `"arn:aws:s3:::bucket"`)), path: "Statement[0].Action[0]",
		quiet: []string{pol(allow(`["s3:Get*"]`, `"arn:aws:s3:::bucket"`))}},
	{code: ConditionTypeMismatch, path: "Statement[0].Condition.DateGreaterThan.aws:SourceIp",
		fire: pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"DateGreaterThan":{"aws:SourceIp":"2026-01-01"}}}`),
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{` +
			`"NumericLessThan":{"aws:EpochTime":"1798761599"},"StringEquals":{"aws:SecureTransport":"true"},` +
			`"ArnLike":{"kms:EncryptionContext:aws:s3:arn":"arn:aws:s3:::b/*"},"Null":{"aws:SourceIp":"true"}}}`)}},
	{code: SetOperatorOnSingleValued, path: "Statement[0].Condition.ForAllValues:StringEquals.aws:RequestedRegion",
		fire:  pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`),
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"team"},"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)}},
	{code: MissingSetOperator, path: "Statement[0].Condition.StringEquals.aws:TagKeys",
		fire:  pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:TagKeys":"team"}}}`),
		quiet: []string{pol(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"team"},"Null":{"aws:TagKeys":"false"}}}`)}},
	{code: InvalidARNRegion, fire: pol(allow(`"sqs:SendMessage"`, `["arn:aws:sqs:us-east:123456789012:q","arn:aws:sqs:US-EAST-1:123456789012:q"]`)), path: "Statement[0].Resource[0]",
		quiet: []string{pol(allow(`"sqs:SendMessage"`, `["arn:aws:sqs:us-east-1:123456789012:q","arn:aws:sqs:us-gov-west-1:123456789012:q","arn:aws:sqs:eusc-de-east-1:123456789012:q","arn:aws:sqs:*:123456789012:q","arn:aws:sqs:${aws:RequestedRegion}:123456789012:q"]`))}},
	{code: InvalidARNRegion, fire: pol(allow(`"sqs:SendMessage"`, `"arn:aws:sqs:US-EAST-1:123456789012:q"`)), path: "Statement[0].Resource"},
	{code: SCPAllowResource, opts: scpPolicy, fire: pol(allow(`"s3:*"`, `["*","arn:aws:s3:::b"]`)), path: "Statement[0].Resource[1]",
		quiet: []string{pol(allow(`"s3:*"`, `"*"`)), pol(`{"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b"}`)}},
	{code: SCPAllowResource, fire: "", quiet: []string{pol(allow(`"s3:*"`, `"arn:aws:s3:::b"`))}},
	{code: SCPAllowCondition, opts: scpPolicy,
		fire:  pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`),
		path:  "Statement[0].Condition",
		quiet: []string{pol(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)}},
	{code: SCPAllowNotAction, opts: scpPolicy, fire: pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`), path: "Statement[0].NotAction",
		quiet: []string{pol(`{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}`)}},

	{code: WildcardInService, fire: pol(allow(`"s3*:GetObject"`, `"*"`)), path: "Statement[0].Action",
		quiet: []string{pol(allow(`"s3:GetObject*"`, `"*"`)), pol(allow(`"*"`, `"*"`))}},
	{code: CompactActions,
		fire:  pol(allow(`["acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCertificate","acm-pca:GetCertificateAuthorityCsr"]`, `"*"`)),
		path:  "Statement[0].Action",
		quiet: []string{pol(allow(`["acm-pca:GetCertificate","acm-pca:GetCertificateAuthorityCsr"]`, `"*"`))}},
}

// TestEveryCodeFiresAndStaysQuiet runs one minimal policy per code that
// gets a finding of it at the expected path, and near misses that get none.
func TestEveryCodeFiresAndStaysQuiet(t *testing.T) {
	for i, c := range codeCases {
		t.Run(fmt.Sprintf("%s/%d", c.code, i), func(t *testing.T) {
			if c.fire != "" {
				rep := validate(t, c.fire, c.opts)
				if !hasFinding(rep.Findings, c.code, c.path) {
					t.Errorf("no %s at %q:\n%s", c.code, c.path, listFindings(rep.Findings))
				}
			}
			qopts := c.opts
			if c.quietOpts != nil {
				qopts = *c.quietOpts
			}
			for _, q := range c.quiet {
				if rep := validate(t, q, qopts); hasCode(rep.Findings, c.code) {
					t.Errorf("unexpected %s for %s:\n%s", c.code, q, listFindings(rep.Findings))
				}
			}
		})
	}
}

// Every code of the registry has a case in both directions.
func TestEveryCodeHasCases(t *testing.T) {
	fires, quiet := map[Code]bool{}, map[Code]bool{}
	for _, c := range codeCases {
		fires[c.code] = fires[c.code] || c.fire != ""
		quiet[c.code] = quiet[c.code] || len(c.quiet) > 0
	}
	for _, info := range Codes() {
		if !fires[info.Code] || !quiet[info.Code] {
			t.Errorf("%s: firing case %v, quiet case %v", info.Code, fires[info.Code], quiet[info.Code])
		}
	}
}

func hasFinding(fs []Finding, code Code, path string) bool {
	for _, f := range fs {
		if f.Code == code && f.Path == path {
			return f.Message != "" && f.Severity == infoByCode[code].Severity
		}
	}
	return false
}

func hasCode(fs []Finding, code Code) bool {
	for _, f := range fs {
		if f.Code == code {
			return true
		}
	}
	return false
}
