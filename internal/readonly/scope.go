package readonly

import (
	"sort"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/viewonly"
)

// readScope applies read_scope after services, include and exclude: with
// "metadata" it leaves out every action viewonly.LeaveOut names, whatever
// chose it, as exclude does. An include entry
// that adds such an action gets a warning, since it asked for it by name.
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
entries:
	for i, entry := range include {
		p, err := iam.ParsePattern(entry)
		if err != nil || p.Service == "" {
			continue // include has reported it
		}
		for _, k := range keys {
			sel := b.sel[k]
			if !iam.Match(p.Service, sel.svc.Prefix) {
				continue
			}
			for _, a := range sel.svc.Actions {
				if why := viewonly.LeaveOut(a.Name, a.AccessLevel); why != "" && iam.Match(p.Action, a.Name) {
					b.warnf("include", i, "read_scope leaves it out",
						"%q adds %s, which read_scope = \"metadata\" leaves out: %s; set read_scope = \"all\" to grant it",
						entry, sel.svc.FullName(&a), why)
					continue entries
				}
			}
		}
	}
	for _, k := range keys {
		sel := b.sel[k]
		for j, a := range sel.svc.Actions {
			if viewonly.LeaveOut(a.Name, a.AccessLevel) != "" {
				sel.want[j] = false
			}
		}
	}
}
