package readonly

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// The read-family rule of issue 11: in "word" mode a '*' may follow a prefix
// of whole CamelCase words only when, across every service, at least 97% of
// the actions under it are at the target levels.
func TestReadFamiliesOfTheSnapshot(t *testing.T) {
	f := NewFamilies(allServices(t), listRead)
	for _, c := range []struct {
		prefix        string
		qualifies     bool
		total, target int
	}{
		{"Describe", true, 1924, 1917},
		{"List", true, 3759, 3749},
		{"Get", true, 3310, 3257},
		{"Search", true, 145, 143},
		{"BatchGet", true, 117, 115},
		{"GetBucket", true, 27, 27},
		{"Start", false, 551, 15},
		{"Stop", false, 218, 3},
		{"Allow", false, 21, 1},
		{"Pass", false, 16, 9},
		{"Batch", false, 322, 133},
	} {
		got, ok := f.Lookup(c.prefix)
		if !ok || got.Total != c.total || got.Target != c.target || got.Qualifies() != c.qualifies || f.Has(c.prefix) != c.qualifies {
			t.Errorf("%s: %+v (found %v), want %d of %d, qualifies %v", c.prefix, got, ok, c.target, c.total, c.qualifies)
		}
	}
	if _, ok := f.Lookup("Descr"); ok {
		t.Error(`"Descr" ends no word, yet has counts`)
	}
	largest := f.Largest(5)
	want := []string{"List", "Get", "Describe", "Search", "BatchGet"}
	for i, fam := range largest {
		if fam.Prefix != want[i] {
			t.Errorf("Largest(5)[%d] = %q, want %q", i, fam.Prefix, want[i])
		}
	}
}

func TestReadFamiliesCountAcrossServicesCaseInsensitively(t *testing.T) {
	a := &iam.Service{Prefix: "a", Actions: []iam.Action{
		{Name: "GetThing", AccessLevel: iam.Read}, {Name: "StartThing", AccessLevel: iam.Write},
	}}
	b := &iam.Service{Prefix: "b", Actions: []iam.Action{
		{Name: "getOther", AccessLevel: iam.Read}, {Name: "StartQuery", AccessLevel: iam.Read},
	}}
	f := NewFamilies([]*iam.Service{a, b}, listRead)
	if fam, _ := f.Lookup("get"); fam.Total != 2 || !f.Has("Get") {
		t.Errorf("Get: %+v, want both services' actions counted and qualifying", fam)
	}
	if f.Has("Start") || !f.Has("StartQuery") {
		t.Error("Start is half Write, so it must not qualify, while the longer StartQuery must")
	}
}

