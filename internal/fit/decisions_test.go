package fit

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate"
)

// TestFittedPoliciesDecideEveryRequestAlike checks the fitter apart from
// its own proof: seeded random policies over a small alphabet of actions,
// resources and conditions, fitted under a small limit so that splitting
// and packing happen too, must decide every request of the alphabet as the
// input does, under the evaluator
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
func TestFittedPoliciesDecideEveryRequestAlike(t *testing.T) {
	f := testFitter(t)
	patterns := []string{"s3:GetObject", "s3:GetObjectAcl", "s3:GetObjectTagging", "s3:PutObject", "s3:DeleteObject",
		"s3:ListBucket", "s3:GetObject*", "s3:Get*", "s3:*Object", "ec2:DescribeInstances", "ec2:DescribeVolumes",
		"ec2:DescribeSpotFleetRequests", "ec2:DescribeSpotPriceHistory", "ec2:DescribeSpot*", "iam:PassRole", "iam:GetRole"}
	resources := []string{"*", "arn:aws:s3:::a/*", "arn:aws:s3:::a/x", "arn:aws:s3:::b/*", "arn:aws:s3:::${aws:username}/*",
		"arn:aws:iam::111122223333:role/app"}
	conditions := []map[string]any{nil, {"Bool": map[string]any{"aws:SecureTransport": "true"}},
		{"StringEquals": map[string]any{"aws:PrincipalTag/team": "red"}}}
	var actions []string
	for _, p := range patterns {
		set, err := f.exp.ExpandPattern(p)
		if err != nil {
			t.Fatal(err)
		}
		actions = append(actions, set.Names()...)
	}
	requestResources := []string{"arn:aws:s3:::a/x", "arn:aws:s3:::a/y", "arn:aws:s3:::b/z", "arn:aws:s3:::alice/k",
		"arn:aws:iam::111122223333:role/app", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"}
	contexts := []map[string][]string{
		{"aws:SecureTransport": {"true"}, "aws:PrincipalTag/team": {"red"}},
		{"aws:SecureTransport": {"false"}, "aws:PrincipalTag/team": {"red"}},
		{"aws:SecureTransport": {"true"}, "aws:PrincipalTag/team": {"blue"}},
	}
	principal := evaluate.Principal{Type: evaluate.User, ARN: "arn:aws:iam::111122223333:user/alice"}
	compile := func(srcs []string) *evaluate.Set {
		set := &evaluate.Set{}
		for _, src := range srcs {
			p, diags := evaluate.CompileJSON(src, evaluate.Source{Kind: evaluate.Identity})
			if p == nil {
				t.Fatalf("compile: %v", diags)
			}
			set.Identity = append(set.Identity, p)
		}
		return set
	}
	rng := rand.New(rand.NewPCG(19, 7))
	pick := func(n int) int { return rng.IntN(n) }
	fitted, rewritten := 0, 0
	for trial := 0; trial < 60; trial++ {
		var sts []map[string]any
		for range 3 + pick(10) {
			st := map[string]any{"Effect": []string{"Allow", "Allow", "Allow", "Deny"}[pick(4)]}
			var acts []string
			for range 1 + pick(4) {
				acts = append(acts, patterns[pick(len(patterns))])
			}
			st["Action"] = acts
			var res []string
			for range 1 + pick(2) {
				res = append(res, resources[pick(len(resources))])
			}
			st["Resource"] = res
			if c := conditions[pick(len(conditions))]; c != nil {
				st["Condition"] = c
			}
			sts = append(sts, st)
		}
		b, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": sts})
		in := string(b)
		res, err := f.Fit(context.Background(), []string{in}, Options{Limit: 400, MaxDocuments: 8})
		if err != nil {
			t.Logf("trial %d: %v", trial, err)
			continue
		}
		fitted++
		if res.Changes.Rewrites {
			rewritten++
		}
		before, after := compile([]string{in}), compile(res.Documents)
		for _, a := range actions {
			for _, r := range requestResources {
				for _, c := range contexts {
					req := evaluate.Request{Principal: principal, Action: a, Resource: r, Context: c}
					if d1, d2 := before.Evaluate(&req).Decision, after.Evaluate(&req).Decision; d1 != d2 {
						t.Fatalf("trial %d: %s on %s under %v: input %s, fitted %s\ninput  %s\nfitted %v", trial, a, r, c, d1, d2, in, res.Documents)
					}
				}
			}
		}
	}
	t.Logf("%d of 60 fitted, %d with rewrites", fitted, rewritten)
	if fitted < 50 || rewritten < fitted/2 {
		t.Errorf("only %d of 60 trials fitted, %d with rewrites", fitted, rewritten)
	}
}
