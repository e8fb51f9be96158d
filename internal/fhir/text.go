package fhir

import (
	"strings"
	"unicode/utf8"
)

// textProblem says what makes s unfit to store or to search for, "" when nothing: U+0000, or
// bytes that are not UTF-8. PostgreSQL holds neither in text (a search for one answered 500
// there, and SQLite stored it), and R4 strings "SHOULD not contain Unicode character points
// below 32" but tab, CR and LF. The other control characters stay allowed: R4's own regex for
// string, [ \r\n\t\S]+, admits them, and the access log writes names holding them.
func textProblem(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		return "holds U+0000 (NUL), which cannot be stored"
	}
	if !utf8.ValidString(s) {
		return "is not valid UTF-8"
	}
	return ""
}
