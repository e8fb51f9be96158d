package coordination

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/messages"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

var (
	aPDF = []byte("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	aPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
)

// office is the world with an allocation office, its case officer, and a guardian with a child.
type office struct {
	*world
	officer, officer2, guardian, other *access.Principal
}

func newOffice(t *testing.T, st store.Store) *office {
	t.Helper()
	return newOfficeWith(t, st, nil)
}

// newOfficeWith is newOffice on a law table with the municipality's settings (nil: national).
func newOfficeWith(t *testing.T, st store.Store, law *lawdata.Table) *office {
	t.Helper()
	w := newWorldWith(t, st, law)
	for _, js := range []string{
		`{"resourceType":"Organization","id":"tildelingskontoret","name":"Tildelingskontoret"}`,
		`{"resourceType":"Practitioner","id":"s1","name":[{"text":"Sara Saksbehandler"}]}`,
		`{"resourceType":"Practitioner","id":"s2","name":[{"text":"Siv Signerer"}]}`,
		`{"resourceType":"Patient","id":"c1","name":[{"family":"Testmo","given":["Emma"]}]}`,
		`{"resourceType":"Patient","id":"g1","name":[{"family":"Testmo","given":["Gro"]}]}`,
		`{"resourceType":"RelatedPerson","id":"rpg","patient":{"reference":"Patient/c1"},"name":[{"text":"Gro Testmo"}],"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"GUARD"}]}]}`,
		`{"resourceType":"Patient","id":"p9","name":[{"family":"Annen","given":["Ola"]}]}`,
	} {
		r, err := fhir.Parse([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.svc.Update(context.Background(), r.Type(), r.ID(), r, ""); err != nil {
			t.Fatalf("seeding %s: %v", r.Type(), err)
		}
	}
	return &office{world: w,
		officer:  &access.Principal{UserID: "u7", Roles: []access.Role{access.CaseOfficer}, PractitionerID: "s1", Units: []string{DefaultOffice}},
		officer2: &access.Principal{UserID: "u10", Roles: []access.Role{access.CaseOfficer}, PractitionerID: "s2", Units: []string{DefaultOffice}},
		guardian: &access.Principal{UserID: "u8", Roles: []access.Role{access.Citizen}, PatientID: "g1", RelatedPersonIDs: []string{"rpg"}},
		other:    &access.Principal{UserID: "u9", Roles: []access.Role{access.Citizen}, PatientID: "p9"},
	}
}

func homeHelpAndAlarm() allocation.ApplicationInput {
	return allocation.ApplicationInput{Subject: "p1", Services: []string{"home-help", "safety-alarm"},
		Need: "Jeg klarer ikke å handle og vaske selv etter hoftebruddet.", CurrentHelp: "Datteren handler en gang i uka.",
		Files: []allocation.Upload{{Name: "epikrise.pdf", Data: aPDF}}}
}

// TestApply (issue 13, point 2): a citizen applies for two services with an attachment and gets
// a receipt with a reference number; the date received is kept; the office sees it in its inbox
// and reads the attachment; nobody without reach finds it.
func TestApply(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		rc := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm()))
		a := rc.Application
		if a.Reference != "TK-2026-00001" || a.Source != allocation.FromCitizen || !a.Received.Equal(start) || len(a.Attachments) != 1 {
			t.Fatalf("receipt: %+v", a)
		}
		if !bytes.Contains([]byte(rc.Text.NB), []byte("TK-2026-00001")) {
			t.Errorf("the receipt text lacks the reference: %s", rc.Text.NB)
		}
		second := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{"support-contact"}, Need: "Noen å gå tur med."}))
		if second.Application.Reference != "TK-2026-00002" {
			t.Errorf("the second reference is %s", second.Application.Reference)
		}

		mine := must[[]allocation.Application](t)(o.co.ApplicationsOf(as(o.citizen), "p1"))
		if len(mine) != 2 {
			t.Fatalf("the citizen has %d applications, want 2", len(mine))
		}
		got := must[allocation.Application](t)(o.co.ApplicationByReference(as(o.citizen), "TK-2026-00001"))
		fixture.Same(t, "the services", []string{"home-help", "safety-alarm"}, sorted(got.Codes()))
		if got.Need != a.Need || got.CurrentHelp != a.CurrentHelp || !got.Received.Equal(start) {
			t.Errorf("read back: %+v", got)
		}

		rows := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{}))
		if len(rows) != 2 || rows[0].PatientName != "Siri Testmo" {
			t.Fatalf("inbox: %+v", rows)
		}
		if due := rows[0].Clock.PreliminaryReply.Due; !due.Equal(start.AddDate(0, 1, 0)) {
			t.Errorf("the preliminary reply is due %v, want a month after receipt", due)
		}
		alarm := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{Service: "safety-alarm"}))
		if len(alarm) != 1 || alarm[0].Application.Reference != "TK-2026-00001" {
			t.Errorf("filtered by safety alarm: %+v", alarm)
		}
		att := must[allocation.Attachment](t)(o.co.AttachmentOf(as(o.officer), kernel.IDOf(a.Attachments[0])))
		if !bytes.Equal(att.Data, aPDF) || att.ContentType != "application/pdf" || att.Name != "epikrise.pdf" {
			t.Errorf("attachment: %q %q %d bytes", att.Name, att.ContentType, len(att.Data))
		}

		_, err := o.co.OfficeInbox(as(o.citizen), allocation.InboxFilter{})
		fixture.WantCode(t, err, apperr.Forbidden)
		_, err = o.co.ApplicationByReference(as(o.other), "TK-2026-00001")
		fixture.WantCode(t, err, apperr.NotFound)
		_, err = o.co.AttachmentOf(as(o.other), kernel.IDOf(a.Attachments[0]))
		fixture.WantCode(t, err, apperr.NotFound)
		_, err = o.co.ApplicationsOf(as(o.other), "p1")
		fixture.WantCode(t, err, apperr.NotFound)
	})
}

