package intake

import (
	"fmt"
	"strings"
	"time"

	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

// Letter is a letter to the citizen, written in one language: the recipient's.
type Letter struct {
	Lang    i18n.Lang
	Subject string
	Body    string
}

// letterWords are a letter's sentences in one language; %s are values (a reference, a date,
// the legal basis, a name), never translated.
type letterWords struct {
	subject, assessed, planAndCoordinator, coordinatorOnly, noNeed, referred, coordinator, reasons, appeal string
	date                                                                                                   func(time.Time) string
}

var monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// letterTexts are the assessment letter in each language. The appeal goes to the county
// governor (Statsforvalteren) through the municipality, by pbrl § 7-2.
var letterTexts = map[i18n.Lang]letterWords{
	i18n.Bokmal: {
		subject:            "Svar på henvendelse til koordinerende enhet, ref. %s",
		assessed:           "Vi har vurdert henvendelsen du sendte %s.",
		planAndCoordinator: "Du har rett til individuell plan og koordinator (%s; %s). Planen lages bare hvis du samtykker.",
		coordinatorOnly:    "Du får tilbud om koordinator (%s). Du kan når som helst be om individuell plan senere.",
		noNeed:             "Vi finner ikke at du har behov for langvarige og koordinerte tjenester nå.",
		referred:           "Henvendelsen er sendt videre til %s, som er rett instans.",
		coordinator:        "Koordinatoren din er %s.",
		reasons:            "Begrunnelse: %s",
		appeal:             "Er du uenig, kan du klage til Statsforvalteren (pbrl § 7-2). Send klagen til kommunen.",
		date:               func(t time.Time) string { return t.Format("02.01.2006") },
	},
	i18n.Nynorsk: {
		subject:            "Svar på førespurnad til koordinerande eining, ref. %s",
		assessed:           "Vi har vurdert førespurnaden du sende %s.",
		planAndCoordinator: "Du har rett til individuell plan og koordinator (%s; %s). Planen vert laga berre om du samtykkjer.",
		coordinatorOnly:    "Du får tilbod om koordinator (%s). Du kan når som helst be om individuell plan seinare.",
		noNeed:             "Vi finn ikkje at du har behov for langvarige og koordinerte tenester no.",
		referred:           "Førespurnaden er send vidare til %s, som er rett instans.",
		coordinator:        "Koordinatoren din er %s.",
		reasons:            "Grunngiving: %s",
		appeal:             "Er du usamd, kan du klage til Statsforvaltaren (pbrl § 7-2). Send klaga til kommunen.",
		date:               func(t time.Time) string { return t.Format("02.01.2006") },
	},
	i18n.English: {
		subject:            "Answer to your inquiry to the coordinating unit, ref. %s",
		assessed:           "We have assessed the inquiry you sent on %s.",
		planAndCoordinator: "You have a right to an individual plan and a coordinator (%s; %s). The plan is made only with your consent.",
		coordinatorOnly:    "You are offered a coordinator (%s). You may ask for an individual plan at any time later.",
		noNeed:             "We do not find that you need long-term, coordinated services now.",
		referred:           "The inquiry has been sent on to %s, which is the right body.",
		coordinator:        "Your coordinator is %s.",
		reasons:            "Reasons (as the unit wrote them): %s",
		appeal:             "If you disagree, you may appeal to the county governor (Statsforvalteren, pbrl § 7-2). Send the appeal to the municipality.",
		date:               func(t time.Time) string { return fmt.Sprintf("%d %s %d", t.Day(), monthsEN[t.Month()-1], t.Year()) },
	},
}

// AssessmentLetter is the letter telling the citizen the outcome of the assessment and why, in
// lang (bokmål for a language it does not know). coordinatorName may be empty when no
// coordinator is appointed yet. The legal basis is looked up in the law table on the
// assessment date.
func AssessmentLetter(q Inquiry, a Assessment, coordinatorName string, law *lawdata.Table, lang i18n.Lang) (Letter, error) {
	basis, err := law.At(lawdata.IPRight, a.AssessedAt)
	if err != nil {
		return Letter{}, err
	}
	coord, err := law.At(lawdata.CoordinatorRight, a.AssessedAt)
	if err != nil {
		return Letter{}, err
	}
	w, ok := letterTexts[lang]
	if !ok {
		lang, w = i18n.Bokmal, letterTexts[i18n.Bokmal]
	}
	body := []string{fmt.Sprintf(w.assessed, w.date(q.Received))}
	switch a.Outcome {
	case OutcomePlanAndCoordinator:
		body = append(body, fmt.Sprintf(w.planAndCoordinator, basis.Value.Text, coord.Value.Text))
	case OutcomeCoordinatorOnly:
		body = append(body, fmt.Sprintf(w.coordinatorOnly, coord.Value.Text))
	case OutcomeNoNeed:
		body = append(body, w.noNeed)
	case OutcomeReferred:
		body = append(body, fmt.Sprintf(w.referred, a.ReferredTo))
	}
	if coordinatorName != "" {
		body = append(body, fmt.Sprintf(w.coordinator, coordinatorName))
	}
	if r := strings.TrimSpace(a.Reasons); r != "" {
		body = append(body, fmt.Sprintf(w.reasons, r))
	}
	body = append(body, w.appeal)
	return Letter{Lang: lang, Subject: fmt.Sprintf(w.subject, q.Reference), Body: strings.Join(body, "\n\n")}, nil
}
