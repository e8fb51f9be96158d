package allocation

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
	"veiviser/internal/letterpdf"
)

// Letter is a letter as sections, so the same words become the letter's text (among the
// citizen's letters) and its tagged PDF (headings as headings).
type Letter struct {
	Subject  string
	Sections []Section
}

// Section is a heading ("" for none) and its paragraphs.
type Section struct {
	Heading    string
	Paragraphs []string
}

// Text is the letter as plain text: the subject, then each heading and paragraph, a blank line
// between them.
func (l Letter) Text() string {
	parts := []string{l.Subject}
	for _, s := range l.Sections {
		if s.Heading != "" {
			parts = append(parts, s.Heading)
		}
		parts = append(parts, s.Paragraphs...)
	}
	return strings.Join(parts, "\n\n")
}

// Document is the letter for letterpdf: the subject as the title, headings and paragraphs.
func (l Letter) Document(author, lang, stamp string, created time.Time) letterpdf.Document {
	d := letterpdf.Document{Title: l.Subject, Author: author, Lang: lang, Stamp: stamp, Created: created,
		Blocks: []letterpdf.Block{{Kind: letterpdf.Title, Text: l.Subject}}}
	for _, s := range l.Sections {
		if s.Heading != "" {
			d.Blocks = append(d.Blocks, letterpdf.Block{Kind: letterpdf.Heading, Text: s.Heading})
		}
		for _, p := range s.Paragraphs {
			d.Blocks = append(d.Blocks, letterpdf.Block{Kind: letterpdf.Paragraph, Text: p})
		}
	}
	return d
}

// LetterFacts is what a decision letter says beside the decision: the service as described on
// the day it was decided, in the letter's language, and the names it gives.
type LetterFacts struct {
	Service   Described
	Received  time.Time // the application's date of receipt
	Provider  string    // the providing unit's name
	Office    string    // the office's name, as letters are signed and appeals addressed
	Signer    string    // the officer who signed
	Drafter   string    // the officer who drafted, when another signed
	Documents string    // the rules on seeing the case documents (fvl §§ 18-19)
	Reasons   string    // the rules on reasons (fvl §§ 24-25)
	Notice    string    // the rule on the appeal notice (fvl § 27)
	Late      string    // the rule on a late appeal (fvl § 31)
}

type decisionWords struct {
	subject, intro, decisionHeading, granted, partly, refused, period, untilFurther, until, provider, review, basis,
	reasonsHeading, rules, facts, considerations, feeHeading, appealHeading, appealRight, appealDeadline, appealHow,
	appealBody, documents, late, closing, drafted string
	units map[ScopeUnit]string
	date  func(time.Time) string
	num   func(float64) string
	lang  i18n.Lang
}

