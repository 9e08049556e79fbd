package policy

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// countingCatalog records which services are read.
type countingCatalog struct {
	iam.Catalog
	mu   sync.Mutex
	read []string
}

func (c *countingCatalog) Service(ctx context.Context, prefix string) (*iam.Service, error) {
	c.mu.Lock()
	c.read = append(c.read, prefix)
	c.mu.Unlock()
	return c.Catalog.Service(ctx, prefix)
}

// A document expands over the services it names exactly as over the whole
// catalog, and only those services are read: a wildcard in a service part
// reads the services it matches, "*" and NotAction every one.
func TestScopedExpansionReadsOnlyTheServicesNamedAndAgrees(t *testing.T) {
	all, err := embedded.Default().Services(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, statements string
		reads            []string // nil: every service
	}{
		{"one service", `{"Effect":"Allow","Action":["s3:Get*","S3:putobject"],"Resource":"*"}`, []string{"s3"}},
		{"an allow and a deny over two services",
			`{"Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}`, []string{"ec2", "s3"}},
		{"a wildcard in the service part reads what it matches",
			`{"Effect":"Allow","Action":["cloudtrail*:Get*","s3:ListBucket"],"Resource":"*"}`, []string{"cloudtrail", "cloudtrail-data", "s3"}},
		{"an unknown service reads nothing more, and is still suggested a close name",
			`{"Effect":"Allow","Action":["s4:GetObject","iam:GetRole","iam:GetRoel"],"Resource":"*"}`, []string{"iam"}},
		{"malformed patterns read nothing", `{"Effect":"Allow","Action":["s3", ":x"],"Resource":"*"}`, []string{}},
		{"the star reads everything", `{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}`, nil},
		{"NotAction reads everything", `{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := `{"Version":"2012-10-17","Statement":[` + c.statements + `]}`
			cat := &countingCatalog{Catalog: embedded.Default()}
			scope, err := NeedOfJSON(src).Resolve(t.Context(), cat)
			if err != nil {
				t.Fatal(err)
			}
			scoped, err := NewScopedExpander(t.Context(), cat, scope)
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(cat.read)
			if c.reads == nil && (!scope.All || len(cat.read) != len(all)) {
				t.Errorf("read %d of %d services, want all", len(cat.read), len(all))
			}
			if c.reads != nil && !slices.Equal(cat.read, c.reads) {
				t.Errorf("read %q, want %q", cat.read, c.reads)
			}
			opts := Options{StatementActions: true, CompactStatements: true}
			got, gotDiags := scoped.ExpandJSON(src, opts)
			want, wantDiags := testExpander(t).ExpandJSON(src, opts)
			if g, w := describeResult(got, gotDiags), describeResult(want, wantDiags); g != w {
				t.Errorf("scoped expansion:\n%s\nwhole catalog:\n%s", g, w)
			}
		})
	}
}

// describeResult writes out everything a result and its diagnostics say.
func describeResult(res *Result, diags Diagnostics) string {
	var b strings.Builder
	fmt.Fprintln(&b, listDiags(diags))
	if res == nil {
		return b.String()
	}
	for _, s := range res.Statements {
		fmt.Fprintln(&b, s.Path, s.Count, s.Levels, s.Actions.Names(), s.Compacted, s.Unknown)
	}
	n := res.Net
	fmt.Fprintln(&b, n.Allowed.Len(), n.Levels, n.NonReadOnly.Len(), n.ConditionallyDenied.Names(), n.Unknown, n.ReadOnly)
	for _, s := range res.Services {
		fmt.Fprintf(&b, "%+v\n", s)
	}
	return b.String()
}

// Needs add up, and a need of every service wins.
func TestNeedsAddUp(t *testing.T) {
	n := NeedOf("s3:GetObject")
	n.Add(NeedOf("ec2:*", "cloud*:List*"))
	scope, err := n.Resolve(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	if scope.All || !slices.Contains(scope.Prefixes, "s3") || !slices.Contains(scope.Prefixes, "ec2") || !slices.Contains(scope.Prefixes, "cloudtrail") {
		t.Errorf("scope %v", scope.Prefixes)
	}
	n.Add(NeedOf("*"))
	if scope, _ := n.Resolve(t.Context(), embedded.Default()); !scope.All || scope.Key() != "*" {
		t.Errorf("scope %v", scope)
	}
}

// A validator looks up the services of the condition keys a document names,
// so validating needs them as well as the services of its actions; global
// keys need none.
func TestValidatingNeedsTheServicesOfConditionKeys(t *testing.T) {
	src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",` +
		`"Condition":{"StringEquals":{"ec2:ResourceTag/team":"a","aws:PrincipalTag/team":"a"}}}]}`
	scope, err := NeedToValidateJSON(src).Resolve(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"ec2", "s3"}; !slices.Equal(scope.Prefixes, want) {
		t.Errorf("validating needs %v, want %v", scope.Prefixes, want)
	}
	if scope, _ := NeedOfJSON(src).Resolve(t.Context(), embedded.Default()); !slices.Equal(scope.Prefixes, []string{"s3"}) {
		t.Errorf("expanding needs %v, want [s3]", scope.Prefixes)
	}
}
