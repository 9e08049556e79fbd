package iam

import (
	"reflect"
	"strings"
	"testing"
)

func testService() *Service {
	s := &Service{
		Prefix: "demo",
		Name:   "Demo",
		ResourceTypes: []ResourceType{
			{Name: "trail", ARN: "arn:demo:trail/${Name}", ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}},
			{Name: "bucket", ARN: "arn:demo:bucket/${Name}"},
		},
		ConditionKeys: []ConditionKey{{Name: "aws:ResourceTag/${TagKey}", Type: "String"}, {Name: "demo:Mode", Type: "String"}},
		Actions: []Action{
			{Name: "DescribeTrails", AccessLevel: Read, ResourceTypes: []ActionResource{{Name: "trail"}}},
			{Name: "DeleteTrail", AccessLevel: Write, ResourceTypes: []ActionResource{{Name: "trail", Required: true}}},
			{Name: "ListBuckets", AccessLevel: List},
			{Name: "AddTags", AccessLevel: Tagging, ResourceTypes: []ActionResource{{Name: "bucket", ConditionKeys: []string{"demo:Mode"}}}},
			{Name: "PutPolicy", AccessLevel: PermissionsManagement, ConditionKeys: []string{"demo:Mode"}},
		},
	}
	s.Sort()
	return s
}

func names(actions []*Action) []string {
	out := []string{}
	for _, a := range actions {
		out = append(out, a.Name)
	}
	return out
}

func TestSelectActions(t *testing.T) {
	svc := testService()
	all, _ := ParseLevels([]string{"ReadOnly"})
	for _, c := range []struct {
		name string
		f    ActionFilter
		want []string
	}{
		{"everything", ActionFilter{}, []string{"AddTags", "DeleteTrail", "DescribeTrails", "ListBuckets", "PutPolicy"}},
		{"pattern", ActionFilter{Patterns: []Pattern{{Action: "de*"}}}, []string{"DeleteTrail", "DescribeTrails"}},
		{"qualified pattern", ActionFilter{Patterns: []Pattern{{Service: "DEMO", Action: "*Trail?"}}}, []string{"DescribeTrails"}},
		{"levels", ActionFilter{Levels: all}, []string{"DescribeTrails", "ListBuckets"}},
		{"resource type", ActionFilter{ResourceType: "trail"}, []string{"DeleteTrail", "DescribeTrails"}},
		{"condition key on action or row", ActionFilter{ConditionKey: "demo:mode"}, []string{"AddTags", "PutPolicy"}},
		{"condition key via resource type", ActionFilter{ConditionKey: "aws:ResourceTag/*"}, []string{"DeleteTrail", "DescribeTrails"}},
		{"nothing", ActionFilter{Patterns: []Pattern{{Action: "Launch*"}}}, []string{}},
	} {
		got, err := SelectActions(svc, c.f)
		if err != nil || !reflect.DeepEqual(names(got), c.want) {
			t.Errorf("%s: got %v, %v; want %v", c.name, names(got), err, c.want)
		}
	}
	for _, c := range []struct {
		f    ActionFilter
		want string
	}{
		{ActionFilter{Patterns: []Pattern{{Service: "s3", Action: "*"}}}, `action pattern "s3:*" names another service than "demo"`},
		{ActionFilter{ResourceType: "trial"}, `service "demo" defines no resource type matching "trial"; did you mean "trail"?`},
		{ActionFilter{ConditionKey: "demo:Mod"}, `service "demo" defines no condition key matching "demo:Mod"`},
	} {
		if _, err := SelectActions(svc, c.f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SelectActions(%+v) error = %v, want %q", c.f, err, c.want)
		}
	}
}

func TestServiceLookups(t *testing.T) {
	svc := testService()
	if a, ok := svc.Action("describetrails"); !ok || a.Name != "DescribeTrails" || svc.FullName(a) != "demo:DescribeTrails" {
		t.Errorf("Action(describetrails) = %+v, %v", a, ok)
	}
	if _, ok := svc.Action("Describe"); ok {
		t.Error("Action found a prefix")
	}
	if r, ok := svc.ResourceType("bucket"); !ok || r.ARN != "arn:demo:bucket/${Name}" {
		t.Errorf("ResourceType(bucket) = %+v", r)
	}
	if k, ok := svc.ConditionKey("DEMO:MODE"); !ok || k.Name != "demo:Mode" {
		t.Errorf("ConditionKey = %+v", k)
	}
	a, _ := svc.Action("DescribeTrails")
	if got := svc.ActionConditionKeys(a); !reflect.DeepEqual(got, []string{"aws:ResourceTag/${TagKey}"}) {
		t.Errorf("ActionConditionKeys = %v", got)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"cloudtrail", "cloudtrail-data", "cloudwatch", "s3", "s3express", "ec2"}
	for in, want := range map[string][]string{
		"cloudtrial": {"cloudtrail"},
		"CloudTrail": {"cloudtrail"},
		"s4":         {"s3"},
		"s3expres":   {"s3express"},
		"zzzzzzzz":   nil,
		"":           nil, // close to every short name, so a hint to none
	} {
		if got := Suggest(in, known, 3); !reflect.DeepEqual(got, want) {
			t.Errorf("Suggest(%q) = %v, want %v", in, got, want)
		}
	}
	err := NewUnknownServiceError("cloudtrial", []ServiceSummary{{Prefix: "cloudtrail"}})
	if err.Error() != `unknown service prefix "cloudtrial"; did you mean "cloudtrail"?` || !IsUnknownService(err) {
		t.Errorf("error = %v", err)
	}
}

// A global key applies to every action; the global tag keys only where the
// service reference lists them, so they are matched per action
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
func TestGlobalConditionKeySelectsEveryAction(t *testing.T) {
	svc := testService()
	global := []ConditionKey{{Name: "aws:SourceIp"}, {Name: "aws:PrincipalTag/tag-key"}, {Name: "aws:ResourceTag/tag-key"}, {Name: "aws:TagKeys"}}
	for pattern, want := range map[string][]string{
		"aws:SourceIp":      {"aws:SourceIp"},
		"AWS:principaltag*": {"aws:PrincipalTag/tag-key"},
		"aws:ResourceTag/*": nil,
		"aws:TagKeys":       nil,
		"demo:Mode":         nil,
	} {
		if got := GlobalKeysMatching(pattern, global); !reflect.DeepEqual(got, want) {
			t.Errorf("GlobalKeysMatching(%q) = %v, want %v", pattern, got, want)
		}
	}
	all, err := SelectActions(svc, ActionFilter{ConditionKey: "aws:SourceIp", GlobalConditionKeys: global})
	if err != nil || len(all) != len(svc.Actions) {
		t.Errorf("aws:SourceIp selected %d of %d actions, %v", len(all), len(svc.Actions), err)
	}
	tagged, err := SelectActions(svc, ActionFilter{ConditionKey: "aws:ResourceTag/*", GlobalConditionKeys: global})
	if err != nil || len(tagged) == 0 || len(tagged) == len(svc.Actions) {
		t.Errorf("aws:ResourceTag/* selected %d of %d actions, %v; want those listing it", len(tagged), len(svc.Actions), err)
	}
}
