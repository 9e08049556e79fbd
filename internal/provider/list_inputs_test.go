package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/iamv2/terraform-provider-iamv2/internal/servicereference/srfake"
)

// Every list and set input of the provider, its data sources and its
// functions, found in the schemas the provider serves, so that a new one is
// covered without touching this test: a null element, which Terraform lets a
// list hold (`var.on ? "s3" : null`), is an error naming its path, never
// the framework's "Value Conversion Error"; and its description says what
// an empty list means (for attributes, the same as leaving them out).
func TestEveryListInputRefusesNullElements(t *testing.T) {
	ctx := t.Context()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	configure := func(t *testing.T, values map[string]tftypes.Value) []*tfprotov6.Diagnostic {
		t.Helper()
		resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: configValue(t, schemas.Provider, values)})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Diagnostics
	}
	covered := 0

	documented := func(t *testing.T, description string) {
		t.Helper()
		if !strings.Contains(strings.ToLower(description), "empty list") {
			t.Errorf("the description does not say what an empty list means: %q", description)
		}
	}
	for _, a := range listInputs(schemas.Provider) {
		covered++
		documented(t, a.Description)
		t.Run("provider."+a.Name, func(t *testing.T) {
			// The console source reads its lists before it signs in.
			diags := configure(t, map[string]tftypes.Value{
				"catalog_source": tftypes.NewValue(tftypes.String, "console"),
				a.Name:           withNullElement(a.Type),
			})
			assertNullElementError(t, diags, a.Name)
		})
	}

	if diags := configure(t, nil); len(diags) > 0 {
		t.Fatalf("ConfigureProvider: %v", diags)
	}
	for name, schema := range schemas.DataSourceSchemas {
		for _, a := range listInputs(schema) {
			covered++
			documented(t, a.Description)
			t.Run(name+"."+a.Name, func(t *testing.T) {
				resp, err := server.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
					TypeName: name,
					Config:   configValue(t, schema, map[string]tftypes.Value{a.Name: withNullElement(a.Type)}),
				})
				if err != nil {
					t.Fatal(err)
				}
				assertNullElementError(t, resp.Diagnostics, a.Name)
			})
		}
	}

	for name, fn := range schemas.Functions {
		for i, p := range fn.Parameters {
			if !isStringCollection(p.Type) {
				continue
			}
			covered++
			documented(t, p.Description)
			t.Run(name+"."+p.Name, func(t *testing.T) {
				args := make([]*tfprotov6.DynamicValue, len(fn.Parameters))
				for j, q := range fn.Parameters {
					v := validArgument(q.Type)
					if j == i {
						v = withNullElement(q.Type)
					}
					dv, err := tfprotov6.NewDynamicValue(q.Type, v)
					if err != nil {
						t.Fatal(err)
					}
					args[j] = &dv
				}
				resp, err := server.CallFunction(ctx, &tfprotov6.CallFunctionRequest{Name: name, Arguments: args})
				if err != nil {
					t.Fatal(err)
				}
				want := p.Name + "[1] must not be null"
				if resp.Error == nil || resp.Error.FunctionArgument == nil || *resp.Error.FunctionArgument != int64(i) ||
					!strings.Contains(resp.Error.Text, want) {
					t.Errorf("error %+v, want %q on argument %d", resp.Error, want, i)
				}
			})
		}
	}
	if covered < 10 {
		t.Errorf("found only %d list inputs in the schemas; the discovery is broken", covered)
	}
}

// listInputs are the attributes of a schema that configurations set to a
// list or set of strings.
func listInputs(s *tfprotov6.Schema) []*tfprotov6.SchemaAttribute {
	var out []*tfprotov6.SchemaAttribute
	for _, a := range s.Block.Attributes {
		if (a.Required || a.Optional) && isStringCollection(a.Type) {
			out = append(out, a)
		}
	}
	return out
}

func isStringCollection(t tftypes.Type) bool {
	switch c := t.(type) {
	case tftypes.List:
		return c.ElementType.Is(tftypes.String)
	case tftypes.Set:
		return c.ElementType.Is(tftypes.String)
	}
	return false
}

// withNullElement is a list or set of a valid-looking string and a null.
func withNullElement(t tftypes.Type) tftypes.Value {
	return tftypes.NewValue(t, []tftypes.Value{tftypes.NewValue(tftypes.String, "s3"), tftypes.NewValue(tftypes.String, nil)})
}

// validArgument is a value of the type that the functions accept.
func validArgument(t tftypes.Type) tftypes.Value {
	if isStringCollection(t) {
		return tftypes.NewValue(t, []tftypes.Value{tftypes.NewValue(tftypes.String, "s3:GetObject")})
	}
	return tftypes.NewValue(tftypes.String, "word") // compact_actions' wildcards
}

