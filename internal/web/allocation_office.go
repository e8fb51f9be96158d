package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

// officeData is the case officer's inbox, or one application.
type officeData struct {
	applyData
	Rows        []allocation.InboxRow
	Service     string // the inbox's filters
	Officer     string // "me", "none" or "" (everyone's)
	Late, Soon  int
	Application allocation.Application
	PatientName string
	Clock       allocation.CaseClock
	Files       []allocation.Attachment
	Registered  bool // just registered from paper
	Assigned    bool // just taken
	Replied     bool // a preliminary reply just sent
	Case        allocation.Assignment
	ReplyForm   *form
	Waiting     []serviceForm  // the services that wait for a decision, each with its form
	Decisions   []decisionView // the application's decisions, drafts included
	Appeals     []appealView
	Units       []option // the units a decision can name as giving the service
	Done        string   // what was just done: decided, drafted, reassessed, outcome, assessed, noted
	// the case's assessment form (with a select per IPLOS variable) and notes
	AssessmentForm, NoteForm, DocumentsForm *form
	CaseDocuments                           []allocation.Attachment
	Incomes                                 []allocation.IncomeStatement // the citizen's, newest first: the first is what fees use
	ScoreFields                             []scoreField
	Notes                                   []noteView
	Reviews                                 []reviewView  // running decisions past their review date (the start page)
	Changes                                 *decisionView // the decision a change request asks to change
	Criteria                                []option      // the municipality's criteria for a long-term stay in force
}

// reviewView is a decision due for review, with the citizen's name.
type reviewView struct {
	allocation.Decision
	Name, ServiceName string
}

// AppealID is the appeal's id from its form's key.
func (d officeData) AppealID(key string) string { return key[strings.LastIndex(key, "/")+1:] }

// DecisionFields is the decision form f with the page's options (allocation_decide.go).
func (d officeData) DecisionFields(f *form) decisionFieldsView {
	return decisionFieldsOf(f, d.Units, d.Criteria)
}

const replyKey = "case-officer-reply"

// SendPreliminaryReply serves POST /case-officer/applications/{ref}/preliminary-reply: the
// letter goes to the citizen in their language.
func (w *Web) SendPreliminaryReply(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(replyKey, "ref"), find: w.byApplication, field: "expected", done: "replied",
		check: func(f *form) change {
			f.Require("reason", "Skriv hvorfor saken tar lengre tid.")
			f.Limit("reason", kernel.MaxText)
			expected := formDate(f, "expected", true, "Skriv datoen du regner med å gjøre vedtak.")
			return func(ctx context.Context, chosen, fallback i18n.Lang) (string, error) {
				_, err := w.coord.SendPreliminaryReply(ctx, allocation.PreliminaryReplyInput{Reference: r.PathValue("ref"), Chosen: chosen, Default: fallback,
					Reply: allocation.PreliminaryReply{Reason: f.Trimmed("reason"), Expected: expected}})
				return "", err
			}
		}})(rw, r)
}

// AssignToMe serves POST /case-officer/applications/{ref}/assign: the officer takes the case.
func (w *Web) AssignToMe(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	ref := r.PathValue("ref")
	if _, err := w.coord.AssignCase(r.Context(), ref, ""); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/case-officer/applications/"+url.PathEscape(ref)+"?assigned=1", http.StatusSeeOther)
}

