package readonly

import (
	"math/rand"
	"slices"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

func TestCompactExamples(t *testing.T) {
	bucket := synthetic("s3x", "GetBucketAcl", "GetBucketPolicy", "GetBucketTagging", "GetObject", "GetObjectAcl",
		"PutObject", "ListBuckets", "ListObjects", "DescribeJob", "DeleteJob")
	reads := []string{"GetBucketAcl", "GetBucketPolicy", "GetBucketTagging", "GetObject", "GetObjectAcl", "ListBuckets", "ListObjects", "DescribeJob"}
	cases := []struct {
		name string
		svc  *iam.Service
		want []string
		mode Wildcards
		out  []string
	}{
		{"none writes full names", bucket, reads, WildcardsNone, []string{"s3x:DescribeJob", "s3x:GetBucketAcl", "s3x:GetBucketPolicy",
			"s3x:GetBucketTagging", "s3x:GetObject", "s3x:GetObjectAcl", "s3x:ListBuckets", "s3x:ListObjects"}},
		{"word stars whole words", bucket, reads, WildcardsWord, []string{"s3x:Describe*", "s3x:Get*", "s3x:List*"}},
		{"prefix stars any prefix", bucket, reads, WildcardsPrefix, []string{"s3x:Des*", "s3x:G*", "s3x:L*"}},
		{"zero mode is word", bucket, reads, "", []string{"s3x:Describe*", "s3x:Get*", "s3x:List*"}},
		{"word keeps the unwanted out", bucket, []string{"GetBucketAcl", "GetBucketPolicy", "GetBucketTagging", "GetObjectAcl"}, WildcardsWord,
			[]string{"s3x:GetBucket*", "s3x:GetObjectAcl"}},
		{"prefix keeps the unwanted out", bucket, []string{"GetBucketAcl", "GetBucketPolicy", "GetBucketTagging", "GetObjectAcl"}, WildcardsPrefix,
			[]string{"s3x:GetB*", "s3x:GetObjectA*"}},
		{"whole service in prefix mode", synthetic("ro", "GetA", "ListB"), []string{"GetA", "ListB"}, WildcardsPrefix, []string{"ro:*"}},
		{"no service star in word mode", synthetic("ro", "GetA", "ListB"), []string{"GetA", "ListB"}, WildcardsWord, []string{"ro:GetA", "ro:ListB"}},
		{"a lower-case sibling blocks the star", synthetic("ci", "ListAlpha", "ListBeta", "listGamma"), []string{"ListAlpha", "ListBeta"}, WildcardsPrefix,
			[]string{"ci:ListA*", "ci:ListB*"}},
		{"a tie keeps the exact name", synthetic("t", "Aac", "Abc", "Ad"), []string{"Aac", "Abc"}, WildcardsPrefix, []string{"t:Aac", "t:Abc"}},
		{"acronym plural is one word", synthetic("w", "ListWebACLs", "ListWebACLsV2", "ListWebApps"), []string{"ListWebACLs", "ListWebACLsV2"}, WildcardsWord,
			[]string{"w:ListWebACLs*"}},
		{"names any case or full", bucket, []string{"s3x:getobject", "S3X:GetObjectAcl"}, WildcardsWord, []string{"s3x:GetObject*"}},
		{"nothing wanted", bucket, nil, WildcardsPrefix, nil},
		{"a star never splits a character", synthetic("u", "Éa", "Éb", "X"), []string{"Éa", "Éb"}, WildcardsPrefix, []string{"u:É*"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Compact(c.svc, c.want, c.mode)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.out) {
				t.Errorf("Compact = %q, want %q", got, c.out)
			}
		})
	}
}

func TestCompactErrors(t *testing.T) {
	svc := synthetic("s3x", "GetObject", "PutObject")
	cases := []struct {
		name string
		svc  *iam.Service
		want []string
		mode Wildcards
		msg  string
	}{
		{"unknown action", svc, []string{"GetObjekt"}, WildcardsWord, `service "s3x" has no action "GetObjekt"; did you mean "GetObject"`},
		{"other service", svc, []string{"ec2:GetObject"}, WildcardsWord, `action "ec2:GetObject" is not one of service "s3x"`},
		{"bad mode", svc, nil, "words", `unknown wildcards mode "words"`},
		{"unsorted service", &iam.Service{Prefix: "u", Actions: []iam.Action{{Name: "B"}, {Name: "a"}}}, nil, WildcardsWord,
			`actions "B" and "a" are not in strictly increasing case-insensitive order`},
		{"duplicate action", &iam.Service{Prefix: "d", Actions: []iam.Action{{Name: "Get"}, {Name: "get"}}}, nil, WildcardsWord,
			`actions "Get" and "get" are not in strictly increasing`},
		{"wildcard in a name", synthetic("w", "Get*"), nil, WildcardsWord, `action name "Get*" contains a wildcard character`},
		{"no service", nil, []string{"Get"}, WildcardsWord, "no service"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Compact(c.svc, c.want, c.mode)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("Compact = %q, %v; want an error containing %q", got, err, c.msg)
			}
		})
	}
}

