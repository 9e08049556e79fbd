package quota

import (
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/managedpolicies"
)

// Each kind's limit and unit are its AWS page's.
func TestLimitsAreTheAWSPages(t *testing.T) {
	for _, c := range []struct {
		rule       string
		kind       string
		limit      int
		unit       Unit
		whitespace bool
		perEntity  bool
	}{
		{"IAM quotas: a managed policy is 6,144 characters without whitespace", "managed", 6144, Characters, false, false},
		{"IAM quotas: a permissions boundary is a managed policy", "boundary", 6144, Characters, false, false},
		{"IAM quotas: a user's inline policies total 2,048 characters", "inline_user", 2048, Characters, false, true},
		{"IAM quotas: a group's inline policies total 5,120 characters", "inline_group", 5120, Characters, false, true},
		{"IAM quotas: a role's inline policies total 10,240 characters", "inline_role", 10240, Characters, false, true},
		{"IAM quotas: a role trust policy is 2,048 characters by default, whitespace counted (the page does not say)", "trust", 2048, Characters, true, false},
		{"Organizations quotas: an SCP is 5,120 characters, whitespace counting through an SDK", "scp", 5120, Characters, true, false},
		{"Organizations quotas: an RCP is 5,120 characters, whitespace counting through an SDK", "rcp", 5120, Characters, true, false},
		{"STS AssumeRole: a session policy is 2,048 characters", "session", 2048, Characters, true, false},
		{"S3: a bucket policy is 20 KB", "s3_bucket", 20480, Bytes, true, false},
		{"KMS: a key policy is 32,768 bytes", "kms_key", 32768, Bytes, true, false},
		{"Secrets Manager quotas: a resource policy is 20,480 characters", "secretsmanager", 20480, Characters, true, false},
		{"SQS policy quotas: a policy is 8,192 bytes", "sqs", 8192, Bytes, true, false},
	} {
		t.Run(c.rule, func(t *testing.T) {
			k, err := Lookup(c.kind)
			if err != nil {
				t.Fatal(err)
			}
			if k.Limit != c.limit || k.Unit != c.unit || k.Whitespace != c.whitespace || k.PerEntity != c.perEntity {
				t.Errorf("%s: %d %s, whitespace %v, per entity %v", c.kind, k.Limit, k.Unit, k.Whitespace, k.PerEntity)
			}
			if !strings.HasPrefix(k.Source, "https://docs.aws.amazon.com/") || k.Note == "" || k.Description == "" {
				t.Errorf("%s: source %q, note %q, description %q", c.kind, k.Source, k.Note, k.Description)
			}
		})
	}
	if n := len(Kinds()); n != 13 {
		t.Errorf("%d kinds, the table tests 13", n)
	}
}

