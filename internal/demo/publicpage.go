package demo

import (
	"veiviser/internal/fhir"
	"veiviser/internal/unitpage"
)

// fjellvikPage is the demo's public page of the coordinating unit: made-up contact details and
// the unit's own words, as a municipality's unit lead would write them.
var fjellvikPage = unitpage.Page{
	Intro: "Koordinerende enhet er kommunens kontaktpunkt når du trenger flere helse- og omsorgstjenester " +
		"over tid, og de må henge sammen. Vi tar imot henvendelser fra deg, fra pårørende og fra fastlegen " +
		"eller andre tjenester, vurderer behovet, gir deg en koordinator og hjelper deg med en individuell plan " +
		"hvis du ønsker det. Det er gratis.",
	Phone:        "400 10 000",
	Email:        "koordinerende.enhet@fjellvik.example",
	Address:      "Rådhusgata 1, 9999 Fjellvik",
	OpeningHours: "Mandag–fredag 08.00–15.30",
	QA: []unitpage.QA{
		{Question: "Må jeg ha en individuell plan for å få en koordinator?",
			Answer: "Nei. Du kan ha rett til en koordinator selv om du ikke ønsker en individuell plan."},
		{Question: "Hvem kan ta kontakt med koordinerende enhet?",
			Answer: "Du selv, foreldre eller foresatte, pårørende med ditt samtykke, og fastlegen eller andre " +
				"tjenester som ser at du kan ha behov for hjelp."},
		{Question: "Hvem får se planen min?",
			Answer: "Bare de du har samtykket til. Du kan endre eller trekke samtykket når du vil, og du ser selv " +
				"hvem som har åpnet opplysningene dine."},
		{Question: "Hva koster det?", Answer: "Det er gratis å få koordinator og individuell plan."},
	},
}

// withPublicPage is the unit's Organization with the demo's public page on it.
func withPublicPage(org *fhir.Resource) *fhir.Resource { return unitpage.ToFHIR(org, fjellvikPage) }
