package consolefake

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

//go:embed testdata/*.json
var fixtures embed.FS

// The synthesized entries below take the shapes of the fixtures in
// testdata (see its README): the fixtures are the reference.

type fakeService struct {
	ServiceName    string `json:"serviceName"`
	ServiceKeyName string `json:"serviceKeyName"`
}

type fakeAction struct {
	ActionName   string   `json:"actionName"`
	ActionGroups []string `json:"actionGroups"`
}

type fakeResource struct {
	ResourceName   string   `json:"resourceName"`
	ServiceKeyName string   `json:"serviceKeyName"`
	ARN            string   `json:"arn"`
	ContextKeys    []string `json:"contextKeys"`
}

type fakeKey struct {
	Name           string `json:"name"`
	ServiceKeyName string `json:"serviceKeyName,omitempty"`
	Type           string `json:"type"`
	Description    string `json:"description"`
}

// dataset is every answer the fake serves, built once per process.
type dataset struct {
	services    []json.RawMessage
	keyToPrefix map[string]string          // lower-cased serviceKeyName → snapshot prefix
	prefixToKey map[string]string          // snapshot prefix → serviceKeyName as listed
	actions     map[string]json.RawMessage // lower-cased serviceKeyName → answer
	resources   json.RawMessage
	contextKeys json.RawMessage
	global      json.RawMessage
	templates   map[string]json.RawMessage // service principal → answer
	summary     json.RawMessage
	validate    json.RawMessage
}

var (
	dataOnce sync.Once
	data     *dataset
	dataErr  error
)

func loadDataset() (*dataset, error) {
	dataOnce.Do(func() { data, dataErr = buildDataset(context.Background(), embedded.Default()) })
	return data, dataErr
}

func buildDataset(ctx context.Context, snap iam.Catalog) (*dataset, error) {
	d := &dataset{keyToPrefix: map[string]string{}, prefixToKey: map[string]string{}, actions: map[string]json.RawMessage{}, templates: map[string]json.RawMessage{}}
	summaries, err := snap.Services(ctx)
	if err != nil {
		return nil, err
	}
	services := make([]*iam.Service, len(summaries))
	for i, s := range summaries {
		if services[i], err = snap.Service(ctx, s.Prefix); err != nil {
			return nil, err
		}
	}
	if err := d.addServices(services); err != nil {
		return nil, err
	}
	if err := d.addActions(services); err != nil {
		return nil, err
	}
	if d.resources, err = mergeFixture("resources.json", d.resourceEntries(services), d.fixturePrefix); err != nil {
		return nil, err
	}
	if d.contextKeys, err = mergeFixture("contextKeys.json", d.keyEntries(services), d.fixturePrefix); err != nil {
		return nil, err
	}
	global, err := snap.GlobalConditionKeys(ctx)
	if err != nil {
		return nil, err
	}
	if d.global, err = mergeGlobal(global); err != nil {
		return nil, err
	}
	return d, d.addDocuments()
}

// addServices serves services.json, then an entry for every snapshot
// service the fixture does not name.
func (d *dataset) addServices(services []*iam.Service) error {
	var listed []json.RawMessage
	if err := readFixture("services.json", &listed); err != nil {
		return err
	}
	for _, raw := range listed {
		var e struct{ ServiceKeyName, ServicePrefix string }
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("services.json: %w", err)
		}
		prefix := strings.ToLower(firstOf(e.ServicePrefix, e.ServiceKeyName))
		d.keyToPrefix[strings.ToLower(e.ServiceKeyName)] = prefix
		if _, ok := d.prefixToKey[prefix]; !ok {
			d.prefixToKey[prefix] = e.ServiceKeyName
		}
	}
	d.services = listed
	covered := map[string]bool{}
	for _, p := range d.keyToPrefix {
		covered[p] = true
	}
	for _, svc := range services {
		if covered[svc.Prefix] {
			continue
		}
		d.keyToPrefix[svc.Prefix] = svc.Prefix
		d.prefixToKey[svc.Prefix] = svc.Prefix
		raw, _ := json.Marshal(fakeService{ServiceName: svc.Name, ServiceKeyName: svc.Prefix})
		d.services = append(d.services, raw)
	}
	return nil
}

