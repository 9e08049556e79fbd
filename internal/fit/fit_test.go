package fit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

func fitOne(t *testing.T, src string, opts Options) (*Result, error) {
	t.Helper()
	return testFitter(t).Fit(context.Background(), []string{src}, opts)
}

const v = `{"Version":"2012-10-17","Statement":[`

// TestRewrites pins each rewrite on a small document: the fitted text is
// the whole answer, so each case says exactly what the rule does.
func TestRewrites(t *testing.T) {
	cases := []struct {
		name, in string
		opts     Options
		want     string
	}{
		{
			name: "statements sharing Effect, Resource and Condition merge, and Sids go",
			in: v + `{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},` +
				`{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`,
			want: v + `{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}`,
		},
		{
			name: "keep_sids keeps every Sid and merges no statement that has one",
			in: v + `{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},` +
				`{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`,
			opts: Options{KeepSids: true},
			want: v + `{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},` +
				`{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}`,
		},
		{
			name: "statements with the same actions and scope merge their Resource lists",
			in: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a/*"},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::a/*","arn:aws:s3:::b/*"]}]}`,
		},
		{
			name: "an action another statement of the same effect grants on a covering resource is dropped",
			in: v + `{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
		},
		{
			name: "a resource another of its list covers is dropped, and so is a statement whose actions another grants on a covering resource",
			in: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/x","arn:aws:s3:::b/*"]},` +
				`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::c/*"},` +
				`{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::c/${aws:username}"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},` +
				`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::c/*"}]}`,
		},
		{
			name: "a statement under a condition is not covered by one without it",
			in: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},` +
				`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}},` +
				`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`,
		},
		{
			name: "a name its own statement's wildcard matches is dropped, the wildcard kept as written",
			in:   v + `{"Effect":"Allow","Action":["s3:Get*","s3:GetObject","S3:GETOBJECT"],"Resource":"*"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`,
		},
		{
			name: "a Deny wildcard stays as written",
			in:   v + `{"Effect":"Deny","Action":["iam:*User*"],"Resource":"*"}]}`,
			want: v + `{"Effect":"Deny","Action":"iam:*User*","Resource":"*"}]}`,
		},
		{
			name: "a Deny wildcard is not dropped for another Deny that names what it matches today: it also denies what AWS adds",
			in: v + `{"Effect":"Deny","Action":"s3:GetObjectAcl*","Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Deny","Action":"s3:GetObjectAcl","Resource":"*"}]}`,
			want: v + `{"Effect":"Deny","Action":"s3:GetObjectAcl*","Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Deny","Action":"s3:GetObjectAcl","Resource":"*"}]}`,
		},
		{
			name: "an unknown action is kept, with its statement, beside another statement granting the rest on a covering resource",
			in: v + `{"Effect":"Allow","Action":["s3:GetObject","s3:NoSuchAction"],"Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"},` +
				`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`,
			want: v + `{"Effect":"Allow","Action":"s3:NoSuchAction","Resource":"arn:aws:s3:::b/x"},` +
				`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`,
		},
		{
			name: "an unknown action is kept as written",
			in:   v + `{"Effect":"Allow","Action":["s3:GetObject","s3:NoSuchAction"],"Resource":"*"}]}`,
			want: v + `{"Effect":"Allow","Action":["s3:NoSuchAction","s3:GetObject"],"Resource":"*"}]}`,
		},
		{
			name: "a NotAction list is kept but for repeats",
			in:   v + `{"Effect":"Deny","NotAction":["iam:Get*","s3:GetObject","S3:GETOBJECT"],"Resource":"*"}]}`,
			want: v + `{"Effect":"Deny","NotAction":["iam:Get*","s3:GetObject"],"Resource":"*"}]}`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := fitOne(t, c.in, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Documents) != 1 || res.Documents[0] != c.want {
				t.Errorf("got  %v\nwant %s", res.Documents, c.want)
			}
		})
	}
}

// TestCompactsEveryNameOfAReadFamily: the names of a read family, listed in
// full, become the family's pattern in "word" mode, stay in full in "none".
func TestCompactsEveryNameOfAReadFamily(t *testing.T) {
	f := testFitter(t)
	set, err := f.exp.ExpandPattern("ec2:DescribeSpot*")
	if err != nil {
		t.Fatal(err)
	}
	in := v + `{"Effect":"Allow","Action":["` + strings.Join(set.Names(), `","`) + `"],"Resource":"*"}]}`
	res, err := fitOne(t, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := v + `{"Effect":"Allow","Action":"ec2:DescribeSpot*","Resource":"*"}]}`; res.Documents[0] != want {
		t.Errorf("word mode: got %s, want %s", res.Documents[0], want)
	}
	if res.Changes.ActionsCompacted != set.Len() {
		t.Errorf("ActionsCompacted = %d, want %d", res.Changes.ActionsCompacted, set.Len())
	}
	res, err = fitOne(t, in, Options{Wildcards: "none"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Documents[0], "Spot*") {
		t.Errorf("none mode wrote a wildcard: %s", res.Documents[0])
	}
}

// TestCompactsALevelFamilyOnlyOverActionsOfItsLevel: in "word" mode a Write
// root ("Update", 2,048 of 2,085 actions Write across the catalog) takes a
// '*' when every action it matches today is Write; grafana's Update
// actions include UpdatePermissions, Permissions management, so they stay
// in full.
func TestCompactsALevelFamilyOnlyOverActionsOfItsLevel(t *testing.T) {
	for _, c := range []struct {
		name    string
		actions []string
		want    string
	}{
		{"every Update action Write", []string{"amplifyuibuilder:UpdateComponent", "amplifyuibuilder:UpdateForm", "amplifyuibuilder:UpdateTheme"},
			`"Action":"amplifyuibuilder:Update*"`},
		{"an Update action of another level", []string{"grafana:UpdatePermissions", "grafana:UpdateWorkspace",
			"grafana:UpdateWorkspaceAuthentication", "grafana:UpdateWorkspaceConfiguration"},
			`"Action":["grafana:UpdatePermissions","grafana:UpdateWorkspace","grafana:UpdateWorkspaceAuthentication","grafana:UpdateWorkspaceConfiguration"]`},
	} {
		in := v + `{"Effect":"Allow","Action":["` + strings.Join(c.actions, `","`) + `"],"Resource":"*"}]}`
		res, err := fitOne(t, in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(res.Documents[0], c.want) {
			t.Errorf("%s: got %s, want %s", c.name, res.Documents[0], c.want)
		}
	}
}

// bigStatement is an Allow statement of n bucket ARNs, which no rewrite
// shortens.
func bigStatement(n int) string {
	var rs []string
	for i := 0; i < n; i++ {
		rs = append(rs, `"arn:aws:s3:::bucket-with-a-long-name-`+strings.Repeat("x", 20)+`-`+string(rune('a'+i%26))+string(rune('a'+i/26%26))+`"`)
	}
	return `{"Effect":"Allow","Action":"s3:ListBucket","Resource":[` + strings.Join(rs, ",") + `]}`
}

func TestSplitsAStatementLargerThanTheLimitByItsResources(t *testing.T) {
	in := v + bigStatement(200) + `]}`
	res, err := fitOne(t, in, Options{MaxDocuments: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 3 || res.Changes.StatementsSplit != 1 {
		t.Fatalf("got %d documents, %d split, sizes %v; want 3 documents from 1 split statement", len(res.Documents), res.Changes.StatementsSplit, res.CharCounts)
	}
	for i, n := range res.CharCounts {
		if n > 6144 {
			t.Errorf("document %d has %d characters", i, n)
		}
	}
}

func TestTooLargeSaysTheSmallestSizeReached(t *testing.T) {
	in := v + bigStatement(200) + `]}`
	_, err := fitOne(t, in, Options{})
	var tl *TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("got %v, want a TooLargeError", err)
	}
	if tl.Documents != 3 || tl.MaxDocuments != 1 || tl.Smallest <= 12288 || tl.Smallest > 3*6144 {
		t.Errorf("got %+v", tl)
	}
	if !strings.Contains(err.Error(), "smallest size reached") {
		t.Errorf("message %q does not give the smallest size", err)
	}
}

func TestInlineKindsCountAllDocumentsTogether(t *testing.T) {
	in := v + bigStatement(60) + `]}`
	_, err := fitOne(t, in, Options{Kind: InlineUser, MaxDocuments: 3})
	if err == nil || !strings.Contains(err.Error(), "applies to all of an entity's inline policies together") {
		t.Errorf("inline_user over 2,048 characters: got %v", err)
	}
	res, err := fitOne(t, in, Options{Kind: InlineRole})
	if err != nil || len(res.Documents) != 1 || res.Limit != 10240 {
		t.Errorf("inline_role: %v %+v", err, res)
	}
}

// TestARolesInlinePoliciesCombineBeyondTheManagedLimit: two inline
// policies of a role, 3,245 characters each, become one document of 6,395,
// within the role's 10,240 though over a managed policy's 6,144; the
// validator's size check in the proof measures the role's quota too.
func TestARolesInlinePoliciesCombineBeyondTheManagedLimit(t *testing.T) {
	doc := func(bucket string) string {
		var rs []string
		for i := 0; i < 70; i++ {
			rs = append(rs, fmt.Sprintf(`"arn:aws:s3:::%s-bucket-with-a-long-name-%03d"`, bucket, i))
		}
		return v + `{"Effect":"Allow","Action":"s3:ListBucket","Resource":[` + strings.Join(rs, ",") + `]}]}`
	}
	res, err := testFitter(t).Fit(context.Background(), []string{doc("a"), doc("b")}, Options{Kind: InlineRole})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.CharCounts) != 1 || res.CharCounts[0] != 6395 || res.Changes.StatementsMerged != 1 {
		t.Errorf("got sizes %v, %+v; want one document of 6,395 characters, two statements merged", res.CharCounts, res.Changes)
	}
}

func TestLimitOverridesTheQuota(t *testing.T) {
	in := v + bigStatement(60) + `]}`
	res, err := fitOne(t, in, Options{Limit: 1500, MaxDocuments: 4})
	if err != nil {
		t.Fatal(err)
	}
	if res.Limit != 1500 || len(res.Documents) < 2 {
		t.Errorf("limit %d, %d documents", res.Limit, len(res.Documents))
	}
}

func TestRefusals(t *testing.T) {
	f := testFitter(t)
	ctx := context.Background()
	doc := v + `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	old := `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	cases := []struct {
		name string
		docs []string
		opts Options
		want string
	}{
		{"a trust policy is one document", []string{doc}, Options{Kind: Trust, MaxDocuments: 2}, "AWS attaches only one"},
		{"an unknown kind names the valid ones", []string{doc}, Options{Kind: "bucket"}, `unknown policy kind "bucket": valid kinds are "managed"`},
		{"an unknown wildcards mode names the valid ones", []string{doc}, Options{Wildcards: "all"}, `unknown wildcards mode "all"`},
		{"documents of different versions are not combined", []string{doc, old}, Options{}, `document 1 has Version "2008-10-17"`},
		{"a negative max_documents", []string{doc}, Options{MaxDocuments: -1}, "at least 1"},
		{"a document that does not parse names its position and path", []string{doc, v + `{"Effect":"Allow","Action":"s3","Resource":"*"}]}`}, Options{}, "document 1: error at Statement[0].Action"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.Fit(ctx, c.docs, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestWhitespaceIsNotCountedForManagedPolicies(t *testing.T) {
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Sid\": \"a b\", \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\n}"
	res, err := fitOne(t, src, Options{KeepSids: true})
	if err != nil {
		t.Fatal(err)
	}
	compact := `{"Version":"2012-10-17","Statement":[{"Sid":"a b","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	if res.OriginalCharCount != len(compact) || res.CharCounts[0] != len(compact) {
		t.Errorf("original %d, fitted %v, want %d both", res.OriginalCharCount, res.CharCounts, len(compact))
	}
	res, err = fitOne(t, src, Options{Kind: SCP, KeepSids: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.OriginalCharCount != len(src) || res.CharCounts[0] != len(compact) {
		t.Errorf("scp: original %d, fitted %v; want %d, then %d", res.OriginalCharCount, res.CharCounts, len(src), len(compact))
	}
}

// TestAnUnprovenRewriteFallsBackToFewerRewrites: two Deny statements of
// one scope merge, but the evaluator's no_new_access cannot prove the
// merged Deny keeps each of them under an Allow it overlaps, so the answer
// leaves every Deny as written and says so.
func TestAnUnprovenRewriteFallsBackToFewerRewrites(t *testing.T) {
	in := v + `{"Effect":"Allow","Action":"s3:*","Resource":"*"},` +
		`{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},` +
		`{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
	res, err := fitOne(t, in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := v + `{"Effect":"Allow","Action":"s3:*","Resource":"*"},` +
		`{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"},` +
		`{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`
	if res.Documents[0] != want || !res.Changes.DenyKept || !res.Changes.Rewrites {
		t.Errorf("got %s %+v, want %s with DenyKept", res.Documents[0], res.Changes, want)
	}
}

func TestKeepSidsNamesThePiecesOfASplitStatement(t *testing.T) {
	in := v + strings.Replace(bigStatement(200), `{"Effect"`, `{"Sid":"Buckets","Effect"`, 1) + `]}`
	res, err := fitOne(t, in, Options{MaxDocuments: 5, KeepSids: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, sid := range []string{`"Sid":"Buckets"`, `"Sid":"BucketsPart2"`, `"Sid":"BucketsPart3"`} {
		if !strings.Contains(strings.Join(res.Documents, ""), sid) {
			t.Errorf("piece %d: no %s in %v", i, sid, res.Documents)
		}
	}
}

func TestPrincipalsMergeOnlyWhenIdentical(t *testing.T) {
	in := v + `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"},` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:TagSession"},` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}`
	res, err := fitOne(t, in, Options{Kind: Trust})
	if err != nil {
		t.Fatal(err)
	}
	want := v + `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession"]},` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}`
	if res.Documents[0] != want {
		t.Errorf("got  %s\nwant %s", res.Documents[0], want)
	}
}

// TestNoNewAccessProofSeesADenyNoAllowOverlaps: an SCP's deny list has no
// Allow for no_new_access to weigh it against, so the proof also reads each
// side's Denies as Allows; a dropped or an added Deny fails it.
func TestNoNewAccessProofSeesADenyNoAllowOverlaps(t *testing.T) {
	f := testFitter(t)
	r, err := ruleOf(SCP)
	if err != nil {
		t.Fatal(err)
	}
	both := parse(t, v+`{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"},`+
		`{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}`)
	one := parse(t, v+`{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`)
	if err := f.noNewAccessBothWays([]*policy.Document{both}, []*policy.Document{both}, r); err != nil {
		t.Errorf("the same deny list: %v", err)
	}
	if err := f.noNewAccessBothWays([]*policy.Document{both}, []*policy.Document{one}, r); err == nil {
		t.Error("a fitted deny list without iam:CreateUser passed")
	}
	if err := f.noNewAccessBothWays([]*policy.Document{one}, []*policy.Document{both}, r); err == nil {
		t.Error("a fitted deny list with iam:CreateUser added passed")
	}
}
