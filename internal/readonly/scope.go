package readonly

import (
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/viewonly"
)

// readScope applies read_scope after services, include and exclude. With
// "metadata" it leaves out every data or credential read the viewonly rules
// match, whatever chose it, as exclude does: an include entry that adds one
// gets a warning. It also leaves out the List and Read actions named by no
// metadata verb, except those include names: the verb rule is a default
// selection, not a safety rule.
func (b *builder) readScope(scope string, include []string) {
	s, err := viewonly.ParseScope(scope)
	if err != nil {
		b.errorf("read_scope", -1, "Invalid read_scope", "%s", err)
		return
	}
	if s != viewonly.Metadata {
		return
	}
	keys := make([]string, 0, len(b.sel))
	for k := range b.sel {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	warned := make([]bool, len(include))
	for _, k := range keys {
		sel := b.sel[k]
		for j, a := range sel.svc.Actions {
			if !sel.want[j] {
				continue
			}
			included := sel.included[j] - 1 // the first include entry that names it, or -1
			if r, data := viewonly.Classify(sel.svc.Prefix, a.Name); data {
				sel.want[j] = false
				if included >= 0 && !warned[included] {
					warned[included] = true
					b.warnf("include", included, "read_scope leaves it out",
						"%q adds %s, which read_scope = \"metadata\" leaves out as one of the %s (%s); set read_scope = \"all\" to grant it",
						include[included], sel.svc.FullName(&a), r.Kind, r.Pattern)
				}
				continue
			}
			if included < 0 && !viewonly.NamedByMetadataVerb(a.Name, a.AccessLevel) {
				sel.want[j] = false
			}
		}
	}
}
