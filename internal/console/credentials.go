package console

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/iamv2/terraform-provider-iamv2/internal/httpx"
)

// federationName names the GetFederationToken session in CloudTrail.
const federationName = "terraform-iamv2"

// federationSeconds is the lifetime asked of GetFederationToken: ample for
// a Terraform run; a longer one would be re-signed-in anyway on expiry.
const federationSeconds = 3600

// loadAWS reads the SDK configuration: the default credential chain
// (environment, shared files, profile, SSO, IMDS) unless credentials were
// injected.
func (c *Catalog) loadAWS(ctx context.Context) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRegion(c.cfg.Region),
		config.WithHTTPClient(sdkClient(c.rt)),
	}
	if c.cfg.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.cfg.Profile))
	}
	if len(c.cfg.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(c.cfg.SharedConfigFiles))
	}
	if len(c.cfg.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(c.cfg.SharedCredentialsFiles))
	}
	if c.cfg.Credentials != nil {
		opts = append(opts, config.WithCredentialsProvider(c.cfg.Credentials))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, c.fail("sign-in: AWS configuration", ErrCredentials, 0, nil, "%v", err)
	}
	return awsCfg, nil
}

// temporaryCredentials returns credentials the federation endpoint accepts:
// the chain's own when they carry a session token, otherwise (long-term IAM
// user keys) a GetFederationToken session. That call passes no policy, so
// the session has no permissions: the console's metadata API needs none.
func (c *Catalog) temporaryCredentials(ctx context.Context) (creds aws.Credentials, federated bool, err error) {
	awsCfg, err := c.loadAWS(ctx)
	if err != nil {
		return aws.Credentials{}, false, err
	}
	if awsCfg.Credentials == nil {
		return aws.Credentials{}, false, c.fail("sign-in: credentials", ErrCredentials, 0, nil, "no AWS credentials are configured")
	}
	creds, err = awsCfg.Credentials.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, false, c.fail("sign-in: credentials", ErrCredentials, 0, nil, "no usable AWS credentials: %v", err)
	}
	c.sec.Add(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	if creds.SessionToken != "" {
		c.debug(ctx, "using temporary credentials from the credential chain", map[string]any{"source": creds.Source})
		return creds, false, nil
	}
	c.debug(ctx, "exchanging long-term keys for a GetFederationToken session without permissions", nil)
	client := sts.NewFromConfig(awsCfg, func(o *sts.Options) {
		if c.cfg.STSEndpoint != "" {
			o.BaseEndpoint = aws.String(c.cfg.STSEndpoint)
		}
	})
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Limits.TotalTimeout)
	defer cancel()
	out, err := client.GetFederationToken(ctx, &sts.GetFederationTokenInput{
		Name:            aws.String(federationName),
		DurationSeconds: aws.Int32(federationSeconds),
	})
	if err != nil {
		return aws.Credentials{}, false, c.federationError(err)
	}
	if out.Credentials == nil || out.Credentials.AccessKeyId == nil || out.Credentials.SecretAccessKey == nil || out.Credentials.SessionToken == nil {
		return aws.Credentials{}, false, c.fail("sign-in: sts:GetFederationToken", ErrBadResponse, 0, nil, "the response carried no credentials")
	}
	creds = aws.Credentials{
		AccessKeyID:     *out.Credentials.AccessKeyId,
		SecretAccessKey: *out.Credentials.SecretAccessKey,
		SessionToken:    *out.Credentials.SessionToken,
		Source:          "GetFederationToken",
	}
	c.sec.Add(creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken)
	return creds, true, nil
}

func (c *Catalog) federationError(err error) error {
	const op = "sign-in: sts:GetFederationToken"
	if httpx.IsTLSError(err) {
		return c.transportError(op, err)
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		return c.fail(op, ErrCredentials, 0, nil,
			"STS refused to turn the long-term keys into temporary credentials: %s: %s; the IAM user needs sts:GetFederationToken, or use temporary credentials (a profile with role_arn, an SSO profile, or AWS_SESSION_TOKEN)",
			api.ErrorCode(), api.ErrorMessage())
	}
	return c.fail(op, ErrUnavailable, 0, nil, "%v", err)
}
