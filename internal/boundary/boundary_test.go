package boundary

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
	"github.com/iamv2/terraform-provider-iamv2/internal/readonly"
)

// checkRules checks a solution against the rules of issue 11 by matching
// every pattern against every action with iam.Match, independently of the
// optimizer's bookkeeping:
//   - no Allow pattern matches a Forbidden action, and a Full action is
//     written by its full name;
//   - every Other action an Allow pattern matches is denied;
//   - a Deny pattern matches only Other actions: never a target action,
//     nor one the caller's statements allow;
//   - the document fits the budget, and Granted counts what it grants.
func checkRules(t *testing.T, p Problem, sol *Solution) {
	t.Helper()
	matches := func(patterns []string, name string) bool {
		for _, pat := range patterns {
			svc, act, _ := strings.Cut(pat, ":")
			prefix, bare, _ := strings.Cut(name, ":")
			if iam.Match(svc, prefix) && iam.Match(act, bare) {
				return true
			}
		}
		return false
	}
	var rest []string // the Deny patterns other than the deny words
	for _, d := range sol.Deny {
		if !slices.Contains(p.DenyWords, d) {
			rest = append(rest, d)
		}
	}
	granted := 0
	for i, svc := range p.Universe.Services() {
		for j := range svc.Actions {
			name, class := svc.FullName(&svc.Actions[j]), p.Classes[i][j]
			word := matches(p.DenyWords, name)
			allowed, denied := matches(sol.Allow, name), matches(rest, name) || word
			switch {
			case word && (class == Full || class == Forbidden):
				t.Errorf("a deny word blocks %s, a %v action", name, class)
			case word:
			case class == Forbidden && allowed:
				t.Errorf("%s is allowed only conditionally by the statements, yet an Allow pattern matches it", name)
			case class == Other && allowed && !denied:
				t.Errorf("%s is no target, yet allowed and not denied", name)
			case class != Other && denied:
				t.Errorf("a Deny pattern matches %s, a %v action", name, class)
			case class == Full && !containsFold(sol.Allow, name):
				t.Errorf("%s is not written in full", name)
			}
			if (class == Target || class == Full) && allowed && !denied {
				granted++
			}
		}
	}
	if granted != sol.Granted {
		t.Errorf("the patterns grant %d target actions, Granted says %d", granted, sol.Granted)
	}
	if sol.Chars > p.MaxChars || countChars(sol.PolicyJSON) != sol.Chars {
		t.Errorf("%d characters (counted %d), budget %d", sol.Chars, countChars(sol.PolicyJSON), p.MaxChars)
	}
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// toy is a small catalog: "a" has 40 Describe reads and one Describe
// write, so "Describe" is a read family (40 of 41, 97.6%) whose pattern
// needs one exception.
func toy(t *testing.T) (Problem, map[string][2]int) {
	t.Helper()
	a := &iam.Service{Prefix: "a"}
	for i := range 40 {
		a.Actions = append(a.Actions, iam.Action{Name: fmt.Sprintf("DescribeThing%02d", i), AccessLevel: iam.Read})
	}
	a.Actions = append(a.Actions,
		iam.Action{Name: "DescribeZapWrite", AccessLevel: iam.Write},
		iam.Action{Name: "GetSecretValue", AccessLevel: iam.Read},
		iam.Action{Name: "StartJob", AccessLevel: iam.Write})
	b := &iam.Service{Prefix: "b", Actions: []iam.Action{
		{Name: "CreateRole", AccessLevel: iam.Write},
		{Name: "CreateUser", AccessLevel: iam.Write},
		{Name: "DeleteRole", AccessLevel: iam.Write},
		{Name: "ListRoles", AccessLevel: iam.List},
		{Name: "ListUsers", AccessLevel: iam.List},
	}}
	a.Sort()
	b.Sort()
	services := []*iam.Service{a, b}
	u, err := NewUniverse(services)
	if err != nil {
		t.Fatal(err)
	}
	p := Problem{Universe: u, MaxChars: 6144, Mode: readonly.WildcardsWord, CrossService: true,
		Families: readonly.NewFamilies(services, listRead)}
	at := map[string][2]int{}
	for i, svc := range services {
		p.Classes = append(p.Classes, make([]Class, len(svc.Actions)))
		for j, act := range svc.Actions {
			at[svc.FullName(&svc.Actions[j])] = [2]int{i, j}
			if listRead.Has(act.AccessLevel) {
				p.Classes[i][j] = Target
			}
		}
	}
	return p, at
}

func TestSolveRules(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(p *Problem, at map[string][2]int)
		check func(t *testing.T, sol *Solution)
	}{
		{"a read family pattern pays for its exception", nil, func(t *testing.T, sol *Solution) {
			if !containsFold(sol.Allow, "*:Describe*") && !containsFold(sol.Allow, "a:Describe*") || len(sol.Deny) != 1 || sol.Granted != 43 {
				t.Errorf("allow %q deny %q, granted %d: want Describe* with a:DescribeZapWrite denied, and all 43 targets", sol.Allow, sol.Deny, sol.Granted)
			}
		}},
		{"an excluded action is denied under a wildcard that matches nothing granted", func(p *Problem, at map[string][2]int) {
			x := at["a:GetSecretValue"]
			p.Classes[x[0]][x[1]] = Other
		}, nil},
		{"an action the statements allow outright is never denied", func(p *Problem, at map[string][2]int) {
			x := at["a:DescribeZapWrite"]
			p.Classes[x[0]][x[1]] = Neutral
		}, func(t *testing.T, sol *Solution) {
			if len(sol.Deny) != 0 {
				t.Errorf("deny %q, want none: the statements allow a:DescribeZapWrite", sol.Deny)
			}
		}},
		{"an action the statements allow under a condition is never matched", func(p *Problem, at map[string][2]int) {
			x := at["a:DescribeZapWrite"]
			p.Classes[x[0]][x[1]] = Forbidden
		}, nil},
		{"an included Write action is written in full", func(p *Problem, at map[string][2]int) {
			for _, n := range []string{"b:CreateRole", "b:CreateUser"} {
				x := at[n]
				p.Classes[x[0]][x[1]] = Full
			}
		}, nil},
		{"per service only, no pattern names every service", func(p *Problem, _ map[string][2]int) {
			p.CrossService = false
		}, func(t *testing.T, sol *Solution) {
			for _, a := range sol.Allow {
				if strings.HasPrefix(a, "*:") {
					t.Errorf("allow %q names every service", a)
				}
			}
		}},
		{"none mode writes full names", func(p *Problem, _ map[string][2]int) {
			p.Mode = readonly.WildcardsNone
		}, func(t *testing.T, sol *Solution) {
			if strings.Contains(strings.Join(sol.Allow, ""), "*") || sol.Granted != 43 {
				t.Errorf("allow %q, granted %d: want the 43 targets by name", sol.Allow, sol.Granted)
			}
		}},
		{"a small budget grants what fits, and the greedy fills it", func(p *Problem, _ map[string][2]int) {
			p.MaxChars = 120
		}, func(t *testing.T, sol *Solution) {
			if sol.Granted == 0 || sol.Granted == 43 {
				t.Errorf("granted %d in %d characters, want some but not all", sol.Granted, sol.Chars)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, at := toy(t)
			if c.setup != nil {
				c.setup(&p, at)
			}
			sol, err := Solve(t.Context(), p)
			if err != nil {
				t.Fatal(err)
			}
			checkRules(t, p, sol)
			if c.check != nil {
				c.check(t, sol)
			}
		})
	}
}

func TestSolveBudgetErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(p *Problem, at map[string][2]int)
		want  string
	}{
		{"statements alone over the budget", func(p *Problem, _ map[string][2]int) {
			p.MaxChars = 100
			p.Statements = []string{`{"Effect":"Deny","Action":"b:DeleteRole","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`}
		}, "the statements alone need a document of 160 characters, but max_policy_chars is 100"},
		{"required actions that cannot fit", func(p *Problem, at map[string][2]int) {
			p.MaxChars = 100
			p.Mode = readonly.WildcardsNone
			p.Required = [][]bool{make([]bool, 43), make([]bool, 5)}
			for n, x := range at {
				if strings.HasPrefix(n, "a:Describe") && p.Classes[x[0]][x[1]] == Target {
					p.Required[x[0]][x[1]] = true
				}
			}
		}, "the required actions, with the statements, need a document of"},
		{"a budget below the smallest document", func(p *Problem, _ map[string][2]int) {
			p.MaxChars = 50
		}, "the smallest document granting one action, with the statements, need a document of 97 characters, but max_policy_chars is 50"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, at := toy(t)
			c.setup(&p, at)
			_, err := Solve(t.Context(), p)
			var be *BudgetError
			if !errors.As(err, &be) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want a BudgetError saying %q", err, c.want)
			}
		})
	}
}

func TestSolveRefusesMalformedProblems(t *testing.T) {
	p, _ := toy(t)
	p.Families = nil
	if _, err := Solve(t.Context(), p); err == nil || !strings.Contains(err.Error(), "read families") {
		t.Errorf("word mode without families: %v", err)
	}
	p, _ = toy(t)
	p.Classes = p.Classes[:1]
	if _, err := Solve(t.Context(), p); err == nil {
		t.Error("classes of the wrong shape were accepted")
	}
	p, at := toy(t)
	x := at["b:CreateRole"]
	p.Required = [][]bool{make([]bool, 43), make([]bool, 5)}
	p.Required[x[0]][x[1]] = true
	if _, err := Solve(t.Context(), p); err == nil || !strings.Contains(err.Error(), `"b:CreateRole" is not a target`) {
		t.Errorf("a required non-target action: %v", err)
	}
}
