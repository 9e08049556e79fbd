// Command crosscheck generates the differential suite's inputs: random
// scenarios of policies, principals and requests over the evaluator's
// features, written deterministically (same seed, same file) to
// internal/evaluate/testdata/crosscheck/inputs.json.gz. oracle.mjs then
// answers them with @cloud-copilot/iam-simulate, and the evaluator's tests
// compare against the answers. Run it through `make crosscheck`.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/evaluate/crosscheck"
)

func main() {
	out := flag.String("out", "internal/evaluate/testdata/crosscheck/inputs.json.gz", "where to write the inputs")
	n := flag.Int("scenarios", 300, "how many scenarios")
	perScenario := flag.Int("requests", 20, "requests per scenario")
	seed := flag.Uint64("seed", 14, "random seed")
	flag.Parse()
	g := gen{r: rand.New(rand.NewPCG(*seed, 0x1a3))}
	in := crosscheck.Inputs{Seed: *seed}
	for range *n {
		in.Scenarios = append(in.Scenarios, g.scenario(*perScenario))
	}
	if err := crosscheck.Write(*out, &in); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck:", err)
		os.Exit(1)
	}
}

type gen struct{ r *rand.Rand }

func pick[T any](g *gen, s []T) T { return s[g.r.IntN(len(s))] }

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