func TestCountingRules(t *testing.T) {
	// 12 characters, one of them whitespace outside a string and one inside.
	const spaced = `{"A": "b c"}`
	for _, c := range []struct {
		rule string
		kind string
		doc  string
		want int
	}{
		{"IAM leaves out whitespace outside strings", "managed", spaced, 11},
		{"IAM counts whitespace inside strings (the safe side)", "managed", `{"A":"b c"}`, 11},
		{"IAM leaves out tabs, line feeds and carriage returns", "inline_role", "{\n\t\"A\":\r\n\"b\"\n}", 9},
		{"IAM counts characters, not bytes", "managed", `{"A":"é"}`, 9},
		{"IAM counts an escape as written", "managed", `{"A":"\u002a"}`, 14},
		{"an escaped quote does not end a string", "managed", `{"A":"x\" y"}`, 13},
		{"an escaped backslash does not escape the quote after it", "managed", `{"A":"\\" , "B":"c"}`, 18},
		{"Organizations counts whitespace saved through an SDK", "scp", spaced, 12},
		{"a session policy counts whitespace (the page does not say)", "session", spaced, 12},
		{"S3 counts bytes", "s3_bucket", `{"A": "é"}`, 11},
		{"KMS counts bytes", "kms_key", `{"A":"é"}`, 10},
		{"Secrets Manager counts characters", "secretsmanager", `{"A":"é"}`, 9},
		{"SQS counts bytes", "sqs", `{"A":"é"}`, 10},
		{"an unterminated string counts its whitespace", "managed", `{"A":"b `, 8},
	} {
		t.Run(c.rule, func(t *testing.T) {
			k, err := Lookup(c.kind)
			if err != nil {
				t.Fatal(err)
			}
			if got := k.Count(c.doc); got != c.want {
				t.Errorf("%s counts %q as %d, want %d", c.kind, c.doc, got, c.want)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	doc := func(n int) string { return `{"A":"` + strings.Repeat("x", n-8) + `"}` } // n characters
	for _, c := range []struct {
		rule      string
		kind      string
		limit     int
		docs      []string
		size, max int
		fits      bool
	}{
		{"a document at the limit fits", "managed", 0, []string{doc(6144)}, 6144, 6144, true},
		{"one character over does not", "managed", 0, []string{doc(6145)}, 6145, 6144, false},
		{"the empty kind is managed", "", 0, []string{doc(6145)}, 6145, 6144, false},
		{"a limit overrides the quota, as a raised trust policy quota", "trust", 4096, []string{doc(3000)}, 3000, 4096, true},
		{"an entity's inline policies add up", "inline_role", 0, []string{doc(6000), doc(4241)}, 10241, 10240, false},
		{"an entity's inline policies within the total fit", "inline_user", 0, []string{doc(1000), doc(1048)}, 2048, 2048, true},
		{"no document is size 0", "inline_group", 0, nil, 0, 5120, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			got, err := Measure(c.kind, c.limit, c.docs...)
			if err != nil {
				t.Fatal(err)
			}
			if got.Size != c.size || got.Limit != c.max || got.Fits != c.fits {
				t.Errorf("Measure = size %d, limit %d, fits %v; want %d, %d, %v", got.Size, got.Limit, got.Fits, c.size, c.max, c.fits)
			}
		})
	}
}

func TestMeasureRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		rule  string
		kind  string
		limit int
		docs  []string
		want  string
	}{
		{"an unknown kind names the valid ones", "inline", 0, []string{"{}"}, `unknown policy kind "inline": valid kinds are "managed", "boundary"`},
		{"a negative limit", "managed", -1, []string{"{}"}, "limit -1 is negative"},
		{"several documents of a one-document kind", "scp", 0, []string{"{}", "{}"}, `2 documents given for kind "scp", which is one document`},
	} {
		t.Run(c.rule, func(t *testing.T) {
			_, err := Measure(c.kind, c.limit, c.docs...)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
}

// IAM accepts tab, line feed, carriage return and U+0020 to U+00FF only,
// decoded from escapes or not (IAM quotas page, "IAM name requirements").
func TestRefused(t *testing.T) {
	for _, c := range []struct {
		rule    string
		doc     string
		char    rune
		offset  int
		escaped bool
		refused bool
	}{
		{"tab, line feed, carriage return and Latin-1 are accepted", "{\"A\":\t\"ÿ\"\r\n}", 0, 0, false, false},
		{"a character past U+00FF is refused", `{"A":"Ā"}`, 'Ā', 6, false, true},
		{"an escape that decodes past U+00FF is refused", `{"A":"x\u0100"}`, 'Ā', 7, true, true},
		{"an escaped control character is refused", `{"A":"\u0001"}`, 1, 6, true, true},
		{"an escaped tab is accepted", `{"A":"\u0009"}`, 0, 0, false, false},
		{"a raw control character is refused", "{\"A\":\"\x01\"}", 1, 6, false, true},
		{"an escaped backslash is not an escape", `{"A":"\\u0100"}`, 0, 0, false, false},
		{"a byte that is not UTF-8 is refused", "{\"A\":\"\xff\"}", '\uFFFD', 6, false, true},
		{"an emoji is refused", `{"A":"🔑"}`, '🔑', 6, false, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			r, refused := Refused(c.doc)
			if refused != c.refused || refused && (r.Char != c.char || r.Offset != c.offset || r.Escaped != c.escaped) {
				t.Errorf("Refused(%q) = %+v, %v", c.doc, r, refused)
			}
			if refused && !strings.Contains(r.Error(), "is not one IAM accepts in a policy") {
				t.Errorf("message %q", r.Error())
			}
		})
	}
}

// The figure: of the AWS managed policies, 81 of 1,594 exceed
// 6,144 characters without whitespace.
func TestManagedPolicyCorpusOversize(t *testing.T) {
	all, err := managedpolicies.All()
	if err != nil {
		t.Fatal(err)
	}
	over := 0
	for _, p := range all {
		s, err := Measure("managed", 0, string(p.Document))
		if err != nil {
			t.Fatal(err)
		}
		if !s.Fits {
			over++
		}
	}
	if len(all) != 1594 || over != 81 {
		t.Errorf("%d of %d managed policies exceed 6,144 characters, the issue counts 81 of 1,594", over, len(all))
	}
}

func BenchmarkCountMebibyte(b *testing.B) {
	doc := `{"Version":"2012-10-17","Statement":[` + strings.Repeat(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},`, 16000) + `{}]}`
	k, _ := Lookup("managed")
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		k.Count(doc)
	}
}
