package coordination

import (
	"context"
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/care"
)

// AccessEntry is one access to the citizen's data, as the citizen's page shows it.
type AccessEntry struct {
	When      time.Time
	Who       string // the agent's reference or, for an API client, its name
	WhoName   string
	Action    string // C, R, U, D, E (search)
	What      []string
	Reason    string // purpose of use, when given
	Emergency bool   // emergency access ("break the glass")
	Refused   bool
	Until     time.Time // the end of an emergency grant
}

// AccessLogFor lists who has seen or changed the citizen's data, newest first: the citizen
// themself, a guardian, or the unit's staff.
func (s *Service) AccessLogFor(ctx context.Context, patient string) ([]AccessEntry, error) {
	p, err := s.reach(ctx, patient)
	if err != nil {
		return nil, err
	}
	own := ref("Patient", p.PatientID) == ref("Patient", care.IDOf(patient))
	if !own && !s.isUnitStaff(p) && !p.Has(access.Citizen) {
		return nil, care.Text{NB: "Bare innbyggeren og koordinerende enhet ser tilgangsloggen.", EN: "Only the citizen and the coordinating unit see the access log."}.Err(apperr.Forbidden)
	}
	events, err := s.find(ctx, "AuditEvent", "patient", ref("Patient", care.IDOf(patient)))
	if err != nil {
		return nil, err
	}
	var out []AccessEntry
	names := s.nameBook()
	for _, ae := range events {
		o := ae.Object()
		e := AccessEntry{When: care.ParseTime(care.PathString(o, "recorded")), Action: care.PathString(o, "action"),
			Who: care.PathString(o, "agent", "who", "reference"), WhoName: care.PathString(o, "agent", "name"),
			Reason: care.PathString(o, "agent", "purposeOfUse", "text"), Refused: care.PathString(o, "outcome") == access.OutcomeRefused,
			Emergency: care.PathString(o, "subtype", "code") == access.EmergencyAccess, Until: care.ParseTime(care.PathString(o, "period", "end"))}
		if e.Who == "" {
			e.Who = care.PathString(o, "agent", "who", "display")
		}
		if e.WhoName == "" && e.Who != "" {
			e.WhoName = names.name(ctx, e.Who)
		}
		for _, en := range care.Objects(o, "entity") {
			if w := care.PathString(en, "what", "reference"); w != "" && care.PathString(en, "type", "code") != "1" {
				e.What = append(e.What, w)
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b AccessEntry) int { return b.When.Compare(a.When) })
	return out, nil
}