var (
	principals = []string{
		"arn:aws:iam::111122223333:user/alice",
		"arn:aws:sts::111122223333:assumed-role/app/s1",
		"arn:aws:iam::444455556666:user/bob",
		"arn:aws:sts::444455556666:assumed-role/ext/s2",
	}
	// Action and resource pairs that iam-simulate accepts: the resource is
	// of a type the action takes.
	targets = [][2]string{
		{"s3:GetObject", "arn:aws:s3:::data/report.csv"},
		{"s3:GetObject", "arn:aws:s3:::data/home/alice/notes.txt"},
		{"s3:GetObject", "arn:aws:s3:::logs/2026/a.gz"},
		{"s3:PutObject", "arn:aws:s3:::data/home/alice/notes.txt"},
		{"s3:ListBucket", "arn:aws:s3:::data"},
		{"s3:DeleteBucket", "arn:aws:s3:::logs"},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:orders"},
		{"ec2:DescribeInstances", "*"},
		{"iam:CreateUser", "arn:aws:iam::111122223333:user/new"},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
	}
	contextValues = map[string][][]string{
		"aws:SourceIp":           {{"10.1.2.3"}, {"192.0.2.7"}, {"2001:db8::1"}},
		"aws:SecureTransport":    {{"true"}, {"false"}},
		"aws:CurrentTime":        {{"2026-01-15T10:00:00Z"}, {"2025-06-01T00:00:00Z"}},
		"aws:MultiFactorAuthAge": {{"300"}, {"7200"}},
		"aws:PrincipalTag/team":  {{"red"}, {"blue"}},
		"aws:SourceVpce":         {{"vpce-1"}, {"vpce-2"}},
		"aws:PrincipalOrgID":     {{"o-good"}, {"o-bad"}},
		"aws:TagKeys":            {{"env"}, {"env", "team"}, {"cost"}},
		"aws:SourceArn":          {{"arn:aws:sns:us-east-1:111122223333:topic"}, {"arn:aws:sns:us-east-1:999999999999:topic"}},
		"aws:RequestedRegion":    {{"us-east-1"}, {"eu-west-1"}},
	}
	contextKeys = []string{"aws:SourceIp", "aws:SecureTransport", "aws:CurrentTime", "aws:MultiFactorAuthAge", "aws:PrincipalTag/team",
		"aws:SourceVpce", "aws:PrincipalOrgID", "aws:TagKeys", "aws:SourceArn", "aws:RequestedRegion"}
	actionPool = [][]string{
		{"s3:GetObject"}, {"s3:Get*", "s3:List*"}, {"s3:*"}, {"*"}, {"sqs:SendMessage", "kms:Decrypt"}, {"ec2:Describe*"},
		{"iam:*"}, {"s3:?etObject"}, {"S3:getobject", "iam:CreateUser"}, {"s3:Put*", "s3:DeleteBucket"},
	}
	notActionPool = [][]string{{"iam:*"}, {"s3:Delete*"}, {"s3:*", "iam:*"}}
	resourcePool  = [][]string{
		{"*"}, {"arn:aws:s3:::data/*"}, {"arn:aws:s3:::data"}, {"arn:aws:s3:::data/home/${aws:username}/*"}, {"arn:aws:s3:::logs*"},
		{"arn:aws:sqs:*:111122223333:*"}, {"arn:aws:kms:us-east-1:111122223333:key/*"}, {"arn:aws:iam::111122223333:user/*"},
		{"arn:aws:s3:::*/report.csv"}, {"arn:aws:s3:::data/home/${aws:PrincipalTag/team, 'alice'}/*"}, {"arn:aws:s3:*"},
	}
	notResourcePool = [][]string{{"arn:aws:s3:::logs*"}, {"arn:aws:s3:::data/*", "arn:aws:s3:::data"}}
	conditionPool   = []string{
		`{"StringEquals":{"aws:PrincipalTag/team":"red"}}`,
		`{"StringNotEquals":{"aws:SourceVpce":"vpce-2"}}`,
		`{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"RED"}}`,
		`{"StringNotEqualsIgnoreCase":{"aws:RequestedRegion":"US-EAST-1"}}`,
		`{"StringLike":{"aws:SourceVpce":"vpce-*"}}`,
		`{"StringNotLike":{"aws:RequestedRegion":"eu-*"}}`,
		`{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}`,
		`{"StringEquals":{"aws:PrincipalOrgID":"o-good"}}`,
		`{"StringLike":{"aws:PrincipalTag/team":"r${?}d"}}`,
		`{"StringEquals":{"aws:PrincipalTag/team":"${aws:username}"}}`,
		`{"StringEquals":{"aws:PrincipalTag/team":"${aws:PrincipalTag/missing, 'red'}"}}`,
		`{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}`,
		`{"NumericGreaterThanEquals":{"aws:MultiFactorAuthAge":"3600"}}`,
		`{"NumericEquals":{"aws:MultiFactorAuthAge":"300"}}`,
		`{"NumericNotEqualsIfExists":{"aws:MultiFactorAuthAge":"300"}}`,
		`{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}`,
		`{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-15T10:00:00Z"}}`,
		`{"DateNotEquals":{"aws:CurrentTime":"2025-06-01T00:00:00Z"}}`,
		`{"Bool":{"aws:SecureTransport":"true"}}`,
		`{"BoolIfExists":{"aws:SecureTransport":"false"}}`,
		`{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}}`,
		`{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`,
		`{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:111122223333:*"}}`,
		`{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:999999999999:topic"}}`,
		`{"ArnEqualsIfExists":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}`,
		`{"Null":{"aws:SourceVpce":"true"}}`,
		`{"Null":{"aws:PrincipalOrgID":"false"}}`,
		`{"ForAnyValue:StringEquals":{"aws:TagKeys":["team","owner"]}}`,
		`{"ForAllValues:StringLike":{"aws:TagKeys":["env","te*"]}}`,
		`{"ForAllValues:StringNotEquals":{"aws:TagKeys":"cost"}}`,
		`{"ForAnyValue:StringNotLike":{"aws:TagKeys":"env"}}`,
		`{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`,
		`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:user/*"}}`,
		`{"StringEquals":{"aws:username":"alice"}}`,
		`{"StringNotEquals":{"aws:PrincipalTag/team":"blue"},"Bool":{"aws:SecureTransport":"true"}}`,
	}
	resourcePrincipals = []string{
		`"*"`, `{"AWS":"*"}`, `{"AWS":"111122223333"}`, `{"AWS":"arn:aws:iam::111122223333:user/alice"}`,
		`{"AWS":"arn:aws:iam::111122223333:role/app"}`, `{"AWS":"arn:aws:sts::111122223333:assumed-role/app/s1"}`,
		`{"AWS":"arn:aws:iam::444455556666:root"}`, `{"AWS":["arn:aws:iam::444455556666:user/bob","arn:aws:iam::444455556666:role/ext"]}`,
	}
)

type kind uint8

const (
	identity kind = iota
	scp
	rcp
	resource
)

