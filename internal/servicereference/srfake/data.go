package srfake

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

//go:embed testdata/*.json
var fixtures embed.FS

// Removed is a service the snapshot knows that the fake's index leaves out.
const Removed = "mobileanalytics"

// Added is a service only the fake knows (testdata/widgetpreview.json).
const Added = "widgetpreview"

// document is one served file with its validator.
type document struct {
	body []byte
	etag string
}

// dataset is every document the fake serves, built once per process.
type dataset struct {
	services []string // sorted
	docs     map[string]document
}

// loadDataset builds the dataset on first use.
var loadDataset = sync.OnceValues(func() (*dataset, error) {
	return buildDataset(context.Background(), embedded.Default())
})

func buildDataset(ctx context.Context, snap iam.Catalog) (*dataset, error) {
	d := &dataset{docs: map[string]document{}}
	summaries, err := snap.Services(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range summaries {
		if s.Prefix == Removed {
			continue
		}
		svc, err := snap.Service(ctx, s.Prefix)
		if err != nil {
			return nil, err
		}
		body, err := json.Marshal(synthesize(svc))
		if err != nil {
			return nil, err
		}
		d.add(s.Prefix, body)
	}
	files, err := fixtures.ReadDir("testdata")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		body, err := fixtures.ReadFile(path.Join("testdata", f.Name()))
		if err != nil {
			return nil, err
		}
		if !json.Valid(body) {
			return nil, fmt.Errorf("testdata/%s is not JSON", f.Name())
		}
		d.add(strings.TrimSuffix(f.Name(), ".json"), body)
	}
	for name := range d.docs {
		d.services = append(d.services, name)
	}
	sort.Strings(d.services)
	return d, nil
}

// withAdded synthesizes the documents of the services that WithAction
// gives more actions: the snapshot's, with added[i] in addedTo[i].
func withAdded(addedTo []string, added []iam.Action) (map[string]document, error) {
	docs := map[string]document{}
	byService := map[string]*iam.Service{}
	for i, prefix := range addedTo {
		svc := byService[prefix]
		if svc == nil {
			orig, err := embedded.Default().Service(context.Background(), prefix)
			if err != nil {
				return nil, err
			}
			cp := *orig
			cp.Actions = slices.Clone(orig.Actions)
			svc, byService[prefix] = &cp, &cp
		}
		if _, exists := svc.Action(added[i].Name); exists {
			return nil, fmt.Errorf("service %q already has an action %q", prefix, added[i].Name)
		}
		svc.Actions = append(svc.Actions, added[i])
		slices.SortFunc(svc.Actions, func(a, b iam.Action) int { return iam.CompareFold(a.Name, b.Name) })
	}
	for prefix, svc := range byService {
		body, err := json.Marshal(synthesize(svc))
		if err != nil {
			return nil, err
		}
		docs[prefix] = newDocument(body)
	}
	return docs, nil
}

func (d *dataset) add(service string, body []byte) { d.docs[service] = newDocument(body) }

// newDocument gives a body its validator, a digest of it.
func newDocument(body []byte) document {
	sum := sha256.Sum256(body)
	return document{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

// The documented shapes, written out the way AWS writes them.

type docJSON struct {
	Name          string          `json:"Name"`
	Actions       []actionJSON    `json:"Actions"`
	ConditionKeys []keyJSON       `json:"ConditionKeys"`
	Operations    []operationJSON `json:"Operations"`
	Resources     []resourceJSON  `json:"Resources"`
	Version       string          `json:"Version"`
}

type actionJSON struct {
	Name                string          `json:"Name"`
	ActionConditionKeys []string        `json:"ActionConditionKeys,omitempty"`
	Annotations         annotationsJSON `json:"Annotations"`
	Resources           []refJSON       `json:"Resources,omitempty"`
	SupportedBy         map[string]bool `json:"SupportedBy"`
}

type annotationsJSON struct {
	Properties map[string]bool `json:"Properties"`
}

type refJSON struct {
	Name string `json:"Name"`
}

type keyJSON struct {
	Name  string   `json:"Name"`
	Types []string `json:"Types"`
}

type resourceJSON struct {
	Name          string   `json:"Name"`
	ARNFormats    []string `json:"ARNFormats"`
	ConditionKeys []string `json:"ConditionKeys,omitempty"`
}

type operationJSON struct {
	Name              string           `json:"Name"`
	AuthorizedActions []authorizedJSON `json:"AuthorizedActions"`
	SDK               []sdkJSON        `json:"SDK"`
}

type authorizedJSON struct {
	Name    string `json:"Name"`
	Service string `json:"Service"`
}

type sdkJSON struct {
	Name    string `json:"Name"`
	Method  string `json:"Method"`
	Package string `json:"Package"`
}

// synthesize writes a snapshot service as the reference would: levels as
// the Properties flags (tagging and permissions management are writes
// too, as AWS marks them), and an operation per action, named in three SDKs.
func synthesize(svc *iam.Service) docJSON {
	doc := docJSON{Name: svc.Prefix, Version: "v1.4"}
	for _, a := range svc.Actions {
		w := actionJSON{
			Name:                a.Name,
			ActionConditionKeys: a.ConditionKeys,
			Annotations: annotationsJSON{Properties: map[string]bool{
				"IsList":                 a.AccessLevel == iam.List,
				"IsPermissionManagement": a.AccessLevel == iam.PermissionsManagement,
				"IsTaggingOnly":          a.AccessLevel == iam.Tagging,
				"IsWrite":                a.AccessLevel == iam.Write || a.AccessLevel == iam.Tagging || a.AccessLevel == iam.PermissionsManagement,
			}},
			SupportedBy: map[string]bool{"IAM Access Analyzer Policy Generation": true, "IAM Action Last Accessed": a.AccessLevel != iam.List},
		}
		for _, r := range a.ResourceTypes {
			w.Resources = append(w.Resources, refJSON{Name: r.Name})
		}
		doc.Actions = append(doc.Actions, w)
		method := snake(a.Name)
		doc.Operations = append(doc.Operations, operationJSON{
			Name:              a.Name,
			AuthorizedActions: []authorizedJSON{{Name: a.Name, Service: svc.Prefix}},
			SDK: []sdkJSON{
				{Name: svc.Prefix, Method: method, Package: "Boto3"},
				{Name: svc.Prefix, Method: a.Name, Package: "AWS SDK for JavaScript v3"},
				{Name: svc.Prefix, Method: a.Name, Package: "AWS SDK for Go v2"},
				{Name: svc.Prefix, Method: lowerFirst(a.Name), Package: "AWS SDK for Java 2.x"},
				{Name: svc.Prefix, Method: a.Name + "Async", Package: "AWS SDK for .NET"},
			},
		})
	}
	for _, k := range svc.ConditionKeys {
		doc.ConditionKeys = append(doc.ConditionKeys, keyJSON{Name: k.Name, Types: []string{k.Type}})
	}
	for _, r := range svc.ResourceTypes {
		doc.Resources = append(doc.Resources, resourceJSON{Name: r.Name, ARNFormats: []string{r.ARN}, ConditionKeys: r.ConditionKeys})
	}
	return doc
}

// snake writes GetObjectTagging as get_object_tagging, as Boto3 does.
func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) && i > 0 && !unicode.IsUpper(rune(name[i-1])) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func lowerFirst(name string) string {
	if name == "" {
		return name
	}
	return strings.ToLower(name[:1]) + name[1:]
}
