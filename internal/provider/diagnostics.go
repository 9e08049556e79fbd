package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// addCatalogError reports a catalog failure: an unknown service against the
// attribute that named it, anything else as a failure to read the catalog.
func addCatalogError(diags *diag.Diagnostics, at path.Path, err error) {
	var unknown *iam.UnknownServiceError
	if errors.As(err, &unknown) {
		addAttributeError(diags, at, "Unknown service", sentence(err))
		return
	}
	diags.AddError("Cannot read the IAM catalog", capitalize(sentence(err)))
}

// listElements reads an optional list or set of strings element by
// element, so that a null element, which Terraform lets a list hold
// (`var.on ? "s3" : null`), is an error naming its own path, such as
// `services[1] must not be null`, rather than the framework's conversion
// error. A null list gives nil. Unknown values cannot reach Read, since
// Terraform defers reading a data source until its configuration is known,
// but a provider configuration may hold them, so they are errors too.
// Callers stop when diags has errors: positions past a bad element shift.
func listElements(value attr.Value, at path.Path, diags *diag.Diagnostics) []string {
	_, isSet := value.(types.Set)
	return stringElements(value, func(i int, elem attr.Value, problem string) {
		p := at.AtListIndex(i)
		if isSet {
			p = at.AtSetValue(elem)
		}
		addElementError(diags, p, problem)
	})
}

// nullElement is what every list input says of a null element.
const nullElement = "must not be null: remove the element, or drop nulls with compact(...)"

// addElementError reports a bad element of a list input, naming its path.
func addElementError(diags *diag.Diagnostics, at path.Path, problem string) {
	diags.AddAttributeError(at, "Invalid element", fmt.Sprintf("%s %s.", at, problem))
}

// stringElements returns the strings of a list or set, calling bad for
// each element that is not a known string; data sources and functions
// report those their own way.
func stringElements(value attr.Value, bad func(i int, elem attr.Value, problem string)) []string {
	if value == nil || value.IsNull() || value.IsUnknown() {
		return nil
	}
	elems := elementsOf(value)
	out := make([]string, 0, len(elems))
	for i, elem := range elems {
		s, ok := elem.(types.String)
		switch {
		case elem.IsNull():
			bad(i, elem, nullElement)
		case elem.IsUnknown():
			bad(i, elem, "must be known at plan time")
		case !ok:
			bad(i, elem, "must be a string, not "+elem.Type(context.Background()).String())
		default:
			out = append(out, s.ValueString())
		}
	}
	return out
}

// elementsOf returns the elements of a list, set or tuple; nil for any
// other value.
func elementsOf(value attr.Value) []attr.Value {
	switch v := value.(type) {
	case types.List:
		return v.Elements()
	case types.Set:
		return v.Elements()
	case types.Tuple:
		return v.Elements()
	}
	return nil
}

// checkServicePrefix refuses an empty service prefix, which would only get
// suggestions of the shortest prefixes, and one holding a character IAM
// does not accept.
func checkServicePrefix(at path.Path, s string, diags *diag.Diagnostics) {
	if s == "" {
		addAttributeError(diags, at, "Empty service prefix", `the service prefix is empty: write one such as "s3" or "cloudtrail".`)
		return
	}
	checkName(at, s, diags)
}

// checkName refuses a name holding a character IAM does not accept in a
// policy, the way the policy parser refuses it.
func checkName(at path.Path, s string, diags *diag.Diagnostics) {
	if err := iam.CheckText(s); err != nil {
		addAttributeError(diags, at, "Invalid character", capitalize(sentence(err)))
	}
}

// parseActionPatterns parses the patterns of a match attribute, reporting
// each malformed one against its own element, and refusing a service part
// that cannot name the given service (when service is not empty).
func parseActionPatterns(raw []string, service string, at path.Path, diags *diag.Diagnostics) []iam.Pattern {
	patterns := make([]iam.Pattern, 0, len(raw))
	for i, s := range raw {
		p, err := iam.ParsePattern(s)
		if err == nil && service != "" && !p.MatchesService(service) {
			err = fmt.Errorf("action pattern %q names another service than %q; write it bare (%q) or as %q",
				s, service, p.Action, service+":"+p.Action)
		}
		if err != nil {
			addAttributeError(diags, at.AtListIndex(i), "Invalid action pattern", sentence(err))
			continue
		}
		patterns = append(patterns, p)
	}
	return patterns
}

// parseLevels reads an access_levels attribute, naming the bad element.
func parseLevels(raw []string, at path.Path, diags *diag.Diagnostics) iam.LevelSet {
	var set iam.LevelSet
	for i, s := range raw {
		l, err := iam.ParseLevels([]string{s})
		if err != nil {
			addAttributeError(diags, at.AtListIndex(i), "Unknown access level", sentence(err))
			continue
		}
		set |= l
	}
	return set
}

// addAttributeError reports bad input against the attribute, and names the
// attribute in the text too: Terraform shows the block, not the element.
func addAttributeError(diags *diag.Diagnostics, at path.Path, summary, detail string) {
	diags.AddAttributeError(at, summary, at.String()+": "+detail)
}

func addAttributeWarning(diags *diag.Diagnostics, at path.Path, summary, detail string) {
	diags.AddAttributeWarning(at, summary, at.String()+": "+detail)
}

// sentence ends an error's text with a full stop unless it has one.
func sentence(err error) string {
	s := err.Error()
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func quoted(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
