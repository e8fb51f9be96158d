package care

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
)

// utc reads "2006-01-02 15:04" or "2006-01-02" in UTC: FHIR dates (a goal's due date) have no
// zone, so test data for round trips is in UTC.
func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		t, err = time.Parse(time.DateOnly, s)
	}
	if err != nil {
		panic(err)
	}
	return t
}

// checkFHIR validates r, checks each local reference targets a type the element allows, and
// returns r as it comes back from its own JSON (what the store would hand out).
func checkFHIR(t *testing.T, r *fhir.Resource) *fhir.Resource {
	t.Helper()
	if err := fhir.Validate(r); err != nil {
		t.Fatalf("%s does not validate: %v\n%s", r.Type(), err, r.Bytes())
	}
	for _, ref := range fhir.References(r) {
		if ref.Type == "" {
			t.Errorf("%s: %s is not a local Type/id reference", ref.Path, ref.Reference)
		}
		if len(ref.Allowed) > 0 && !slices.Contains(ref.Allowed, ref.Type) {
			t.Errorf("%s may not point at a %s (%s)", ref.Path, ref.Type, ref.Reference)
		}
	}
	back, err := fhir.Parse(r.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func same(t *testing.T, what string, want, got any) {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if string(w) == string(g) {
		return
	}
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			t.Errorf("%s changed on the round trip at line %d:\nwant %s\n got %s", what, i+1, wl[i], gl[i])
			return
		}
	}
	t.Errorf("%s changed on the round trip: %d lines, want %d", what, len(gl), len(wl))
}

func TestInquiryAndAssessmentToFHIRAndBack(t *testing.T) {
	inquiries := []Inquiry{
		{ID: "h1", Reference: "KE-2026-00042", Source: FromRelative, Status: InquiryReceived, Subject: patient, Sender: relative,
			Received: utc("2026-03-02 09:15"), Need: "Mor klarer seg ikke alene etter  hjerneslaget — «hjelp!»",
			CurrentServices: []string{"hjemmesykepleie", "trygghetsalarm"}, ProposedCoordinator: "Kari Testkoordinator",
			CitizenConsent: utc("2026-03-03 10:00")},
		{ID: "h2", Reference: "KE-2026-00043", Source: FromProvider, Status: InquiryAssessed, Subject: patient,
			Sender: "Practitioner/fastlege-test", Received: utc("2026-03-04 12:00"), Need: "Mulig behov for rehabilitering."},
	}
	for _, q := range inquiries {
		r := checkFHIR(t, InquiryToFHIR(q))
		if got := pathStr(r.Object(), "reasonCode", "text"); got != q.Need {
			t.Errorf("the need is not verbatim: %q", got)
		}
		back, err := InquiryFromFHIR(r)
		if err != nil {
			t.Fatal(err)
		}
		same(t, "inquiry "+q.ID, q, back)
	}
	a := Assessment{InquiryID: "h1", Patient: patient, AssessedBy: "Practitioner/fagleder-test", AssessedAt: utc("2026-03-10 14:00"),
		Facts: NeedFacts{LongTerm: true, Services: []string{"hjemmesykepleie", "fysioterapi"}}, PlanDeclined: true,
		Outcome: OutcomeCoordinatorOnly, Reasons: "Ønsker ikke plan nå.", CoordinatorKind: KindOrdinary}
	back, err := AssessmentFromFHIR(checkFHIR(t, AssessmentToFHIR("vurdering-h1", a)))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "assessment", a, back)
}

