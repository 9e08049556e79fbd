package pattern

import "strings"

// ARNParts is how many colon-separated parts an ARN has: arn, partition,
// service, region, account, and the resource, which may hold colons itself.
const ARNParts = 6

// SplitARN splits s into its six parts, the last keeping its colons, and
// says how many it found: fewer than six when s is not a whole ARN.
func SplitARN(s string) (parts [ARNParts]string, n int) {
	for n < ARNParts-1 {
		i := strings.IndexByte(s, ':')
		if i < 0 {
			break
		}
		parts[n], s = s[:i], s[i+1:]
		n++
	}
	parts[n] = s
	return parts, n + 1
}

// MatchARN matches a resource ARN against a pattern part by part, as the
// Resource element and the Arn condition operators do: each of the six
// parts is matched on its own, case-sensitively, so a wildcard does not
// run into the next part, except that a pattern that ends early in a '*'
// ("arn:aws:s3:*") lets it match the rest of the ARN, colons included
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
// A name that is not an ARN matches only a pattern that, read as a whole,
// matches it ("*").
func MatchARN(pattern, name string) bool {
	np, nn := SplitARN(name)
	if nn < ARNParts {
		return Match(pattern, name, Sensitive)
	}
	pp, pn := SplitARN(pattern)
	for i := 0; i < pn-1; i++ {
		if !Match(pp[i], np[i], Sensitive) {
			return false
		}
	}
	last := pp[pn-1]
	if pn == ARNParts {
		return Match(last, np[ARNParts-1], Sensitive)
	}
	if !endsInStar(last) {
		return false
	}
	return Match(last, strings.Join(np[pn-1:], ":"), Sensitive)
}

// CoversARN reports whether resource pattern q matches every name pattern
// p matches under MatchARN's rules. Like Covers it is sound, not complete.
func CoversARN(q, p string) bool {
	if q == "*" || q == p {
		return true
	}
	qs, qn := SplitARN(q)
	ps, pn := SplitARN(p)
	qShort := qn < ARNParts && endsInStar(qs[qn-1])
	pShort := pn < ARNParts && endsInStar(ps[pn-1])
	switch {
	case qn == ARNParts && pn == ARNParts:
		for i := 0; i < ARNParts; i++ {
			if !Covers(qs[i], ps[i], Sensitive) {
				return false
			}
		}
		return true
	case qShort && (pn == ARNParts || pShort) && qn <= pn:
		for i := 0; i < qn-1; i++ {
			if !Covers(qs[i], ps[i], Sensitive) {
				return false
			}
		}
		return Covers(qs[qn-1], strings.Join(ps[qn-1:pn], ":"), Sensitive)
	case !pShort && pn < ARNParts:
		// p matches only names that are not six-part ARNs, which MatchARN
		// compares whole.
		return Covers(q, p, Sensitive)
	}
	return false
}

// endsInStar reports whether a pattern's last token is an unescaped '*'.
func endsInStar(g string) bool {
	ts := tokens(g, Sensitive)
	return len(ts) > 0 && ts[len(ts)-1].kind == tokStar
}

// VariablesToStar turns every ${...} in an ARN format or a policy's
// resource into '*': "arn:${Partition}:s3:::${BucketName}" is
// "arn:*:s3:::*". A variable may stand for any text, and a policy
// variable for whatever the request holds, so a star is the one reading
// that never makes a match fail.
func VariablesToStar(s string) string { return ReplaceSpans(s, "${", "}") }

// ReplaceSpans replaces every span from open to the next closing with '*'.
func ReplaceSpans(s, open, closing string) string {
	if !strings.Contains(s, open) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, open)
		if i < 0 {
			break
		}
		end := strings.Index(s[i+len(open):], closing)
		if end < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteByte('*')
		s = s[i+len(open)+end+len(closing):]
	}
	b.WriteString(s)
	return b.String()
}