// In word mode the '*' goes only after a read family; other actions are
// written in full or under a longer qualifying prefix.
func TestWordModeFollowsReadFamilies(t *testing.T) {
	svc := synthetic("x", "StartA", "StartB", "DescribeA", "DescribeB")
	families := NewFamilies([]*iam.Service{svc, synthetic("y", "StartC")}, listRead)
	families.share["start"] = Family{Prefix: "Start", Total: 10, Target: 1}
	got := compact(svc, levelWant(svc, listRead), WildcardsWord, starRules{families: families})
	want := []string{"x:Describe*", "x:StartA", "x:StartB"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
}

func TestIncludedActionsOutsideTheLevelsAreWrittenInFull(t *testing.T) {
	res, _ := build(t, Options{Services: []string{"cloudtrail"}, Include: []string{"cloudtrail:StartLogging", "cloudtrail:StopLogging"}, Wildcards: WildcardsPrefix})
	for _, want := range []string{"cloudtrail:StartLogging", "cloudtrail:StopLogging"} {
		if !contains(res.Actions, want) {
			t.Errorf("actions %q lack %q in full", res.Actions, want)
		}
	}
	if contains(res.Actions, "cloudtrail:St*") {
		t.Errorf("actions %q fold included Write actions into a wildcard", res.Actions)
	}
}

func TestCompactorWithFamilies(t *testing.T) {
	svc := iamService(t)
	c, err := NewCompactor(svc)
	if err != nil {
		t.Fatal(err)
	}
	families := NewFamilies(allServices(t), listRead)
	got, err := c.WithFamilies(families).Compact([]string{"iam:PassRole"}, WildcardsWord)
	if err != nil || len(got) != 1 || got[0] != "iam:PassRole" {
		t.Errorf("PassRole compacts to %q (%v), want the full name: Pass is no read family", got, err)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func iamService(t *testing.T) *iam.Service {
	t.Helper()
	for _, s := range allServices(t) {
		if s.Prefix == "iam" {
			return s
		}
	}
	t.Fatal("no iam service")
	return nil
}

// A principal takes exactly one permissions boundary, so a statement that
// needs several documents is worth a warning that points to the one-document
// generator.
func TestMoreThanOneDocumentWarnsOfTheOneBoundary(t *testing.T) {
	_, diags := build(t, Options{Services: []string{"*"}})
	found := false
	for _, d := range diags {
		if d.Severity == SeverityWarning && d.Summary == "More than one document" {
			found = strings.Contains(d.Detail, "the statement takes 7 documents") && strings.Contains(d.Detail, "iamv2_permission_boundary")
		}
	}
	if !found {
		t.Errorf("every service: diagnostics %v lack the one-boundary warning", diags)
	}
	if _, diags := build(t, Options{Services: []string{"s3"}}); len(diags) != 0 {
		t.Errorf("one document: diagnostics %v, want none", diags)
	}
}

// The boundary guide shows the largest read families with their shares;
// this computes the rows from the catalog and checks the guide holds them.
func TestGuideShowsTheLargestReadFamilies(t *testing.T) {
	guide, err := os.ReadFile("../../templates/guides/readonly-permission-boundary.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFamilies(allServices(t), listRead)
	for _, fam := range f.Largest(5) {
		row := fmt.Sprintf("| `%s` | %s of %s | %.1f%% |", fam.Prefix, thousands(fam.Target), thousands(fam.Total), 100*fam.Share())
		if !strings.Contains(string(guide), row+"\n") {
			t.Errorf("the guide lacks the row\n%s", row)
		}
	}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// The guide shows the root families and the deny words with their
// evidence; this computes the rows from the catalog and checks the guide
// holds them.
func TestGuideShowsTheEvidence(t *testing.T) {
	guide, err := os.ReadFile("../../templates/guides/readonly-permission-boundary.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFamilies(allServices(t), listRead)
	var rows []string
	for _, fam := range f.Roots() {
		rows = append(rows, fmt.Sprintf("| `%s` | %s of %s | %d | %.1f%% | %.1f%% |",
			fam.Prefix, thousands(fam.Target), thousands(fam.Total), fam.Services, 100*fam.Share(), 100*fam.LowerBound()))
	}
	for _, w := range f.DenyWords() {
		rows = append(rows, fmt.Sprintf("| `%s` | %d | %d | %d |", w.Pattern(), w.Total, w.Outside, w.Services))
	}
	for _, row := range rows {
		if !strings.Contains(string(guide), row+"\n") {
			t.Errorf("the guide lacks the row\n%s", row)
		}
	}
	t.Log("\n" + strings.Join(rows, "\n"))
}

// A cross-service '*' needs a root family on evidence (issue 18): enough
// actions and services, and a share of at least 97% as the lower bound of
// its 95% confidence interval; or a longer prefix of a root with the share.
// A pattern of one service needs the share only.
func TestCrossServiceFamiliesNeedEvidence(t *testing.T) {
	f := NewFamilies(allServices(t), listRead)
	for _, c := range []struct {
		prefix              string
		root, across, local bool
	}{
		{"List", true, true, true},
		{"Get", true, true, true},
		{"Describe", true, true, true},
		{"GetBucket", false, true, true},       // 27 of 27 under the root Get
		{"Search", false, false, true},         // 143 of 145: lower bound 95.1%
		{"BatchGet", false, false, true},       // 115 of 117: lower bound 94.0%
		{"InvokeModel", false, false, true},    // 2 of 2 says little
		{"PassRepository", false, false, true}, // likewise
		{"Start", false, false, false},         // 15 of 551
	} {
		fam, ok := f.Lookup(c.prefix)
		if !ok || fam.Root != c.root || fam.Across() != c.across || fam.Qualifies() != c.local || f.HasAcross(c.prefix) != c.across {
			t.Errorf("%s: %+v (lower bound %.4f): want root %v, across services %v, in one service %v",
				c.prefix, fam, fam.LowerBound(), c.root, c.across, c.local)
		}
	}
	var roots []string
	for _, r := range f.Roots() {
		roots = append(roots, r.Prefix)
	}
	if strings.Join(roots, " ") != "List Get Describe" {
		t.Errorf("roots %q, want List, Get and Describe", roots)
	}
}

// wilsonLower against values worked out by hand from the Wilson score
// interval's formula, z = 1.96.
func TestWilsonLower(t *testing.T) {
	for _, c := range []struct {
		k, n int
		want float64
	}{
		{2, 2, 0.3424}, {10, 10, 0.7225}, {150, 150, 0.9750}, {0, 10, 0}, {5, 10, 0.2366}, {0, 0, 0},
	} {
		if got := wilsonLower(c.k, c.n); math.Abs(got-c.want) > 0.0001 {
			t.Errorf("wilsonLower(%d, %d) = %.4f, want %.4f", c.k, c.n, got, c.want)
		}
	}
}

// The credential words match under "Get", case-insensitively, with or
// without the service prefix, and nothing else.
func TestMatchesDenyWord(t *testing.T) {
	words := NewFamilies(allServices(t), listRead).DenyWords()
	if len(words) != 3 {
		t.Fatalf("deny words %+v, want Credential, Password and Token", words)
	}
	for name, want := range map[string]bool{
		"sts:GetSessionToken":                true,
		"GetWebIdentityToken":                true,
		"ec2:getpassworddata":                true,
		"redshift:GetClusterCredentials":     true,
		"sts:AssumeRole":                     false,
		"ecr:ListTokens":                     false, // not under Get
		"iam:CreateLoginProfile":             false,
		"codeartifact:GetAuthorizationToken": true,
	} {
		if got := MatchesDenyWord(words, name); got != want {
			t.Errorf("MatchesDenyWord(%s) = %v, want %v", name, got, want)
		}
	}
	// Without Get among the read families, no word: nothing reaches them.
	if w := NewFamilies(allServices(t), iam.LevelSet(0).Add(iam.List)).DenyWords(); len(w) != 0 {
		t.Errorf("List only: deny words %+v, want none", w)
	}
}
