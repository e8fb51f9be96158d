package coordinators

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// CoordinatorKind is the kind of coordinator.
type CoordinatorKind string

// The kinds of coordinator.
const (
	KindOrdinary CoordinatorKind = "ordinary" // koordinator
	KindCancer   CoordinatorKind = "cancer"   // kreftkoordinator
	KindChild    CoordinatorKind = "child"    // barnekoordinator
	KindPathway  CoordinatorKind = "pathway"  // forløpskoordinator
)

// Course is a coordinator training course someone has taken.
type Course struct {
	Name      string
	Completed time.Time
	Provider  string // who gave the course, e.g. the coordinating unit
}

// Coordinator is an entry in the coordinator register.
type Coordinator struct {
	ID       string // Practitioner/...
	RoleID   string // PractitionerRole/... that holds the kinds and the unit
	Name     string
	Unit     string // Organization/... the coordinator works in
	UnitName string
	Phone    string
	Email    string
	Kinds    []CoordinatorKind
	Courses  []Course
	Active   bool
	// Version is the Practitioner's version as read (0: not read, e.g. a new entry); a save
	// must replace that version, so two concurrent changes cannot lose one another.
	Version int64
}

// Can reports whether the coordinator may act as kind k. Every coordinator can be an ordinary one.
func (c Coordinator) Can(k CoordinatorKind) bool {
	return k == KindOrdinary || slices.Contains(c.Kinds, k)
}

// Trained reports whether the coordinator has completed any course by the given time.
func (c Coordinator) Trained(at time.Time) bool {
	return slices.ContainsFunc(c.Courses, func(x Course) bool { return !x.Completed.After(at) })
}

// CoordinatorAppointment is the appointment of a coordinator for a citizen. It is not an
// individual decision (pbrl § 2-7), but the citizen's wish is given weight, so a choice against
// the citizen's proposal carries reasons.
type CoordinatorAppointment struct {
	ID          string
	Patient     string // Patient/...
	Coordinator string // Practitioner/...
	Kind        CoordinatorKind
	AppointedBy string // Practitioner/... (the unit lead)
	AppointedAt time.Time
	Ended       time.Time // zero while the appointment runs
	Proposal    string    // the citizen's own proposal, as written
	Reasons     string    // why the proposal was not followed
}

// Running reports whether the appointment is in effect at t.
func (a CoordinatorAppointment) Running(t time.Time) bool {
	return !a.AppointedAt.After(t) && (a.Ended.IsZero() || a.Ended.After(t))
}

// Caseloads counts each coordinator's running appointments at t.
func Caseloads(apps []CoordinatorAppointment, t time.Time) map[string]int {
	n := map[string]int{}
	for _, a := range apps {
		if a.Running(t) {
			n[a.Coordinator]++
		}
	}
	return n
}

// Candidate is a coordinator the unit lead may appoint, with what the choice needs to show.
type Candidate struct {
	Coordinator
	Caseload int
	Proposed bool // the citizen proposed this person
	Trained  bool
}

// Candidates lists the active coordinators who can act as kind, the citizen's proposal first,
// then by caseload (lowest first) and name.
func Candidates(register []Coordinator, caseloads map[string]int, kind CoordinatorKind, proposal string, at time.Time) []Candidate {
	var out []Candidate
	for _, c := range register {
		if !c.Active || !c.Can(kind) {
			continue
		}
		out = append(out, Candidate{Coordinator: c, Caseload: caseloads[c.ID], Proposed: matchesProposal(c, proposal), Trained: c.Trained(at)})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int {
		if a.Proposed != b.Proposed {
			if a.Proposed {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Caseload, b.Caseload), strings.Compare(a.Name, b.Name))
	})
	return out
}

// matchesProposal: a proposal is a Practitioner reference or a name as the citizen wrote it.
func matchesProposal(c Coordinator, proposal string) bool {
	p := strings.TrimSpace(proposal)
	return p != "" && (p == c.ID || strings.EqualFold(p, c.Name))
}

// Appoint checks an appointment against the register: the coordinator is active and of the
// kind, and a choice against the citizen's proposal has reasons.
func Appoint(a CoordinatorAppointment, register []Coordinator) error {
	i := slices.IndexFunc(register, func(c Coordinator) bool { return c.ID == a.Coordinator })
	switch {
	case a.Patient == "" || a.AppointedBy == "" || a.AppointedAt.IsZero():
		return kernel.Violation("Oppnevningen må ha innbygger, dato og hvem som oppnevner.", "The appointment needs a citizen, a date and who appoints.")
	case i < 0 || !register[i].Active:
		return kernel.Violation("Koordinatoren finnes ikke i registeret eller er ikke aktiv.", "The coordinator is not in the register or not active.")
	case !register[i].Can(a.Kind):
		return kernel.Violation("Koordinatoren er ikke registrert som "+kindNB(a.Kind)+".", "The coordinator is not registered as a "+string(a.Kind)+" coordinator.")
	}
	if strings.TrimSpace(a.Proposal) != "" && !matchesProposal(register[i], a.Proposal) && strings.TrimSpace(a.Reasons) == "" {
		return kernel.Violation("Innbyggeren foreslo en annen koordinator; begrunn valget.", "The citizen proposed another coordinator; give reasons for the choice.")
	}
	return nil
}

func kindNB(k CoordinatorKind) string {
	switch k {
	case KindCancer:
		return "kreftkoordinator"
	case KindChild:
		return "barnekoordinator"
	case KindPathway:
		return "forløpskoordinator"
	}
	return "koordinator"
}

// TaskAppointCoordinator is the CSTaskKind code of the open Task that keeps an assessed case
// on the unit's desk until a coordinator is appointed.
const TaskAppointCoordinator = "appoint-coordinator"

// OrOrdinary is k, or an ordinary coordinator when the assessment named no kind.
func (k CoordinatorKind) OrOrdinary() CoordinatorKind {
	if k == "" {
		return KindOrdinary
	}
	return k
}
