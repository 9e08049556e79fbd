package validation

import (
	"sort"
	"strconv"
	"strings"
)

// Finding is one problem or suggestion.
type Finding struct {
	Code     Code
	Severity Severity
	// Message says what is wrong, naming the offending value, and what to
	// write instead.
	Message string
	// Path is the JSON path of the offending element, such as
	// "Statement[1].Action[3]"; empty for the document as a whole.
	Path string
	// message, when set, writes Message once the finding is listed.
	message func() string
}

// Report is the outcome of one validation.
type Report struct {
	// Findings are in document order: by statement, and within one in the
	// order of the check registry. At most MaxFindings are listed.
	Findings []Finding
	// Counts counts every finding, listed or not.
	Counts Counts
	// Omitted is how many findings were counted but not listed.
	Omitted int
	// Valid is set when there is no finding of severity ERROR.
	Valid bool
}

// MaxFindings bounds the findings one report lists: past it a wall of
// messages helps nobody, and a hostile document could earn one for each
// of its values.
const MaxFindings = 200

// report sorts the findings into document order and caps them.
func (r *run) report() Report {
	all := r.sorted()
	rep := Report{Findings: all}
	for _, f := range all {
		rep.Counts.add(f.Severity)
	}
	if len(rep.Findings) > MaxFindings {
		rep.Omitted = len(rep.Findings) - MaxFindings
		rep.Findings = rep.Findings[:MaxFindings:MaxFindings]
	}
	for i := range rep.Findings {
		if f := &rep.Findings[i]; f.message != nil {
			f.Message, f.message = f.message(), nil
		}
	}
	rep.Valid = rep.Counts.Error == 0
	return rep
}

// sorted returns every finding in document order. Sorting is stable, so
// the findings of one statement keep the registry's order.
func (r *run) sorted() []Finding {
	sort.SliceStable(r.found, func(i, j int) bool {
		return statementIndex(r.found[i].Path) < statementIndex(r.found[j].Path)
	})
	return r.found
}

// statementIndex reads the statement a path is in: -1 for the document
// itself, 0 for a single statement written as an object ("Statement.Sid").
func statementIndex(path string) int {
	rest, ok := strings.CutPrefix(path, "Statement")
	if !ok {
		return -1
	}
	if !strings.HasPrefix(rest, "[") {
		return 0
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return 0
	}
	n, err := strconv.Atoi(rest[1:end])
	if err != nil {
		return 0
	}
	return n
}
