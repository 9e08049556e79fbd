package provider

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// The values an element of a sampled statement takes, each also the values
// an unknown one may turn out to be.
var boundPools = map[string][]any{
	"Effect":    {"Allow", "Deny"},
	"Action":    {"s3:GetObject", "s3:*", "iam:PassRole", []any{"s3:GetObject", "iam:PassRole"}},
	"Resource":  {"*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/x", "arn:aws:s3:::other/*", "arn:aws:iam::111122223333:role/admin"},
	"Principal": {"*", map[string]any{"AWS": "*"}, map[string]any{"AWS": "111122223333"}},
	"Condition": {
		map[string]any{"StringNotEquals": map[string]any{"aws:PrincipalOrgID": "o-1"}},
		map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-1"}},
		map[string]any{"StringLike": map[string]any{"aws:PrincipalOrgID": "o-*"}},
		map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}},
	},
}

// sampledPolicy is a random policy with some elements unknown, and for
// each unknown element the values it may take.
func sampledPolicy(r *rand.Rand, resourcePolicy bool) (doc map[string]any, unknowns []string) {
	var statements []map[string]any
	for range 1 + r.IntN(3) {
		st := map[string]any{}
		for _, k := range []string{"Effect", "Action", "Resource", "Principal", "Condition"} {
			if k == "Principal" && !resourcePolicy || k == "Condition" && r.IntN(2) == 0 {
				continue
			}
			st[k] = pick(r, boundPools[k])
		}
		statements = append(statements, st)
	}
	for range 1 + r.IntN(2) {
		st := pick(r, statements)
		keys := []string{"Effect", "Action", "Resource", "Condition"}
		if resourcePolicy {
			keys = append(keys, "Principal")
		}
		k := pick(r, keys)
		if _, ok := st[k]; ok && st[k] != policy.Unknown {
			st[k] = policy.Unknown
			unknowns = append(unknowns, k)
		}
	}
	list := make([]any, len(statements))
	for i, st := range statements {
		list[i] = st
	}
	return map[string]any{"Version": "2012-10-17", "Statement": list}, unknowns
}

// concretes calls do with every document the unknown parts of doc can become.
func concretes(doc map[string]any, do func(src string)) {
	type hole struct {
		st  map[string]any
		key string
	}
	var holes []hole
	for _, s := range statementsOf(doc) {
		st, _ := s.(map[string]any)
		for k, v := range st {
			if v == policy.Unknown {
				holes = append(holes, hole{st, k})
			}
		}
	}
	var fill func(i int)
	fill = func(i int) {
		if i == len(holes) {
			src, _ := json.Marshal(doc)
			do(string(src))
			return
		}
		st, k := holes[i].st, holes[i].key
		for _, v := range boundPools[k] {
			st[k] = v
			fill(i + 1)
		}
		st[k] = policy.Unknown
	}
	fill(0)
}

// Whenever the two bounds of a check agree, every value the unknown parts
// can take from the sampled pools gives the same answer: the functions'
// plan-time answers are the answers after apply.
func TestCheckBoundsAgreeWithEveryValue(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 26))
	known := map[string]int{}
	type check struct {
		name     string
		resource bool
		bounds   func(b policyBounds) (*evaluate.CheckResult, *evaluate.CheckResult)
		concrete func(src string) bool
	}
	access := []evaluate.Access{{Actions: []string{"iam:PassRole"}, Resources: []string{"arn:aws:iam::111122223333:role/admin"}}}
	existing := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},` +
		`{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/x"}]}`
	compileFor := func(src string, kind evaluate.Kind) *evaluate.Policy {
		p, diags := evaluate.CompileJSON(src, evaluate.Source{Kind: kind})
		if p == nil {
			t.Fatalf("%s: %v", src, diags)
		}
		return p
	}
	checks := []check{
		{"no_public_access", true, func(b policyBounds) (*evaluate.CheckResult, *evaluate.CheckResult) {
			l, s, ferr := noPublicAccessBounds(b, "AWS::S3::Bucket")
			if ferr != nil {
				t.Fatal(ferr)
			}
			return l, s
		}, func(src string) bool {
			res, _ := evaluate.CheckNoPublicAccess(compileFor(src, evaluate.ResourcePolicy), "AWS::S3::Bucket")
			return res.Pass
		}},
		{"access_not_granted", false, func(b policyBounds) (*evaluate.CheckResult, *evaluate.CheckResult) {
			l, s, ferr := accessNotGrantedBounds(b, access)
			if ferr != nil {
				t.Fatal(ferr)
			}
			return l, s
		}, func(src string) bool {
			return evaluate.CheckAccessNotGranted(compileFor(src, evaluate.Identity), access).Pass
		}},
		{"no_new_access", false, func(b policyBounds) (*evaluate.CheckResult, *evaluate.CheckResult) {
			l, s, ferr := noNewAccessBounds(b, policyBounds{known: true, exact: existing})
			if ferr != nil {
				t.Fatal(ferr)
			}
			return l, s
		}, func(src string) bool {
			return evaluate.CheckNoNewAccess(compileFor(src, evaluate.Identity), compileFor(existing, evaluate.Identity)).Pass
		}},
	}
	for _, c := range checks {
		for range 800 {
			doc, unknowns := sampledPolicy(r, c.resource)
			if len(unknowns) == 0 {
				continue
			}
			b := policyBounds{known: true, value: doc}
			result := verdict(c.bounds(b))
			if result == nil {
				continue
			}
			known[c.name]++
			concretes(doc, func(src string) {
				if c.concrete(src) != result.Pass {
					t.Fatalf("%s: the bounds say pass = %v for every value of %v, but %s gives %v",
						c.name, result.Pass, unknowns, src, !result.Pass)
				}
			})
		}
		if known[c.name] < 100 {
			t.Errorf("%s: only %d sampled policies with unknown parts had a known answer", c.name, known[c.name])
		}
	}
	t.Log(known)
}

// is_allowed's bounds, likewise: when they agree, every value agrees.
func TestIsAllowedBoundsAgreeWithEveryValue(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	requests := []*evaluate.Request{
		{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x"}, {Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/admin"},
		{Action: "s3:PutObject", Resource: "arn:aws:s3:::other/y"},
	}
	known := 0
	for range 800 {
		doc, unknowns := sampledPolicy(r, false)
		if len(unknowns) == 0 {
			continue
		}
		req := pick(r, requests)
		least, most, ferr := isAllowedBounds(policyBounds{known: true, value: doc}, req)
		if ferr != nil {
			t.Fatal(ferr)
		}
		if least != most {
			continue
		}
		known++
		concretes(doc, func(src string) {
			p, diags := evaluate.CompileJSON(src, evaluate.Source{Kind: evaluate.Identity})
			if p == nil {
				t.Fatalf("%s: %v", src, diags)
			}
			if got := (&evaluate.Set{Identity: []*evaluate.Policy{p}}).Evaluate(req).Decision == evaluate.Allowed; got != least {
				t.Fatalf("the bounds say %v for %s on %s for every value of %v, but %s gives %v", least, req.Action, req.Resource, unknowns, src, got)
			}
		})
	}
	if known < 100 {
		t.Errorf("only %d sampled policies with unknown parts had a known answer", known)
	}
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }
