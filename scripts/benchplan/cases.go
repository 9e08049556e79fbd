package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// document is one generated policy, at or near a documented limit.
type document struct {
	name, json string
	// failsFunctions is set when the document holds patterns that name no
	// action: the functions refuse it, as documented, and the case
	// measures how fast the refusal comes.
	failsFunctions bool
}

func documents() ([]document, error) {
	names, err := actionNames()
	if err != nil {
		return nil, err
	}
	typical, err := managedPolicy("AWSLambda_FullAccess")
	if err != nil {
		return nil, err
	}
	return []document{
		{name: "typical: AWSLambda_FullAccess", json: typical},
		{name: `1,000 "*" statements`, json: statements(func(int) map[string]any {
			return map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}
		})},
		{name: "1,000 NotAction statements", failsFunctions: true, json: statements(func(i int) map[string]any {
			return map[string]any{"Effect": "Allow", "NotAction": []string{fmt.Sprintf("s3:Get%d*", i), "ec2:*"}, "Resource": "*"}
		})},
		{name: "1 MiB of distinct patterns", json: distinctPatterns(names)},
		{name: "1 MiB of distinct unknown actions", failsFunctions: true, json: statements(func(i int) map[string]any {
			typos := make([]string, 32)
			for j := range typos {
				typos[j] = fmt.Sprintf("ec2:DescribeInstanceX%dY%d", i, j) // each close to real names
			}
			return map[string]any{"Effect": "Allow", "Action": typos, "Resource": "*"}
		})},
		{name: "2,000 patterns of 100 wildcards", json: statements(func(i int) map[string]any {
			service := names[i*7%len(names)][:strings.IndexByte(names[i*7%len(names)], ':')]
			return map[string]any{"Effect": "Allow", "Resource": "*", "Action": []string{
				// Each matches every action name of at least 8 or 5 characters,
				// the cross-service one across all 22,000 actions.
				"*:" + strings.Repeat("*?", 8) + strings.Repeat("*", 84+i%10),
				service + ":" + strings.Repeat("?*", 5) + strings.Repeat("*", 90+i%10),
			}}
		})},
		{name: "1,000 statements of heavy conditions", json: statements(func(i int) map[string]any {
			// Every operator family, each value valid for its operator, and
			// policy variables: the evaluator compiles all of them.
			strs := map[string]any{}
			for k := range 3 {
				strs[fmt.Sprintf("aws:PrincipalTag/team%d", k)] = []string{fmt.Sprintf("v%d", i), "*", "${aws:username}"}
			}
			cond := map[string]any{
				"StringEquals": strs, "StringLike": strs, "ForAnyValue:StringLike": map[string]any{"aws:TagKeys": []string{"team*", "env"}},
				"ArnLike":         map[string]any{"aws:PrincipalArn": []string{fmt.Sprintf("arn:aws:iam::111122223333:role/r%d", i), "arn:aws:iam::*:role/*"}},
				"NumericLessThan": map[string]any{"s3:max-keys": "100"},
				"DateGreaterThan": map[string]any{"aws:CurrentTime": "2020-01-01T00:00:00Z"},
				"Bool":            map[string]any{"aws:SecureTransport": "false"},
				"IpAddress":       map[string]any{"aws:SourceIp": []string{fmt.Sprintf("10.0.%d.0/24", i%256), "192.0.2.0/24"}},
				"Null":            map[string]any{"aws:MultiFactorAuthAge": "true"},
			}
			return map[string]any{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": cond}
		})},
	}, nil
}

// statements builds a document of 1,000 statements, the documented limit.
func statements(stmt func(int) map[string]any) string {
	list := make([]map[string]any, policy.MaxStatements)
	for i := range list {
		list[i] = stmt(i)
	}
	return mustJSON(map[string]any{"Version": "2012-10-17", "Statement": list})
}

// distinctPatterns fills a document of 1,000 statements up to the 1 MiB
// limit with distinct patterns that each name real actions: every action's
// full name, then ever shorter prefixes of it ending in "*" or "?".
func distinctPatterns(names []string) string {
	const budget = policy.MaxDocumentSize - 64<<10 // room for the JSON around the patterns
	seen := map[string]bool{}
	var patterns []string
	used := 0
	add := func(p string) {
		if !seen[p] && used+len(p)+3 <= budget {
			seen[p] = true
			patterns = append(patterns, p)
			used += len(p) + 3
		}
	}
	for cut := 0; used+40 < budget && cut < 40; cut++ {
		for _, n := range names {
			if cut == 0 {
				add(n)
				continue
			}
			if colon := strings.IndexByte(n, ':'); len(n)-cut > colon+2 {
				add(n[:len(n)-cut] + []string{"*", "?"}[cut%2])
			}
		}
	}
	per := (len(patterns) + 999) / 1000
	return statements(func(i int) map[string]any {
		lo, hi := min(i*per, len(patterns)), min((i+1)*per, len(patterns))
		if lo == hi {
			return map[string]any{"Effect": "Allow", "Action": names[i], "Resource": "*"}
		}
		return map[string]any{"Effect": "Allow", "Action": patterns[lo:hi], "Resource": "*"}
	})
}

// managedPolicy is one document of the AWS managed-policy test corpus.
func managedPolicy(name string) (string, error) {
	all, err := managedpolicies.All()
	if err != nil {
		return "", err
	}
	for _, p := range all {
		if p.Name == name {
			return string(p.Document), nil
		}
	}
	return "", fmt.Errorf("no managed policy %q in the corpus", name)
}

func actionNames() ([]string, error) {
	cat := embedded.Default()
	services, err := cat.Services(context.Background())
	if err != nil {
		return nil, err
	}
	var names []string
	for _, s := range services {
		svc, err := cat.Service(context.Background(), s.Prefix)
		if err != nil {
			return nil, err
		}
		for _, a := range svc.Actions {
			names = append(names, svc.Prefix+":"+a.Name)
		}
	}
	return names, nil
}

// cases plans every document through every data source and function that
// takes one, then the inputs that name every service.
func cases(docs []document) []planCase {
	var out []planCase
	for _, d := range docs {
		input := fmt.Sprintf("%s (%s)", d.name, size(int64(len(d.json))))
		files := map[string]string{"policy.json": d.json}
		out = append(out, planCase{
			name: "iamv2_policy_simulation", input: input + ", every s3:Get* action on one object", files: files,
			config: `data "iamv2_policy_simulation" "x" {
  principal_arn     = "arn:aws:iam::111122223333:role/app"
  identity_policies = [file("policy.json")]
  requests          = [{ actions = ["s3:Get*"], resources = ["arn:aws:s3:::bucket/key"] }]
}
`,
		})
		out = append(out, planCase{
			name: "iamv2_policy_check", input: input + ", no_new_access against itself", files: files,
			config: `data "iamv2_policy_check" "x" {
  check                    = "no_new_access"
  policy_document          = file("policy.json")
  existing_policy_document = file("policy.json")
}
`,
		})
		out = append(out, planCase{
			name: "iamv2_policy_fit", input: input + ", max_documents = 1000", files: files,
			config: "data \"iamv2_policy_fit\" \"x\" {\n  policy        = file(\"policy.json\")\n  max_documents = 1000\n}\n",
		})
		for _, ds := range []string{"policy_expansion", "policy_validation", "policy_summary"} {
			out = append(out, planCase{
				name: "iamv2_" + ds, input: input, files: files,
				config: fmt.Sprintf("data \"iamv2_%s\" \"x\" {\n  policy = file(\"policy.json\")\n}\n", ds),
			})
		}
		for _, f := range [][2]string{
			{"policy_allowed_actions", `length(provider::iamv2::policy_allowed_actions(file("policy.json")))`},
			{"is_read_only", `provider::iamv2::is_read_only(file("policy.json"))`},
			{"policy_actions_summary", `provider::iamv2::policy_actions_summary(jsondecode(file("policy.json"))).access_level_counts`},
			{"is_allowed", `provider::iamv2::is_allowed(file("policy.json"), "s3:GetObject", "arn:aws:s3:::bucket/key")`},
			{"policy_size", `provider::iamv2::policy_size(jsondecode(file("policy.json")), "managed").size`},
		} {
			name, call := f[0], f[1]
			if d.failsFunctions && name != "policy_actions_summary" && name != "is_allowed" && name != "policy_size" {
				call = "try(" + call + ", null)" // the refusal is the answer
			}
			out = append(out, planCase{
				name: name, input: input, files: files,
				config: fmt.Sprintf("output \"answer\" {\n  value = %s\n}\n", call),
			})
		}
	}
	// The fitter's own worst case: resources to compare, 26 distinct bucket
	// patterns in each of 1,000 statements, 1 MiB in all.
	buckets := statements(func(i int) map[string]any {
		resources := make([]string, 26)
		for j := range resources {
			resources[j] = fmt.Sprintf("arn:aws:s3:::team-%d-bucket-%d/*", i, j)
		}
		actions := []string{"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:ListBucket"}
		return map[string]any{"Effect": "Allow", "Action": []string{actions[i%5], actions[(i+1)%5]}, "Resource": resources}
	})
	out = append(out, planCase{
		name: "iamv2_policy_fit", input: fmt.Sprintf("1,000 statements of 26 bucket patterns (%s), max_documents = 1000", size(int64(len(buckets)))),
		files:  map[string]string{"policy.json": buckets},
		config: "data \"iamv2_policy_fit\" \"x\" {\n  policy        = file(\"policy.json\")\n  max_documents = 1000\n}\n",
	})
	// The simulation's worst output: 10,000 requests, 2,000 of them denied,
	// with each results_filter (all results, the denied ones, counts only).
	for _, filter := range []string{"all", "denied", "none"} {
		out = append(out, planCase{
			name:  "iamv2_policy_simulation, results_filter = " + strconv.Quote(filter),
			input: "10,000 requests (5 actions × 2,000 objects, 2,000 denied)",
			config: `data "iamv2_policy_simulation" "x" {
  principal_arn     = "arn:aws:iam::111122223333:role/app"
  resource_account  = "111122223333"
  identity_policies = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "*" }] })]
  requests = [{
    actions   = ["s3:GetObject", "s3:GetObjectTagging", "s3:GetObjectAcl", "s3:GetObjectVersion", "s3:PutObject"]
    resources = [for p in setproduct(range(40), range(50)) : "arn:aws:s3:::bucket/key-${p[0]}-${p[1]}"] # range stops at 1,024
  }]
  results_filter = "` + filter + `"
}
`,
		})
	}
	every := `services = ["*"]`
	for _, c := range []struct{ name, input, config string }{
		{"iamv2_readonly_statement", "typical: 20 services", `data "iamv2_readonly_statement" "x" {
  services = ["autoscaling", "cloudformation", "cloudtrail", "cloudwatch", "dynamodb", "ec2", "ecr", "ecs", "eks",
  "elasticloadbalancing", "iam", "kms", "lambda", "logs", "rds", "route53", "s3", "sns", "sqs", "sts"]
}`},
		{"iamv2_permission_boundary", "typical: a team's 9 services", `data "iamv2_permission_boundary" "x" {
  services = ["ec2", "s3", "lambda", "dynamodb", "logs", "cloudwatch", "iam", "kms", "secretsmanager"]
  exclude  = ["s3:GetObject*", "secretsmanager:GetSecretValue", "kms:Decrypt"]
}`},
		{"iamv2_service", `typical: service = "s3"`, `data "iamv2_service" "x" { service = "s3" }`},
		{"iamv2_service_actions", `typical: ec2 Describe*, List and Read`, `data "iamv2_service_actions" "x" {
  service       = "ec2"
  match         = ["Describe*"]
  access_levels = ["List", "Read"]
}`},
		{"iamv2_readonly_statement", every, `data "iamv2_readonly_statement" "x" { services = ["*"] }`},
		{"iamv2_readonly_statement, prefix", every, `data "iamv2_readonly_statement" "x" {
  services  = ["*"]
  wildcards = "prefix"
}`},
		{"iamv2_permission_boundary", every, `data "iamv2_permission_boundary" "x" {}`},
		{"iamv2_permission_boundary, prefix", every, `data "iamv2_permission_boundary" "x" { wildcards = "prefix" }`},
		{"iamv2_permission_boundary", "100 every-service boundaries in one plan", `data "iamv2_permission_boundary" "x" { count = 100 }`},
		{"iamv2_services", `match = ["*"]`, `data "iamv2_services" "x" { match = ["*"] }`},
		{"iamv2_service", `service = "ec2", the largest`, `data "iamv2_service" "x" { service = "ec2" }`},
		{"iamv2_service_actions", `every ec2 action, in full detail`, `data "iamv2_service_actions" "x" {
  service = "ec2"
  match   = ["*"]
}`},
		{"iamv2_condition_keys", "typical: the global keys", `data "iamv2_condition_keys" "x" {}`},
		{"iamv2_condition_keys", `service = "ec2"`, `data "iamv2_condition_keys" "x" { service = "ec2" }`},
		{"expand_actions", `["*"]`, `output "n" { value = length(provider::iamv2::expand_actions(["*"])) }`},
		{"compact_actions", `every "*:Describe*" action`, `output "n" { value = length(provider::iamv2::compact_actions(provider::iamv2::expand_actions(["*:Describe*"]), "word")) }`},
	} {
		out = append(out, planCase{name: c.name, input: c.input, config: c.config + "\n"})
	}
	return out
}
