package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/iamv2/terraform-provider-iamv2/internal/embedded"
)

// valueStatement is a statement on every resource, with the other elements
// given as name, value pairs.
func valueStatement(effect, actions any, more ...any) map[string]any {
	s := map[string]any{"Effect": effect, "Action": actions, "Resource": "*"}
	for i := 0; i+1 < len(more); i += 2 {
		s[fmt.Sprint(more[i])] = more[i+1]
	}
	return s
}

func docOf(statements ...any) map[string]any {
	return map[string]any{"Version": "2012-10-17", "Statement": statements}
}

// What a document allows is evaluated from its known parts; the answer is
// unknown only when an Effect, Action or NotAction that decides it is
// unknown. The evaluation rules are IAM's
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
// an explicit Deny wins, so a Deny that applies to some resources only, or
// under a condition, leaves the action allowed for other requests.
func TestExpandValueEvaluatesWhatIsKnown(t *testing.T) {
	e, err := NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	get := []any{"s3:GetObject", "s3:PutObject"}
	for _, c := range []struct {
		name    string
		doc     any
		known   bool
		allowed []string
		skipped []string
	}{
		{"all known", docOf(valueStatement("Allow", get)), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"a single statement object", map[string]any{"Version": "2012-10-17", "Statement": valueStatement("Allow", "s3:GetObject")}, true, []string{"s3:GetObject"}, nil},
		{"unknown Resource of an Allow is some resources, still allowed", docOf(valueStatement("Allow", get, "Resource", Unknown)), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"unknown element of a Resource list", docOf(valueStatement("Allow", get, "Resource", []any{"arn:aws:s3:::a/*", Unknown})), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"unconditional Deny on every resource removes", docOf(valueStatement("Allow", get), valueStatement("Deny", "s3:PutObject")), true, []string{"s3:GetObject"}, nil},
		{"Deny on an unknown Resource is conditional", docOf(valueStatement("Allow", get), valueStatement("Deny", "s3:PutObject", "Resource", Unknown)), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"Deny with an unknown Condition is conditional", docOf(valueStatement("Allow", get), valueStatement("Deny", "s3:PutObject", "Condition", Unknown)), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"Deny with an unknown condition value is conditional", docOf(valueStatement("Allow", get), valueStatement("Deny", "s3:PutObject", "Condition", map[string]any{"StringEquals": map[string]any{"aws:SourceVpc": Unknown}})), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"conditional Deny with unknown actions is skipped", docOf(valueStatement("Allow", get), valueStatement("Deny", Unknown, "Resource", "arn:aws:s3:::a/*")), true, []string{"s3:GetObject", "s3:PutObject"}, []string{"Statement[1]"}},
		{"unknown Version decides nothing", map[string]any{"Version": Unknown, "Statement": []any{valueStatement("Allow", "s3:GetObject")}}, true, []string{"s3:GetObject"}, nil},
		{"unknown Sid and Principal decide nothing", docOf(valueStatement("Allow", get, "Sid", Unknown)), true, []string{"s3:GetObject", "s3:PutObject"}, nil},
		{"unknown Action of an Allow", docOf(valueStatement("Allow", Unknown)), false, nil, nil},
		{"unknown element of an Allow's Action", docOf(valueStatement("Allow", []any{"s3:GetObject", Unknown})), false, nil, nil},
		{"unknown NotAction of an Allow", docOf(map[string]any{"Effect": "Allow", "NotAction": Unknown, "Resource": "*"}), false, nil, nil},
		{"unknown Action of an unconditional Deny", docOf(valueStatement("Allow", get), valueStatement("Deny", Unknown)), false, nil, nil},
		{"unknown Effect", docOf(valueStatement(Unknown, get)), false, nil, nil},
		{"unknown statement", docOf(valueStatement("Allow", get), Unknown), false, nil, nil},
		{"unknown Statement", map[string]any{"Version": "2012-10-17", "Statement": Unknown}, false, nil, nil},
		{"unknown document", Unknown, false, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, diags := e.ExpandValue(c.doc, Options{UnknownActions: UnknownError})
			if diags.HasError() {
				t.Fatalf("errors: %v", diags)
			}
			if got.Known != c.known {
				t.Fatalf("Known = %v, want %v", got.Known, c.known)
			}
			if !c.known {
				return
			}
			if names := got.Net.Allowed.Names(); !reflect.DeepEqual(names, c.allowed) {
				t.Errorf("allowed %v, want %v", names, c.allowed)
			}
			if !reflect.DeepEqual(got.Skipped, c.skipped) {
				t.Errorf("skipped %v, want %v", got.Skipped, c.skipped)
			}
		})
	}
}

// The known parts are checked as strictly as a JSON document, with the
// same paths.
func TestExpandValueDiagnosticsNameTheirPath(t *testing.T) {
	e, err := NewExpander(t.Context(), embedded.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		doc  any
		want string
	}{
		{docOf(valueStatement("Allow", "s3:GetObject", "Resource", Unknown), valueStatement("Allow", []any{"s3:Nope"})), "Statement[1].Action[0]"},
		{docOf(valueStatement("allow", "s3:GetObject")), "Statement[0].Effect"},
		{docOf(valueStatement("Allow", "s3:GetObject", "action", "s3:PutObject")), "Statement[0].action"},
		{"not an object", ""},
	} {
		_, diags := e.ExpandValue(c.doc, Options{UnknownActions: UnknownError})
		if !diags.HasError() || !strings.Contains(fmt.Sprint(diags), c.want) {
			t.Errorf("ExpandValue(%v) diagnostics %v, want an error at %q", c.doc, diags, c.want)
		}
	}
}

// BenchmarkExpandValueManagedPolicies expands every managed policy given as
// a decoded value, as the functions receive an HCL object: the cost over
// ExpandJSON is the walk for unknown parts and the JSON written back.
func BenchmarkExpandValueManagedPolicies(b *testing.B) {
	docs := loadCorpus(b)
	values := make([]any, len(docs))
	for i, p := range docs {
		dec := json.NewDecoder(bytes.NewReader(p.Document))
		dec.UseNumber()
		if err := dec.Decode(&values[i]); err != nil {
			b.Fatal(err)
		}
	}
	e := testExpander(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range values {
			if got, diags := e.ExpandValue(v, Options{}); got.Result == nil {
				b.Fatal(diags)
			}
		}
	}
}
