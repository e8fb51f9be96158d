package web

import (
	"net/http"
	"strconv"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/plan"
)

// citizenHomeData is the citizen's start page: the plan, the coordinator, the inquiries sent
// and the children the citizen is guardian for.
type citizenHomeData struct {
	pageData
	WS coordination.CitizenWorkspace
}

// citizenHome serves GET /citizen.
func (w *Web) citizenHome(rw http.ResponseWriter, r *http.Request) {
	if w.withoutWorkflows(rw, r, access.Citizen) {
		return
	}
	w.citizenWorkspacePage(rw, r, "citizen/home", "Min side")
}

// CitizenCoordinator serves GET /citizen/coordinator: who the coordinator is and how to reach
// them.
func (w *Web) CitizenCoordinator(rw http.ResponseWriter, r *http.Request) {
	w.citizenWorkspacePage(rw, r, "citizen/coordinator", "Min koordinator")
}

// citizenWorkspacePage renders page, titled nb (a catalog key), over the signed-in citizen's
// workspace.
func (w *Web) citizenWorkspacePage(rw http.ResponseWriter, r *http.Request, page, nb string) {
	if _, ok := w.holder(rw, r, access.Citizen); !ok {
		return
	}
	ws, err := w.coord.CitizenWorkspace(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, page, citizenHomeData{pageData: w.page(r, nb), WS: ws})
}

// accessLogData is the citizen's view of who has opened their data.
type accessLogData struct {
	pageData
	coordination.AccessLogPage
	Newer, Older int // the neighbouring pages' numbers
}

// CitizenAccessLog serves GET /citizen/access-log: "Hvem har sett mine opplysninger".
func (w *Web) CitizenAccessLog(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	page, err := w.coord.AccessLogFor(r.Context(), "Patient/"+p.PatientID, pageNumber(r))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "citizen/accesslog", accessLogData{
		pageData: w.page(r, "Hvem har sett mine opplysninger"), AccessLogPage: page,
		Newer: page.Page - 1, Older: page.Page + 1})
}

// maxPageNumber bounds ?side= (pages of a list, from 0), so a made-up number costs nothing.
const maxPageNumber = 10000

// pageNumber is the ?side= of a paged list: 0 when it is missing or not a number in range.
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("side"))
	if err != nil || n < 0 || n > maxPageNumber {
		return 0
	}
	return n
}

// actionNames are the access log's actions in plain words, in bokmål (catalog keys: the page
// translates them).
var actionNames = map[string]string{
	"C": "opprettet", "R": "leste", "U": "endret", "D": "slettet", "E": "søkte",
}

// actionName is an access log action in bokmål; an unknown code is itself.
func actionName(code string) string {
	if n, ok := actionNames[code]; ok {
		return n
	}
	return code
}

// recordKinds names the kinds of record in the access log in bokmål, so a citizen reads
// "individuell plan", not "CarePlan".
var recordKinds = map[string]string{
	"CarePlan": "individuell plan", "Consent": "samtykke", "ServiceRequest": "henvendelse", "Patient": "personopplysninger",
	"EpisodeOfCare": "koordinator", "Task": "oppgave", "Communication": "brev", "CareTeam": "ansvarsgruppe",
	"Encounter": "møte", "Goal": "mål", "RelatedPerson": "pårørende", "CitizenWorkspace": "Min side",
	"Case": "sak", "the citizen's copy of everything held about them": "kopi av alle opplysningene",
}

// recordCount is one kind of record in an access log entry: its name in bokmål (a catalog key)
// and how many of it there were.
type recordCount struct {
	Nb string
	N  int
}

// recordSummary names the records of an entry by kind, once each, with how many there were, in
// the order first seen; the page translates the names and writes "individuell plan, mål ×3".
func recordSummary(refs []string) []recordCount {
	var out []recordCount
	at := map[string]int{}
	for _, r := range refs {
		k := recordName(r)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, recordCount{Nb: k})
		}
		out[i].N++
	}
	return out
}

// recordName is a record reference ("CarePlan/p1") as the citizen reads it.
func recordName(reference string) string {
	kind := reference
	if i := strings.IndexAny(reference, "/?"); i >= 0 { // "ServiceRequest/x" or a search, "ServiceRequest?intent=order"
		kind = reference[:i]
	}
	if n, ok := recordKinds[kind]; ok {
		return n
	}
	return kind
}

// planStatusNames are the plan's states in bokmål.
var planStatusNames = map[plan.PlanStatus]string{
	plan.PlanDraft: "under arbeid", plan.PlanActive: "i bruk", plan.PlanOnHold: "satt på vent", plan.PlanCompleted: "avsluttet",
}

func planStatusName(s plan.PlanStatus) string {
	if n, ok := planStatusNames[s]; ok {
		return n
	}
	return string(s)
}

// withoutWorkflows answers a start page with the plain workspace when the workflows are not
// wired in (the sign-in tests run the web UI alone), rather than a missing page.
func (w *Web) withoutWorkflows(rw http.ResponseWriter, r *http.Request, role access.Role) bool {
	if w.coord != nil {
		return false
	}
	w.render(rw, r, http.StatusOK, "ws_none", workspaceData{pageData: w.page(r, "Min side"), Role: role})
	return true
}
