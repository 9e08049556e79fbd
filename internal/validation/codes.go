package validation

import "sort"

// Code identifies the kind of a finding. Codes are stable: a Terraform
// configuration names them in ignore_codes.
type Code string

// The codes, grouped by severity. Codes lists each with its description.
const (
	MalformedPolicy          Code = "MALFORMED_POLICY"
	InvalidVersion           Code = "INVALID_VERSION"
	InvalidEffect            Code = "INVALID_EFFECT"
	UnknownService           Code = "UNKNOWN_SERVICE"
	UnknownAction            Code = "UNKNOWN_ACTION"
	NoMatchingAction         Code = "NO_MATCHING_ACTION"
	InvalidConditionOperator Code = "INVALID_CONDITION_OPERATOR"
	UnknownConditionKey      Code = "UNKNOWN_CONDITION_KEY"
	InvalidResource          Code = "INVALID_RESOURCE"
	MissingResource          Code = "MISSING_RESOURCE"
	UnsupportedPrincipal     Code = "UNSUPPORTED_PRINCIPAL"
	MissingPrincipal         Code = "MISSING_PRINCIPAL"
	InvalidSid               Code = "INVALID_SID"
	InvalidARNAccount        Code = "INVALID_ARN_ACCOUNT"
	InvalidConditionValue    Code = "INVALID_CONDITION_VALUE"
	UniqueSidsRequired       Code = "UNIQUE_SIDS_REQUIRED"
	PolicySizeExceeded       Code = "POLICY_SIZE_EXCEEDED"
	InvalidCharacter         Code = "INVALID_CHARACTER"

	AllowWithNotAction         Code = "ALLOW_WITH_NOT_ACTION"
	AllowWithNotResource       Code = "ALLOW_WITH_NOT_RESOURCE"
	AllowWithNotPrincipal      Code = "ALLOW_WITH_NOT_PRINCIPAL"
	PermissionsManagementOnAll Code = "PERMISSIONS_MANAGEMENT_ON_ALL_RESOURCES"
	PassRoleOnAll              Code = "PASS_ROLE_ON_ALL_RESOURCES"
	PrivilegeEscalation        Code = "PRIVILEGE_ESCALATION"
	NonReadOnlyAction          Code = "NON_READ_ONLY_ACTION"
	PublicAccess               Code = "PUBLIC_ACCESS"

	MissingVersion            Code = "MISSING_VERSION"
	VariableInOldVersion      Code = "POLICY_VARIABLE_IN_OLD_VERSION"
	EmptyElement              Code = "EMPTY_ELEMENT"
	ParserWarning             Code = "PARSER_WARNING"
	RedundantAction           Code = "REDUNDANT_ACTION"
	RedundantResource         Code = "REDUNDANT_RESOURCE"
	DuplicateSid              Code = "DUPLICATE_SID"
	ConditionKeyNotApplicable Code = "CONDITION_KEY_NOT_APPLICABLE"
	ResourceServiceMismatch   Code = "RESOURCE_SERVICE_MISMATCH"
	ResourceTypeMismatch      Code = "RESOURCE_TYPE_MISMATCH"
	SCPAllowResource          Code = "SCP_ALLOW_RESOURCE"
	SCPAllowCondition         Code = "SCP_ALLOW_CONDITION"
	SCPAllowNotAction         Code = "SCP_ALLOW_NOT_ACTION"
	InvalidARNRegion          Code = "INVALID_ARN_REGION"
	ConditionTypeMismatch     Code = "CONDITION_TYPE_MISMATCH"
	SetOperatorOnSingleValued Code = "SET_OPERATOR_ON_SINGLE_VALUED_KEY"
	MissingSetOperator        Code = "MISSING_SET_OPERATOR"

	WildcardInService Code = "WILDCARD_IN_SERVICE"
	CompactActions    Code = "COMPACT_ACTIONS"
)

// CodeInfo describes one code for documentation.
type CodeInfo struct {
	Code        Code
	Severity    Severity
	Description string // one line
}

// infoByCode is filled from the check registry by init, not by a variable
// initializer, since the checks' functions refer back to it through emit.
var infoByCode = map[Code]CodeInfo{}

func init() {
	for _, c := range checks {
		infoByCode[c.Code] = c.CodeInfo
	}
}

// Codes lists every code, most serious severity first and by code within
// a severity.
func Codes() []CodeInfo {
	out := make([]CodeInfo, 0, len(checks))
	for _, c := range checks {
		out = append(out, c.CodeInfo)
	}
	rank := map[Severity]int{}
	for i, s := range Severities {
		rank[s] = i
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Severity != out[j].Severity {
			return rank[out[i].Severity] < rank[out[j].Severity]
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// Lookup returns the description of a code.
func Lookup(code Code) (CodeInfo, bool) {
	info, ok := infoByCode[code]
	return info, ok
}

func codeNames() []string {
	names := make([]string, 0, len(infoByCode))
	for c := range infoByCode {
		names = append(names, string(c))
	}
	sort.Strings(names)
	return names
}
