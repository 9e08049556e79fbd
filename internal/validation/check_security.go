package validation

import (
	"fmt"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

func checkAllowNotAction(r *run, s *stmt) {
	if r.typ.grants() && s.Effect == policy.Allow && s.NotAction != nil {
		r.emit(AllowWithNotAction, s.NotAction.Path, fmt.Sprintf(
			"Allow with NotAction grants %s: every action of every service but those listed, including any AWS adds later; list the actions to allow instead",
			plural(s.res.Actions.Len(), "action")))
	}
}

func checkAllowNotResource(r *run, s *stmt) {
	if r.typ.grants() && s.Effect == policy.Allow && s.NotResource != nil {
		r.emit(AllowWithNotResource, s.NotResource.Path,
			"Allow with NotResource grants the actions on every resource but those listed, including resources created later; list the resources to allow instead")
	}
}

func checkAllowNotPrincipal(r *run, s *stmt) {
	if r.typ == Resource && s.Effect == policy.Allow && s.NotPrincipal != nil {
		r.emit(AllowWithNotPrincipal, s.NotPrincipal.Path,
			"Allow with NotPrincipal grants access to every principal but those listed, anonymous ones included; name the principals to allow instead")
	}
}

// checkPermissionsManagement reports each Action value of an Allow
// statement on Resource "*" that grants actions of the Permissions
// management level: they change who may do what, on anything.
func checkPermissionsManagement(r *run, s *stmt) {
	if !r.typ.grantsEverywhere() || s.Effect != policy.Allow || !s.AllResources() {
		return
	}
	isPM := func(a policy.Action) bool { return a.Level == iam.PermissionsManagement }
	if s.NotAction != nil {
		if ex := examples(s.res.Actions, isPM, 3); len(ex) > 0 {
			r.emit(PermissionsManagementOnAll, s.NotAction.Path, fmt.Sprintf(
				`the statement grants permissions management actions such as %s on Resource "*"`, quoteList(ex, 3)))
		}
		return
	}
	for i := range s.patterns {
		p := &s.patterns[i]
		set, ok := s.named(p)
		if !ok {
			continue
		}
		ex := examples(set, isPM, 3)
		switch {
		case len(ex) == 0:
		case p.exact():
			r.emit(PermissionsManagementOnAll, p.path, fmt.Sprintf(
				`%s is a permissions management action, allowed here on Resource "*"; scope it to the resources it must manage`, quote(p.text)))
		default:
			r.emit(PermissionsManagementOnAll, p.path, fmt.Sprintf(
				`%s grants permissions management actions such as %s on Resource "*"; scope them to the resources they must manage`,
				quote(p.text), quoteList(ex, 3)))
		}
	}
}

// examples returns up to limit names of the set's actions that pass keep,
// stopping early: a wide set usually has its first hits near its start.
func examples(set policy.ActionSet, keep func(policy.Action) bool, limit int) []string {
	var out []string
	for a := range set.All() {
		if keep(a) {
			if out = append(out, a.Name); len(out) == limit {
				break
			}
		}
	}
	return out
}

const passRole = "iam:PassRole"

func checkPassRole(r *run, s *stmt) {
	if !r.typ.grantsEverywhere() || s.Effect != policy.Allow || !s.AllResources() || !s.res.Actions.Contains(passRole) {
		return
	}
	path := s.Actions().Path
	if s.NotAction == nil {
		for _, p := range s.patterns {
			if p.grants(passRole) {
				path = p.path
				break
			}
		}
	}
	r.emit(PassRoleOnAll, path, `the statement allows iam:PassRole on Resource "*", so any role, however privileged, can be passed to a service; `+
		`list the role ARNs, and consider an iam:PassedToService condition`)
}

// checkNonReadOnly reports, with expect_read_only, each Action value of an
// Allow statement that grants an action the whole policy allows (after
// its unconditional denies) at a level other than List or Read.
func checkNonReadOnly(r *run, s *stmt) {
	nonRO := r.res.Net.NonReadOnly
	if !r.opts.ExpectReadOnly || s.Effect != policy.Allow || nonRO.Len() == 0 {
		return
	}
	if s.NotAction != nil {
		if found := within(nonRO, s.res.Actions); len(found) > 0 {
			r.emit(NonReadOnlyAction, s.NotAction.Path, nonReadOnlyMessage("NotAction", found))
		}
		return
	}
	for i := range s.patterns {
		p := &s.patterns[i]
		set, ok := s.named(p)
		if !ok {
			continue
		}
		if found := within(nonRO, set); len(found) > 0 {
			r.emit(NonReadOnlyAction, p.path, nonReadOnlyMessage(quote(p.text), found))
		}
	}
}

// within lists, in name order, the actions both sets hold, walking the
// smaller and looking each up in the other.
func within(a, b policy.ActionSet) []string {
	if a.Len() > b.Len() {
		a, b = b, a
	}
	var out []string
	for x := range a.All() {
		if b.Contains(x.Name) {
			out = append(out, x.Name)
		}
	}
	return out
}

func nonReadOnlyMessage(what string, found []string) string {
	return fmt.Sprintf("read-only access was expected, but %s grants %s at neither the List nor the Read level: %s",
		what, plural(len(found), "action"), quoteList(found, 5))
}

// checkPublicAccess reports a resource policy statement that allows
// anyone, signed in or not, with nothing to narrow it: Principal "*" or
// {"AWS": "*"} and no condition. Such a statement makes the resource
// public.
func checkPublicAccess(r *run, s *stmt) {
	if r.typ != Resource || s.Effect != policy.Allow || s.Principal == nil || s.Conditional() {
		return
	}
	if s.Principal.Wildcard {
		r.emit(PublicAccess, s.Principal.Path, publicMessage)
		return
	}
	for _, e := range s.Principal.Entries {
		if e.Type != "AWS" {
			continue
		}
		for i, v := range e.Values.Values {
			if v == "*" {
				r.emit(PublicAccess, e.Values.ValuePath(i), publicMessage)
			}
		}
	}
}

const publicMessage = `the statement allows every principal, anonymous ones included, with no Condition: the resource is public; name the principals, or add a condition such as "aws:PrincipalOrgID"`