func TestWordEnd(t *testing.T) {
	cases := []struct {
		name string
		ends []int // every i in 1..len(name) where a word ends
	}{
		{"GetObject", []int{3, 9}},
		{"DescribeDBInstances", []int{8, 10, 19}},
		{"ListWebACLs", []int{4, 7, 11}},
		{"GetACLsForX", []int{3, 7, 10, 11}},
		{"ListS3Buckets", []int{4, 6, 13}},
		{"DescribeIpv6Pools", []int{8, 12, 17}},
		{"uploadFiles", []int{6, 11}},
		{"ACLSync", []int{3, 7}},
		{"GET", []int{3}},
	}
	for _, c := range cases {
		var got []int
		for i := -1; i <= len(c.name)+1; i++ {
			if wordEnd(c.name, i) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, c.ends) {
			t.Errorf("word ends of %q = %v, want %v", c.name, got, c.ends)
		}
	}
}

// TestCompactExactEveryService checks, for every service of the snapshot
// and every mode, that the patterns grant exactly what was asked: for each
// single level, List and Read together, and a random subset of actions.
func TestCompactExactEveryService(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for _, svc := range allServices(t) {
		wants := [][]bool{levelWant(svc, listRead)}
		for _, l := range iam.AccessLevels {
			wants = append(wants, levelWant(svc, iam.LevelSet(0).Add(l)))
		}
		random := make([]bool, len(svc.Actions))
		for i := range random {
			random[i] = rng.Intn(2) == 0
		}
		wants = append(wants, random)
		for _, mode := range WildcardModes {
			for k, want := range wants {
				out := compact(svc, want, mode, starRules{})
				got, hits := expandService(svc, out)
				if d := diffSets(got, wantedNames(svc, want)); d != "" {
					t.Errorf("%s, %s, want set %d: %s", svc.Prefix, mode, k, d)
				}
				checkFamily(t, svc, out, hits, mode)
			}
		}
	}
}

// checkFamily asserts the shape rules of a mode on a compacted list.
func checkFamily(t *testing.T, svc *iam.Service, out []string, hits map[string]int, mode Wildcards) {
	t.Helper()
	if !slices.IsSortedFunc(out, iam.CompareFold) {
		t.Errorf("%s, %s: patterns not sorted: %q", svc.Prefix, mode, head(out))
	}
	for _, p := range out {
		prefix, action, ok := strings.Cut(p, ":")
		star := strings.HasSuffix(action, "*")
		switch {
		case !ok || prefix != svc.Prefix:
			t.Errorf("%s: pattern %q does not name the service", svc.Prefix, p)
		case hits[p] == 0:
			t.Errorf("%s, %s: pattern %q matches nothing", svc.Prefix, mode, p)
		case strings.Count(action, "*") > 1 || strings.Contains(action, "?") || strings.Contains(strings.TrimSuffix(action, "*"), "*"):
			t.Errorf("%s: pattern %q is not a prefix pattern", svc.Prefix, p)
		case star && mode == WildcardsNone:
			t.Errorf("%s: pattern %q has a star in none mode", svc.Prefix, p)
		case star && mode == WildcardsWord && !wordPattern(svc, action):
			t.Errorf("%s: pattern %q cuts a word in word mode", svc.Prefix, p)
		}
	}
}

// wordPattern: "P*" is non-empty and ends a word in every action it matches.
func wordPattern(svc *iam.Service, action string) bool {
	d := len(action) - 1
	if d == 0 {
		return false
	}
	for _, a := range svc.Actions {
		if iam.Match(action, a.Name) && !wordEnd(a.Name, d) {
			return false
		}
	}
	return true
}

// TestCompactExactAcrossServices expands List and Read of every service at
// once over the whole catalog, so that a pattern matching another service's
// actions would show.
func TestCompactExactAcrossServices(t *testing.T) {
	cat := embedded.Default()
	for _, mode := range WildcardModes {
		var out []string
		want := map[string]bool{}
		for _, svc := range allServices(t) {
			w := levelWant(svc, listRead)
			out = append(out, compact(svc, w, mode, starRules{})...)
			for n := range wantedNames(svc, w) {
				want[n] = true
			}
		}
		got := expand(t, cat, out)
		if d := diffSets(got, want); d != "" {
			t.Errorf("%s: %s", mode, d)
		}
	}
}