func sorted(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }

// TestApplyForAChild: a guardian applies for the child; someone else's child is refused.
func TestApplyForAChild(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		in := allocation.ApplicationInput{Subject: "c1", Services: []string{"respite-stay"}, Need: "Vi trenger avlastning en helg i måneden."}
		rc := must[allocation.Receipt](t)(o.co.Apply(as(o.guardian), in))
		if rc.Application.Source != allocation.FromGuardian || rc.Application.Sender != "RelatedPerson/rpg" || rc.Application.Subject != "Patient/c1" {
			t.Errorf("guardian's application: %+v", rc.Application)
		}
		_, err := o.co.Apply(as(o.other), in)
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestApplyOnBehalf: a relative or a provider applies on the citizen's behalf only with the
// citizen's consent recorded; the source says who sent it.
func TestApplyOnBehalf(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		in := allocation.ApplicationInput{Subject: "p1", Services: []string{"home-help"}, Need: "Mor klarer ikke å vaske selv lenger."}
		for _, p := range []*access.Principal{o.relative, o.provider} {
			_, err := o.co.Apply(as(p), in)
			fixture.WantCode(t, err, apperr.Unprocessable)
		}
		in.CitizenConsent = true
		rel := must[allocation.Receipt](t)(o.co.Apply(as(o.relative), in)).Application
		if rel.Source != allocation.FromRelative || rel.Sender != "RelatedPerson/rp1" || !rel.CitizenConsent.Equal(start) {
			t.Errorf("the relative's: %+v", rel)
		}
		prov := must[allocation.Receipt](t)(o.co.Apply(as(o.provider), in)).Application
		if prov.Source != allocation.FromProvider || prov.Sender != "Practitioner/f1" {
			t.Errorf("the provider's: %+v", prov)
		}
		back := must[allocation.Application](t)(o.co.ApplicationByReference(as(o.officer), rel.Reference))
		if !back.CitizenConsent.Equal(start) {
			t.Errorf("the consent read back: %v", back.CitizenConsent)
		}
		// the rule: a relative cannot send one in another relative's name, nor for a citizen they are not linked to
		forged := allocation.ApplicationToFHIR(allocation.Application{Reference: "TK-2026-00099", Subject: "Patient/p9", Sender: "RelatedPerson/rp1",
			Source: allocation.FromRelative, Received: start, CitizenConsent: start, Need: "x", Services: []allocation.Applied{{ID: "x9", Code: "home-help", Status: allocation.Waiting}}}, DefaultOffice)[0]
		_, _, err := o.svc.Update(as(o.relative), "ServiceRequest", "x9", forged, "")
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestApplyRefuses: each bad application is refused with a message and stores nothing.
func TestApplyRefuses(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		big := append(append([]byte{}, aPDF...), make([]byte, allocation.MaxAttachmentBytes)...)
		six := make([]allocation.Upload, 6)
		for i := range six {
			six[i] = allocation.Upload{Name: "side.png", Data: aPNG}
		}
		cases := []struct {
			name string
			edit func(*allocation.ApplicationInput)
		}{
			{"no service", func(in *allocation.ApplicationInput) { in.Services = nil }},
			{"unknown service", func(in *allocation.ApplicationInput) { in.Services = []string{"home-help", "a-castle"} }},
			{"a service twice", func(in *allocation.ApplicationInput) { in.Services = []string{"home-help", "home-help"} }},
			{"no need", func(in *allocation.ApplicationInput) { in.Need = "  " }},
			{"need too long", func(in *allocation.ApplicationInput) { in.Need = string(bytes.Repeat([]byte("a"), kernel.MaxText+1)) }},
			{"a text file named .pdf", func(in *allocation.ApplicationInput) {
				in.Files = []allocation.Upload{{Name: "brev.pdf", Data: []byte("not a pdf at all")}}
			}},
			{"an empty file", func(in *allocation.ApplicationInput) { in.Files = []allocation.Upload{{Name: "tom.pdf"}} }},
			{"a file too large", func(in *allocation.ApplicationInput) { in.Files = []allocation.Upload{{Name: "stor.pdf", Data: big}} }},
			{"six files", func(in *allocation.ApplicationInput) { in.Files = six }},
		}
		before := stored(t, st)
		for _, tc := range cases {
			in := homeHelpAndAlarm()
			tc.edit(&in)
			_, err := o.co.Apply(as(o.citizen), in)
			if !apperr.Is(err, apperr.Unprocessable) {
				t.Errorf("%s: got %v, want a refusal", tc.name, err)
			}
		}
		expectChanged(t, st, "refused applications", before)
	})
}

