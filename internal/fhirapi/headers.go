package fhirapi

import (
	"net/http"
	"strconv"
	"unicode/utf8"

	"veiviser/internal/apperr"
)

// MaxReasonRunes bounds the X-Purpose-Of-Use header (ReasonHeader). It is stored whole with the
// access log entry of every read and search it comes with, and the citizen's page shows it, so
// 200 reads with a 900 kB reason made that page 175 MB. A purpose of use is a code (TREAT,
// ETREAT, v3 PurposeOfUse) or a short phrase; 500 characters leave room for a sentence while an
// entry stays small. Half of access.MaxReasonRunes: that reason is written once, by a person,
// to open emergency access; this one repeats on every request of a system.
const MaxReasonRunes = 500

// maxEchoBytes bounds a header value quoted back in an error message.
const maxEchoBytes = 100

// checkHeaders refuses, before anything is read or logged, the headers the API stores that are
// longer than their limit or not UTF-8 (the log is JSON text). The other headers it reads are
// parsed, not stored, and bounded as a whole by the server's MaxHeaderBytes.
func checkHeaders(r *http.Request) error {
	v := r.Header.Get(ReasonHeader)
	if v == "" {
		return nil
	}
	if !utf8.ValidString(v) || utf8.RuneCountInString(v) > MaxReasonRunes {
		return apperr.New(apperr.Invalid, "the %s header must be UTF-8 text of at most %s characters",
			ReasonHeader, strconv.Itoa(MaxReasonRunes))
	}
	return nil
}

// echo is a header value cut to maxEchoBytes, for an error message that quotes it.
func echo(v string) string {
	if len(v) <= maxEchoBytes {
		return v
	}
	cut := maxEchoBytes
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return v[:cut] + "…"
}
