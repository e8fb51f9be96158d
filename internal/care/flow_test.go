package care

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
)

func TestValidateInquiry(t *testing.T) {
	base := Inquiry{Source: FromCitizen, Subject: patient, Sender: patient, Received: at("2026-03-02 09:00"), Need: "Trenger hjelp etter hjerneslag."}
	tests := []struct {
		name string
		edit func(*Inquiry)
		want apperr.Code
	}{
		{"citizen for self", func(*Inquiry) {}, ""},
		{"guardian for child", func(q *Inquiry) { q.Source, q.Sender = FromGuardian, guardian }, ""},
		{"need report", func(q *Inquiry) { q.Source, q.Sender = FromProvider, "Practitioner/fastlege-test" }, ""},
		{"citizen for someone else", func(q *Inquiry) { q.Sender = "Patient/annen" }, apperr.Unprocessable},
		{"no need", func(q *Inquiry) { q.Need = "  " }, apperr.Unprocessable},
		{"unknown source", func(q *Inquiry) { q.Source = "fax" }, apperr.Unprocessable},
		{"no date", func(q *Inquiry) { q.Received = time.Time{} }, apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := base
			tt.edit(&q)
			wantCode(t, ValidateInquiry(q), tt.want)
		})
	}
}

func TestRelativesInquiryWaitsForTheCitizensConsent(t *testing.T) {
	q := Inquiry{Source: FromRelative, Status: InquiryReceived, Subject: patient, Sender: relative, Received: at("2026-03-02"), Need: "Mor trenger mer hjelp."}
	wantCode(t, ValidateInquiry(q), "")
	wantCode(t, ReadyForAssessment(q), apperr.Unprocessable)
	q.CitizenConsent = at("2026-03-04")
	wantCode(t, ReadyForAssessment(q), "")
	q.Status = InquiryAssessed
	wantCode(t, ReadyForAssessment(q), apperr.Unprocessable)
}

func TestReceipt(t *testing.T) {
	q := Inquiry{Reference: ReferenceNumber(at("2026-03-02"), 42), Received: at("2026-03-02")}
	if q.Reference != "KE-2026-00042" {
		t.Fatalf("reference %q", q.Reference)
	}
	r := Receipt(q)
	if !strings.Contains(r.NB, "KE-2026-00042") || !strings.Contains(r.EN, "KE-2026-00042") || !strings.Contains(r.NB, "02.03.2026") {
		t.Errorf("receipt %+v", r)
	}
}

func TestInquiryDeadlines(t *testing.T) {
	q := Inquiry{Status: InquiryReceived, Received: at("2026-03-30 14:00")} // Monday before Easter
	tests := []struct {
		name, now           string
		status              InquiryStatus
		age                 int
		lateTarget, latePre bool
	}{
		{"same day", "2026-03-30 15:00", InquiryReceived, 0, false, false},
		{"on the target date", "2026-04-16 23:00", InquiryReceived, 17, false, false},
		{"the day after the target", "2026-04-17 08:00", InquiryReceived, 18, true, false},
		{"after a month", "2026-05-01 08:00", InquiryReceived, 32, true, true},
		{"assessed is never late", "2026-05-01 08:00", InquiryAssessed, 32, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q.Status = tt.status
			c, err := InquiryDeadlines(q, law(t), at(tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if c.AgeDays != tt.age || c.Assessment.Late != tt.lateTarget || c.PreliminaryAnswer.Late != tt.latePre {
				t.Errorf("got %+v", c)
			}
			if got := c.Assessment.Due.Format("2006-01-02"); got != "2026-04-16" {
				t.Errorf("assessment due %s, want 2026-04-16 (10 working days over Easter)", got)
			}
			if got := c.PreliminaryAnswer.Due.Format("2006-01-02"); got != "2026-04-30" {
				t.Errorf("preliminary answer due %s", got)
			}
		})
	}
}

func TestNextEvaluation(t *testing.T) {
	p := draftPlan()
	p.Period.Start = at("2026-03-02")
	tests := []struct {
		name string
		edit func(*IndividualPlan)
		now  string
		due  string
		late bool
	}{
		{"default interval from the start", func(*IndividualPlan) {}, "2026-05-01", "2026-09-02", false},
		{"planned date", func(p *IndividualPlan) { p.EvaluationDates = []time.Time{at("2026-06-15"), at("2026-04-15")} }, "2026-04-16", "2026-04-15", true},
		{"after an evaluation, the next planned date", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{at("2026-04-15"), at("2026-06-15")}
			p.Evaluations = []Evaluation{{Goal: "g1", At: at("2026-04-15"), Status: Improving}}
		}, "2026-04-16", "2026-06-15", false},
		{"no planned date left: interval after the last evaluation", func(p *IndividualPlan) {
			p.EvaluationDates = []time.Time{at("2026-04-15")}
			p.Evaluations = []Evaluation{{Goal: "g1", At: at("2026-04-20"), Status: Improving}}
		}, "2026-11-01", "2026-10-20", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := p
			tt.edit(&q)
			d, err := NextEvaluation(q, law(t), at(tt.now))
			if err != nil {
				t.Fatal(err)
			}
			if d.Due.Format("2006-01-02") != tt.due || d.Late != tt.late {
				t.Errorf("got %s late=%v, want %s late=%v", d.Due.Format("2006-01-02"), d.Late, tt.due, tt.late)
			}
		})
	}
}

func TestMeetingActionsAndLateness(t *testing.T) {
	m := Meeting{ID: "mote-1", Plan: "CarePlan/plan-1", Patient: patient, Start: at("2026-04-07 10:00"), Status: MeetingPlanned}
	held, err := HoldMeeting(m, "Gjennomgang av mål. Ingrid vil prøve å handle selv.", []FollowUp{
		{Description: "Bestille rullator", Owner: homeNursing},
		{Description: "Kalle inn til nytt møte", Owner: coordinator, Due: at("2026-05-01")},
	}, law(t))
	if err != nil {
		t.Fatal(err)
	}
	if held.Status != MeetingHeld || len(held.Actions) != 2 {
		t.Fatalf("held %+v", held)
	}
	if got := held.Actions[0].Due.Format("2006-01-02"); got != "2026-04-21" {
		t.Errorf("default due %s, want 14 days after the meeting", got)
	}
	if held.Actions[0].Plan != m.Plan || held.Actions[0].Status != FollowUpOpen {
		t.Errorf("action %+v", held.Actions[0])
	}
	tests := []struct {
		name string
		f    FollowUp
		now  string
		want bool
	}{
		{"on the due date", held.Actions[0], "2026-04-21 23:59", false},
		{"the day after", held.Actions[0], "2026-04-22 00:01", true},
		{"done is never late", FollowUp{Status: FollowUpDone, Due: at("2026-04-21")}, "2026-05-22", false},
	}
	for _, tt := range tests {
		if got := FollowUpLate(tt.f, at(tt.now)); got != tt.want {
			t.Errorf("%s: late=%v", tt.name, got)
		}
	}
	_, err = HoldMeeting(held, "igjen", nil, law(t))
	wantCode(t, err, apperr.Unprocessable)
	_, err = HoldMeeting(m, "", nil, law(t))
	wantCode(t, err, apperr.Unprocessable)
	_, err = HoldMeeting(m, "referat", []FollowUp{{Description: "uten eier"}}, law(t))
	wantCode(t, err, apperr.Unprocessable)
}
