package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// runFunction calls a function's Go implementation the way the framework
// does, returning its result or error.
func runFunction(t *testing.T, f function.Function, result attr.Value, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	resp := function.RunResponse{Result: function.NewResultData(result)}
	f.Run(t.Context(), function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

func stringListValue(items ...string) types.List {
	values := make([]attr.Value, len(items))
	for i, s := range items {
		values[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, values)
}

func TestFunctionDefinitions(t *testing.T) {
	catalogFree := map[string]bool{"policy_size": true} // reads no catalog, so has no note on its source
	p := &iamv2Provider{}
	for _, newFunction := range p.Functions(t.Context()) {
		f := newFunction()
		var meta function.MetadataResponse
		f.Metadata(t.Context(), function.MetadataRequest{}, &meta)
		var def function.DefinitionResponse
		f.Definition(t.Context(), function.DefinitionRequest{}, &def)
		if def.Diagnostics.HasError() || def.Definition.Summary == "" ||
			!catalogFree[meta.Name] && !strings.Contains(def.Definition.MarkdownDescription, "embedded snapshot") {
			t.Errorf("%s: definition lacks a summary or the note on its source: %+v", meta.Name, def.Definition)
		}
		for _, param := range def.Definition.Parameters {
			if param.GetMarkdownDescription() == "" {
				t.Errorf("%s: parameter %s has no description", meta.Name, param.GetName())
			}
		}
	}
}

// Terraform and OpenTofu end a function's error with a full stop of their
// own, so the text must not end in one, nor in a question mark.
func TestFunctionErrorsAreSentencesForTheCLI(t *testing.T) {
	for _, c := range []struct {
		f    function.Function
		args []attr.Value
	}{
		{newAccessLevelFunction(), []attr.Value{types.StringValue("s3:GetObjct")}},
		{newAccessLevelFunction(), []attr.Value{types.StringValue("cloudtrial:DescribeTrails")}},
		{newAccessLevelFunction(), []attr.Value{types.StringValue("s3:Get*")}},
		{newExpandActionsFunction(), []attr.Value{stringListValue("s3:Get*", "s4:Get*")}},
		{newCompactActionsFunction(), []attr.Value{stringListValue("s3:GetObject"), types.StringValue("some")}},
		{newPolicyAllowedActionsFunction(), []attr.Value{types.DynamicValue(types.StringValue(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Resource":"*"}]}`))}},
	} {
		_, err := runFunction(t, c.f, types.DynamicUnknown(), c.args...)
		if err == nil || strings.HasSuffix(err.Text, ".") || strings.HasSuffix(err.Text, "?") || strings.Contains(err.Text, "..") {
			t.Errorf("error %v: want one without closing punctuation, for the CLI adds a full stop", err)
		}
	}
}

func TestAccessLevelFunction(t *testing.T) {
	for in, want := range map[string]string{
		"s3:GetObject":            "Read",
		"S3:getobject":            "Read",
		"s3:PutBucketTagging":     "Tagging",
		"iam:PutRolePolicy":       "Permissions management",
		"cloudtrail:StartLogging": "Write",
		"ec2:DescribeInstances":   "List",
	} {
		got, err := runFunction(t, newAccessLevelFunction(), types.StringUnknown(), types.StringValue(in))
		if err != nil || !got.Equal(types.StringValue(want)) {
			t.Errorf("access_level(%q) = %v, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"s3:GetObjct":  `Service "s3" has no action "GetObjct" (did you mean "GetObject"?)`,
		"s4:GetObject": `Unknown service prefix "s4" (did you mean "s3"`,
		"s3:Get*":      `"s3:Get*" is a pattern: this function takes one exact action name`,
		"İam:PassRole": `"İam:PassRole" holds the character U+0130 ('İ'), which is not one IAM accepts in a policy`,
		"GetObject":    `"GetObject" is not an action name: write "service:Action"`,
		"s3:Get:Obj":   `"s3:Get:Obj" is not an action name`,
	} {
		_, err := runFunction(t, newAccessLevelFunction(), types.StringUnknown(), types.StringValue(in))
		if err == nil || err.FunctionArgument == nil || *err.FunctionArgument != 0 || !strings.Contains(err.Text, want) {
			t.Errorf("access_level(%q) error = %v, want %q on argument 0", in, err, want)
		}
	}
}

func TestActionGroupsFunction(t *testing.T) {
	for in, want := range map[string][]string{
		"ec2:DescribeInstances": {"ListOnly", "ReadOnly", "ReadWrite"},
		"s3:GetObject":          {"ReadOnly", "ReadWrite"},
		"s3:PutObject":          {"ReadWrite"},
		"s3:PutBucketTagging":   {"Tagging", "ReadWrite"},
		"iam:AttachRolePolicy":  {"Permissions"},
	} {
		got, err := runFunction(t, newActionGroupsFunction(), types.ListUnknown(types.StringType), types.StringValue(in))
		if err != nil || !got.Equal(stringListValue(want...)) {
			t.Errorf("action_groups(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := runFunction(t, newActionGroupsFunction(), types.ListUnknown(types.StringType), types.StringValue("nope")); err == nil {
		t.Error("action_groups(nope) gave no error")
	}
}

func TestCompactActionsFunction(t *testing.T) {
	actions := stringListValue("cloudtrail:DescribeTrails", "cloudtrail:DescribeQuery", "s3:getobject", "s3:GetObject")
	got, err := runFunction(t, newCompactActionsFunction(), types.ListUnknown(types.StringType), actions, types.StringValue("none"))
	if err != nil || !got.Equal(stringListValue("cloudtrail:DescribeQuery", "cloudtrail:DescribeTrails", "s3:GetObject")) {
		t.Errorf("compact_actions(none) = %v, %v", got, err)
	}
	for mode, want := range map[string]string{"word": "cloudtrail:Describe*", "prefix": "cloudtrail:Des*"} {
		got, err = runFunction(t, newCompactActionsFunction(), types.ListUnknown(types.StringType),
			stringListValue("cloudtrail:DescribeTrails", "cloudtrail:DescribeQuery"), types.StringValue(mode))
		if err != nil || !got.Equal(stringListValue(want)) {
			t.Errorf("compact_actions(%s) = %v, %v; want [%s]", mode, got, err, want)
		}
	}
	// Word mode writes a '*' only after a read family: "Pass" is none, since
	// 7 of the 16 actions under it across AWS are neither List nor Read.
	got, err = runFunction(t, newCompactActionsFunction(), types.ListUnknown(types.StringType),
		stringListValue("iam:PassRole"), types.StringValue("word"))
	if err != nil || !got.Equal(stringListValue("iam:PassRole")) {
		t.Errorf("compact_actions([iam:PassRole], word) = %v, %v; want the full name", got, err)
	}
	for _, c := range []struct {
		actions   types.List
		wildcards string
		arg       int64
		want      string
	}{
		{stringListValue("s3:GetObject"), "some", 1, `Unknown wildcards mode "some"`},
		{stringListValue("s3:GetObject", "s3:Nope"), "word", 0, `Element 1: service "s3" has no action "Nope"`},
	} {
		_, err := runFunction(t, newCompactActionsFunction(), types.ListUnknown(types.StringType), c.actions, types.StringValue(c.wildcards))
		if err == nil || *err.FunctionArgument != c.arg || !strings.Contains(err.Text, c.want) {
			t.Errorf("compact_actions error = %v, want %q on argument %d", err, c.want, c.arg)
		}
	}
}

func TestExpandActionsFunction(t *testing.T) {
	got, err := runFunction(t, newExpandActionsFunction(), types.ListUnknown(types.StringType),
		stringListValue("s3:get*tagging", "S3:GetObjectTagging", "cloudtrail:DescribeTrails"))
	list, _ := got.(types.List)
	if err != nil || len(list.Elements()) < 5 {
		t.Fatalf("expand_actions = %v, %v", got, err)
	}
	names := list.Elements()
	if !names[0].Equal(types.StringValue("cloudtrail:DescribeTrails")) {
		t.Errorf("expand_actions is not sorted: %v", names)
	}
	seen := map[string]bool{}
	for _, n := range names {
		str, _ := n.(types.String)
		s := str.ValueString()
		if seen[s] || !strings.HasSuffix(s, "Tagging") && s != "cloudtrail:DescribeTrails" {
			t.Errorf("expand_actions gave %q (duplicate or not matching)", s)
		}
		seen[s] = true
	}
	if !seen["s3:GetObjectTagging"] || !seen["s3:GetBucketTagging"] {
		t.Errorf("expand_actions lacks s3:GetObjectTagging or s3:GetBucketTagging: %v", names)
	}
	_, err = runFunction(t, newExpandActionsFunction(), types.ListUnknown(types.StringType), stringListValue("s3:Get*", "s3:Nothing*"))
	if err == nil || *err.FunctionArgument != 0 || !strings.Contains(err.Text, `Element 1: `) || !strings.Contains(err.Text, `s3:Nothing*`) {
		t.Errorf("expand_actions unknown pattern error = %v", err)
	}
}

func TestIsReadOnlyFunction(t *testing.T) {
	for _, c := range []struct {
		actions []string
		want    bool
	}{
		{[]string{"s3:Get*Tagging", "ec2:Describe*"}, true},
		{[]string{"s3:Get*", "s3:PutObject"}, false},
		{[]string{"s3:*Tagging"}, false}, // Put*Tagging is Tagging
		{[]string{}, true},
	} {
		got, err := runFunction(t, newIsReadOnlyFunction(), types.BoolUnknown(), types.DynamicValue(stringListValue(c.actions...)))
		if err != nil || !got.Equal(types.BoolValue(c.want)) {
			t.Errorf("is_read_only(%v) = %v, %v; want %v", c.actions, got, err, c.want)
		}
	}
	if _, err := runFunction(t, newIsReadOnlyFunction(), types.BoolUnknown(), types.DynamicValue(stringListValue("s4:Get*"))); err == nil {
		t.Error("is_read_only accepted an unknown service")
	}
}

func TestPolicyAllowedActionsFunction(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"cloudtrail:*","Resource":"*"},
		{"Effect":"Deny","Action":"cloudtrail:Delete*","Resource":"*"}]}`
	got, err := runFunction(t, newPolicyAllowedActionsFunction(), types.ListUnknown(types.StringType), types.DynamicValue(types.StringValue(doc)))
	list, _ := got.(types.List)
	if err != nil || len(list.Elements()) != 66-6 {
		t.Fatalf("policy_allowed_actions = %d actions, %v; want 60 (66 less 6 Delete*)", len(list.Elements()), err)
	}
	for _, v := range list.Elements() {
		if strings.Contains(v.String(), "Delete") {
			t.Errorf("denied action %s allowed", v)
		}
	}
	for doc, want := range map[string]string{
		`{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`:                           `Statement[0].Effect`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Nope","Resource":"*"}]}`: `Statement[0].Action`,
		`not json`: `Invalid JSON`,
	} {
		_, err := runFunction(t, newPolicyAllowedActionsFunction(), types.ListUnknown(types.StringType), types.DynamicValue(types.StringValue(doc)))
		if err == nil || *err.FunctionArgument != 0 || !strings.Contains(err.Text, want) {
			t.Errorf("policy_allowed_actions(%s) error = %v, want %q", doc, err, want)
		}
	}
}

// objectPolicy is the Terraform value of a policy written as an HCL object
// with one Allow statement.
func objectPolicy(action attr.Value, resource attr.Value) types.Dynamic {
	stmt := types.ObjectValueMust(
		map[string]attr.Type{"Effect": types.StringType, "Action": action.Type(context.Background()), "Resource": resource.Type(context.Background())},
		map[string]attr.Value{"Effect": types.StringValue("Allow"), "Action": action, "Resource": resource})
	statements := types.TupleValueMust([]attr.Type{stmt.Type(context.Background())}, []attr.Value{stmt})
	return types.DynamicValue(types.ObjectValueMust(
		map[string]attr.Type{"Version": types.StringType, "Statement": statements.Type(context.Background())},
		map[string]attr.Value{"Version": types.StringValue("2012-10-17"), "Statement": statements}))
}

func TestPolicyFunctionsTakeAnObject(t *testing.T) {
	readOnly := objectPolicy(types.StringValue("s3:GetObject"), types.StringUnknown())
	got, err := runFunction(t, newIsReadOnlyFunction(), types.BoolUnknown(), readOnly)
	if err != nil || !got.Equal(types.BoolValue(true)) {
		t.Errorf("is_read_only(object with an unknown Resource) = %v, %v; want true", got, err)
	}
	unknownAction := objectPolicy(types.StringUnknown(), types.StringValue("*"))
	got, err = runFunction(t, newPolicyAllowedActionsFunction(), types.ListUnknown(types.StringType), unknownAction)
	if err != nil || !got.IsUnknown() {
		t.Errorf("policy_allowed_actions(object with an unknown Action) = %v, %v; want unknown", got, err)
	}
	writes := objectPolicy(stringListValue("s3:GetObject", "s3:PutObject", "s3:PutObjectTagging"), types.StringValue("*"))
	got, err = runFunction(t, newPolicyActionsSummaryFunction(), types.ObjectUnknown(summaryTypes), writes)
	summary, _ := got.(types.Object)
	if err != nil || summary.Attributes()["allowed_count"].String() != "3" ||
		!summary.Attributes()["non_read_only_actions"].Equal(stringListValue("s3:PutObject", "s3:PutObjectTagging")) ||
		!summary.Attributes()["is_read_only"].Equal(types.BoolValue(false)) {
		t.Errorf("policy_actions_summary = %v, %v", got, err)
	}
	typo := objectPolicy(stringListValue("s3:GetObject", "s3:GetObjekt"), types.StringValue("*"))
	got, err = runFunction(t, newPolicyActionsSummaryFunction(), types.ObjectUnknown(summaryTypes), typo)
	summary, _ = got.(types.Object)
	if err != nil || !summary.Attributes()["unknown_patterns"].Equal(stringListValue("s3:GetObjekt")) {
		t.Errorf("policy_actions_summary with a typo = %v, %v; want it in unknown_patterns", got, err)
	}
	if _, err := runFunction(t, newPolicyAllowedActionsFunction(), types.ListUnknown(types.StringType), typo); err == nil ||
		!strings.Contains(err.Text, "Statement[0].Action[1]") {
		t.Errorf("policy_allowed_actions with a typo: error %v, want one at Statement[0].Action[1]", err)
	}
	for _, c := range []struct {
		arg  types.Dynamic
		want string
	}{
		{types.DynamicNull(), "The policy must not be null"},
		{types.DynamicValue(types.BoolValue(true)), "The policy must be a JSON string or an object, not a bool"},
		{types.DynamicValue(types.StringValue(`{"Version":"2012-10-17","Statement":{"Effect":"allow"}}`)), "Statement.Effect"},
	} {
		_, err := runFunction(t, newPolicyActionsSummaryFunction(), types.ObjectUnknown(summaryTypes), c.arg)
		if err == nil || *err.FunctionArgument != 0 || !strings.Contains(err.Text, c.want) {
			t.Errorf("policy_actions_summary(%v) error = %v, want %q", c.arg, err, c.want)
		}
	}
}
