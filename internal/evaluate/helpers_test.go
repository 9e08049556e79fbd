package evaluate

import (
	"strings"
	"testing"
)

// compile compiles a policy for a test, failing it on any error.
func compile(t testing.TB, kind Kind, src string) *Policy {
	t.Helper()
	p, diags := CompileJSON(src, Source{Kind: kind})
	if diags.HasError() || p == nil {
		t.Fatalf("compile %s: %v", kind, diags)
	}
	return p
}

func principal(t testing.TB, arn string) Principal {
	t.Helper()
	p, err := ParsePrincipal(arn)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// doc wraps statements in a 2012-10-17 document.
func doc(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

const (
	allowAll = `{"Effect":"Allow","Action":"*","Resource":"*"}`
	alice    = "arn:aws:iam::111122223333:user/alice"
)