// TestPaperApplication: the office registers a paper application with its real date of receipt,
// which starts the clock; a date after today is refused, and a citizen cannot register one.
func TestPaperApplication(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		stamp := start.AddDate(0, 0, -35)
		in := allocation.ApplicationInput{Subject: "p1", Services: []string{"home-nursing"}, Need: "Sår som må stelles daglig.", Received: stamp}
		rc := must[allocation.Receipt](t)(o.co.RegisterPaperApplication(as(o.officer), in))
		if rc.Application.Source != allocation.FromPaper || !rc.Application.Received.Equal(stamp) || rc.Application.Sender != "Practitioner/s1" {
			t.Errorf("paper: %+v", rc.Application)
		}
		rows := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{}))
		if len(rows) != 1 || !rows[0].Clock.PreliminaryReply.Late || rows[0].Clock.AgeDays != 35 {
			t.Errorf("a paper application 35 days old: %+v", rows)
		}
		in.Received = start.AddDate(0, 0, 1)
		_, err := o.co.RegisterPaperApplication(as(o.officer), in)
		fixture.WantCode(t, err, apperr.Unprocessable)
		_, err = o.co.RegisterPaperApplication(as(o.citizen), in)
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestApplicationRule: the rule binds direct writes (the API's): a citizen cannot send an
// application in another's name, change its words or date, or delete it; the sender may
// withdraw it while it waits; the office changes its status.
func TestApplicationRule(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{"home-help"}, Need: "Hjelp til vask."})).Application
		res := func(edit func(*allocation.Application)) *fhir.Resource {
			b := a
			b.Services = slices.Clone(a.Services)
			edit(&b)
			return allocation.ApplicationToFHIR(b, DefaultOffice)[0]
		}
		id := a.Services[0].ID
		write := func(p *access.Principal, r *fhir.Resource) error {
			_, _, err := o.svc.Update(as(p), "ServiceRequest", r.ID(), r, "")
			return err
		}
		fixture.WantCode(t, write(o.other, res(func(b *allocation.Application) { b.Services[0].ID = "x1"; b.Reference = "TK-2026-00099" })), apperr.Forbidden)
		fixture.WantCode(t, write(o.citizen, res(func(b *allocation.Application) { b.Need = "Noe annet." })), apperr.Forbidden)
		fixture.WantCode(t, write(o.citizen, res(func(b *allocation.Application) { b.Received = start.Add(-48 * time.Hour) })), apperr.Unprocessable)
		fixture.WantCode(t, write(o.system, res(func(b *allocation.Application) { b.Services[0].Code = "a-castle" })), apperr.Unprocessable)
		fixture.WantCode(t, write(o.citizen, res(func(b *allocation.Application) { b.Services[0].Status = allocation.Decided })), apperr.Forbidden)
		_, _, err := o.svc.Delete(as(o.citizen), "ServiceRequest", id)
		fixture.WantCode(t, err, apperr.Forbidden)
		fixture.WantCode(t, write(o.officer, res(func(b *allocation.Application) { b.Services[0].Status = allocation.Decided })), "")
		fixture.WantCode(t, write(o.citizen, res(func(b *allocation.Application) { b.Services[0].Status = allocation.Withdrawn })), apperr.Forbidden)

		b := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{"day-care"}, Need: "Dagtilbud."})).Application
		b.Services[0].Status = allocation.Withdrawn
		fixture.WantCode(t, write(o.citizen, allocation.ApplicationToFHIR(b, DefaultOffice)[0]), "")

		// an attachment over the API: its type is read from its content
		att := allocation.AttachmentToFHIR(allocation.Attachment{ID: "d9", Name: "bilde.pdf", ContentType: "application/pdf", Data: aPNG,
			Subject: "Patient/p1", Author: "Patient/p1", Created: start})
		_, _, err = o.svc.Update(as(o.system), "DocumentReference", "d9", att, "")
		fixture.WantCode(t, err, apperr.Unprocessable)
	})
}

