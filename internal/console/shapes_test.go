package console

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixturesDecode keeps the fake's fixtures and the decoders in step:
// every fixture decodes as the answer of the method its name gives.
func TestFixturesDecode(t *testing.T) {
	paths, err := filepath.Glob("consolefake/testdata/*.json")
	if err != nil || len(paths) < 8 {
		t.Fatalf("fixtures: %v, %v", paths, err)
	}
	for _, path := range paths {
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".json")
		method, _, _ := strings.Cut(name, "-")
		var n int
		switch method {
		case "services":
			list, err := decodeList[wireService](body, method)
			for _, e := range list {
				if prefixOf(e) == "" {
					t.Errorf("%s: an entry without a prefix", name)
				}
			}
			n = len(list)
			noErr(t, name, err)
		case "actions":
			list, err := decodeList[wireAction](body, method)
			for _, a := range list {
				if a.ActionName == "" || len(a.ActionGroups) == 0 {
					t.Errorf("%s: %+v lacks a name or groups", name, a)
				}
			}
			n = len(list)
			noErr(t, name, err)
		case "resources":
			list, err := decodeList[wireResource](body, method)
			n = len(list)
			noErr(t, name, err)
		case "contextKeys", "globalConditionKeys":
			list, err := decodeList[wireKey](body, method)
			for _, k := range list {
				if k.Name == "" {
					t.Errorf("%s: a key without a name", name)
				}
			}
			n = len(list)
			noErr(t, name, err)
		case "getServiceLinkedRoleTemplate", "policySummary", "validate":
			if msg, isErr := errorEnvelope(body, method); isErr || jsonProblem(body) != "" {
				t.Errorf("%s reads as an error (%q) or not JSON", name, msg)
			}
			n = 1
		default:
			t.Errorf("fixture %s names no method", name)
		}
		if n == 0 {
			t.Errorf("%s decodes to nothing", name)
		}
	}
}

func noErr(t *testing.T, name string, err error) {
	t.Helper()
	if err != nil {
		t.Errorf("%s: %v", name, err)
	}
}

func TestDecodeListLeniency(t *testing.T) {
	for _, body := range []string{
		`[{"serviceName":"Amazon S3","serviceKeyName":"s3","extra":{"nested":[1,2]}}]`,
		`{"services":[{"ServiceName":"Amazon S3","SERVICEKEYNAME":"s3"}],"nextToken":null}`,
		`{"items":[{"serviceName":"Amazon S3","serviceKeyName":"s3"}]}`,
		` [ {"serviceKeyName":"s3"} ] `,
	} {
		list, err := decodeList[wireService]([]byte(body), "services")
		if err != nil || len(list) != 1 || list[0].ServiceKeyName != "s3" {
			t.Errorf("%s: %+v, %v", body, list, err)
		}
	}
	for body, want := range map[string]string{
		`null`:                   "null instead of a list",
		`"services"`:             "a string instead of a list",
		`42`:                     "a number instead of a list",
		`true`:                   "a boolean instead of a list",
		`{"a":1,"b":[]}`:         `keys "a", "b" instead of a list`,
		`{}`:                     "keys (none)",
		`[{"serviceKeyName":5}]`: "cannot unmarshal number",
	} {
		if _, err := decodeList[wireService]([]byte(body), "services"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", body, err, want)
		}
	}
}

func TestWireRefsAndKeys(t *testing.T) {
	var a wireAction
	err := json.Unmarshal([]byte(`{"actionName":"s3:GetObject","resourceTypes":["object",{"resourceName":"bucket","required":true},{"name":"x"}],"contextKeys":[{"contextKey":"s3:k"}]}`), &a)
	if err != nil || len(*a.ResourceTypes) != 3 || (*a.ResourceTypes)[1].Name != "bucket" || !*(*a.ResourceTypes)[1].Required ||
		(*a.ResourceTypes)[0].Required != nil || (*a.ContextKeys)[0].Name != "s3:k" || a.DependentActions != nil {
		t.Errorf("%+v, %v", a, err)
	}
	if bareAction(a.ActionName) != "GetObject" {
		t.Errorf("bareAction = %q", bareAction(a.ActionName))
	}
	var keys []wireKey
	err = json.Unmarshal([]byte(`[{"name":"a:b"},{"contextKeyName":"c:d","type":"String"},{"contextKey":"e:f"}]`), &keys)
	if err != nil || len(keys) != 3 || keys[0].Name != "a:b" || keys[1].Name != "c:d" || keys[1].Type != "String" || keys[2].Name != "e:f" {
		t.Errorf("%+v", keys)
	}
}

func TestPrefixMapping(t *testing.T) {
	for _, tc := range []struct {
		e    wireService
		want string
	}{
		{wireService{ServiceKeyName: "s3"}, "s3"},
		{wireService{ServiceKeyName: "KMS"}, "kms"},
		{wireService{ServiceKeyName: "ec2-console", ServicePrefix: "ec2"}, "ec2"},
		{wireService{ServiceName: "Amazon S3"}, ""},
	} {
		if got := prefixOf(tc.e); got != tc.want {
			t.Errorf("prefixOf(%+v) = %q, want %q", tc.e, got, tc.want)
		}
	}
	if arnService("arn:${Partition}:s3:::${BucketName}") != "s3" || arnService("not-an-arn") != "" {
		t.Error("arnService")
	}
	if keyNamespace("S3:prefix") != "s3" || keyNamespace("nocolon") != "" {
		t.Error("keyNamespace")
	}
}

func TestErrorEnvelope(t *testing.T) {
	for _, tc := range []struct {
		body, method, msg string
		isErr             bool
	}{
		{`{"error":{"code":"Throttling","message":"Rate exceeded"}}`, "services", "Throttling: Rate exceeded", true},
		{`{"errors":[{"message":"Invalid input"}],"status":400}`, "actions", "Invalid input", true},
		{`{"message":"Internal server error"}`, "services", "Internal server error", true},
		{`{"__type":"com.amazon#ValidationException","Message":"bad"}`, "actions", "bad", true},
		{`{"errorMessage":"boom","errorType":"Runtime"}`, "validate", "boom", true},
		{`{"errors":[],"warnings":[]}`, "validate", "", false},
		{`{"errors":[{"message":"policy problem"}]}`, "validate", "", false},
		{`{"message":"a summary"}`, "policySummary", "", false},
		{`{"error":null,"data":[]}`, "services", "", false},
		{`{"status":"ok"}`, "services", "", false},
		{`[{"message":"x"}]`, "services", "", false},
		{`{"serviceName":"autoscaling.amazonaws.com","type":"x"}`, "getServiceLinkedRoleTemplate", "", false},
	} {
		msg, isErr := errorEnvelope([]byte(tc.body), tc.method)
		if isErr != tc.isErr || msg != tc.msg {
			t.Errorf("%s (%s) = %q, %v; want %q, %v", tc.body, tc.method, msg, isErr, tc.msg, tc.isErr)
		}
	}
}

func TestJSONProblem(t *testing.T) {
	for body, want := range map[string]string{
		`[1,2]`:       "",
		`{"a":[1,`:    "truncated JSON",
		`[{"a":"b`:    "truncated JSON",
		`OK`:          "not JSON",
		`{"a":1} {}`:  "JSON followed by more data",
		`{"a":1} xyz`: "JSON followed by more data",
	} {
		if got := jsonProblem([]byte(body)); got != want {
			t.Errorf("jsonProblem(%q) = %q, want %q", body, got, want)
		}
	}
}
