package coordination

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/care"
	"veiviser/internal/fhir"
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

// AccessLogPageSize is how many entries one page of a citizen's access log holds.
const AccessLogPageSize = 50

// AccessLogPage is one page of a citizen's access log, newest first.
type AccessLogPage struct {
	Entries []AccessEntry
	Page    int  // from 0
	More    bool // there are older entries
}

// AccessLogFor lists who has seen or changed the citizen's data, newest first, one page at a
// time: to the log's audience alone (access.Decider.AccessLogReach, as the API): the citizen,
// their guardian, and the unit's staff.
func (s *Service) AccessLogFor(ctx context.Context, patient string, page int) (AccessLogPage, error) {
	p, err := principal(ctx)
	if err != nil {
		return AccessLogPage{}, err
	}
	rc, err := s.decider.AccessLogReach(ctx, p)
	if err != nil {
		return AccessLogPage{}, err
	}
	if !rc.All && !rc.Citizens[care.IDOf(patient)] {
		return AccessLogPage{}, care.Text{NB: "Bare innbyggeren og koordinerende enhet ser tilgangsloggen.", EN: "Only the citizen and the coordinating unit see the access log."}.Err(apperr.Forbidden)
	}
	page = max(page, 0)
	res, err := s.svc.Search(ctx, "AuditEvent", url.Values{"patient": {ref("Patient", care.IDOf(patient))},
		"_sort": {"-_lastUpdated"}, "_count": {strconv.Itoa(AccessLogPageSize)}, "_offset": {strconv.Itoa(page * AccessLogPageSize)}})
	if err != nil {
		return AccessLogPage{}, err
	}
	var events []*fhir.Resource
	for _, rec := range res.Page.Records {
		if r := parsed(rec); r != nil {
			events = append(events, r)
		}
	}
	return AccessLogPage{Entries: s.accessEntries(ctx, events), Page: page, More: res.Page.HasMore}, nil
}

// accessEntries are the log's AuditEvents as the citizen's page shows them, newest first.
func (s *Service) accessEntries(ctx context.Context, events []*fhir.Resource) []AccessEntry {
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
	return out
}
