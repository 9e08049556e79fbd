package validation

import (
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

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
		if got := pattern.Intersects(variablesToStar(c.resource), formatPattern(c.format), pattern.FoldASCII); got != c.want {
			t.Errorf("%s against %s: %v, want %v", c.resource, c.format, got, c.want)
		}
	}
}
