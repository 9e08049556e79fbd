package servicereference

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// levelOf reads an action's access level from its Annotations.Properties,
// in the order the flags decide it: AWS documents them as not mutually
// exclusive (a tagging action is also a write), so the most specific wins.
// None set means Read. See "Additional field definitions" on the Service
// Authorization Reference's page on programmatic access.
func levelOf(p wireProperties) iam.AccessLevel {
	switch {
	case p.IsPermissionManagement:
		return iam.PermissionsManagement
	case p.IsTaggingOnly:
		return iam.Tagging
	case p.IsWrite:
		return iam.Write
	case p.IsList:
		return iam.List
	}
	return iam.Read
}

// keyTypes maps the reference's condition key types to the model's, which
// use the policy grammar's names; anything else is kept as written.
var keyTypes = map[string]string{
	"boolean":        "Bool",
	"arrayofboolean": "ArrayOfBool",
	"long":           "Numeric",
	"integer":        "Numeric",
	"arrayoflong":    "ArrayOfNumeric",
	"ipaddress":      "IPAddress",
	"arn":            "ARN",
	"arrayofarn":     "ArrayOfARN",
	"string":         "String",
	"arrayofstring":  "ArrayOfString",
	"bool":           "Bool",
	"arrayofbool":    "ArrayOfBool",
	"numeric":        "Numeric",
	"date":           "Date",
}

func keyType(types []string) string {
	if len(types) == 0 {
		return ""
	}
	if t, ok := keyTypes[strings.ToLower(types[0])]; ok {
		return t
	}
	return types[0]
}

// built is a service with what the build had to say about it.
type built struct {
	svc        *iam.Service
	unleveled  []string // actions with no annotations that the snapshot does not know
	operations []Operation
	published  bool // the document has an Operations key
}

// buildService turns a document into the model. The reference is the
// authority on which actions, resource types and condition keys exist and
// on access levels; what it does not carry (descriptions, required
// resource types, dependent actions, key descriptions, the display name)
// comes from fb, the snapshot's entry for the same prefix, or stays empty.
// Slices taken from fb are copied: Sort reorders in place and fb is shared.
func buildService(prefix string, doc *wireDocument, fb *iam.Service) (*built, error) {
	if fb == nil {
		fb = &iam.Service{}
	}
	svc := &iam.Service{Prefix: prefix, Name: firstOf(fb.Name, prefix)}
	out := &built{svc: svc}
	seen := map[string]bool{}
	for _, w := range doc.Actions {
		name := strings.TrimSpace(w.Name)
		if seen[strings.ToLower(name)] {
			continue
		}
		seen[strings.ToLower(name)] = true
		fa, known := fb.Action(name)
		if !known {
			fa = &iam.Action{}
		}
		a := iam.Action{
			Name:             name,
			Description:      fa.Description,
			ConditionKeys:    append([]string(nil), w.ActionConditionKeys...),
			DependentActions: append([]string(nil), fa.DependentActions...),
		}
		switch {
		case w.Annotations != nil && w.Annotations.Properties != nil:
			a.AccessLevel = levelOf(*w.Annotations.Properties)
		case known:
			a.AccessLevel = fa.AccessLevel
		default:
			out.unleveled = append(out.unleveled, name)
		}
		for _, ref := range w.Resources {
			row := iam.ActionResource{Name: ref.Name}
			for _, fr := range fa.ResourceTypes {
				if fr.Name == ref.Name {
					row = fr
					row.ConditionKeys = append([]string(nil), fr.ConditionKeys...)
					row.DependentActions = append([]string(nil), fr.DependentActions...)
				}
			}
			a.ResourceTypes = append(a.ResourceTypes, row)
		}
		svc.Actions = append(svc.Actions, a)
	}
	if doc.Resources == nil {
		svc.ResourceTypes = append([]iam.ResourceType(nil), fb.ResourceTypes...)
	} else {
		for _, w := range *doc.Resources {
			rt := iam.ResourceType{Name: w.Name, ConditionKeys: append([]string(nil), w.ConditionKeys...)}
			if len(w.ARNFormats) > 0 {
				rt.ARN = w.ARNFormats[0]
			}
			svc.ResourceTypes = append(svc.ResourceTypes, rt)
		}
	}
	if doc.ConditionKeys == nil {
		svc.ConditionKeys = append([]iam.ConditionKey(nil), fb.ConditionKeys...)
	} else {
		for _, w := range *doc.ConditionKeys {
			k := iam.ConditionKey{Name: w.Name, Type: keyType(w.Types)}
			if f, ok := fb.ConditionKey(w.Name); ok {
				k.Type = firstOf(k.Type, f.Type)
				k.Description = f.Description
			}
			svc.ConditionKeys = append(svc.ConditionKeys, k)
		}
	}
	svc.Sort()
	if doc.Operations != nil {
		out.published = true
		ops, err := buildOperations(*doc.Operations)
		if err != nil {
			return nil, err
		}
		out.operations = ops
	}
	return out, nil
}

// Operation is an SDK operation and the IAM actions that authorize it.
type Operation struct {
	Name              string
	AuthorizedActions []AuthorizedAction
	SDK               []SDKMethod
}

// AuthorizedAction is one action an operation needs, possibly of another
// service, with the condition context AWS documents for it (such as
// iam:PassedToService for iam:PassRole).
type AuthorizedAction struct {
	Service string
	Name    string
	Context map[string]string
}

// SDKMethod names the operation in one SDK, such as Boto3's get_object.
type SDKMethod struct {
	Package string
	Name    string
	Method  string
}

func buildOperations(list []wireOperation) ([]Operation, error) {
	ops := make([]Operation, 0, len(list))
	for i, w := range list {
		if strings.TrimSpace(w.Name) == "" {
			return nil, fmt.Errorf("operation %d has no Name", i)
		}
		op := Operation{Name: strings.TrimSpace(w.Name)}
		for _, a := range w.AuthorizedActions {
			if a.Name == "" || a.Service == "" {
				return nil, fmt.Errorf("operation %q has an authorized action without Name or Service", op.Name)
			}
			ctx, err := contextValues(a.Context)
			if err != nil {
				return nil, fmt.Errorf("operation %q, action %s:%s: %w", op.Name, a.Service, a.Name, err)
			}
			op.AuthorizedActions = append(op.AuthorizedActions, AuthorizedAction{Service: strings.ToLower(a.Service), Name: a.Name, Context: ctx})
		}
		for _, s := range w.SDK {
			op.SDK = append(op.SDK, SDKMethod{Package: s.Package, Name: s.Name, Method: s.Method})
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