// officeHome serves the case officer's start page: the inbox, the reply due first on top.
func (w *Web) officeHome(rw http.ResponseWriter, r *http.Request) {
	if w.coord == nil { // the web alone, without the workflows: the page without cases
		w.render(rw, r, http.StatusOK, "ws_caseofficer", officeData{applyData: applyData{pageData: w.page(r, "Saksbehandler")}})
		return
	}
	d, err := w.newApplyData(r, "Saksbehandler", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	od := officeData{applyData: d, Service: r.URL.Query().Get("service"), Officer: r.URL.Query().Get("officer")}
	filter := allocation.InboxFilter{Service: od.Service}
	switch p, _ := principalOf(r); od.Officer {
	case "me":
		filter.Officer = "Practitioner/" + p.PractitionerID
	case "none":
		filter.Officer = "none"
	}
	if od.Rows, err = w.coord.OfficeInbox(r.Context(), filter); err != nil {
		w.fail(rw, r, err)
		return
	}
	reviews, err := w.coord.ReviewsDue(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, d := range reviews {
		od.Reviews = append(od.Reviews, reviewView{Decision: d, Name: w.coord.ApplicantName(r.Context(), d.Subject), ServiceName: od.ServiceName(d.Code)})
	}
	for _, row := range od.Rows {
		switch {
		case row.Clock.PreliminaryReply.Late:
			od.Late++
		case row.Clock.Soon:
			od.Soon++
		}
	}
	w.render(rw, r, http.StatusOK, "ws_caseofficer", od)
}

// OfficeApplication serves GET /case-officer/applications/{ref}: one application with its
// services, the citizen's words, its clock and its attachments.
func (w *Web) OfficeApplication(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	w.renderOfficeApplication(rw, r, http.StatusOK, nil)
}

// renderOfficeApplication renders the case page; posted is a form just sent back with its
// errors (nil: none), every other form is opened from its draft.
func (w *Web) renderOfficeApplication(rw http.ResponseWriter, r *http.Request, status int, posted *form) {
	p, _ := principalOf(r)
	formFor := func(key string) *form {
		if posted != nil && posted.Key == key {
			return posted
		}
		return w.openForm(r.Context(), p, key)
	}
	a, err := w.coord.ApplicationByReference(r.Context(), r.PathValue("ref"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d, err := w.newApplyData(r, "Søknad %s", nil)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d.TitleArgs = []any{a.Reference}
	od := officeData{applyData: d, Application: a, PatientName: w.coord.ApplicantName(r.Context(), a.Subject),
		Registered: r.URL.Query().Get("registered") != "", Assigned: r.URL.Query().Get("assigned") != "",
		Replied: r.URL.Query().Get("replied") != "", ReplyForm: formFor(replyKey + "/" + r.PathValue("ref"))}
	for _, done := range []string{"decided", "drafted", "reassessed", "outcome", "assessed", "noted", "documented", "appealed"} {
		if r.URL.Query().Get(done) != "" {
			od.Done = done
		}
	}
	if od.Case, err = w.coord.CaseOf(r.Context(), a.Reference); err != nil {
		w.fail(rw, r, err)
		return
	}
	if od.Clock, err = allocation.Deadlines(a, w.coord.Law(), w.now()); err != nil {
		w.fail(rw, r, err)
		return
	}
	od.Clock = od.Clock.Replied(od.Case.ReplyExpected)
	w.draftReply(r, od)
	for _, ref := range a.Attachments {
		f, err := w.coord.AttachmentOf(r.Context(), ref[len("DocumentReference/"):])
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		od.Files = append(od.Files, f)
	}
	w.caseWork(r, &od, formFor)
	if err := w.caseDecisions(r, &od, p, formFor); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "caseofficer/application", od)
}

// OfficeAttachment serves GET /case-officer/attachments/{id}: the file as sent, with the type
// read from its content, as a download (never rendered in the site's origin).
func (w *Web) OfficeAttachment(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	f, err := w.coord.AttachmentOf(r.Context(), r.PathValue("id"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	h := rw.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	h.Set("Content-Disposition", "attachment; filename=\"vedlegg-"+f.ID+extOf(f.ContentType)+"\"")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if _, err := rw.Write(f.Data); err != nil {
		w.logger.DebugContext(r.Context(), "web: writing an attachment", "err", err)
	}
}

func extOf(contentType string) string {
	switch contentType {
	case "application/pdf":
		return ".pdf"
	case "image/png":
		return ".png"
	}
	return ".jpg"
}

// draftReply drafts the preliminary reply when it is due soon or late and the officer has not
// begun one: a reason to adjust and a date two weeks after the month, so sending it is a click.
func (w *Web) draftReply(r *http.Request, od officeData) {
	f, c := od.ReplyForm, od.Clock
	if !(c.Soon || c.PreliminaryReply.Late) || !f.Restored.IsZero() || len(f.Values) > 0 || !od.Application.Open() {
		return
	}
	tr := translator{lang: w.langOf(r), cat: w.cat}
	expected := c.PreliminaryReply.Due.AddDate(0, 0, 14)
	if now := w.now(); !expected.After(now) {
		expected = now.AddDate(0, 0, 14)
	}
	f.Values.Set("reason", tr.T("Vi trenger mer tid til å kartlegge behovet ditt."))
	f.Values.Set("expected", expected.In(oslo).Format("2006-01-02"))
}
