package demo

import (
	"context"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/plan"
)

// stage is how far a case gets in the flow.
type stage int

const (
	stInquiry stage = iota
	stAssessed
	stCoordinator
	stConsent
	stActive
	stWithdrawn
)

// caseSpec is one citizen's case: who sends the inquiry, how far it goes, and when it began.
type caseSpec struct {
	patient     string
	sender      *access.Principal
	daysAgo     int
	need        string
	services    []string
	proposal    string
	stage       stage
	declined    bool // the citizen declines a plan: a coordinator only
	noNeed      bool
	coordinator string // staff id
	kind        coordinators.CoordinatorKind
	goals       []string
	measures    []plan.Measure
	providers   []string // staff ids taking part in the plan (each with their unit)
	relative    string   // a RelatedPerson granted to see the plan and comment
	guardian    string   // consent given by this RelatedPerson on the child's behalf
	evalDays    int      // the evaluation date, days from the start of the plan
	lateTask    bool     // the meeting's follow-up is overdue
}

func citizenOf(id string) *access.Principal {
	return &access.Principal{Roles: []access.Role{access.Citizen}, PatientID: id}
}

func guardianOf(patientID string, rps ...string) *access.Principal {
	return &access.Principal{Roles: []access.Role{access.Citizen}, PatientID: patientID, RelatedPersonIDs: rps}
}

var (
	physio = plan.Measure{Title: "Fysioterapi i hjemmet", Provider: "Organization/" + UnitPhysio, ResponsiblePerson: "Practitioner/s-fysio",
		Scope: "2 timer per uke", Description: "Trening på balanse og gange, hjemme og ute"}
	homeCare = plan.Measure{Title: "Hjemmesykepleie", Provider: "Organization/" + UnitHome, ResponsiblePerson: "Practitioner/s-hjemme",
		Scope: "Daglig morgenbesøk", Description: "Medisiner og morgenstell"}
	nav = plan.Measure{Title: "Arbeidsavklaring", Provider: "Organization/" + UnitNAV, ResponsiblePerson: "Practitioner/s-nav",
		Scope: "Samtale hver fjerde uke", Description: "Plan for gradvis tilbake i arbeid"}
	school = plan.Measure{Title: "Tilrettelegging i skolen", Provider: "Organization/" + UnitSchool, ResponsiblePerson: "Practitioner/s-ppt",
		Scope: "Assistent 10 timer per uke", Description: "Tilrettelagt undervisning etter sakkyndig vurdering"}
)

