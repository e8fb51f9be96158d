package fees

import (
	"fmt"
	"strings"

	"veiviser/internal/i18n"
)

// Kroner is an amount in øre as the language writes it: "1 250 kr" and "185,50 kr" in
// Norwegian, "NOK 1,250" and "NOK 185.50" in English. Whole kroner show no øre.
func Kroner(øre int64, lang i18n.Lang) string {
	sign := ""
	if øre < 0 {
		sign, øre = "-", -øre
	}
	whole, part := øre/100, øre%100
	sep, dec := "\u00a0", ","
	if lang == i18n.English {
		sep, dec = ",", "."
	}
	digits := fmt.Sprint(whole)
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if part != 0 {
		fmt.Fprintf(&b, "%s%02d", dec, part)
	}
	if lang == i18n.English {
		return sign + "NOK\u00a0" + b.String()
	}
	return sign + b.String() + "\u00a0kr"
}

// ParseKroner reads an amount as a person types it, in kroner: "1169", "1 169", "1.169,50",
// "1169.50", "kr 250". It reports false for anything else, or an amount of more than two decimals.
func ParseKroner(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(strings.ToLower(s)), "kr"), "kr"))
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	if s == "" || s == "-" {
		return 0, false
	}
	whole, part := s, ""
	if i := strings.LastIndexAny(s, ",."); i >= 0 && len(s)-i-1 <= 2 && len(s)-i-1 > 0 {
		whole, part = s[:i], s[i+1:]
	}
	whole = strings.NewReplacer(".", "", ",", "").Replace(whole) // thousands separators
	if whole == "" || len(whole) > 12 {
		return 0, false
	}
	var øre int64
	for _, c := range whole {
		if c < '0' || c > '9' {
			return 0, false
		}
		øre = øre*10 + int64(c-'0')
	}
	øre *= 100
	for i, c := range part + "00"[len(part):] {
		if c < '0' || c > '9' {
			return 0, false
		}
		øre += int64(c-'0') * [2]int64{10, 1}[i]
	}
	return øre, true
}
