package evaluate

import (
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
)

// managed compiles AWS managed policies by name as the given kind.
func managed(b *testing.B, kind Kind, names ...string) []*Policy {
	b.Helper()
	all, err := managedpolicies.All()
	if err != nil {
		b.Fatal(err)
	}
	var out []*Policy
	for _, name := range names {
		for _, p := range all {
			if p.Name == name {
				out = append(out, compile(b, kind, string(p.Document)))
			}
		}
	}
	if len(out) != len(names) {
		b.Fatalf("found %d of %v", len(out), names)
	}
	return out
}

// BenchmarkEvaluate decides requests for a role session under an identity
// policy, a permissions boundary and two SCP levels, each an AWS managed
// policy: ReadOnlyAccess (the largest in action count), PowerUserAccess,
// and ViewOnlyAccess and SecurityAudit as SCPs. The figure for README is
// requests/s on one core (-cpu 1).
func BenchmarkEvaluate(b *testing.B) {
	set := &Set{
		Identity: managed(b, Identity, "ReadOnlyAccess"),
		Boundary: managed(b, PermissionsBoundary, "PowerUserAccess")[0],
		SCPs:     [][]*Policy{managed(b, ServiceControlPolicy, "ViewOnlyAccess"), managed(b, ServiceControlPolicy, "SecurityAudit")},
	}
	pr := principal(b, roleSession)
	reqs := []Request{
		{Principal: pr, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key"},
		{Principal: pr, Action: "ec2:DescribeInstances", Resource: "*"},
		{Principal: pr, Action: "iam:CreateUser", Resource: "arn:aws:iam::111122223333:user/x"},
		{Principal: pr, Action: "dynamodb:ListTables", Resource: "*", Context: map[string][]string{"aws:SourceIp": {"10.0.0.1"}}},
		{Principal: pr, Action: "cloudtrail:DescribeTrails", Resource: "*"},
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		set.Evaluate(&reqs[i%len(reqs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "requests/s")
}
