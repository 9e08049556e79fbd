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
		rule             string
		resource, format string
		want             bool
	}{
		{"a bucket is not an object", "arn:aws:s3:::bucket", object, false},
		{"a bucket's objects are objects", "arn:aws:s3:::bucket/*", object, true},
		{"a star after the bucket name may reach the object key", "arn:aws:s3:::bucket*", object, true},
		{"every bucket's star may be an object", "arn:aws:s3:::*", object, true},
		{"formats compare with ASCII case folded", "ARN:AWS:S3:::b/k", object, true},
		{"another service's ARN is not the format's", "arn:aws:sqs:*:*:q", object, false},
		{"another resource type is not the format's", "arn:aws:ec2:us-east-1:123456789012:volume/*", instance, false},
		{"header stars meet the region and account variables", "arn:aws:ec2:*:*:instance/*", instance, true},
		{"a pattern that ends early in a star meets the rest", "arn:aws:ec2:*", instance, true},
		{"the partition variable matches another partition", "arn:aws-cn:ec2:cn-north-1:*:instance/i-1", instance, true},
		{"the resource variable may hold colons", "arn:aws:lambda:*:*:function:app:*", function, true},
	} {
		t.Run(c.rule, func(t *testing.T) {
			if got := pattern.Intersects(pattern.VariablesToStar(c.resource), formatPattern(c.format), pattern.FoldASCII); got != c.want {
				t.Errorf("%s against %s: %v, want %v", c.resource, c.format, got, c.want)
			}
		})
	}
}
