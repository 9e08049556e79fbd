package boundary

import (
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
	"github.com/iamv2/terraform-provider-iamv2/internal/validation"
)

// TeamServices and TeamExclude are the typical team set of issue 11.
var (
	TeamServices = []string{"ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"}
	TeamExclude  = []string{"s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"}
)

// engines are what the data source builds once per catalog, here the
// embedded snapshot: Build's arguments but the request.
type engines struct {
	cat iam.Catalog
	exp *policy.Expander
	u   *Universe
	v   *validation.Validator
}

func enginesOf(t testing.TB) engines {
	t.Helper()
	ctx := t.Context()
	e := engines{cat: embedded.Default()}
	var err error
	if e.exp, err = policy.NewExpander(ctx, e.cat); err != nil {
		t.Fatal(err)
	}
	services, err := readonly.AllServices(ctx, e.cat)
	if err != nil {
		t.Fatal(err)
	}
	if e.u, err = NewUniverse(services); err != nil {
		t.Fatal(err)
	}
	if e.v, err = validation.New(ctx, e.cat, e.exp); err != nil {
		t.Fatal(err)
	}
	return e
}

// problemFor is the Problem of a target set chosen as the data source
// chooses it, over the embedded snapshot.
func problemFor(t testing.TB, opts readonly.Options, mode readonly.Wildcards, cross bool) (Problem, int) {
	t.Helper()
	ctx := t.Context()
	cat := embedded.Default()
	target, diags, err := readonly.SelectTarget(ctx, cat, opts)
	if err != nil || target == nil {
		t.Fatal(err, diags)
	}
	services, err := readonly.AllServices(ctx, cat)
	if err != nil {
		t.Fatal(err)
	}
	families, err := readonly.FamiliesOf(ctx, cat, target.Levels)
	if err != nil {
		t.Fatal(err)
	}
	byPrefix := map[string]readonly.TargetService{}
	for _, ts := range target.Services {
		byPrefix[ts.Service.Prefix] = ts
	}
	u, err := NewUniverse(services)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Universe: u, Classes: make([][]Class, len(services)), MaxChars: readonly.DefaultMaxPolicyChars,
		Mode: mode, CrossService: cross, Families: families}
	for i, svc := range services {
		p.Classes[i] = make([]Class, len(svc.Actions))
		ts, ok := byPrefix[svc.Prefix]
		for j := range svc.Actions {
			switch {
			case ok && ts.Full[j] && ts.Want[j]:
				p.Classes[i][j] = Full
			case ok && ts.Want[j]:
				p.Classes[i][j] = Target
			}
		}
	}
	if mode == readonly.WildcardsWord {
		for _, w := range families.DenyWords() {
			p.DenyWords = append(p.DenyWords, w.Pattern())
		}
	}
	return p, target.Size
}

var listRead = iam.LevelSet(0).Add(iam.List).Add(iam.Read)
