package allocation

import (
	"fmt"
	"strings"
	"time"

	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
)

// PreliminaryReply is what fvl § 11 a asks of a case not decided within a month: why it takes
// longer, and when the citizen can expect the decision.
type PreliminaryReply struct {
	Reason   string
	Expected time.Time
}

// ValidatePreliminaryReply: a reason in words, and an expected date after today.
func ValidatePreliminaryReply(r PreliminaryReply, now time.Time) error {
	switch {
	case strings.TrimSpace(r.Reason) == "":
		return kernel.Violation("Skriv hvorfor saken tar lengre tid.", "Write why the case takes longer.")
	case r.Expected.IsZero() || kernel.DaysFromToday(now, r.Expected) <= 0:
		return kernel.Violation("Datoen for vedtaket må være etter i dag.", "The date of the decision must be after today.")
	}
	return kernel.CheckText(kernel.Text{NB: "Begrunnelsen", EN: "The reason"}, r.Reason, kernel.MaxText)
}

type replyWords struct{ subject, received, reason, expected, contact string }

var replyTexts = map[i18n.Lang]replyWords{
	i18n.Bokmal: {"Foreløpig svar på søknaden din, saksnummer %s", "Vi har mottatt søknaden din %s om %s.",
		"Vi trenger mer tid før vi kan gjøre vedtak, fordi: %s", "Vi regner med å gjøre vedtak innen %s (forvaltningsloven § 11 a).",
		"Ta kontakt med tildelingskontoret hvis du har spørsmål eller noe nytt å fortelle."},
	i18n.Nynorsk: {"Førebels svar på søknaden din, saksnummer %s", "Vi har motteke søknaden din %s om %s.",
		"Vi treng meir tid før vi kan gjere vedtak, fordi: %s", "Vi reknar med å gjere vedtak innan %s (forvaltningslova § 11 a).",
		"Ta kontakt med tildelingskontoret om du har spørsmål eller noko nytt å fortelje."},
	i18n.English: {"Preliminary reply to your application, reference %s", "We received your application of %s for %s.",
		"We need more time before we can decide, because (in the office's words): %s", "We expect to decide by %s (Public Administration Act § 11 a).",
		"Contact the allocation office if you have questions or something new to tell us."},
}

// PreliminaryReplyLetter is the letter in lang (bokmål for one it does not know); services are
// the names of the services applied for, in lang.
func PreliminaryReplyLetter(a Application, r PreliminaryReply, services []string, lang i18n.Lang) (subject, body string) {
	w, ok := replyTexts[lang]
	if !ok {
		w, lang = replyTexts[i18n.Bokmal], i18n.Bokmal
	}
	date := func(t time.Time) string { return t.Format("02.01.2006") }
	if lang == i18n.English {
		date = func(t time.Time) string { return t.Format("2 January 2006") }
	}
	body = strings.Join([]string{
		fmt.Sprintf(w.received, date(a.Received), strings.Join(services, ", ")),
		fmt.Sprintf(w.reason, strings.TrimSpace(r.Reason)),
		fmt.Sprintf(w.expected, date(r.Expected)),
		w.contact,
	}, "\n\n")
	return fmt.Sprintf(w.subject, a.Reference), body
}
