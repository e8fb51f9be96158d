package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/emergency"
)

// unitHomeData is the unit lead's overview: the unit's cases by stage, and the inbox.
type unitHomeData struct {
	pageData
	OV    coordination.UnitLeadOverview
	Flags []emergency.EmergencyFlagView // open flags of emergency access, to review
}

// StageGroup is one stage's cases, for the template.
type StageGroup struct {
	Stage  coordination.Stage
	Nb, En string
	Cases  []coordination.CaseSummary
}

// stageNames are the stages in bokmål and English.
var stageNames = map[coordination.Stage][2]string{
	coordination.StageInquiry:         {"Venter på vurdering", "Waiting for assessment"},
	coordination.StageAssessed:        {"Venter på koordinator", "Waiting for a coordinator"},
	coordination.StageCoordinator:     {"Koordinator oppnevnt", "Coordinator appointed"},
	coordination.StageCoordinatorOnly: {"Bare koordinator", "Coordinator only"},
	coordination.StageConsent:         {"Plan under arbeid", "Plan being made"},
	coordination.StageActivePlan:      {"Plan i bruk", "Plan in use"},
	coordination.StageOnHold:          {"På vent", "On hold"},
}

// Groups are the stages in flow order with their cases.
func (d unitHomeData) Groups() []StageGroup {
	var out []StageGroup
	for _, s := range coordination.Stages() {
		n := stageNames[s]
		out = append(out, StageGroup{Stage: s, Nb: n[0], Cases: d.OV.ByStage[s]})
	}
	return out
}

// unitHome serves GET /unit.
func (w *Web) unitHome(rw http.ResponseWriter, r *http.Request) {
	if w.withoutWorkflows(rw, r, access.UnitLead) {
		return
	}
	if _, ok := w.holder(rw, r, access.UnitLead); !ok {
		return
	}
	ov, err := w.coord.UnitLeadOverview(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	flags, err := w.coord.EmergencyFlags(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/home", unitHomeData{pageData: w.page(r, "Enhetens saker"), OV: ov, Flags: flags})
}

// UnitInbox serves GET /unit/inbox: new inquiries with their age and deadline, late ones marked.
func (w *Web) UnitInbox(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.UnitLead); !ok {
		return
	}
	inbox, err := w.coord.Inbox(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/inbox", unitHomeData{pageData: w.page(r, "Nye henvendelser"),
		OV: coordination.UnitLeadOverview{Inbox: inbox}})
}
