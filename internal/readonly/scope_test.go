package readonly

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/viewonly"
)

// read_scope = "metadata" grants exactly the List and Read actions that
// viewonly.LeaveOut keeps, by expanding the compacted statement.
func TestReadScopeMetadataGrantsExactlyWhatLeaveOutKeeps(t *testing.T) {
	services := []string{"s3", "secretsmanager", "ssm", "sqs", "logs", "iam", "cloudtrail"}
	res, diags := build(t, Options{Services: services, ReadScope: "metadata"})
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	want := levelSet(t, listRead, services...)
	ctx := t.Context()
	for _, prefix := range services {
		svc, err := embedded.Default().Service(ctx, prefix)
		if err != nil {
			t.Fatal(err)
		}
		for j := range svc.Actions {
			if viewonly.LeaveOut(svc.Prefix, svc.Actions[j].Name, svc.Actions[j].AccessLevel) != "" {
				delete(want, svc.FullName(&svc.Actions[j]))
			}
		}
	}
	got := expand(t, embedded.Default(), res.Actions)
	if d := diffSets(got, want); d != "" {
		t.Errorf("actions expand to: %s", d)
	}
	for _, n := range []string{"s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "sqs:ReceiveMessage", "logs:GetLogEvents", "cloudtrail:LookupEvents"} {
		if got[n] {
			t.Errorf("the statement grants %s", n)
		}
	}
	for _, n := range []string{"s3:ListBucket", "secretsmanager:DescribeSecret", "ssm:DescribeParameters", "iam:GetCredentialReport", "sqs:GetQueueUrl"} {
		if !got[n] {
			t.Errorf("the statement lacks %s", n)
		}
	}
}

func TestReadScopeAndInclude(t *testing.T) {
	res, diags := build(t, Options{
		Services:  []string{"cloudtrail"},
		Include:   []string{"cloudtrail:LookupEvents", "s3:GetObject"},
		ReadScope: "metadata",
	})
	got := toSet(res.ExpandedActions)
	if !got["cloudtrail:LookupEvents"] {
		t.Errorf("include does not add back cloudtrail:LookupEvents, which only the verb rule leaves out")
	}
	if got["s3:GetObject"] {
		t.Errorf("include adds s3:GetObject, a data read")
	}
	if len(diags) != 1 || diags[0].Severity != SeverityWarning || diags[0].Attribute != "include" || diags[0].Index != 1 ||
		!strings.Contains(diags[0].Detail, `"s3:GetObject" adds s3:GetObject, which read_scope = "metadata" leaves out as one of the object reads (*:GetObject*)`) {
		t.Errorf("diagnostics %v, want one warning on include[1] naming the rule", diags)
	}
}

func TestReadScopeBadValueNamesIt(t *testing.T) {
	for _, bad := range []string{"Metadata", "none"} {
		_, diags, err := Build(t.Context(), embedded.Default(), Options{Services: []string{"s3"}, ReadScope: bad})
		if err != nil {
			t.Fatal(err)
		}
		if !HasError(diags) || diags[0].Attribute != "read_scope" || !strings.Contains(diags[0].Detail, `read_scope "`+bad+`" is not one of "all"`) {
			t.Errorf("read_scope %q: diagnostics %v, want an error on read_scope naming the value", bad, diags)
		}
	}
}

func TestReadScopeAllChangesNothing(t *testing.T) {
	all, _ := build(t, Options{Services: []string{"s3"}, ReadScope: "all"})
	unset, _ := build(t, Options{Services: []string{"s3"}})
	if strings.Join(all.Actions, ",") != strings.Join(unset.Actions, ",") || all.LevelCounts[iam.Read] == 0 {
		t.Errorf("read_scope = \"all\" gives %q, unset %q", all.Actions, unset.Actions)
	}
}