// addActions serves actions-<key>.json fixtures, else the snapshot's actions.
func (d *dataset) addActions(services []*iam.Service) error {
	byPrefix := map[string]*iam.Service{}
	for _, svc := range services {
		byPrefix[svc.Prefix] = svc
	}
	for key, prefix := range d.keyToPrefix {
		var raw json.RawMessage
		err := readFixture("actions-"+key+".json", &raw)
		switch {
		case err == nil:
			d.actions[key] = raw
			continue
		case !isNotExist(err):
			return err
		}
		svc, ok := byPrefix[prefix]
		if !ok {
			return fmt.Errorf("services.json names %q, which neither the snapshot nor an actions fixture knows", key)
		}
		list := make([]fakeAction, len(svc.Actions))
		for i, a := range svc.Actions {
			list[i] = fakeAction{ActionName: a.Name, ActionGroups: groupNames(a.AccessLevel)}
		}
		d.actions[key], _ = json.Marshal(list)
	}
	return nil
}

func groupNames(l iam.AccessLevel) []string {
	var out []string
	for _, g := range l.Groups() {
		out = append(out, string(g))
	}
	return out
}

// consoleKey is the serviceKeyName the service list gives a prefix.
func (d *dataset) consoleKey(prefix string) string { return firstOf(d.prefixToKey[prefix], prefix) }

func (d *dataset) resourceEntries(services []*iam.Service) map[string][]any {
	out := map[string][]any{}
	for _, svc := range services {
		for _, rt := range svc.ResourceTypes {
			out[svc.Prefix] = append(out[svc.Prefix], fakeResource{
				ResourceName: rt.Name, ServiceKeyName: d.consoleKey(svc.Prefix), ARN: rt.ARN, ContextKeys: nonNil(rt.ConditionKeys),
			})
		}
	}
	return out
}

func (d *dataset) keyEntries(services []*iam.Service) map[string][]any {
	out := map[string][]any{}
	for _, svc := range services {
		for _, k := range svc.ConditionKeys {
			out[svc.Prefix] = append(out[svc.Prefix], fakeKey{
				Name: k.Name, ServiceKeyName: d.consoleKey(svc.Prefix), Type: k.Type, Description: k.Description,
			})
		}
	}
	return out
}

// fixturePrefix places a fixture entry of resources.json or
// contextKeys.json with a service, as the client would.
func (d *dataset) fixturePrefix(raw json.RawMessage) string {
	var e struct {
		ServiceKeyName, ARN, Name, ContextKeyName, ContextKey string
	}
	if json.Unmarshal(raw, &e) != nil {
		return ""
	}
	if p, ok := d.keyToPrefix[strings.ToLower(e.ServiceKeyName)]; ok {
		return p
	}
	if parts := strings.SplitN(e.ARN, ":", 4); len(parts) == 4 {
		return strings.ToLower(parts[2])
	}
	ns, _, _ := strings.Cut(firstOf(e.Name, e.ContextKeyName, e.ContextKey), ":")
	return strings.ToLower(ns)
}

// mergeFixture serves a fixture's entries, then the synthesized entries
// of every service the fixture does not cover.
func mergeFixture(name string, synthesized map[string][]any, place func(json.RawMessage) string) (json.RawMessage, error) {
	var listed []json.RawMessage
	if err := readFixture(name, &listed); err != nil {
		return nil, err
	}
	covered := map[string]bool{}
	out := make([]any, 0, len(listed))
	for _, raw := range listed {
		covered[place(raw)] = true
		out = append(out, raw)
	}
	prefixes := sortedKeys(synthesized)
	for _, p := range prefixes {
		if !covered[p] {
			out = append(out, synthesized[p]...)
		}
	}
	return json.Marshal(out)
}

func mergeGlobal(global []iam.ConditionKey) (json.RawMessage, error) {
	var listed []json.RawMessage
	if err := readFixture("globalConditionKeys.json", &listed); err != nil {
		return nil, err
	}
	covered := map[string]bool{}
	out := make([]any, 0, len(global))
	for _, raw := range listed {
		var e struct{ Name string }
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("globalConditionKeys.json: %w", err)
		}
		covered[e.Name] = true
		out = append(out, raw)
	}
	for _, k := range global {
		if !covered[k.Name] {
			out = append(out, fakeKey{Name: k.Name, Type: k.Type, Description: k.Description})
		}
	}
	return json.Marshal(out)
}

// addDocuments loads the answers of the document methods.
func (d *dataset) addDocuments() error {
	entries, err := fs.Glob(fixtures, "testdata/getServiceLinkedRoleTemplate-*.json")
	if err != nil {
		return err
	}
	for _, path := range entries {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "testdata/getServiceLinkedRoleTemplate-"), ".json")
		var raw json.RawMessage
		if err := readFixture(strings.TrimPrefix(path, "testdata/"), &raw); err != nil {
			return err
		}
		d.templates[name] = raw
	}
	if err := readFixture("policySummary.json", &d.summary); err != nil {
		return err
	}
	return readFixture("validate.json", &d.validate)
}

func readFixture(name string, v any) error {
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("fixture %s: %w", name, err)
	}
	return nil
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