var decisionWordsIn = map[i18n.Lang]decisionWords{
	i18n.Bokmal: {
		subject: "Vedtak om %s, saksnummer %s", intro: "Vi viser til søknaden din, som vi mottok %s.",
		decisionHeading: "Vedtak", granted: "Du får %s%s.", partly: "Du får delvis det du søkte om: %s%s.", refused: "Du får ikke %s.",
		period: "Tjenesten gis fra %s %s.", untilFurther: "og inntil videre", until: "til og med %s",
		provider: "Tjenesten gis av %s.", review: "Vi vurderer vedtaket på nytt innen %s, eller tidligere hvis behovet ditt endrer seg.",
		basis:          "Vedtaket er gjort etter %s.",
		reasonsHeading: "Begrunnelse (%s)", rules: "Reglene vedtaket bygger på: %s. %s", facts: "Dette har vi lagt til grunn: %s",
		considerations: "Dette har vært avgjørende i vurderingen: %s", feeHeading: "Hva det koster",
		appealHeading: "Du kan klage (%s)", appealRight: "Du har rett til å klage på vedtaket, etter %s.",
		appealDeadline: "Klagefristen er %s fra du fikk dette brevet. Klagen må være sendt innen %s.",
		appealHow:      "Send klagen til %s: i Veiviser under Søknader og vedtak (knappen «Klag på vedtaket»), eller i brev. Skriv hva du klager på, hvorfor du er uenig, og hvilken endring du ønsker, og skriv under. Du kan få hjelp til å skrive klagen.",
		appealBody:     "Vi vurderer saken på nytt. Endrer vi ikke vedtaket, sender vi klagen til %s, som avgjør den.",
		documents:      "Du har rett til å se dokumentene i saken (%s). Du kan også be om en nærmere begrunnelse for vedtaket.",
		late:           "Kommer klagen etter fristen, kan den likevel bli behandlet (%s). Skriv da hvorfor den kom sent.",
		closing:        "Med vennlig hilsen\n%s\n%s", drafted: "Vedtaket er skrevet av %s og godkjent av %s.",
		units: map[ScopeUnit]string{HoursPerWeek: "timer per uke", HoursPerMonth: "timer per måned", VisitsPerWeek: "besøk per uke",
			DaysPerWeek: "dager per uke", Days: "døgn", Stays: "opphold"},
		date: func(t time.Time) string { return t.Format("02.01.2006") },
		num:  func(f float64) string { return strings.ReplaceAll(strconv.FormatFloat(f, 'f', -1, 64), ".", ",") },
		lang: i18n.Bokmal,
	},
	i18n.Nynorsk: {
		subject: "Vedtak om %s, saksnummer %s", intro: "Vi viser til søknaden din, som vi tok imot %s.",
		decisionHeading: "Vedtak", granted: "Du får %s%s.", partly: "Du får delvis det du søkte om: %s%s.", refused: "Du får ikkje %s.",
		period: "Tenesta blir gitt frå %s %s.", untilFurther: "og inntil vidare", until: "til og med %s",
		provider: "Tenesta blir gitt av %s.", review: "Vi vurderer vedtaket på nytt innan %s, eller tidlegare om behovet ditt endrar seg.",
		basis:          "Vedtaket er gjort etter %s.",
		reasonsHeading: "Grunngiving (%s)", rules: "Reglane vedtaket byggjer på: %s. %s", facts: "Dette har vi lagt til grunn: %s",
		considerations: "Dette har vore avgjerande i vurderinga: %s", feeHeading: "Kva det kostar",
		appealHeading: "Du kan klage (%s)", appealRight: "Du har rett til å klage på vedtaket, etter %s.",
		appealDeadline: "Klagefristen er %s frå du fekk dette brevet. Klaga må vere send innan %s.",
		appealHow:      "Send klaga til %s: i Veiviser under Søknader og vedtak (knappen «Klag på vedtaket»), eller i brev. Skriv kva du klagar på, kvifor du er usamd, og kva endring du ønskjer, og skriv under. Du kan få hjelp til å skrive klaga.",
		appealBody:     "Vi vurderer saka på nytt. Endrar vi ikkje vedtaket, sender vi klaga til %s, som avgjer ho.",
		documents:      "Du har rett til å sjå dokumenta i saka (%s). Du kan også be om ei nærare grunngiving for vedtaket.",
		late:           "Kjem klaga etter fristen, kan ho likevel bli behandla (%s). Skriv då kvifor ho kom seint.",
		closing:        "Med venleg helsing\n%s\n%s", drafted: "Vedtaket er skrive av %s og godkjent av %s.",
		units: map[ScopeUnit]string{HoursPerWeek: "timar per veke", HoursPerMonth: "timar per månad", VisitsPerWeek: "besøk per veke",
			DaysPerWeek: "dagar per veke", Days: "døgn", Stays: "opphald"},
		date: func(t time.Time) string { return t.Format("02.01.2006") },
		num:  func(f float64) string { return strings.ReplaceAll(strconv.FormatFloat(f, 'f', -1, 64), ".", ",") },
		lang: i18n.Nynorsk,
	},
	i18n.English: {
		subject: "Decision on %s, reference %s", intro: "This answers your application, which we received on %s.",
		decisionHeading: "Decision", granted: "Your application for %s is granted%s.", partly: "Your application for %s is partly granted%s.", refused: "Your application for %s is refused.",
		period: "The service is given from %s %s.", untilFurther: "until further notice", until: "up to and including %s",
		provider: "The service is given by %s.", review: "We review the decision by %s, or earlier if your needs change.",
		basis:          "The decision is made under %s.",
		reasonsHeading: "Reasons (%s)", rules: "The rules the decision rests on: %s. %s", facts: "The facts we relied on: %s",
		considerations: "What decided the judgement: %s", feeHeading: "What it costs",
		appealHeading: "You may appeal (%s)", appealRight: "You have the right to appeal against the decision, under %s.",
		appealDeadline: "The deadline is %s from when you received this letter. Send your appeal by %s.",
		appealHow:      "Send your appeal to %s: in Veiviser under Applications and decisions (the button \"Appeal the decision\"), or by letter. Write what you appeal against, why you disagree and what you want changed, and sign it. You can get help to write it.",
		appealBody:     "We look at the case again. If we do not change the decision, we send your appeal to %s, who decides it.",
		documents:      "You have the right to see the documents of the case (%s). You may also ask for fuller reasons for the decision.",
		late:           "An appeal that comes after the deadline may still be considered (%s). Then write why it came late.",
		closing:        "Yours sincerely\n%s\n%s", drafted: "The decision was drafted by %s and approved by %s.",
		units: map[ScopeUnit]string{HoursPerWeek: "hours per week", HoursPerMonth: "hours per month", VisitsPerWeek: "visits per week",
			DaysPerWeek: "days per week", Days: "days", Stays: "stays"},
		date: func(t time.Time) string { return t.Format("2 January 2006") },
		num:  func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) },
		lang: i18n.English,
	},
}

