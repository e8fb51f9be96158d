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
	// EditsCatalogue: the lead is also the allocation office's, who keeps its service catalogue
	EditsCatalogue bool
	Pathways       []attentionRow // pathway milestones due soon or late in the unit
}

// StageGroup is one stage's cases, for the template.
type StageGroup struct {
	Stage coordination.Stage
	Nb    string // the stage's name in bokmål, a catalog key: the template translates it
	Cases []coordination.CaseSummary
}

// stageNames are the stages as the unit's overview names them, in bokmål (catalog keys).
var stageNames = map[coordination.Stage]string{
	coordination.StageInquiry:         "Venter på vurdering",
	coordination.StageAssessed:        "Venter på koordinator",
	coordination.StageCoordinator:     "Koordinator oppnevnt",
	coordination.StageCoordinatorOnly: "Bare koordinator",
	coordination.StageConsent:         "Plan under arbeid",
	coordination.StageActivePlan:      "Plan i bruk",
	coordination.StageOnHold:          "På vent",
}

// Groups are the stages in flow order with their cases.
func (d unitHomeData) Groups() []StageGroup {
	var out []StageGroup
	for _, s := range coordination.Stages() {
		out = append(out, StageGroup{Stage: s, Nb: stageNames[s], Cases: d.OV.ByStage[s]})
	}
	return out
}

// unitHome serves GET /unit.
func (w *Web) unitHome(rw http.ResponseWriter, r *http.Request) {
	if w.withoutWorkflows(rw, r, access.UnitLead) {
		return
	}
	p, ok := w.holder(rw, r, access.UnitLead)
	if !ok {
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
	paths, err := w.attentionRows(r.Context(), unitCaseURL)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/home", unitHomeData{pageData: w.page(r, "Enhetens saker"), OV: ov, Flags: flags,
		EditsCatalogue: w.coord.MayEditCatalogue(p), Pathways: paths})
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