// TestCaseClock: the inbox warns in the week before the month passes, and is late after it.
func TestCaseClock(t *testing.T) {
	a := allocation.Application{Received: fixture.At("2026-03-02 10:00"), Services: []allocation.Applied{{Status: allocation.Waiting}}}
	for _, tc := range []struct {
		now        string
		soon, late bool
	}{
		{"2026-03-25 12:00", false, false},
		{"2026-03-26 08:00", true, false},
		{"2026-04-02 23:00", true, false},
		{"2026-04-03 08:00", false, true},
	} {
		c, err := allocation.Deadlines(a, fixture.Law(t), fixture.At(tc.now))
		if err != nil {
			t.Fatal(err)
		}
		if c.Soon != tc.soon || c.PreliminaryReply.Late != tc.late {
			t.Errorf("%s: soon %v late %v, want %v %v", tc.now, c.Soon, c.PreliminaryReply.Late, tc.soon, tc.late)
		}
	}
	a.Services[0].Status = allocation.Decided
	if c, _ := allocation.Deadlines(a, fixture.Law(t), fixture.At("2026-05-01")); c.Soon || c.PreliminaryReply.Late {
		t.Error("a decided application is late")
	}
}

// TestAssignCase (issue 13, point 3): the office gives a case to an officer; the inbox names
// the officer and filters by them; only the office's staff give cases out, and a case names
// its officer for every writer.
func TestAssignCase(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		first := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), allocation.ApplicationInput{Subject: "p1", Services: []string{"day-care"}, Need: "Dagtilbud."}))
		got := must[allocation.Assignment](t)(o.co.AssignCase(as(o.officer), first.Reference, ""))
		if got.Officer != "Practitioner/s1" || len(got.Services) != 2 {
			t.Fatalf("assignment: %+v", got)
		}
		mine := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{Officer: "Practitioner/s1"}))
		if len(mine) != 1 || mine[0].Application.Reference != first.Reference || mine[0].OfficerName != "Sara Saksbehandler" {
			t.Errorf("mine: %+v", mine)
		}
		none := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{Officer: "none"}))
		if len(none) != 1 || none[0].Application.Reference == first.Reference {
			t.Errorf("nobody's: %+v", none)
		}
		_, err := o.co.AssignCase(as(o.citizen), first.Reference, "")
		fixture.WantCode(t, err, apperr.Forbidden)
		bad := allocation.AssignmentToFHIR(allocation.Assignment{Reference: first.Reference, Subject: "Patient/p1", Office: DefaultOffice, Officer: "Patient/p1"})
		_, _, err = o.svc.Update(as(o.system), "Task", bad.ID(), bad, "")
		fixture.WantCode(t, err, apperr.Unprocessable)
		good := allocation.AssignmentToFHIR(allocation.Assignment{Reference: first.Reference, Subject: "Patient/p1", Office: DefaultOffice, Officer: "Practitioner/k1"})
		_, _, err = o.svc.Update(as(o.coordinator), "Task", good.ID(), good, "")
		fixture.WantCode(t, err, apperr.Forbidden)
	})
}