// cases are the demo's twenty citizens at every stage.
func (l *loader) cases(ctx context.Context, today time.Time) error {
	long := []string{"fysioterapi", "hjemmesykepleie"}
	specs := []caseSpec{
		{patient: "p-astrid", sender: citizenOf("p-astrid"), daysAgo: 120, need: "Etter hjerneslaget trenger jeg hjelp til å komme meg tilbake i hverdagen.",
			services: long, proposal: "Jostein Myrvold", stage: stActive, coordinator: "s-koord",
			goals: []string{"Jeg vil gå tur til butikken alene", "Jeg vil lage middag selv igjen"}, measures: []plan.Measure{physio, homeCare, nav},
			providers: []string{"s-fysio", "s-hjemme", "s-nav"}, relative: "rp-astrid-bjorn", evalDays: 180},
		{patient: "p-olav", sender: citizenOf("p-olav"), daysAgo: 220, need: "Jeg klarer meg dårlig alene etter at kona døde.", services: long,
			stage: stActive, coordinator: "s-koord", goals: []string{"Bo hjemme så lenge som mulig"}, measures: []plan.Measure{homeCare, physio},
			providers: []string{"s-fysio", "s-hjemme"}, evalDays: 90},
		{patient: "p-gunn", sender: citizenOf("p-gunn"), daysAgo: 160, need: "Trenger hjelp med rusbehandling og bolig.", services: []string{"rustjeneste", "bolig", "hjemmesykepleie"},
			stage: stActive, coordinator: "s-koord", goals: []string{"Ha en trygg bolig"}, measures: []plan.Measure{homeCare}, providers: []string{"s-hjemme"},
			evalDays: 200, lateTask: true},
		{patient: "p-henrik", sender: citizenOf("p-henrik"), daysAgo: 90, need: "Ryggskade etter ulykke; vil tilbake i jobb.", services: []string{"fysioterapi", "NAV"},
			stage: stActive, coordinator: "s-koord", goals: []string{"Tilbake i jobb halv tid"}, measures: []plan.Measure{physio, nav}, providers: []string{"s-fysio", "s-nav"}, evalDays: 120},
		{patient: "p-sigrid", sender: citizenOf("p-sigrid"), daysAgo: 100, need: "Parkinson; trenger flere tjenester.", services: long,
			stage: stWithdrawn, coordinator: "s-koord", goals: []string{"Holde meg i form"}, measures: []plan.Measure{physio}, providers: []string{"s-fysio"}, evalDays: 180},
		{patient: "p-trond", sender: citizenOf("p-trond"), daysAgo: 60, need: "Trenger noen som holder i trådene, men vil ikke ha plan.", services: long,
			stage: stCoordinator, declined: true, coordinator: "s-koord"},
		{patient: "p-emma", sender: guardianOf("p-marte", "rp-emma-marte", "rp-noah-marte"), daysAgo: 80, need: "Emma har cerebral parese og trenger hjelp hjemme og på skolen.",
			services: []string{"fysioterapi", "PPT", "avlastning"}, stage: stActive, coordinator: "s-barnekoord", kind: coordinators.KindChild,
			goals: []string{"Emma skal kunne være med i friminuttene"}, measures: []plan.Measure{school, physio}, providers: []string{"s-ppt", "s-fysio"},
			guardian: "rp-emma-marte", evalDays: 150},
		{patient: "p-noah", sender: guardianOf("p-marte", "rp-emma-marte", "rp-noah-marte"), daysAgo: 4, need: "Noah, lillebroren til Emma, har fått diagnosen autisme.",
			services: []string{"PPT", "barnehage"}, stage: stInquiry},
		{patient: "p-ivar", sender: citizenOf("p-ivar"), daysAgo: 70, need: "Kreft i tarmen; behandling og hjelp hjemme.", services: []string{"kreftbehandling", "hjemmesykepleie"},
			stage: stActive, coordinator: "s-kreftkoord", kind: coordinators.KindCancer, goals: []string{"Orke å gå tur med hunden"}, measures: []plan.Measure{homeCare, physio},
			providers: []string{"s-hjemme", "s-fysio"}, evalDays: 60},
		{patient: "p-berit", sender: citizenOf("p-berit"), daysAgo: 3, need: "MS; trenger hjelp fra flere tjenester.", services: long, proposal: "Jostein Myrvold", stage: stInquiry},
		{patient: "p-jon", sender: citizenOf("p-jon"), daysAgo: 40, need: "Demens; familien sliter.", services: long, stage: stInquiry},
		{patient: "p-ragnar", sender: staffOf("s-hjemme", UnitHome), daysAgo: 5, need: "Melding om mulig behov: hyppige fall og økende hjelpebehov.", services: long, stage: stInquiry},
		{patient: "p-solveig", sender: &access.Principal{Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"rp-solveig-anne"}}, daysAgo: 6,
			need: "Søsteren min trenger hjelp etter psykisk sykdom.", services: []string{"psykisk helse", "NAV"}, stage: stInquiry},
		{patient: "p-petter", sender: citizenOf("p-petter"), daysAgo: 12, need: "KOLS; trenger oppfølging fra flere.", services: long, stage: stAssessed},
		{patient: "p-hilde", sender: citizenOf("p-hilde"), daysAgo: 25, need: "Vondt i kneet.", services: []string{"fysioterapi"}, stage: stAssessed, noNeed: true},
		{patient: "p-arne", sender: citizenOf("p-arne"), daysAgo: 20, need: "Hjertesvikt; mange avtaler å holde styr på.", services: long, stage: stCoordinator, coordinator: "s-koord"},
		{patient: "p-tone", sender: citizenOf("p-tone"), daysAgo: 30, need: "Revmatisme; trenger hjelp i hverdagen.", services: long, stage: stConsent, coordinator: "s-koord", providers: []string{"s-fysio"}},
		{patient: "p-frida", sender: guardianOf("", "rp-frida-geir"), daysAgo: 100, need: "Frida har diabetes og angst og strever på skolen.", services: []string{"PPT", "helsestasjon", "psykisk helse"},
			stage: stActive, coordinator: "s-koord", kind: coordinators.KindPathway, goals: []string{"Gå på skolen hver dag"}, measures: []plan.Measure{school}, providers: []string{"s-ppt"}, evalDays: 60},
		{patient: "p-eldar", sender: citizenOf("p-eldar"), daysAgo: 15, need: "Trenger hjelp etter hofteoperasjon.", services: long, stage: stCoordinator, coordinator: "s-koord"},
	}
	for _, c := range specs {
		if err := l.run(ctx, c, today); err != nil {
			return err
		}
	}
	return nil
}

func staffOf(id, unit string) *access.Principal {
	return &access.Principal{Roles: []access.Role{access.ServiceProvider}, PractitionerID: id, Units: []string{unit}}
}

func (l *loader) as(ctx context.Context, p *access.Principal) context.Context {
	return access.WithPrincipal(ctx, p)
}

func day(today time.Time, daysAgo int) time.Time { return today.AddDate(0, 0, -daysAgo) }

// run takes one case as far as its stage.
func (l *loader) run(ctx context.Context, c caseSpec, today time.Time) error {
	lead := Users()[5].principal()
	l.at = day(today, c.daysAgo)
	rc, err := l.co.SubmitInquiry(l.as(ctx, c.sender), intake.InquiryInput{Subject: c.patient, Need: c.need,
		CurrentServices: c.services, ProposedCoordinator: c.proposal, CitizenConsent: time.Time{}})
	if err != nil || c.stage == stInquiry {
		return err
	}
	l.at = l.at.AddDate(0, 0, 3)
	in := intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: intake.NeedFacts{LongTerm: !c.noNeed, Services: c.services},
		PlanDeclined: c.declined, CoordinatorKind: c.kind}
	if c.noNeed {
		in.Reasons = "Behovet gjelder én tjeneste og er ikke langvarig; fastlegen følger opp."
	}
	if _, err := l.co.Assess(l.as(ctx, lead), in); err != nil || c.stage == stAssessed {
		return err
	}
	l.at = l.at.AddDate(0, 0, 2)
	reasons := ""
	if c.proposal != "" && c.coordinator != "s-koord" {
		reasons = "Den foreslåtte har ikke kapasitet nå."
	}
	if _, err := l.co.AppointCoordinator(l.as(ctx, lead), coordinators.AppointInput{Patient: c.patient, Coordinator: "Practitioner/" + c.coordinator,
		Kind: c.kind, Reasons: reasons}); err != nil || c.stage == stCoordinator {
		return err
	}
	return l.plan(ctx, c)
}
