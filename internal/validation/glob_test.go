package validation

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func TestCovers(t *testing.T) {
	for _, c := range []struct {
		q, p string
		fold bool
		want bool
	}{
		{"s3:*", "s3:GetObject", true, true},
		{"s3:Get*", "s3:GetObject*", true, true},
		{"s3:Get*", "s3:*Object", true, false},
		{"s3:Get?bject", "s3:GetObject", true, true},
		{"s3:Get?bject", "s3:Get*bject", true, false},
		{"s3:GetObject", "S3:getobject", true, true},
		{"s3:GetObject", "S3:getobject", false, false},
		{"*", "", false, true},
		{"", "", false, true},
		{"a", "", false, false},
		{"arn:aws:s3:::b*", "arn:aws:s3:::b/x/*", false, true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::c/*", false, false},
		{"arn:aws:s3:::é*", "arn:aws:s3:::éa", false, true},
		{"a?c", "aéc", false, true},
	} {
		if got := covers(c.q, c.p, globOpts{fold: c.fold}); got != c.want {
			t.Errorf("covers(%q, %q, fold %v) = %v, want %v", c.q, c.p, c.fold, got, c.want)
		}
	}
}

func TestIntersects(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"a?c", "*b*", true},
		{"a?c", "abd", false},
		{"", "*", true},
		{"", "?", false},
		{"A*", "a", true},
	} {
		if got := intersects(c.a, c.b, globOpts{fold: true}); got != c.want {
			t.Errorf("intersects(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := intersects(c.b, c.a, globOpts{fold: true}); got != c.want {
			t.Errorf("intersects(%q, %q) = %v, want %v (swapped)", c.b, c.a, got, c.want)
		}
	}
}

// A resource against an ARN format: variables match anything, except
// that those of the header fields match no colon.
func TestResourceAgainstFormat(t *testing.T) {
	const (
		object   = "arn:${Partition}:s3:::${BucketName}/${ObjectName}"
		instance = "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}"
		function = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}"
	)
	for _, c := range []struct {
		resource, format string
		want             bool
	}{
		{"arn:aws:s3:::bucket", object, false},
		{"arn:aws:s3:::bucket/*", object, true},
		{"arn:aws:s3:::bucket*", object, true},
		{"arn:aws:s3:::*", object, true},
		{"ARN:AWS:S3:::b/k", object, true},
		{"arn:aws:sqs:*:*:q", object, false},
		{"arn:aws:ec2:us-east-1:123456789012:volume/*", instance, false},
		{"arn:aws:ec2:*:*:instance/*", instance, true},
		{"arn:aws:ec2:*", instance, true},
		{"arn:aws-cn:ec2:cn-north-1:*:instance/i-1", instance, true},
		{"arn:aws:lambda:*:*:function:app:*", function, true},
	} {
		if got := intersects(variablesToStar(c.resource), formatPattern(c.format), globOpts{fold: true}); got != c.want {
			t.Errorf("%s against %s: %v, want %v", c.resource, c.format, got, c.want)
		}
	}
}

// Huge pairs are not compared: covers says no and intersects yes, the
// answers that never produce a finding.
func TestGlobWorkLimit(t *testing.T) {
	long := strings.Repeat("a", 600)
	if covers("*"+long, long, globOpts{}) || !intersects(long+"b", long+"c", globOpts{}) {
		t.Error("a pair past maxGlobWork was compared")
	}
}

// TestGlobAgainstEnumeration compares both questions with the answer of
// iam.Match over every string of a and b up to eight characters, for
// random patterns of up to four: covers must be sound, intersects exact.
func TestGlobAgainstEnumeration(t *testing.T) {
	var strs []string
	var grow func(s string)
	grow = func(s string) {
		strs = append(strs, s)
		if len(s) < 8 {
			grow(s + "a")
			grow(s + "b")
		}
	}
	grow("")
	rng := rand.New(rand.NewPCG(1, 2))
	pattern := func() string {
		b := make([]byte, rng.IntN(5))
		for i := range b {
			b[i] = "ab*?"[rng.IntN(4)]
		}
		return string(b)
	}
	for range 3000 {
		a, b := pattern(), pattern()
		inter, aInB := false, true
		for _, s := range strs {
			ma, mb := iam.Match(a, s), iam.Match(b, s)
			inter = inter || ma && mb
			aInB = aInB && (!ma || mb)
		}
		if got := intersects(a, b, globOpts{}); got != inter {
			t.Fatalf("intersects(%q, %q) = %v, enumeration says %v", a, b, got, inter)
		}
		if covers(b, a, globOpts{}) && !aInB {
			t.Fatalf("covers(%q, %q) but some string of the second is not matched by the first", b, a)
		}
	}
}