// DecisionLetter is the letter of decision d in lang (bokmål for one it does not know): the
// decision with its scope, period, provider and review date (or its place on the waiting list,
// and a carer allowance's pay computed in words); the reasons fvl § 25 asks for (the rules, a
// long-term stay's criteria met, the facts, the main considerations); a rota's stays by date;
// the fee; and the appeal notice of fvl § 27
// (the right, the deadline with its last day, where and how to send it, who decides it, the
// right to see the documents).
func DecisionLetter(d Decision, f LetterFacts, lang i18n.Lang) Letter {
	w, ok := decisionWordsIn[lang]
	if !ok {
		w = decisionWordsIn[i18n.Bokmal]
	}
	l := Letter{Subject: fmt.Sprintf(w.subject, lowerFirst(f.Service.Name), d.Reference)}
	l.Sections = append(l.Sections, Section{Paragraphs: []string{fmt.Sprintf(w.intro, w.date(f.Received))}},
		Section{Heading: w.decisionHeading, Paragraphs: decisionParagraphs(d, f, w)})
	if sec, ok := rotaSection(d, w); ok {
		l.Sections = append(l.Sections, sec)
	}
	l.Sections = append(l.Sections, Section{Heading: fmt.Sprintf(w.reasonsHeading, f.Reasons), Paragraphs: nonEmpty(
		strings.TrimSpace(fmt.Sprintf(w.rules, f.Service.LegalBasis, strings.TrimSpace(d.Reasons.Rules))),
		criteriaParagraph(d, w.lang),
		fmt.Sprintf(w.facts, strings.TrimSpace(d.Reasons.Facts)),
		fmt.Sprintf(w.considerations, strings.TrimSpace(d.Reasons.Considerations)),
	)})
	if d.Outcome != Refused && d.Fee != "" {
		l.Sections = append(l.Sections, Section{Heading: w.feeHeading, Paragraphs: strings.Split(d.Fee, "\n")})
	}
	l.Sections = append(l.Sections, Section{Heading: fmt.Sprintf(w.appealHeading, f.Notice), Paragraphs: []string{
		fmt.Sprintf(w.appealRight, f.Service.AppealRight),
		fmt.Sprintf(w.appealDeadline, durationWords(f.Service.AppealDeadline, lang), w.date(d.AppealBy)),
		fmt.Sprintf(w.appealHow, f.Office),
		fmt.Sprintf(w.appealBody, f.Service.AppealBody),
		fmt.Sprintf(w.documents, f.Documents),
		fmt.Sprintf(w.late, f.Late),
	}})
	closing := []string{fmt.Sprintf(w.closing, f.Signer, f.Office)}
	if f.Drafter != "" && f.Drafter != f.Signer {
		closing = append(closing, fmt.Sprintf(w.drafted, f.Drafter, f.Signer))
	}
	l.Sections = append(l.Sections, Section{Paragraphs: closing})
	return l
}

func decisionParagraphs(d Decision, f LetterFacts, w decisionWords) []string {
	name := lowerFirst(f.Service.Name)
	if d.Outcome == Refused {
		return []string{fmt.Sprintf(w.refused, name), fmt.Sprintf(w.basis, f.Service.LegalBasis)}
	}
	scope := ""
	if d.Unit != "" {
		scope = ", " + w.num(d.Scope) + " " + w.units[d.Unit]
	}
	form := w.granted
	if d.Outcome == PartlyGranted {
		form = w.partly
	}
	end := w.untilFurther
	if !d.End.IsZero() {
		end = fmt.Sprintf(w.until, w.date(d.End))
	}
	out := []string{fmt.Sprintf(form, name, scope)}
	pw := partWordsIn[w.lang]
	switch {
	case d.Waits():
		out = append(out, fmt.Sprintf(pw.waiting, w.date(d.Decided)))
	case d.Placement == OnlySafeOption:
		out = append(out, pw.onlyOption, fmt.Sprintf(w.period, w.date(d.Start), end), fmt.Sprintf(w.provider, f.Provider))
	default:
		out = append(out, fmt.Sprintf(w.period, w.date(d.Start), end), fmt.Sprintf(w.provider, f.Provider))
	}
	if pay := CarerPayWords(d, w.lang); pay != "" {
		out = append(out, pay)
	}
	return append(out, fmt.Sprintf(w.review, w.date(d.Review)), fmt.Sprintf(w.basis, f.Service.LegalBasis))
}

// partWords are the letter's words for what some services add: the waiting list, the
// criteria, a rota's stays.
type partWords struct {
	waiting, onlyOption, criteria, rotaHeading, rota, stay string
}

