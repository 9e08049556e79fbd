package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/policy"
)

// IAM refuses an identity policy statement without Resource; SCPs and
// boundaries share that grammar. A resource policy's resource is implied
// by where it is attached (a role's trust policy has none).
func checkMissingResource(r *run, s *stmt) {
	if r.typ == Resource || s.Resource != nil || s.NotResource != nil {
		return
	}
	r.emit(MissingResource, s.Path, fmt.Sprintf(
		`the statement has neither Resource nor NotResource, which %s requires; add "Resource": "*" or the ARNs it applies to`, r.typ.noun()))
}

func checkInvalidResource(r *run, s *stmt) {
	list := s.resources()
	if list == nil {
		return
	}
	for i, v := range list.Values {
		if v == "*" || isARN(v) {
			continue
		}
		r.emit(InvalidResource, list.ValuePath(i), fmt.Sprintf(
			`%s is neither "*" nor an ARN such as "arn:aws:s3:::bucket/*"`, quote(v)))
	}
}

// Only resource policies name principals: IAM refuses Principal in a
// managed or inline policy, which is what a permissions boundary is too,
// and AWS Organizations refuses it in an SCP. So a boundary gets the same
// ERROR as an identity policy.
func checkUnsupportedPrincipal(r *run, s *stmt) {
	if r.typ == Resource {
		return
	}
	const msg = "%s is only for resource policies; %s applies to the principals it is attached to, so remove it"
	if s.Principal != nil {
		r.emit(UnsupportedPrincipal, s.Principal.Path, fmt.Sprintf(msg, "Principal", r.typ.noun()))
	}
	if s.NotPrincipal != nil {
		r.emit(UnsupportedPrincipal, s.NotPrincipal.Path, fmt.Sprintf(msg, "NotPrincipal", r.typ.noun()))
	}
}

func checkMissingPrincipal(r *run, s *stmt) {
	if r.typ != Resource || s.Principal != nil || s.NotPrincipal != nil {
		return
	}
	r.emit(MissingPrincipal, s.Path,
		`a resource policy statement must say whom it applies to: add a Principal such as {"AWS": "arn:aws:iam::123456789012:root"}`)
}

// Version 2008-10-17 predates policy variables: IAM reads "${aws:username}"
// there as plain text, as it does when Version is missing (MISSING_VERSION)
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
// One finding, at the first variable, says it for the whole document.
func checkOldVersionVariables(r *run) {
	if r.doc.Version != policy.Version2008 {
		return
	}
	for _, s := range r.stmts {
		if path, value, ok := firstVariable(s); ok {
			r.emit(VariableInOldVersion, path, fmt.Sprintf(
				`Version is "2008-10-17", where IAM reads policy variables as plain text, so %s matches only those very characters; use "Version": "2012-10-17"`,
				quote(value)))
			return
		}
	}
}

// firstVariable finds the first Resource, NotResource or Condition value
// of a statement that holds a policy variable.
func firstVariable(s *stmt) (path, value string, ok bool) {
	for _, list := range []*policy.StringList{s.Resource, s.NotResource} {
		if list == nil {
			continue
		}
		for i, v := range list.Values {
			if strings.Contains(v, "${") {
				return list.ValuePath(i), v, true
			}
		}
	}
	if s.Condition == nil {
		return "", "", false
	}
	for _, op := range s.Condition.Operators {
		for _, k := range op.Keys {
			for i, v := range k.Values {
				if strings.Contains(v.Text, "${") {
					return k.ValuePath(i), v.Text, true
				}
			}
		}
	}
	return "", "", false
}

// IAM requires a Sid to be unique within the policies it stores, managed
// and inline, a boundary included: "In IAM, the Sid value must be unique
// within a JSON policy"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html).
func checkUniqueSids(r *run) {
	if r.typ == Identity || r.typ == Boundary {
		eachDuplicateSid(r, UniqueSidsRequired, "IAM requires each Sid of "+r.typ.noun()+" to be unique: rename one")
	}
}

// Services with resource policies, and AWS Organizations, have rules of
// their own; some refuse duplicates, and they make findings ambiguous.
func checkDuplicateSid(r *run) {
	if r.typ == Resource || r.typ == SCP {
		eachDuplicateSid(r, DuplicateSid, "IAM refuses duplicate Sids in some resource policies, and they make findings ambiguous")
	}
}

func eachDuplicateSid(r *run, code Code, why string) {
	first := map[string]string{}
	for _, s := range r.stmts {
		if !s.HasSid || s.Sid == "" {
			continue
		}
		if prev, dup := first[s.Sid]; dup {
			r.emit(code, s.Path+".Sid", fmt.Sprintf("Sid %s is also the Sid of %s; %s", quote(s.Sid), prev, why))
			continue
		}
		first[s.Sid] = s.Path
	}
}

// The SCP checks follow the grammar SCPs had until 2025, when AWS
// Organizations began to accept the full IAM policy language in them
// (conditions, resource ARNs and NotAction in Allow statements). They are
// warnings, not errors, since AWS now accepts such SCPs; they matter where
// an SCP must also work under the original grammar.
func checkSCPAllowResource(r *run, s *stmt) {
	if r.typ != SCP || s.Effect != policy.Allow {
		return
	}
	switch {
	case s.NotResource != nil:
		r.emit(SCPAllowResource, s.NotResource.Path, `NotResource in an SCP Allow statement needs the full IAM language for SCPs; the original SCP grammar allows only "Resource": "*"`)
	case s.Resource != nil:
		for i, v := range s.Resource.Values {
			if v != "*" {
				r.emit(SCPAllowResource, s.Resource.ValuePath(i), fmt.Sprintf(
					`resource %s in an SCP Allow statement needs the full IAM language for SCPs; the original SCP grammar allows only "*"`, quote(v)))
			}
		}
	}
}

func checkSCPAllowCondition(r *run, s *stmt) {
	if r.typ == SCP && s.Effect == policy.Allow && s.Condition != nil {
		r.emit(SCPAllowCondition, s.Condition.Path,
			"a Condition in an SCP Allow statement needs the full IAM language for SCPs; the original SCP grammar allows conditions only in Deny statements")
	}
}

func checkSCPAllowNotAction(r *run, s *stmt) {
	if r.typ == SCP && s.Effect == policy.Allow && s.NotAction != nil {
		r.emit(SCPAllowNotAction, s.NotAction.Path,
			"NotAction in an SCP Allow statement needs the full IAM language for SCPs; the original SCP grammar allows NotAction only in Deny statements")
	}
}

// checkSid applies IAM's rule for the policies it stores itself, managed
// and inline (a boundary is a managed policy): a Sid of letters and
// digits only. Services with resource policies have rules of their own,
// and SCPs are stored by AWS Organizations, so those are left alone.
func checkSid(r *run, s *stmt) {
	if r.typ != Identity && r.typ != Boundary || !s.HasSid {
		return
	}
	for _, c := range s.Sid {
		if !isAlphanumeric(c) {
			r.emit(InvalidSid, s.Path+".Sid", fmt.Sprintf(
				"Sid %s has the character %s; IAM accepts only letters A-Z and a-z and digits 0-9 in %s", quote(s.Sid), quote(string(c)), r.typ.noun()))
			return
		}
	}
}

func isAlphanumeric(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
