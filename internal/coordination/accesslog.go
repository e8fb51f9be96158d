package coordination

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/workflow"
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
	p, err := workflow.Principal(ctx)
	if err != nil {
		return AccessLogPage{}, err
	}
	rc, err := s.wf.Decider().AccessLogReach(ctx, p)
	if err != nil {
		return AccessLogPage{}, err
	}
	if !rc.All && !rc.Citizens[kernel.IDOf(patient)] {
		return AccessLogPage{}, kernel.Text{NB: "Bare innbyggeren og koordinerende enhet ser tilgangsloggen.", EN: "Only the citizen and the coordinating unit see the access log."}.Err(apperr.Forbidden)
	}
	page = max(page, 0)
	res, err := s.wf.Records().Search(ctx, "AuditEvent", url.Values{"patient": {kernel.Ref("Patient", kernel.IDOf(patient))},
		"_sort": {"-_lastUpdated"}, "_count": {strconv.Itoa(AccessLogPageSize)}, "_offset": {strconv.Itoa(page * AccessLogPageSize)}})
	if err != nil {
		return AccessLogPage{}, err
	}
	var events []*fhir.Resource
	for _, rec := range res.Page.Records {
		if r := records.Parsed(rec); r != nil {
			events = append(events, r)
		}
	}
	return AccessLogPage{Entries: s.accessEntries(ctx, events), Page: page, More: res.Page.HasMore}, nil
}

// accessEntries are the log's AuditEvents as the citizen's page shows them, newest first.
func (s *Service) accessEntries(ctx context.Context, events []*fhir.Resource) []AccessEntry {
	var out []AccessEntry
	names := s.wf.Names()
	for _, ae := range events {
		o := ae.Object()
		e := AccessEntry{When: kernel.ParseTime(kernel.PathString(o, "recorded")), Action: kernel.PathString(o, "action"),
			Who: kernel.PathString(o, "agent", "who", "reference"), WhoName: kernel.PathString(o, "agent", "name"),
			Reason: kernel.PathString(o, "agent", "purposeOfUse", "text"), Refused: kernel.PathString(o, "outcome") == accesslog.OutcomeRefused,
			Emergency: kernel.PathString(o, "subtype", "code") == access.EmergencyAccess, Until: kernel.ParseTime(kernel.PathString(o, "period", "end"))}
		if e.Who == "" {
			e.Who = kernel.PathString(o, "agent", "who", "display")
		}
		if e.WhoName == "" && e.Who != "" {
			e.WhoName = names.Name(ctx, e.Who)
		}
		for _, en := range kernel.Objects(o, "entity") {
			if w := kernel.PathString(en, "what", "reference"); w != "" && kernel.PathString(en, "type", "code") != "1" {
				e.What = append(e.What, w)
			}
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b AccessEntry) int { return b.When.Compare(a.When) })
	return out
}