func (g *gen) scenario(requests int) crosscheck.Scenario {
	s := crosscheck.Scenario{Principal: pick(g, principals), ResourceAccount: "111122223333", SCPs: [][]json.RawMessage{}, RCPs: [][]json.RawMessage{}}
	for range 1 + g.r.IntN(2) {
		s.Identity = append(s.Identity, g.policy(identity))
	}
	if g.chance(3) {
		s.Boundary = g.policy(identity)
	}
	if g.chance(4) && s.Principal[len("arn:aws:"):len("arn:aws:sts")] == "sts" {
		s.Session = g.policy(identity)
	}
	for range g.r.IntN(3) {
		level := []json.RawMessage{g.policy(scp)}
		if g.chance(3) {
			level = append(level, g.policy(scp))
		}
		s.SCPs = append(s.SCPs, level)
	}
	if g.chance(3) {
		s.RCPs = append(s.RCPs, []json.RawMessage{g.policy(rcp)})
	}
	if g.chance(2) {
		s.ResourcePolicy = g.policy(resource)
	}
	for range requests {
		t := pick(g, targets)
		// The keys AWS derives from the principal are given outright, as
		// iam-simulate 0.1.173 does not derive them (the evaluator does;
		// its own tests check that).
		ctx := derivedContext(s.Principal)
		for _, k := range contextKeys {
			if g.chance(2) {
				ctx[k] = pick(g, contextValues[k])
			}
		}
		s.Requests = append(s.Requests, crosscheck.Request{Action: t[0], Resource: t[1], Context: ctx})
	}
	return s
}

func (g *gen) policy(k kind) json.RawMessage {
	var sts []map[string]any
	n := 1 + g.r.IntN(3)
	if k == scp && !g.chance(4) {
		sts = append(sts, map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"}) // FullAWSAccess
		n--
	}
	for range n {
		sts = append(sts, g.statement(k))
	}
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": sts})
	if err != nil {
		panic(err)
	}
	return b
}

func (g *gen) statement(k kind) map[string]any {
	st := map[string]any{"Effect": "Allow"}
	if g.chance(5) || k == rcp {
		st["Effect"] = "Deny"
	}
	if g.chance(3) {
		st["Sid"] = fmt.Sprintf("S%d", g.r.IntN(100))
	}
	if k == rcp {
		st["Principal"] = "*"
		st["Action"] = pick(g, [][]string{{"s3:*"}, {"s3:GetObject"}, {"sqs:*"}, {"kms:Decrypt", "s3:PutObject"}})
	}
	if k == resource {
		if g.chance(8) {
			st["NotPrincipal"] = json.RawMessage(`{"AWS":"arn:aws:iam::111122223333:user/alice"}`)
		} else {
			st["Principal"] = json.RawMessage(pick(g, resourcePrincipals))
		}
	}
	if k != rcp {
		if g.chance(6) {
			st["NotAction"] = pick(g, notActionPool)
		} else {
			st["Action"] = pick(g, actionPool)
		}
	}
	if g.chance(7) {
		st["NotResource"] = pick(g, notResourcePool)
	} else {
		st["Resource"] = pick(g, resourcePool)
	}
	if g.chance(2) {
		st["Condition"] = json.RawMessage(pick(g, conditionPool))
	}
	return st
}

// derivedContext is what AWS puts in the request context for the
// principal: aws:PrincipalArn (a session's role), aws:PrincipalAccount and,
// for IAM users, aws:username.
func derivedContext(principal string) map[string][]string {
	parts := strings.SplitN(principal, ":", 6)
	account, res := parts[4], parts[5]
	ctx := map[string][]string{"aws:PrincipalAccount": {account}}
	switch typ, rest, _ := strings.Cut(res, "/"); typ {
	case "user":
		ctx["aws:PrincipalArn"] = []string{principal}
		ctx["aws:username"] = []string{rest[strings.LastIndexByte(rest, '/')+1:]}
	case "assumed-role":
		role, _, _ := strings.Cut(rest, "/")
		ctx["aws:PrincipalArn"] = []string{"arn:aws:iam::" + account + ":role/" + role}
	}
	return ctx
}
