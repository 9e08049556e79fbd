package policy

import (
	"reflect"
	"testing"
)

// checkRoundTrip parses src, writes the document back and parses that:
// the documents and diagnostics must be the same.
func checkRoundTrip(t *testing.T, src string) {
	t.Helper()
	doc, diags := Parse(src)
	if doc == nil {
		return
	}
	out, err := doc.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	again, diags2 := Parse(string(out))
	if again == nil {
		t.Fatalf("re-encoded document does not parse:\n%s\n%s", out, listDiags(diags2))
	}
	if !reflect.DeepEqual(doc, again) {
		t.Fatalf("round trip changed the document:\nsource  %q\nencoded %s\nbefore %+v\nafter  %+v", src, out, doc, again)
	}
	if !reflect.DeepEqual(diags, diags2) {
		t.Fatalf("round trip changed the diagnostics:\n%s\n%s", listDiags(diags), listDiags(diags2))
	}
}

func TestMarshalJSON(t *testing.T) {
	src := `{
	  "Id": "p1",
	  "Statement": {
	    "Condition": {"NumericLessThan": {"s3:max-keys": [10, "2e3"]}, "Bool": {"aws:SecureTransport": false}},
	    "Resource": ["arn:aws:s3:::b/\"q\"\\\u00e9\t"],
	    "NotAction": "s3:Delete*",
	    "Effect": "Deny",
	    "Principal": {"AWS": ["*"]},
	    "Sid": ""
	  }
	}`
	doc, diags := Parse(src)
	if doc == nil {
		t.Fatal(listDiags(diags))
	}
	out, _ := doc.MarshalJSON()
	want := `{"Id":"p1","Statement":{"Sid":"","Effect":"Deny","Principal":{"AWS":["*"]},"NotAction":"s3:Delete*",` +
		`"Resource":["arn:aws:s3:::b/\"q\"\\é\t"],"Condition":{"NumericLessThan":{"s3:max-keys":[10,"2e3"]},"Bool":{"aws:SecureTransport":false}}}}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	checkRoundTrip(t, src)
}