var partWordsIn = map[i18n.Lang]partWords{
	i18n.Bokmal: {
		waiting:     "Du kan bo trygt hjemme mens du venter, og står på ventelisten fra %s. Når en plass blir ledig, får du tilbud om den; du svarer i Veiviser under Søknader og vedtak, eller ved å ringe oss. Takker du nei, beholder du plassen din i køen.",
		onlyOption:  "Langtidsopphold er det eneste forsvarlige tilbudet for deg nå, og du får plass uten å stå på venteliste.",
		criteria:    "Kriteriene i kommunens forskrift om langtidsopphold som er oppfylt: %s",
		rotaHeading: "Datoene for oppholdene", rota: "Oppholdene går etter turnus (uker i institusjonen: %d, uker hjemme: %d), fra %s til og med %s. Du er i institusjonen disse dagene:",
		stay: "%d. %s–%s (%d døgn)"},
	i18n.Nynorsk: {
		waiting:     "Du kan bu trygt heime medan du ventar, og står på ventelista frå %s. Når ein plass blir ledig, får du tilbod om han; du svarar i Veiviser under Søknader og vedtak, eller ved å ringje oss. Takkar du nei, held du på plassen din i køen.",
		onlyOption:  "Langtidsopphald er det einaste forsvarlege tilbodet for deg no, og du får plass utan å stå på venteliste.",
		criteria:    "Kriteria i forskrifta til kommunen om langtidsopphald som er oppfylte: %s",
		rotaHeading: "Datoane for opphalda", rota: "Opphalda går etter turnus (veker i institusjonen: %d, veker heime: %d), frå %s til og med %s. Du er i institusjonen desse dagane:",
		stay: "%d. %s–%s (%d døger)"},
	i18n.English: {
		waiting:     "You can live safely at home while you wait, and you are on the waiting list from %s. When a place is free you will be offered it; you answer in Veiviser under Applications and decisions, or by phoning us. If you say no, you keep your place in the queue.",
		onlyOption:  "A long-term stay is the only safe option for you now, and you get a place without waiting on the list.",
		criteria:    "The criteria of the municipality's regulation on long-term stays that are met: %s",
		rotaHeading: "The dates of the stays", rota: "The stays follow a rota (weeks in the institution: %d, weeks at home: %d), from %s up to and including %s. You are in the institution on these days:",
		stay: "%d. %s–%s (%d days)"},
}

// criteriaParagraph names the criteria d found met, in lang; "" when it names none.
func criteriaParagraph(d Decision, lang i18n.Lang) string {
	if len(d.Criteria) == 0 {
		return ""
	}
	c, err := LongTermCriteria()
	if err != nil {
		return ""
	}
	var texts []string
	for _, code := range d.Criteria {
		if t, ok := c.Text(code); ok {
			texts = append(texts, strings.TrimSuffix(t.In(lang), "."))
		}
	}
	return fmt.Sprintf(partWordsIn[lang].criteria, strings.Join(texts, "; ")) + "."
}

// rotaSection lists a rota's stays, one paragraph each, so the family has the dates in writing.
func rotaSection(d Decision, w decisionWords) (Section, bool) {
	if d.Rota == nil || d.Outcome == Refused {
		return Section{}, false
	}
	pw := partWordsIn[w.lang]
	sec := Section{Heading: pw.rotaHeading, Paragraphs: []string{fmt.Sprintf(pw.rota, d.Rota.WeeksOn, d.Rota.WeeksOff, w.date(d.Start), w.date(d.End))}}
	for i, st := range d.Rota.Stays(d.Start, d.End) {
		sec.Paragraphs = append(sec.Paragraphs, fmt.Sprintf(pw.stay, i+1, w.date(st.From), w.date(st.To), st.Days()))
	}
	return sec, true
}

// nonEmpty are the paragraphs that say something.
func nonEmpty(ps ...string) []string {
	var out []string
	for _, p := range ps {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lowerFirst is a service's name inside a sentence: "Hjemmehjelp" as "hjemmehjelp". A name
// that starts with an abbreviation ("BPA") stays as it is.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// durationWords is a duration from the law table in words in lang: "4 uker", "3 weeks".
func durationWords(v lawdata.Value, lang i18n.Lang) string {
	words := map[lawdata.Unit][3]string{
		lawdata.Weeks: {"uker", "veker", "weeks"}, lawdata.Days: {"dager", "dagar", "days"},
		lawdata.Months: {"måneder", "månader", "months"}, lawdata.WorkingDays: {"virkedager", "yrkedagar", "working days"},
		lawdata.Years: {"år", "år", "years"},
	}
	i := map[i18n.Lang]int{i18n.Nynorsk: 1, i18n.English: 2}[lang]
	return fmt.Sprintf("%d %s", v.N, words[v.Unit][i])
}
