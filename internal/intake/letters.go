package intake

import (
	"fmt"
	"strings"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// Letter is a letter to the citizen, in bokmål with English beside it.
type Letter struct {
	Subject kernel.Text
	Body    kernel.Text
}

// AssessmentLetter is the letter telling the citizen the outcome of the assessment and why.
// coordinatorName may be empty when no coordinator is appointed yet. The legal basis is looked
// up in the law table on the assessment date.
func AssessmentLetter(q Inquiry, a Assessment, coordinatorName string, law *lawdata.Table) (Letter, error) {
	basis, err := law.At(lawdata.IPRight, a.AssessedAt)
	if err != nil {
		return Letter{}, err
	}
	coord, err := law.At(lawdata.CoordinatorRight, a.AssessedAt)
	if err != nil {
		return Letter{}, err
	}
	l := Letter{Subject: kernel.Text{
		NB: "Svar på henvendelse til koordinerende enhet, ref. " + q.Reference,
		EN: "Answer to your inquiry to the coordinating unit, ref. " + q.Reference,
	}}
	var nb, en []string
	add := func(n, e string) { nb, en = append(nb, n), append(en, e) }
	add(fmt.Sprintf("Vi har vurdert henvendelsen du sendte %s.", q.Received.Format("02.01.2006")),
		fmt.Sprintf("We have assessed the inquiry you sent on %s.", q.Received.Format("2 January 2006")))
	switch a.Outcome {
	case OutcomePlanAndCoordinator:
		add("Du har rett til individuell plan og koordinator ("+basis.Value.Text+"; "+coord.Value.Text+"). Planen lages bare hvis du samtykker.",
			"You have a right to an individual plan and a coordinator ("+basis.Value.Text+"; "+coord.Value.Text+"). The plan is made only with your consent.")
	case OutcomeCoordinatorOnly:
		add("Du får tilbud om koordinator ("+coord.Value.Text+"). Du kan når som helst be om individuell plan senere.",
			"You are offered a coordinator ("+coord.Value.Text+"). You may ask for an individual plan at any time later.")
	case OutcomeNoNeed:
		add("Vi finner ikke at du har behov for langvarige og koordinerte tjenester nå.",
			"We do not find that you need long-term, coordinated services now.")
	case OutcomeReferred:
		add("Henvendelsen er sendt videre til "+a.ReferredTo+", som er rett instans.",
			"The inquiry has been sent on to "+a.ReferredTo+", which is the right body.")
	}
	if coordinatorName != "" {
		add("Koordinatoren din er "+coordinatorName+".", "Your coordinator is "+coordinatorName+".")
	}
	if r := strings.TrimSpace(a.Reasons); r != "" {
		add("Begrunnelse: "+r, "Reasons (as written in Norwegian): "+r)
	}
	add("Er du uenig, kan du klage til Statsforvalteren (pbrl § 7-2). Send klagen til kommunen.",
		"If you disagree, you may complain to the county governor (pbrl § 7-2). Send the complaint to the municipality.")
	l.Body = kernel.Text{NB: strings.Join(nb, "\n\n"), EN: strings.Join(en, "\n\n")}
	return l, nil
}
