package embedded

import (
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func TestSnapshotContents(t *testing.T) {
	ctx := t.Context()
	c := New(snapshot)
	if got := c.DataVersion(); got != "0.21.202609261" {
		t.Errorf("DataVersion() = %q", got)
	}
	summaries, err := c.Services(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(summaries) != 456 {
		t.Errorf("%d services, want 456", len(summaries))
	}
	levels := map[iam.AccessLevel]int{}
	total := 0
	for _, s := range summaries {
		svc, err := c.Service(ctx, s.Prefix)
		if err != nil {
			t.Fatal(err)
		}
		if svc.Prefix != s.Prefix || svc.Name != s.Name || len(svc.Actions) != s.ActionCount {
			t.Errorf("service %q decodes as %q/%q with %d actions, index says %+v", s.Prefix, svc.Prefix, svc.Name, len(svc.Actions), s)
		}
		for i := range svc.Actions {
			levels[svc.Actions[i].AccessLevel]++
			if i > 0 && strings.ToLower(svc.Actions[i-1].Name) >= strings.ToLower(svc.Actions[i].Name) {
				t.Errorf("%s: actions out of order at %q", s.Prefix, svc.Actions[i].Name)
			}
		}
		total += len(svc.Actions)
	}
	if total != 22091 {
		t.Errorf("%d actions, want 22091", total)
	}
	// The source writes 719 actions as "Tagging, Write" and 425 as
	// "Permissions management, Write": the specific level wins.
	want := map[iam.AccessLevel]int{iam.List: 3719, iam.Read: 5871, iam.Write: 11357, iam.Tagging: 719, iam.PermissionsManagement: 425}
	for l, n := range want {
		if levels[l] != n {
			t.Errorf("%d actions at level %s, want %d", levels[l], l, n)
		}
	}
	global, err := c.GlobalConditionKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(global) != 59 {
		t.Errorf("%d global condition keys, want 59", len(global))
	}
}

func TestServiceDetail(t *testing.T) {
	ctx := t.Context()
	svc, err := Default().Service(ctx, "S3") // prefixes are case-insensitive
	if err != nil {
		t.Fatal(err)
	}
	a, ok := svc.Action("getobject")
	if !ok || a.Name != "GetObject" || a.AccessLevel != iam.Read {
		t.Fatalf("s3 GetObject = %+v, %v", a, ok)
	}
	if len(a.ResourceTypes) != 2 || a.ResourceTypes[0].Name != "accesspointobject" || a.ResourceTypes[1].Name != "object" {
		t.Errorf("GetObject resource types = %+v", a.ResourceTypes)
	}
	rt, ok := svc.ResourceType("object")
	if !ok || rt.ARN != "arn:${Partition}:s3:::${BucketName}/${ObjectName}" {
		t.Errorf("object resource type = %+v", rt)
	}
	tag, _ := svc.Action("PutBucketTagging")
	if tag.AccessLevel != iam.Tagging {
		t.Errorf("PutBucketTagging level = %s, want Tagging", tag.AccessLevel)
	}
	if k, ok := svc.ConditionKey("s3:TlsVersion"); !ok || k.Type != "Numeric" {
		t.Errorf("s3:TlsVersion = %+v, %v", k, ok)
	}
}

func TestUnknownService(t *testing.T) {
	_, err := Default().Service(t.Context(), "cloudtrial")
	if err == nil || !iam.IsUnknownService(err) {
		t.Fatalf("err = %v, want unknown service", err)
	}
	if !strings.Contains(err.Error(), `did you mean "cloudtrail"`) {
		t.Errorf("err = %v, want a suggestion of cloudtrail", err)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	c := New(snapshot)
	var wg sync.WaitGroup
	results := make([]*iam.Service, 16)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], _ = c.Service(t.Context(), "ec2")
		}()
	}
	wg.Wait()
	for _, r := range results {
		if r == nil || r != results[0] {
			t.Fatal("concurrent readers got different or missing copies of one service")
		}
	}
}

