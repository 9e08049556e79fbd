package validation

// check is one entry of the registry: a code, its severity and one line
// for the documentation, and the function that finds it, run once per
// document or once per statement. Adding a check is adding an entry.
// Entries without a function are found outside the registry: by the
// parser (parsediags.go), and the size before parsing (size.go).
// The order of the entries is the order of findings within a statement.
type check struct {
	CodeInfo
	document  func(r *run)
	statement func(r *run, s *stmt)
}

var checks = []check{
	{CodeInfo{MalformedPolicy, Error, "The policy parser refuses the document: JSON syntax, structure, element names or value types."}, nil, nil},
	{CodeInfo{InvalidVersion, Error, `Version is neither "2012-10-17" nor "2008-10-17".`}, nil, nil},
	{CodeInfo{InvalidEffect, Error, `Effect is not exactly "Allow" or "Deny".`}, nil, nil},
	{CodeInfo{InvalidCharacter, Error, "A character IAM does not accept in a policy, written or decoded from a \\u escape: IAM takes only tab, line feed, carriage return and U+0020 to U+00FF."}, nil, nil},
	{CodeInfo{PolicySizeExceeded, Error, "The document is larger than the size quota of its policy type, counted as AWS counts it; the message gives the size, the limit and the kind."}, nil, nil},
	{CodeInfo{MissingVersion, Warning, "The document has no Version, so IAM reads policy variables as plain text."}, nil, nil},
	{CodeInfo{VariableInOldVersion, Warning, `Version is "2008-10-17" and a Resource or Condition value has a policy variable, which that version reads as plain text.`}, checkOldVersionVariables, nil},
	{CodeInfo{EmptyElement, Warning, "Statement, Action, NotAction, Resource or NotResource is an empty array."}, nil, nil},
	{CodeInfo{ParserWarning, Warning, "Another warning of the policy parser, such as too many problems to list."}, nil, nil},

	{CodeInfo{MissingResource, Error, "A statement of an identity policy, boundary or SCP has neither Resource nor NotResource."}, nil, checkMissingResource},
	{CodeInfo{InvalidResource, Error, `A Resource or NotResource value is neither "*" nor an ARN.`}, nil, checkInvalidResource},
	{CodeInfo{InvalidARNAccount, Error, `A resource ARN's account is neither 12 digits, nor "aws", nor a wildcard or policy variable.`}, nil, checkARNAccounts},
	{CodeInfo{InvalidSid, Error, "A Sid of an identity policy or boundary has a character other than A-Z, a-z and 0-9."}, nil, checkSid},
	{CodeInfo{UniqueSidsRequired, Error, "Two statements of an identity policy or boundary have the same Sid, which IAM requires to be unique."}, checkUniqueSids, nil},
	{CodeInfo{UnsupportedPrincipal, Error, "Principal or NotPrincipal in an identity policy, boundary or SCP, which only resource policies may have."}, nil, checkUnsupportedPrincipal},
	{CodeInfo{MissingPrincipal, Error, "A statement of a resource policy has neither Principal nor NotPrincipal."}, nil, checkMissingPrincipal},
	{CodeInfo{UnknownService, Error, "An action names a service prefix the catalog does not know."}, nil, patternProblem(UnknownService)},
	{CodeInfo{UnknownAction, Error, "An action names an action its service does not have."}, nil, patternProblem(UnknownAction)},
	{CodeInfo{NoMatchingAction, Error, "An action pattern with a wildcard matches no action."}, nil, patternProblem(NoMatchingAction)},
	{CodeInfo{InvalidConditionOperator, Error, "A condition operator IAM does not know, such as a misspelling, a wrong case, or NullIfExists."}, nil, checkConditionOperators},
	{CodeInfo{InvalidConditionValue, Error, "A condition value its operator cannot compare: a date operator's value that is not a date, a Bool's that is not true or false, an invalid IP range, ARN, number or base64."}, nil, checkConditionValues},
	{CodeInfo{UnknownConditionKey, Error, "A condition key that is neither global, nor an identity provider's, nor defined by a service of the statement's actions."}, nil, checkUnknownConditionKeys},

	{CodeInfo{AllowWithNotAction, SecurityWarning, "Allow with NotAction grants every action but those listed, including actions AWS adds later."}, nil, checkAllowNotAction},
	{CodeInfo{AllowWithNotResource, SecurityWarning, "Allow with NotResource grants the actions on every resource but those listed."}, nil, checkAllowNotResource},
	{CodeInfo{AllowWithNotPrincipal, SecurityWarning, "Allow with NotPrincipal in a resource policy grants access to every principal but those listed."}, nil, checkAllowNotPrincipal},
	{CodeInfo{PermissionsManagementOnAll, SecurityWarning, `An identity policy allows permissions management actions on Resource "*".`}, nil, checkPermissionsManagement},
	{CodeInfo{PassRoleOnAll, SecurityWarning, `An identity policy allows iam:PassRole on Resource "*": any role, however privileged, can be passed to a service.`}, nil, checkPassRole},
	{CodeInfo{PrivilegeEscalation, SecurityWarning, "An identity policy allows a known combination of actions that lets a principal grant itself more permissions."}, checkPrivilegeEscalation, nil},
	{CodeInfo{PublicAccess, SecurityWarning, `A resource policy allows Principal "*" or {"AWS": "*"} with no Condition, which makes the resource public.`}, nil, checkPublicAccess},
	{CodeInfo{NonReadOnlyAction, SecurityWarning, "When read-only access is expected, an allowed action that is not at the List or Read access level."}, nil, checkNonReadOnly},

	{CodeInfo{DuplicateSid, Warning, "Two statements of a resource policy or SCP have the same Sid."}, checkDuplicateSid, nil},
	{CodeInfo{RedundantAction, Warning, "An action pattern is covered by another pattern of the same statement."}, nil, checkRedundantActions},
	{CodeInfo{RedundantResource, Warning, "A resource pattern is covered by another pattern of the same statement."}, nil, checkRedundantResources},
	{CodeInfo{ConditionKeyNotApplicable, Warning, "A service condition key that applies to none of the statement's actions, so their requests never carry it."}, nil, checkConditionKeysApply},
	{CodeInfo{ResourceServiceMismatch, Warning, "A resource ARN of a service none of the statement's actions can be scoped to."}, nil, checkResourceServices},
	{CodeInfo{ResourceTypeMismatch, Warning, "An action none of whose resource types matches any of the statement's resources, so the statement never applies to it."}, nil, checkResourceTypes},
	{CodeInfo{ConditionTypeMismatch, Warning, "A typed condition operator (Numeric, Date, Bool, IpAddress, Arn) on a key whose values are of another type."}, nil, checkConditionTypes},
	{CodeInfo{SetOperatorOnSingleValued, Warning, "ForAllValues or ForAnyValue on a single-valued condition key; ForAllValues is then true whatever the policy lists."}, nil, checkSetOnSingleValued},
	{CodeInfo{MissingSetOperator, Warning, "A multivalued condition key, such as aws:TagKeys, compared without ForAllValues or ForAnyValue."}, nil, checkMissingSet},
	{CodeInfo{InvalidARNRegion, Warning, `A resource ARN's region is not shaped like a region code such as "us-east-1".`}, nil, checkARNRegions},
	{CodeInfo{SCPAllowResource, Warning, `An SCP Allow statement with a Resource other than "*", or NotResource, which the original SCP grammar refuses.`}, nil, checkSCPAllowResource},
	{CodeInfo{SCPAllowCondition, Warning, "An SCP Allow statement with a Condition, which the original SCP grammar refuses."}, nil, checkSCPAllowCondition},
	{CodeInfo{SCPAllowNotAction, Warning, "An SCP Allow statement with NotAction, which the original SCP grammar refuses."}, nil, checkSCPAllowNotAction},

	{CodeInfo{WildcardInService, Suggestion, "A wildcard in the service prefix, which also matches services AWS adds later."}, nil, checkWildcardService},
	{CodeInfo{CompactActions, Suggestion, "A statement's exact actions of one service could be written in fewer characters with word-boundary wildcards."}, nil, checkCompactActions},
}