func fullPlan() IndividualPlan {
	p := draftPlan()
	p.Status = PlanActive
	p.Title = "Ingrids plan"
	p.CoordinatorKind = KindOrdinary
	p.Goals = append(p.Goals, Goal{ID: "g2", Text: "Gå  til postkassen hver dag", Parent: "g1", Status: GoalActive, Due: utc("2026-06-01")})
	p.Resources = []Entry{{Text: "Sterk vilje, god nabo"}}
	p.Needs = []Entry{{Text: "Hjelp med medisiner"}, {Text: "Trening"}}
	p.Participants = []Participant{
		{Ref: patient, Name: "Ingrid Test", Role: RoleCitizen},
		{Ref: relative, Name: "Bror Test", Role: RoleRelative, Period: Period{Start: utc("2026-03-02 00:00")}},
		{Ref: "Practitioner/fysio-test", Name: "Fysio Test", Role: RoleProvider, Organization: physio},
	}
	p.OwnContribution = "Jeg gjør øvelsene hver morgen."
	p.Contributions = []Contribution{{Participant: relative, Text: "Handler på lørdager"}}
	p.Measures[0].Goals = []string{"g1", "g2"}
	p.Measures[0].ProviderName = "Fysioterapitjenesten"
	p.Measures[0].ResponsiblePerson, p.Measures[0].ResponsibleName = "Practitioner/fysio-test", "Fysio Test"
	p.Measures[0].Period = Period{Start: utc("2026-03-09 00:00"), End: utc("2026-06-30 00:00")}
	p.Measures[0].Description = "Hjemmebesøk tirsdag og torsdag"
	p.Measures[0].Progress = []ProgressNote{{At: utc("2026-03-20 11:00"), Author: "Practitioner/fysio-test", Text: "Går 200 meter."}}
	p.Measures[1].DecisionRef = "DocumentReference/vedtak-test"
	p.Coordination = "Koordinator kaller inn til ansvarsgruppemøte hver tredje måned."
	p.Period = Period{Start: utc("2026-03-02 10:00"), End: utc("2027-03-02 00:00")}
	p.EvaluationDates = []time.Time{utc("2026-06-15 00:00"), utc("2026-12-15 00:00")}
	p.ConsentID = "samtykke-1"
	p.Cooperation = []Cooperation{{Party: "NAV Test", Purpose: "arbeidsavklaring"}}
	p.Evaluations = []Evaluation{{Goal: "g1", At: utc("2026-06-15 10:00"), By: coordinator, Status: Improving, Note: "Bedre"}}
	p.Comments = []Comment{{At: utc("2026-03-21 18:00"), Author: patient, Text: "Takk for møtet!"}}
	p.GoalProposals = []GoalProposal{{ID: "f1", At: utc("2026-03-22 00:00"), Author: patient, Text: "Jeg vil svømme"}}
	return p
}

func TestPlanToFHIRAndBack(t *testing.T) {
	p := fullPlan()
	res := PlanToFHIR(p)
	in := PlanResources{CarePlan: checkFHIR(t, res.CarePlan), CareTeam: checkFHIR(t, res.CareTeam)}
	for _, g := range res.Goals {
		in.Goals = append(in.Goals, checkFHIR(t, g))
	}
	if got := pathStr(in.Goals[1].Object(), "description", "text"); got != "Gå  til postkassen hver dag" {
		t.Errorf("the citizen's words changed: %q", got)
	}
	back, err := PlanFromFHIR(in)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "plan", p, back)
	if len(MissingElements(p)) != 0 {
		t.Errorf("the full plan misses elements %v", MissingElements(p))
	}
}

func TestConsentToFHIRAndBack(t *testing.T) {
	c := givenConsent(t)
	c, err := AddGrant(c, Grant{Participant: physio, Role: RoleProvider, See: []PlanPart{PartMeasures}}, coordinator, utc("2026-03-05 08:00"))
	if err != nil {
		t.Fatal(err)
	}
	c = RevokeGrant(c, relative, patient, utc("2026-04-01 08:00"))
	for _, tt := range []struct {
		name string
		c    Consent
	}{{"active", c}, {"withdrawn", Withdraw(c, patient, utc("2026-05-01 08:00"))}} {
		t.Run(tt.name, func(t *testing.T) {
			r := checkFHIR(t, ConsentToFHIR(tt.c))
			var actors []string
			for _, e := range fhir.Index(r) {
				if e.Param == "actor" {
					actors = append(actors, e.RefType+"/"+e.RefID)
				}
			}
			if !slices.Equal(actors, []string{homeNursing, physio}) { // the brother's grant is revoked
				t.Errorf("the actor search parameter finds %v", actors)
			}
			back, err := ConsentFromFHIR(r)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.c
			want.History = nil // the history is the resource's version history
			same(t, "consent", normalizeTimes(want), normalizeTimes(back))
			// the rule gives the same answer on the mapped consent
			for _, when := range []string{"2026-03-10 12:00", "2026-04-02 12:00", "2026-05-02 12:00"} {
				a := SharingAt([]Consent{tt.c}, patient, at(when))
				b := SharingAt([]Consent{back}, patient, at(when))
				same(t, "sharing at "+when, a.Access, b.Access)
			}
		})
	}
}

