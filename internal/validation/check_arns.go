package validation

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/pattern"
)

// checkARNAccounts reports a Resource or NotResource ARN whose account
// field is neither empty, nor 12 digits, nor "aws" (AWS's own resources,
// such as managed policies): IAM refuses the policy. A wildcard or policy
// variable stands for an account and is not judged.
func checkARNAccounts(r *run, s *stmt) {
	eachARNField(s, 4, func(v, account, path string) {
		if account == "" || account == "aws" || len(account) == 12 && allDigits(account) {
			return
		}
		r.emit(InvalidARNAccount, path, fmt.Sprintf(
			"%s has account %s; an account ID is 12 digits, such as 123456789012", quote(v), quote(account)))
	})
}

// checkARNRegions reports a Resource or NotResource ARN whose region field
// does not have the shape of a region code (letters, a hyphen, words, a
// hyphen, a number: "us-east-1", "us-gov-west-1", "eusc-de-east-1"), such
// as "us-east" or "US-EAST-1": the statement matches no resource. A
// warning, as AWS adds regions.
func checkARNRegions(r *run, s *stmt) {
	eachARNField(s, 3, func(v, region, path string) {
		if region == "" || looksLikeRegion(region) {
			return
		}
		r.emit(InvalidARNRegion, path, fmt.Sprintf(
			`%s has region %s, which is not a region code such as "us-east-1"`, quote(v), quote(region)))
	})
}

// eachARNField calls fn for each ARN among the statement's resources with
// its n-th field, unless that field holds a wildcard or a policy variable.
func eachARNField(s *stmt, n int, fn func(value, field, path string)) {
	list := s.resources()
	if list == nil {
		return
	}
	for i, v := range list.Values {
		if !isARN(v) {
			continue
		}
		field, ok := arnField(pattern.VariablesToStar(v), n) // a variable may hold colons
		if !ok || strings.ContainsAny(field, "*?") {
			continue
		}
		fn(v, field, list.ValuePath(i))
	}
}

func looksLikeRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || len(parts[0]) < 2 || !allDigits(parts[len(parts)-1]) {
		return false
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || strings.Trim(p, "abcdefghijklmnopqrstuvwxyz") != "" {
			return false
		}
	}
	return true
}
