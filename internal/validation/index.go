package validation

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// serviceInfo is one service with what the checks look up in it, worked
// out once per Validator.
type serviceInfo struct {
	svc *iam.Service
	// arnServices are the service fields of its resource types' ARN
	// formats, as patterns ("${Vendor}" becomes a star): an ec2 action can
	// be scoped to an "iam" ARN.
	arnServices []string
	// formats maps resource type names to ARN patterns (see formatPattern).
	formats map[string]string
	// compactor suggests shorter action lists; nil for a service whose
	// actions it cannot trust, which then gets no suggestion.
	compactor *readonly.Compactor

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
		v.byPrefix[iam.ToLowerASCII(svc.Prefix)] = si
	}
	sort.Slice(v.services, func(i, j int) bool { return v.services[i].svc.Prefix < v.services[j].svc.Prefix })
	return nil
}

func newServiceInfo(svc *iam.Service) *serviceInfo {
	si := &serviceInfo{svc: svc, formats: make(map[string]string, len(svc.ResourceTypes))}
	si.compactor, _ = readonly.NewCompactor(svc)
	seen := map[string]bool{}
	for _, rt := range svc.ResourceTypes {
		f := formatPattern(rt.ARN)
		si.formats[rt.Name] = f
		if field, ok := arnField(f, 2); ok && !seen[field] {
			seen[field] = true
			si.arnServices = append(si.arnServices, field)
		}
	}
	for _, alias := range arnAliases[svc.Prefix] {
		if !seen[alias] {
			si.arnServices = append(si.arnServices, alias)
		}
	}
	return si
}

// arnAliases are service fields a service's resources have besides those
// of its resource types' ARN formats: a renamed service answers to its
// old and new ARNs alike, and Application Auto Scaling's scaling policies
// have "autoscaling" ARNs, which the catalog lists under no resource type.
var arnAliases = map[string][]string{
	"codeconnections":         {"codestar-connections"},
	"codestar-connections":    {"codeconnections"},
	"application-autoscaling": {"autoscaling"},
}

// service finds a service by prefix, case-insensitively.
func (v *Validator) service(prefix string) *serviceInfo { return v.byPrefix[iam.ToLowerASCII(prefix)] }

// keysOf returns the condition key patterns that apply to the i-th action.
func (si *serviceInfo) keysOf(i int) []string {
	si.actionKeysOnce.Do(func() {
		si.actionKeys = make([][]string, len(si.svc.Actions))
		for j := range si.svc.Actions {
			names := si.svc.ActionConditionKeys(&si.svc.Actions[j])
			pats := make([]string, len(names))
			for k, n := range names {
				pats[k] = keyPattern(n)
			}
			si.actionKeys[j] = pats
		}
	})
	return si.actionKeys[i]
}