// TestPreliminaryReply (issue 13, point 3): past a month, the officer sends the preliminary
// reply with the reason and the expected date; the citizen has the letter among their letters,
// in their language; the inbox no longer shows the case late. A reply without a reason, or
// with a date not after today, is refused, and a citizen cannot send one.
func TestPreliminaryReply(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		o.clock.Set(start.AddDate(0, 1, 3))
		rows := must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{}))
		if !rows[0].Clock.PreliminaryReply.Late {
			t.Fatal("a month and three days on, the case is not late")
		}
		in := allocation.PreliminaryReplyInput{Reference: a.Reference, Reply: allocation.PreliminaryReply{Reason: "Vi venter på uttalelse fra fastlegen.", Expected: start.AddDate(0, 2, 0)}}
		bad := in
		bad.Reply.Reason = " "
		_, err := o.co.SendPreliminaryReply(as(o.officer), bad)
		fixture.WantCode(t, err, apperr.Unprocessable)
		bad = in
		bad.Reply.Expected = start.AddDate(0, 1, 3)
		_, err = o.co.SendPreliminaryReply(as(o.officer), bad)
		fixture.WantCode(t, err, apperr.Unprocessable)
		_, err = o.co.SendPreliminaryReply(as(o.citizen), in)
		fixture.WantCode(t, err, apperr.Forbidden)

		in.Chosen = "nn"
		got := must[allocation.Assignment](t)(o.co.SendPreliminaryReply(as(o.officer), in))
		if got.Officer != "Practitioner/s1" || !got.ReplyExpected.Equal(in.Reply.Expected) || got.ReplyLetter == "" {
			t.Errorf("case after the reply: %+v", got)
		}
		rows = must[[]allocation.InboxRow](t)(o.co.OfficeInbox(as(o.officer), allocation.InboxFilter{}))
		if rows[0].Clock.PreliminaryReply.Late || rows[0].Clock.ReplyExpected.Format(time.DateOnly) != "2026-05-02" {
			t.Errorf("the inbox after the reply: %+v", rows[0].Clock)
		}
		letters := must[[]messages.Message](t)(o.co.Letters(as(o.citizen), "p1"))
		if len(letters) != 1 {
			t.Fatalf("the citizen has %d letters, want 1", len(letters))
		}
		for _, want := range []string{"Førebels svar", a.Reference, "Vi venter på uttalelse fra fastlegen.", "02.05.2026", "§ 11 a", "Heimehjelp"} {
			if !strings.Contains(letters[0].Text, want) {
				t.Errorf("the letter lacks %q:\n%s", want, letters[0].Text)
			}
		}
		// taking the case again keeps the reply
		again := must[allocation.Assignment](t)(o.co.AssignCase(as(o.officer), a.Reference, ""))
		if again.ReplyLetter != got.ReplyLetter {
			t.Error("assigning the case lost its preliminary reply")
		}
	})
}
