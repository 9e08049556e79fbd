package validation

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// serviceInfo is one service with what the checks look up in it, worked
// out once per Validator.
type serviceInfo struct {
	svc *iam.Service
	// arnServices are the service fields of its resource types' ARN
	// formats, as patterns ("${Vendor}" becomes "*"): an ec2 action can be
	// scoped to an "iam" ARN.
	arnServices []string
	// formats maps resource type names to ARN patterns.
	formats map[string]string

	// actionKeys[i] are the condition key patterns that apply to
	// svc.Actions[i], built when a condition first needs them.
	actionKeysOnce sync.Once
	actionKeys     [][]string
}

func (v *Validator) loadServices(ctx context.Context, cat iam.Catalog) error {
	summaries, err := cat.Services(ctx)
	if err != nil {
		return fmt.Errorf("listing services: %w", err)
	}
	v.byPrefix = make(map[string]*serviceInfo, len(summaries))
	for _, s := range summaries {
		svc, err := cat.Service(ctx, s.Prefix)
		if err != nil {
			return fmt.Errorf("reading service %q: %w", s.Prefix, err)
		}
		si := newServiceInfo(svc)
		v.services = append(v.services, si)
		v.byPrefix[strings.ToLower(svc.Prefix)] = si
	}
	sort.Slice(v.services, func(i, j int) bool { return v.services[i].svc.Prefix < v.services[j].svc.Prefix })
	return nil
}

func newServiceInfo(svc *iam.Service) *serviceInfo {
	si := &serviceInfo{svc: svc, formats: make(map[string]string, len(svc.ResourceTypes))}
	seen := map[string]bool{}
	for _, rt := range svc.ResourceTypes {
		f := placeholdersToStar(rt.ARN)
		si.formats[rt.Name] = f
		if field, ok := arnField(f, 2); ok && !seen[field] {
			seen[field] = true
			si.arnServices = append(si.arnServices, field)
		}
	}
	return si
}

// service finds a service by prefix, case-insensitively.
func (v *Validator) service(prefix string) *serviceInfo { return v.byPrefix[strings.ToLower(prefix)] }

// keysOf returns the condition key patterns that apply to the i-th action.
func (si *serviceInfo) keysOf(i int) []string {
	si.actionKeysOnce.Do(func() {
		si.actionKeys = make([][]string, len(si.svc.Actions))
		for j := range si.svc.Actions {
			names := si.svc.ActionConditionKeys(&si.svc.Actions[j])
			pats := make([]string, len(names))
			for k, n := range names {
				pats[k] = keyPattern(n, false)
			}
			si.actionKeys[j] = pats
		}
	})
	return si.actionKeys[i]
}

// actionIndex finds an action of the service by exact name,
// case-insensitively as IAM compares action names.
func (si *serviceInfo) actionIndex(name string) (int, bool) {
	acts := si.svc.Actions
	i := sort.Search(len(acts), func(i int) bool { return compareFold(acts[i].Name, name) >= 0 })
	return i, i < len(acts) && compareFold(acts[i].Name, name) == 0
}

// placeholdersToStar turns every ${...} in an ARN format or a policy's
// resource into '*': "arn:${Partition}:s3:::${BucketName}" is
// "arn:*:s3:::*". A placeholder may stand for any text, and a policy
// variable for whatever the request holds, so a star is the one reading
// that never makes a match fail.
func placeholdersToStar(s string) string { return replaceSpans(s, "${", "}") }

// replaceSpans replaces every span from open to the next close with '*'.
func replaceSpans(s, open, close string) string {
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		end := strings.Index(s[i+len(open):], close)
		if end < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteByte('*')
		s = s[i+len(open)+end+len(close):]
	}
	b.WriteString(s)
	return b.String()
}

// arnField returns the n-th colon-separated field of an ARN ("arn" is
// field 0, the service field 2), if the value has that many.
func arnField(arn string, n int) (string, bool) {
	for i := 0; i < n; i++ {
		c := strings.IndexByte(arn, ':')
		if c < 0 {
			return "", false
		}
		arn = arn[c+1:]
	}
	if c := strings.IndexByte(arn, ':'); c >= 0 {
		return arn[:c], true
	}
	return "", false
}

// compareFold compares ASCII strings as if both were lower case, the order
// iam.Service keeps its actions in.
func compareFold(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		ca, cb := lowerByte(a[i]), lowerByte(b[i])
		if ca != cb {
			if ca < cb {
				return -1
			}
			return 1
		}
	}
	return len(a) - len(b)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
