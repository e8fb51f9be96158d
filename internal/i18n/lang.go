// Package i18n holds the languages the web speaks and the catalogs that translate its texts.
//
// Bokmål is the source: a text's bokmål wording is its key, so a page reads as it is written
// and nothing is looked up for bokmål. The catalogs (catalog/*.json, one file per area of the
// work) give each key's nynorsk and English. TestCatalogs and the web's TestEveryTextIsTranslated
// keep them complete.
package i18n

import (
	"strconv"
	"strings"
)

// Lang is a language the pages are shown in: a BCP 47 tag, as <html lang> takes it.
type Lang string

// The three languages: bokmål is the default, nynorsk the other written form of Norwegian
// (the official one in many municipalities), English for those who read neither.
const (
	Bokmal  Lang = "nb"
	Nynorsk Lang = "nn"
	English Lang = "en"
)

// All are the languages in the order the switch offers them.
var All = []Lang{Bokmal, Nynorsk, English}

// Name is the language's name in itself, as the switch shows it.
func (l Lang) Name() string {
	switch l {
	case Nynorsk:
		return "Nynorsk"
	case English:
		return "English"
	default:
		return "Bokmål"
	}
}

// Parse reads a language tag: "nb", "nn", "en", and their regional and older forms ("nb-NO",
// "no", "nn-NO", "en-GB"). ok is false for anything else.
func Parse(tag string) (Lang, bool) {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	switch primary {
	case "nb", "no", "nob", "nor":
		return Bokmal, true
	case "nn", "nno":
		return Nynorsk, true
	case "en", "eng":
		return English, true
	}
	return "", false
}

// FromAcceptLanguage is the language an Accept-Language header prefers most among the three,
// and ok false when it names none of them. Weights (q=) order the choices; a bad weight is 0.
func FromAcceptLanguage(header string) (Lang, bool) {
	if len(header) > 1024 { // a header is read only so far; a longer one is not a choice
		header = header[:1024]
	}
	best, bestQ := Lang(""), 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f >= 0 && f <= 1 {
				q = f
			} else {
				q = 0
			}
		}
		if l, ok := Parse(tag); ok && q > bestQ {
			best, bestQ = l, q
		}
	}
	return best, best != ""
}
