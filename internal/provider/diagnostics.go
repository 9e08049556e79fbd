package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// stringList reads an optional list of strings. Null gives nil; unknown
// values cannot reach Read, since Terraform defers reading a data source
// until its configuration is known.
func stringList(ctx context.Context, list types.List, diags *diag.Diagnostics) []string {
	if list.IsNull() || list.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(list.ElementsAs(ctx, &out, false)...)
	return out
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