func TestRoundTrip(t *testing.T) {
	in := &Snapshot{
		DataVersion:         "test",
		GlobalConditionKeys: []iam.ConditionKey{{Name: "aws:SourceIp", Type: "IPAddress", Description: "source"}},
		Services: []iam.Service{{
			Prefix: "demo", Name: "Demo",
			ResourceTypes: []iam.ResourceType{{Name: "thing", ARN: "arn:${Partition}:demo:::thing/${Id}", ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}},
			ConditionKeys: []iam.ConditionKey{{Name: "aws:ResourceTag/${TagKey}", Type: "String", Description: "tag"}},
			Actions: []iam.Action{
				{Name: "GetThing", Description: "get", AccessLevel: iam.Read,
					ResourceTypes:    []iam.ActionResource{{Name: "thing", Required: true, ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}, DependentActions: []string{"demo:ListThings"}}},
					ConditionKeys:    []string{"aws:ResourceTag/${TagKey}"},
					DependentActions: []string{"demo:ListThings"}},
				{Name: "ListThings", Description: "list", AccessLevel: iam.List},
			},
		}},
	}
	data, err := Encode(in)
	if err != nil {
		t.Fatal(err)
	}
	c := New(data)
	svc, err := c.Service(t.Context(), "demo")
	if err != nil {
		t.Fatal(err)
	}
	got, want := svc.Actions[0], in.Services[0].Actions[0]
	if got.Name != want.Name || got.AccessLevel != want.AccessLevel || !got.ResourceTypes[0].Required ||
		got.ResourceTypes[0].DependentActions[0] != "demo:ListThings" || got.ConditionKeys[0] != want.ConditionKeys[0] {
		t.Errorf("round trip: got %+v, want %+v", got, want)
	}
	if svc.ResourceTypes[0].ARN != in.Services[0].ResourceTypes[0].ARN || svc.ConditionKeys[0] != in.Services[0].ConditionKeys[0] {
		t.Errorf("round trip lost resource types or condition keys: %+v", svc)
	}
	if g, _ := c.GlobalConditionKeys(t.Context()); len(g) != 1 || g[0] != in.GlobalConditionKeys[0] {
		t.Errorf("global keys = %+v", g)
	}
}

// Every truncation of a valid snapshot fails with an error, never a panic.
func TestCorruptSnapshot(t *testing.T) {
	data, err := Encode(&Snapshot{DataVersion: "v", Services: []iam.Service{{Prefix: "a", Name: "A", Actions: []iam.Action{{Name: "X", AccessLevel: iam.Read}}}}})
	if err != nil {
		t.Fatal(err)
	}
	for n := 0; n < len(data); n++ {
		c := New(data[:n])
		if _, err := c.Service(t.Context(), "a"); err == nil {
			t.Errorf("snapshot truncated to %d bytes decoded without error", n)
		}
	}
	bad := append([]byte(nil), data...)
	bad[len(bad)-3] ^= 0xff
	if _, err := New(bad).Service(t.Context(), "a"); err == nil {
		t.Error("flipped bytes decoded without error")
	}
}

// BenchmarkFirstService is the cost a plan pays to answer about one service
// in a fresh process: decoding the index and that one service.
func BenchmarkFirstService(b *testing.B) {
	for _, prefix := range []string{"cloudtrail", "s3", "ec2"} {
		b.Run(prefix, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(snapshot).Service(b.Context(), prefix); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWholeCatalog decodes every service and reports the live heap
// the decoded catalog holds.
func BenchmarkWholeCatalog(b *testing.B) {
	for b.Loop() {
		decodeAll(b)
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := decodeAll(b)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(len(snapshot))/(1<<20), "snapshot-MB")
}

func decodeAll(b *testing.B) *Catalog {
	c := New(snapshot)
	all, err := c.Services(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range all {
		if _, err := c.Service(b.Context(), s.Prefix); err != nil {
			b.Fatal(err)
		}
	}
	return c
}