// configValue is a configuration of the schema: values as given, required
// attributes a service prefix, everything else null.
func configValue(t *testing.T, s *tfprotov6.Schema, values map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	typ := s.ValueType()
	attrs := map[string]tftypes.Value{}
	for _, a := range s.Block.Attributes {
		at := a.ValueType() // nested attributes have no Type
		switch v, ok := values[a.Name]; {
		case ok:
			attrs[a.Name] = v
		case a.Required && at.Is(tftypes.String):
			attrs[a.Name] = tftypes.NewValue(tftypes.String, "s3")
		case a.Required && isStringCollection(at):
			attrs[a.Name] = tftypes.NewValue(at, []tftypes.Value{tftypes.NewValue(tftypes.String, "s3")})
		case a.Required && (at.Is(tftypes.List{}) || at.Is(tftypes.Set{})):
			attrs[a.Name] = tftypes.NewValue(at, []tftypes.Value{}) // of objects: none
		default:
			attrs[a.Name] = tftypes.NewValue(at, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func assertNullElementError(t *testing.T, diags []*tfprotov6.Diagnostic, attr string) {
	t.Helper()
	want := tftypes.NewAttributePath().WithAttributeName(attr).WithElementKeyInt(1)
	found := false
	for _, d := range diags {
		if strings.Contains(d.Summary+d.Detail, "always an error in the provider") {
			t.Errorf("framework conversion error: %s: %s", d.Summary, d.Detail)
		}
		if d.Severity == tfprotov6.DiagnosticSeverityError && d.Attribute.Equal(want) &&
			strings.Contains(d.Detail, attr+"[1] must not be null") {
			found = true
		}
	}
	if !found {
		t.Errorf("no error naming %s[1] as null among %d diagnostics:%s", attr, len(diags), describeDiags(diags))
	}
}

func describeDiags(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString("\n  " + d.Summary + ": " + d.Detail)
	}
	return b.String()
}

// Every list input of every data source means what its description says
// of an empty list: a read with [] is the same read as one leaving the
// attribute out (diagnostics and every other attribute alike), or an error
// on the attribute. The provider reads the service reference (a local
// fake), so that the data sources that need a live source answer too;
// each read has a provider of its own, since a catalog's warnings are
// delivered once.
func TestEveryListInputEmptyMeansWhatItsDescriptionSays(t *testing.T) {
	ctx := t.Context()
	fake := srfake.New(t)
	newServer := func(t *testing.T) tfprotov6.ProviderServer {
		t.Helper()
		server, err := providerserver.NewProtocol6WithError(New("test")())()
		if err != nil {
			t.Fatal(err)
		}
		schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: configValue(t, schemas.Provider, map[string]tftypes.Value{
			"catalog_source":             tftypes.NewValue(tftypes.String, "service_reference"),
			"service_reference_endpoint": tftypes.NewValue(tftypes.String, fake.URL()),
			"cache_dir":                  tftypes.NewValue(tftypes.String, ""),
		})})
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("ConfigureProvider: %v%s", err, describeDiags(resp.Diagnostics))
		}
		return server
	}
	schemas, err := newServer(t).GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %v %v", err, schemas.Diagnostics)
	}
	covered := 0
	for name, schema := range schemas.DataSourceSchemas {
		for _, a := range listInputs(schema) {
			description := strings.ToLower(a.Description)
			sameAsOmitted := strings.Contains(description, "empty list is the same as leaving the attribute out")
			isError := strings.Contains(description, "empty list is an error")
			if sameAsOmitted == isError {
				t.Errorf("%s.%s: the description must say either that an empty list is the same as leaving the attribute out, or that it is an error: %q",
					name, a.Name, a.Description)
				continue
			}
			covered++
			t.Run(name+"."+a.Name, func(t *testing.T) {
				read := func(v tftypes.Value) (tftypes.Value, []*tfprotov6.Diagnostic) {
					resp, err := newServer(t).ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{
						TypeName: name, Config: configValue(t, schema, map[string]tftypes.Value{a.Name: v}),
					})
					if err != nil {
						t.Fatal(err)
					}
					if resp.State == nil {
						return tftypes.Value{}, resp.Diagnostics
					}
					state, err := resp.State.Unmarshal(schema.ValueType())
					if err != nil {
						t.Fatal(err)
					}
					return answerOf(t, state, a.Name), resp.Diagnostics
				}
				empty, emptyDiags := read(tftypes.NewValue(a.Type, []tftypes.Value{}))
				if isError {
					want := tftypes.NewAttributePath().WithAttributeName(a.Name)
					for _, d := range emptyDiags {
						if d.Severity == tfprotov6.DiagnosticSeverityError && d.Attribute.Equal(want) {
							return
						}
					}
					t.Errorf("%s = [] is documented as an error, but no error names it among:%s", a.Name, describeDiags(emptyDiags))
					return
				}
				omitted, omittedDiags := read(tftypes.NewValue(a.Type, nil))
				if got, want := describeDiags(emptyDiags), describeDiags(omittedDiags); got != want {
					t.Errorf("%s = [] gives the diagnostics:%s\nleaving it out gives:%s", a.Name, got, want)
				}
				if !empty.Equal(omitted) {
					diffs, _ := empty.Diff(omitted)
					t.Errorf("%s = [] gives another result than leaving it out, at %d paths, the first %s", a.Name, len(diffs), diffs[0].Path)
				}
			})
		}
	}
	if covered < 10 {
		t.Errorf("found only %d list inputs of data sources; the discovery is broken", covered)
	}
}

// answerOf is a data source's state without what may differ between
// two reads of the same question: the input itself, and the time in
// data_version.
func answerOf(t *testing.T, v tftypes.Value, input string) tftypes.Value {
	t.Helper()
	if v.IsNull() {
		return v
	}
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		t.Fatal(err)
	}
	attrs[input] = tftypes.NewValue(attrs[input].Type(), nil)
	var version string
	if err := attrs["data_version"].As(&version); err != nil {
		t.Fatal(err)
	}
	version, _, _ = strings.Cut(version, "@")
	attrs["data_version"] = tftypes.NewValue(tftypes.String, version)
	return tftypes.NewValue(v.Type(), attrs)
}