// normalizeTimes puts a consent's times in UTC so a round trip through JSON compares equal.
func normalizeTimes(c Consent) Consent {
	u := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.UTC()
	}
	c.GivenAt, c.WithdrawnAt = u(c.GivenAt), u(c.WithdrawnAt)
	c.Grants = slices.Clone(c.Grants)
	for i := range c.Grants {
		g := &c.Grants[i]
		g.From, g.Until, g.RevokedAt = u(g.From), u(g.Until), u(g.RevokedAt)
	}
	return c
}

func TestMeetingToFHIRAndBack(t *testing.T) {
	planned := Meeting{ID: "mote-1", Plan: "CarePlan/plan-1", Patient: patient, Start: utc("2026-04-07 10:00"), End: utc("2026-04-07 11:00"),
		Location: "Rådhuset, møterom 2", Status: MeetingPlanned, Participants: []string{coordinator, relative, homeNursing}}
	r, tasks := MeetingToFHIR(planned)
	if r.Type() != "Appointment" || len(tasks) != 0 {
		t.Fatalf("a planned meeting is a %s", r.Type())
	}
	back, err := MeetingFromFHIR(checkFHIR(t, r), nil)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "planned meeting", planned, back)

	held, err := HoldMeeting(planned, "Referat: gjennomgikk mål.", []FollowUp{
		{ID: "oppf-1", Description: "Bestille rullator", Owner: homeNursing, OwnerName: "Hjemmesykepleien"},
		{ID: "oppf-2", Description: "Ny innkalling", Owner: coordinator, Due: utc("2026-05-01 00:00")}}, law(t))
	if err != nil {
		t.Fatal(err)
	}
	held.Actions[1].Status, held.Actions[1].Done = FollowUpDone, utc("2026-04-20 09:00")
	r, tasks = MeetingToFHIR(held)
	if r.Type() != "Encounter" || len(tasks) != 2 {
		t.Fatalf("a held meeting is a %s with %d tasks", r.Type(), len(tasks))
	}
	var checked []*fhir.Resource
	for _, task := range tasks {
		checked = append(checked, checkFHIR(t, task))
	}
	back, err = MeetingFromFHIR(checkFHIR(t, r), checked)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "held meeting", held, back)
}

func TestCoordinatorAppointmentAndMessageToFHIRAndBack(t *testing.T) {
	a := CoordinatorAppointment{ID: "oppnevning-1", Patient: patient, Coordinator: otherCoord, Kind: KindChild,
		AppointedBy: "Practitioner/fagleder-test", AppointedAt: utc("2026-03-11 09:00"), Proposal: "Kari Testkoordinator", Reasons: "Kari har fullt."}
	back, err := AppointmentFromFHIR(checkFHIR(t, AppointmentToFHIR(a)))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "appointment", a, back)

	c := register()[0]
	c.RoleID, c.UnitName, c.Phone, c.Email = "PractitionerRole/koordinator-test-rolle", "Koordinerende enhet", "+4700000000", "kari@example.invalid"
	c.Courses[0].Completed = utc("2025-10-01 00:00")
	c.Courses[0].Provider = "Koordinerende enhet"
	prac, role := CoordinatorToFHIR(c)
	cb, err := CoordinatorFromFHIR(checkFHIR(t, prac), checkFHIR(t, role))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "coordinator", c, cb)

	m := Message{ID: "melding-1", Patient: patient, Plan: "CarePlan/plan-1", From: patient, To: []string{coordinator},
		Sent: utc("2026-03-12 20:00"), Text: "Kan vi flytte møtet?", InResponseTo: "Communication/melding-0"}
	wantCode(t, ValidateMessage(m), "")
	mb, err := MessageFromFHIR(checkFHIR(t, MessageToFHIR(m)))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "message", m, mb)
}

func TestFromFHIRRefusesTheWrongType(t *testing.T) {
	r := MessageToFHIR(Message{ID: "x", Patient: patient})
	if _, err := ConsentFromFHIR(r); err == nil {
		t.Error("a Communication read as a Consent")
	}
	if _, err := PlanFromFHIR(PlanResources{CarePlan: r}); err == nil {
		t.Error("a Communication read as a CarePlan")
	}
	if _, err := MeetingFromFHIR(r, nil); err == nil {
		t.Error("a Communication read as a meeting")
	}
}
