package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
)

// meetingActions is how many agreed actions the minutes form offers at once; more are added by
// holding the form again (each action is a follow-up task of its own).
const meetingActions = 3

// meetingData is the form to plan a meeting or to hold one.
type meetingData struct {
	pageData
	PlanURL string
	Name    string
	Meeting meetings.Meeting // zero when planning a new one
	People  []plan.Participant
	Form    *form
	Rows    []int
}

// Invited reports whether ref is among the meeting's participants.
func (d meetingData) Invited(ref string) bool { return slices.Contains(d.Meeting.Participants, ref) }

// MeetingPage serves GET /coordinator/plans/{plan}/meetings/{meeting}: "new" plans one,
// otherwise the form that holds it (minutes and agreed actions).
func (w *Web) MeetingPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Coordinator)
	if !ok {
		return
	}
	w.renderMeeting(rw, r, http.StatusOK, w.openForm(r.Context(), p, meetingFormKey(r)))
}

func meetingFormKey(r *http.Request) string {
	return "plan/" + r.PathValue("plan") + "/meeting/" + r.PathValue("meeting")
}

func (w *Web) renderMeeting(rw http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	v, ok := w.pathPlan(rw, r)
	if !ok {
		return
	}
	planID := v.Plan.ID
	if !v.MayEdit(consent.PartMeetings) {
		w.NotFound(rw, r)
		return
	}
	d := meetingData{PlanURL: coPlanURL(planID), Name: v.PatientName, Form: f, Rows: make([]int, meetingActions)}
	for i := range d.Rows {
		d.Rows[i] = i + 1
	}
	d.People = append([]plan.Participant{{Ref: v.Plan.Patient, Name: v.PatientName, Role: kernel.RoleCitizen},
		{Ref: v.Plan.Coordinator, Name: v.Coordinator.Name, Role: kernel.RoleCoordinator}}, v.Plan.Participants...)
	page := "coordinator/meeting_new"
	d.pageData = w.page(r, "Nytt møte")
	if id := r.PathValue("meeting"); id != "new" {
		mtgs, err := w.coord.Meetings(ctx, planID)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		found := false
		for _, m := range mtgs {
			if m.ID == id && m.Status == meetings.MeetingPlanned {
				d.Meeting, found = m, true
			}
		}
		if !found {
			w.NotFound(rw, r)
			return
		}
		page, d.pageData = "coordinator/meeting", w.page(r, "Møtereferat")
	}
	w.render(rw, r, status, page, d)
}

// MeetingPost serves POST /coordinator/plans/{plan}/meetings/{meeting}.
func (w *Web) MeetingPost(rw http.ResponseWriter, r *http.Request) {
	p, f, ok := w.postedBy(rw, r, access.Coordinator, meetingFormKey(r))
	if !ok {
		return
	}
	planID, id := r.PathValue("plan"), r.PathValue("meeting")
	var err error
	if id == "new" {
		err = w.planMeeting(r, planID, f)
	} else {
		err = w.holdMeeting(r, id, f)
	}
	switch {
	case err == nil && f.OK():
		w.dropDraft(r.Context(), p, f.Key)
		http.Redirect(rw, r, coPlanURL(planID)+"?saved=meetings#meetings", http.StatusSeeOther)
		return
	case err == nil:
	case refuse(f, meetingErrorField(id), err, apperr.Unprocessable, apperr.Forbidden, apperr.Conflict):
	default:
		w.fail(rw, r, err)
		return
	}
	w.renderMeeting(rw, r, http.StatusUnprocessableEntity, f)
}

// meetingErrorField is where a refusal shows: at the date of a meeting being planned, at the
// minutes of one being held.
func meetingErrorField(id string) string {
	if id == "new" {
		return "date"
	}
	return "minutes"
}

// planMeeting checks the new meeting's form and plans it; a form with errors plans nothing.
func (w *Web) planMeeting(r *http.Request, planID string, f *form) error {
	day := f.RequireDate("date", "Skriv datoen for møtet.")
	at, err := time.Parse("15:04", f.Trimmed("time"))
	if err != nil {
		f.Invalid("time", "Skriv klokkeslettet som tt:mm, for eksempel 10:00.")
	}
	if len(f.Values["invite"]) == 0 {
		f.Invalid("invite", "Velg hvem som skal inviteres.")
	}
	f.Limit("location", kernel.MaxName)
	if !f.OK() {
		return nil
	}
	start := time.Date(day.Year(), day.Month(), day.Day(), at.Hour(), at.Minute(), 0, 0, oslo)
	_, err = w.coord.PlanMeeting(r.Context(), meetings.MeetingInput{Plan: planID, Start: start,
		Location: f.Trimmed("location"), Participants: f.Values["invite"]})
	return err
}

// holdMeeting checks the minutes and the agreed actions and records the meeting as held.
func (w *Web) holdMeeting(r *http.Request, id string, f *form) error {
	f.Require("minutes", "Skriv referatet.")
	f.Limit("minutes", kernel.MaxLongText)
	var actions []meetings.FollowUp
	for i := 1; i <= meetingActions; i++ {
		n := fmt.Sprint(i)
		desc, owner, due := f.Trimmed("action"+n), f.Trimmed("owner"+n), f.Trimmed("due"+n)
		if desc == "" && owner == "" && due == "" {
			continue
		}
		if desc == "" {
			f.Invalid("action"+n, "Skriv hva som skal gjøres.")
		}
		if owner == "" {
			f.Invalid("owner"+n, "Velg hvem som har ansvaret.")
		}
		checkOptionalDate(f, "due"+n)
		f.Limit("action"+n, kernel.MaxText)
		actions = append(actions, meetings.FollowUp{Description: desc, Owner: owner, Due: coDay(due)})
	}
	if !f.OK() {
		return nil
	}
	_, err := w.coord.HoldMeeting(r.Context(), id, strings.TrimSpace(f.Get("minutes")), actions)
	return err
}