// bruteForce is the cheapest cover of the wanted actions by the pattern
// family, found without the trie: the candidates are every wanted name and
// every "P*", P a prefix of some action name, that the mode allows and that
// matches (by iam.Match) only wanted actions. A DP over the subsets of the
// wanted actions, best[covered], tries every combination of candidates.
func bruteForce(svc *iam.Service, want []bool, mode Wildcards) int {
	var wanted []int
	bit := map[int]int{}
	for i, w := range want {
		if w {
			bit[i] = len(wanted)
			wanted = append(wanted, i)
		}
	}
	type candidate struct{ mask, cost int }
	var cands []candidate
	add := func(pattern string, mustEndWord int) {
		mask := 0
		for i, a := range svc.Actions {
			if !iam.Match(pattern, a.Name) {
				continue
			}
			if !want[i] || mustEndWord >= 0 && !wordEnd(a.Name, mustEndWord) {
				return
			}
			mask |= 1 << bit[i]
		}
		cands = append(cands, candidate{mask, len(svc.Prefix) + 1 + len(pattern) + 3})
	}
	for _, i := range wanted {
		add(svc.Actions[i].Name, -1)
	}
	for _, a := range svc.Actions {
		for d := 0; d <= len(a.Name); d++ {
			switch {
			case mode == WildcardsPrefix:
				add(a.Name[:d]+"*", -1)
			case mode == WildcardsWord && d > 0:
				add(a.Name[:d]+"*", d)
			}
		}
	}
	full := 1<<len(wanted) - 1
	best := make([]int, full+1)
	for m := 1; m <= full; m++ {
		best[m] = 1 << 30
	}
	for m := 0; m <= full; m++ {
		for _, c := range cands {
			if n := m | c.mask; best[m]+c.cost < best[n] {
				best[n] = best[m] + c.cost
			}
		}
	}
	return best[full]
}

func TestCompactMinimalSynthetic(t *testing.T) {
	words := []string{"Get", "List", "Describe", "Bucket", "Buckets", "Object", "Policy", "ACL", "ACLs", "DB", "Instances", "V2", "S3", "Tag", "Tags", "x", "get", "list"}
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 1500; trial++ {
		seen := map[string]bool{}
		var names []string
		for n := 1 + rng.Intn(10); len(names) < n; {
			name := ""
			for k := 1 + rng.Intn(3); k > 0; k-- {
				name += words[rng.Intn(len(words))]
			}
			if key := strings.ToLower(name); !seen[key] {
				seen[key] = true
				names = append(names, name)
			}
		}
		svc := synthetic("sy", names...)
		want := make([]bool, len(svc.Actions))
		for i := range want {
			want[i] = rng.Intn(3) > 0
		}
		for _, mode := range WildcardModes {
			assertMinimal(t, svc, want, mode)
		}
	}
}

// TestCompactMinimalSnapshot compares with the brute force on every service
// of the snapshot small enough for it, for List and Read and for a random
// subset.
func TestCompactMinimalSnapshot(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	tried := 0
	for _, svc := range allServices(t) {
		if len(svc.Actions) > 14 {
			continue
		}
		tried++
		random := make([]bool, len(svc.Actions))
		for i := range random {
			random[i] = rng.Intn(2) == 0
		}
		for _, mode := range WildcardModes {
			assertMinimal(t, svc, levelWant(svc, listRead), mode)
			assertMinimal(t, svc, random, mode)
		}
	}
	if tried < 50 {
		t.Errorf("only %d services small enough for the brute force", tried)
	}
	t.Logf("%d services checked against the brute force", tried)
}

func assertMinimal(t *testing.T, svc *iam.Service, want []bool, mode Wildcards) {
	t.Helper()
	out := compact(svc, want, mode, starRules{})
	got, _ := expandService(svc, out)
	if d := diffSets(got, wantedNames(svc, want)); d != "" {
		t.Errorf("%s %v, %s: %q: %s", svc.Prefix, actionNames(svc), mode, out, d)
	}
	if cost, best := listCost(out), bruteForce(svc, want, mode); cost != best {
		t.Errorf("%s %v want %v, %s: %q costs %d, brute force finds %d",
			svc.Prefix, actionNames(svc), want, mode, out, cost, best)
	}
}

func TestCompactSnapshotService(t *testing.T) {
	svc, err := embedded.Default().Service(t.Context(), "cloudtrail")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, a := range svc.Actions {
		if a.AccessLevel.IsReadOnly() {
			want = append(want, a.Name)
		}
	}
	got, err := Compact(svc, want, WildcardsWord)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(got, "cloudtrail:Describe*") || !slices.Contains(got, "cloudtrail:List*") {
		t.Errorf("cloudtrail List and Read in word mode = %q, want Describe* and List* among them", got)
	}
}

// Cover may reach free actions with a '*', never an action neither wanted
// nor free: "x:Create*" denies CreateAlpha while CreateBeta is free.
func TestCoverReachesFreeActionsOnly(t *testing.T) {
	svc := synthetic("x", "CreateAlpha", "CreateBeta", "DeleteA", "DescribeA")
	c, err := NewCompactor(svc)
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, false, true, false}
	free := []bool{false, true, false, false}
	got, err := c.Cover(want, free, WildcardsWord)
	if err != nil || strings.Join(got, " ") != "x:Create* x:DeleteA" {
		t.Errorf("Cover = %q, %v; want [x:Create* x:DeleteA]", got, err)
	}
	if _, err := c.Cover(want[:2], free, WildcardsWord); err == nil {
		t.Error("Cover took masks of the wrong length")
	}
}
