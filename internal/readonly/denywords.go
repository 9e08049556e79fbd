package readonly

import (
	"strings"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// credentialWords are the kinds of secret AWS's page "AWS security
// credentials" names (https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html):
// passwords, and temporary credentials with their session tokens. (Access
// keys it names too, but no Get action vends one: iam:GetAccessKeyLastUsed
// and sts:GetAccessKeyInfo return metadata.) An action under "Get" whose
// name holds one of the words vends a secret, and
// AWS keeps adding such actions at the Read level or, later, at Write
// (sts:GetFederationToken went from Read to Write). Their share outside
// List and Read cannot find them in advance: in the catalog of February
// 2025, 0 of the 32 List, Get, Describe and Search actions named "Token"
// were outside those levels, yet the backtest's read wildcards then
// granted six Write actions named "Token" that AWS added since. So the
// words come from the documentation, and DenyWords reports their evidence
// in the catalog at hand.
var credentialWords = []string{"Credential", "Password", "Token"}

// denyFamily is the read family whose actions return a thing rather than
// list or describe it; the credential words are denied under it.
const denyFamily = "Get"

// DenyWord is a word that marks credential vending under a read family,
// with its evidence in the catalog.
type DenyWord struct {
	Family string // "Get"
	Word   string // "Token"
	// Total counts the catalog's actions under Family whose names hold
	// Word; Outside those of them outside the target levels; Services the
	// services they belong to.
	Total, Outside, Services int
}

// Pattern is the Deny pattern that blocks the word under its family in
// every service, today's actions and those AWS adds later: "*:Get*Token*".
func (w DenyWord) Pattern() string { return "*:" + w.Family + "*" + w.Word + "*" }

// DenyWords are the credential words with their evidence, when "Get" is a
// read family of f; none otherwise, as no read wildcard can then reach
// them. They are counted once; callers share the slice.
func (f *Families) DenyWords() []DenyWord {
	f.denyOnce.Do(func() { f.deny = f.denyWords() })
	return f.deny
}

func (f *Families) denyWords() []DenyWord {
	fam, ok := f.Lookup(denyFamily)
	if !ok || !fam.Qualifies() {
		return nil
	}
	out := make([]DenyWord, len(credentialWords))
	for i, word := range credentialWords {
		w := DenyWord{Family: fam.Prefix, Word: word}
		services := map[int32]bool{}
		for _, a := range f.actions {
			if MatchesDenyWord([]DenyWord{w}, a.name) {
				w.Total++
				services[a.svc] = true
				if !f.levels.Has(a.level) {
					w.Outside++
				}
			}
		}
		w.Services = len(services)
		out[i] = w
	}
	return out
}

// MatchesDenyWord reports whether an action name, with or without its
// service prefix, is one a deny word's pattern matches: its family, then
// the word anywhere after, ASCII case-insensitively. It is the rule of
// credential vending by name, for any generator that must leave such
// actions out of its wildcards.
func MatchesDenyWord(words []DenyWord, name string) bool {
	if _, bare, ok := strings.Cut(name, ":"); ok {
		name = bare
	}
	for _, w := range words {
		if iam.Match(w.Family+"*"+w.Word+"*", name) {
			return true
		}
	}
	return false
}
