package validation

import "testing"

// Common resource policies validate as resource policies without an
// ERROR or a SECURITY_WARNING.
func TestResourcePolicies(t *testing.T) {
	for name, src := range map[string]string{
		"GitHub OIDC trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"},
			"Action":"sts:AssumeRoleWithWebIdentity",
			"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
				"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/repo:*"}}}]}`,
		"EKS service account trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC"},
			"Action":"sts:AssumeRoleWithWebIdentity",
			"Condition":{"StringEquals":{"oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:ns:sa"}}}]}`,
		"SAML trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Federated":"arn:aws:iam::123456789012:saml-provider/idp"},
			"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`,
		"cross-account trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},
			"Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]}`,
		"service trust": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
		"bucket policy": `{"Version":"2012-10-17","Statement":[
			{"Sid":"TLS","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],
				"Condition":{"Bool":{"aws:SecureTransport":"false"}}},
			{"Sid":"Read","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/reader"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
		"default key policy": `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow",
			"Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`,
	} {
		rep := validate(t, src, Options{PolicyType: Resource})
		if rep.Counts.Error != 0 || rep.Counts.SecurityWarning != 0 {
			t.Errorf("%s: %+v\n%s", name, rep.Counts, listFindings(rep.Findings))
		}
	}
}
