package boundary

import (
	"fmt"
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// blockWords makes the actions the Problem's deny words match Neutral:
// the Deny blocks them, so an Allow pattern may match them, the Deny list
// needs not name them, and granting them is no gain.
func (ix *index) blockWords(p Problem) error {
	ix.blocked = make([]bool, len(ix.class))
	for _, w := range p.DenyWords {
		ranks, err := ix.matching(w)
		if err != nil {
			return err
		}
		for _, r := range ranks {
			switch ix.class[r] {
			case Target, Other:
				ix.class[r], ix.blocked[r] = Neutral, true
			case Full, Forbidden:
				return fmt.Errorf("boundary: a deny word blocks %s, which the document must grant or leave to the statements", ix.names[r])
			}
			if ix.required[r] {
				return fmt.Errorf("boundary: a deny word blocks the required action %s", ix.names[r])
			}
		}
	}
	return nil
}

// matching are the ranks a cross-service Deny pattern matches, found once
// per Universe: a deny word blocks the same actions in every Problem.
func (u *Universe) matching(pattern string) ([]int32, error) {
	if v, ok := u.words.Load(pattern); ok {
		ranks, _ := v.([]int32) // the map holds nothing else
		return ranks, nil
	}
	stem, ok := strings.CutPrefix(pattern, "*:")
	if !ok || !iam.HasWildcard(stem) {
		return nil, fmt.Errorf("boundary: deny word %q is no cross-service pattern", pattern)
	}
	ranks := []int32{}
	for r, bare := range u.bare {
		if iam.Match(stem, bare) {
			ranks = append(ranks, int32(r))
		}
	}
	u.words.Store(pattern, ranks)
	return ranks, nil
}

// denyWords are the Deny patterns of the catalog's deny words that block
// nothing the document must leave alone: an action the caller's statements
// allow (under a condition or not), one include adds in full, or one
// required. A word left out is reported as a warning, since AWS's next
// action with it may then be granted.
func (b *builder) denyWords(p *Problem, words []readonly.DenyWord) []string {
	u := p.Universe
	var out []string
	for _, w := range words {
		ranks, err := u.matching(w.Pattern())
		if err != nil {
			continue // the pattern of a DenyWord is always cross-service
		}
		clash, attr := "", ""
		for _, r := range ranks {
			i, j := u.svc[r], r-u.lo[u.svc[r]]
			switch {
			case p.Required != nil && p.Required[i] != nil && p.Required[i][j]:
				attr = "required"
			case p.Classes[i][j] == Full:
				attr = "include"
			case b.allowed[u.names[r]]:
				attr = "statements"
			default:
				continue
			}
			clash = u.names[r]
			break
		}
		if clash != "" {
			b.warnf(attr, "Deny word left out",
				fmt.Sprintf("the boundary leaves out the Deny %q, which blocks credential vending by name (%d actions today, %d of them outside the access levels), because it would also block %s, which %s names: an Allow wildcard may grant such an action AWS adds later",
					w.Pattern(), w.Total, w.Outside, clash, attr))
			continue
		}
		out = append(out, w.Pattern())
	}
	return out
}
