package catalogdiff

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// mapCatalog is a catalog held in memory.
type mapCatalog map[string]*iam.Service

func (m mapCatalog) Source() string      { return "test" }
func (m mapCatalog) DataVersion() string { return "1" }
func (m mapCatalog) Services(context.Context) ([]iam.ServiceSummary, error) {
	var out []iam.ServiceSummary
	for _, p := range []string{"ec2", "gone", "new", "s3"} {
		if s, ok := m[p]; ok {
			out = append(out, iam.ServiceSummary{Prefix: p, Name: s.Name, ActionCount: len(s.Actions)})
		}
	}
	return out, nil
}
func (m mapCatalog) Service(_ context.Context, p string) (*iam.Service, error) {
	if s, ok := m[strings.ToLower(p)]; ok {
		return s, nil
	}
	list, _ := m.Services(context.Background())
	return nil, iam.NewUnknownServiceError(p, list)
}
func (m mapCatalog) GlobalConditionKeys(context.Context) ([]iam.ConditionKey, error) { return nil, nil }

func service(prefix string, actions map[string]iam.AccessLevel, keys, resources []string) *iam.Service {
	s := &iam.Service{Prefix: prefix}
	for name, l := range actions {
		s.Actions = append(s.Actions, iam.Action{Name: name, AccessLevel: l})
	}
	for _, k := range keys {
		s.ConditionKeys = append(s.ConditionKeys, iam.ConditionKey{Name: k})
	}
	for _, r := range resources {
		s.ResourceTypes = append(s.ResourceTypes, iam.ResourceType{Name: r})
	}
	s.Sort()
	return s
}

var (
	base = mapCatalog{
		"s3":   service("s3", map[string]iam.AccessLevel{"GetObject": iam.Read, "ListBuckets": iam.Read, "OldAction": iam.Write}, []string{"s3:prefix"}, []string{"bucket"}),
		"ec2":  service("ec2", map[string]iam.AccessLevel{"DescribeInstances": iam.List}, nil, nil),
		"gone": service("gone", map[string]iam.AccessLevel{"Do": iam.Write}, nil, nil),
	}
	live = mapCatalog{
		"s3":  service("s3", map[string]iam.AccessLevel{"GetObject": iam.Read, "listbuckets": iam.List, "PutVectors": iam.Write}, []string{"S3:Prefix", "s3:TlsVersion"}, []string{"bucket", "vectorbucket"}),
		"ec2": service("ec2", map[string]iam.AccessLevel{"DescribeInstances": iam.List}, nil, nil),
		"new": service("new", map[string]iam.AccessLevel{"Go": iam.Read}, nil, nil),
	}
)

func TestCompareReportsEveryKindOfChange(t *testing.T) {
	r, err := Compare(t.Context(), base, live, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &Report{
		AddedServices:   []string{"new"},
		RemovedServices: []string{"gone"},
		Services: []ServiceChanges{{
			Service:            "s3",
			AddedActions:       []string{"s3:PutVectors"},
			RemovedActions:     []string{"s3:OldAction"},
			LevelChanges:       []LevelChange{{Action: "s3:listbuckets", Before: iam.Read, After: iam.List}},
			AddedConditionKeys: []string{"s3:TlsVersion"},
			AddedResourceTypes: []string{"vectorbucket"},
		}},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("report = %+v\nwant     %+v", r, want)
	}
	if c := r.Counts(); c != (Counts{1, 1, 1, 1, 1, 1, 1}) {
		t.Errorf("counts = %+v", c)
	}
}

// Action names and condition keys compare case-insensitively, as IAM
// compares them; an unchanged service is not listed.
func TestCompareOnlyTheNamedServices(t *testing.T) {
	r, err := Compare(t.Context(), base, live, []string{"EC2", "gone", "new"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Services) != 0 || len(r.AddedServices) != 1 || len(r.RemovedServices) != 1 {
		t.Errorf("report = %+v", r)
	}
	if _, err := Compare(t.Context(), base, live, []string{"s4"}); !iam.IsUnknownService(err) || !strings.Contains(err.Error(), `did you mean "s3"`) {
		t.Errorf("unknown service: %v", err)
	}
}
