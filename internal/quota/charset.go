package quota

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/iamv2/terraform-provider-iamv2/internal/iam"
)

// Refusal is a character of a document that IAM does not accept: IAM
// takes only tab, line feed, carriage return and U+0020 to U+00FF
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names),
// and so do STS for session policies and KMS for key policies.
type Refusal struct {
	Char    rune
	Offset  int  // in bytes, where the character or its escape starts
	Escaped bool // written as a \u escape
}

func (r Refusal) Error() string {
	how := ""
	if r.Escaped {
		how = " (written as a \\u escape)"
	}
	return fmt.Sprintf("the character %U%s at byte %d is not one IAM accepts in a policy (%s)", r.Char, how, r.Offset, iam.AcceptedRunes)
}

// Refused finds the first character of the document IAM does not accept,
// written as it is or decoded from a \u escape inside a string, since IAM
// reads the decoded text.
func Refused(document string) (Refusal, bool) {
	in := false
	for i := 0; i < len(document); {
		c, w := utf8.DecodeRuneInString(document[i:])
		switch {
		case c == utf8.RuneError && w == 1, !iam.AcceptedRune(c):
			return Refusal{Char: c, Offset: i}, true
		case c == '"':
			in = !in
		case in && c == '\\' && i+1 < len(document):
			if document[i+1] == 'u' && i+6 <= len(document) {
				if v, err := strconv.ParseUint(document[i+2:i+6], 16, 32); err == nil && !iam.AcceptedRune(rune(v)) {
					return Refusal{Char: rune(v), Offset: i, Escaped: true}, true
				}
			}
			if document[i+1] < utf8.RuneSelf {
				w = 2 // the escaped character is not a quote
			}
		}
		i += w
	}
	return Refusal{}, false
}
