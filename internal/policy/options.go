package policy

import (
	"fmt"
	"strings"
)

// UnknownMode says what to do with action patterns that name nothing in
// the catalog: an unknown service prefix, an unknown action, or a wildcard
// that matches no action.
type UnknownMode string

// The unknown-action modes. Whatever the mode, unknown patterns are listed
// in the Result, so an empty expansion is never silent.
const (
	// UnknownWarn reports each unknown pattern as a warning; the default.
	UnknownWarn UnknownMode = "warn"
	// UnknownError reports each unknown pattern as an error.
	UnknownError UnknownMode = "error"
	// UnknownIgnore reports nothing for each pattern, but still warns when
	// a statement is left with no known action at all.
	UnknownIgnore UnknownMode = "ignore"
)

// UnknownModes lists the valid modes, for a schema validator.
var UnknownModes = []UnknownMode{UnknownWarn, UnknownError, UnknownIgnore}

// Options tune an expansion. The zero value is the default.
type Options struct {
	// UnknownActions is the mode for unknown patterns; empty means UnknownWarn.
	UnknownActions UnknownMode
	// StatementActions keeps every statement's full action set in
	// StatementResult.Actions. A "*" or NotAction statement applies to
	// nearly every action, so callers that only report on statements leave
	// it off and read the counts.
	StatementActions bool
	// CompactStatements fills StatementResult.Compacted.
	CompactStatements bool
}

func (o Options) unknownMode() (UnknownMode, error) {
	switch o.UnknownActions {
	case "":
		return UnknownWarn, nil
	case UnknownWarn, UnknownError, UnknownIgnore:
		return o.UnknownActions, nil
	}
	names := make([]string, len(UnknownModes))
	for i, m := range UnknownModes {
		names[i] = fmt.Sprintf("%q", string(m))
	}
	return "", fmt.Errorf("unknown_actions is %q; valid values are %s", string(o.UnknownActions), strings.Join(names, ", "))
}
