package viewonly

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func TestParseScope(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     Scope
	}{
		{"unset means all", "", All},
		{"all", "all", All},
		{"metadata", "metadata", Metadata},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got, err := ParseScope(c.in); err != nil || got != c.want {
				t.Errorf("ParseScope(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		})
	}
	for _, bad := range []string{"Metadata", "none", " all", "data"} {
		t.Run("an unknown value is an error naming it: "+bad, func(t *testing.T) {
			_, err := ParseScope(bad)
			if err == nil || !strings.Contains(err.Error(), `"`+bad+`"`) || !strings.Contains(err.Error(), `"metadata"`) {
				t.Errorf("ParseScope(%q) error = %v, want one naming the value and the choices", bad, err)
			}
		})
	}
}

// The reads issue 18 names, each left out by the category it names.
func TestLeaveOutNamedDataReads(t *testing.T) {
	for _, c := range []struct{ action, kind string }{
		{"s3:GetObject", "object reads"},
		{"s3:GetObjectVersion", "object reads"},
		{"secretsmanager:GetSecretValue", "secret reads"},
		{"secretsmanager:BatchGetSecretValue", "secret reads"},
		{"ssm:GetParameter", "parameter reads"},
		{"ssm:GetParametersByPath", "parameter reads"},
		{"sqs:ReceiveMessage", "message reads"},
		{"logs:GetLogEvents", "log-event reads"},
		{"logs:FilterLogEvents", "log-event reads"},
		{"kinesis:GetRecords", "record reads"},
		{"dynamodb:GetItem", "record reads"},
		{"athena:GetQueryResults", "query-result reads"},
		{"dynamodb:Query", "query-result reads"},
		{"bedrock:InvokeModel", "model invocation"},
		{"sts:GetSessionToken", "token vending"},
		{"ecr:GetAuthorizationToken", "token vending"},
		{"cognito-identity:GetCredentialsForIdentity", "credential vending"},
		{"ec2:GetPasswordData", "credential vending"},
		{"s3:GetDataAccess", "credential vending"},
		{"codeconnections:UseConnection", "connection use"},
		{"codecommit:GetBlob", "content reads"},
		{"geo:DescribeKey", "credential vending"},
		{"gamelift:GetComputeAccess", "credential vending"},
	} {
		t.Run(c.action, func(t *testing.T) {
			prefix, name, _ := strings.Cut(c.action, ":")
			if why := LeaveOut(prefix, name, iam.Read); !strings.HasPrefix(why, c.kind+" (") {
				t.Errorf("LeaveOut(%s) = %q, want the %s", c.action, why, c.kind)
			}
		})
	}
}

// Metadata reads that share a word with a data read, and the verb rule;
// each case is named by the rule it shows.
func TestLeaveOutKeepsMetadata(t *testing.T) {
	const (
		sharesWord = "a metadata read that shares a word with a data read is kept"
		noVerb     = "a read named by no metadata verb is left out"
	)
	for _, c := range []struct {
		rule, name string
		level      iam.AccessLevel
		keep       bool
	}{
		{sharesWord, "DescribeParameters", iam.List, true},
		{sharesWord, "DescribeSecret", iam.Read, true},
		{sharesWord, "ListSecrets", iam.List, true},
		{sharesWord, "GetCredentialReport", iam.Read, true},
		{sharesWord, "GetAccountPasswordPolicy", iam.Read, true},
		{sharesWord, "ListCidrBlocks", iam.List, true},
		{sharesWord, "GetQueueUrl", iam.Read, true},
		{sharesWord, "ListTrustedTokenIssuers", iam.List, true},
		{"kms:DescribeKey is kept: only geo:DescribeKey returns a key's value", "DescribeKey", iam.Read, true},
		{"a verb compares case-insensitively, as IAM compares names", "GET", iam.Read, true},
		{"BatchGet is a metadata verb", "BatchGetDeployments", iam.Read, true},
		{noVerb, "SearchResources", iam.Read, false},
		{noVerb, "AssumeRoleForPodIdentity", iam.Read, false},
		{"a verb is a whole word: Get is not Getaway's", "Getaway", iam.Read, false},
		{"the verb rule is for reads only", "CreateBucket", iam.Write, true},
		{"a data rule holds at every level", "GetFederationToken", iam.Write, false},
	} {
		t.Run(c.rule+": "+c.name, func(t *testing.T) {
			if why := LeaveOut("kms", c.name, c.level); (why == "") != c.keep {
				t.Errorf("LeaveOut(%s, %v) = %q, want keep = %v", c.name, c.level, why, c.keep)
			}
		})
	}
}

// A rule is a cross-service pattern, or one exact action of the short list.
func TestRulesArePatternsWithSources(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range DataReads {
		p, err := iam.ParsePattern(r.Pattern)
		switch {
		case err != nil:
			t.Errorf("%s: %v", r.Pattern, err)
		case p.Service != "*" && (iam.HasWildcard(p.Service) || iam.HasWildcard(p.Action)):
			t.Errorf("%s names a service: then it must name one action exactly", r.Pattern)
		case seen[strings.ToLower(r.Pattern)]:
			t.Errorf("%s is listed twice", r.Pattern)
		case r.Kind == "" || !strings.HasPrefix(r.Source, "https://docs.aws.amazon.com/"):
			t.Errorf("%s has no category or no AWS documentation source", r.Pattern)
		}
		seen[strings.ToLower(r.Pattern)] = true
	}
}
