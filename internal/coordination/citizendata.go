package coordination

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
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

// CitizenCopy is everything Veiviser holds about one citizen (the GDPR's right of access and to
// data portability, articles 15 and 20): every version of every record about them, the access
// log's entries about them among them, newest version first within each record.
type CitizenCopy struct {
	Patient  string         // Patient/...
	Name     string         // the citizen's name
	Versions []store.Record // by type, then id, then version (newest first); no deletions
}

// CitizenCopyOf collects the copy for the citizen themself or a guardian acting for a child: no
// one else, not even staff in reach (the copy is the citizen's to ask for). The collection is
// logged as a read of all their data before it is handed out.
func (s *Service) CitizenCopyOf(ctx context.Context, patient string) (CitizenCopy, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	p, err := s.wf.Reach(ctx, patient)
	if err != nil {
		return CitizenCopy{}, err
	}
	// reach is not enough: a citizen may also reach someone as their relative, by that person's
	// consent, and the copy is only the citizen's own, or a guardian's for the child
	own := p.Has(access.Citizen) && p.PatientID == kernel.IDOf(patient)
	guardian, err := s.isGuardianOf(ctx, p, kernel.IDOf(patient))
	if err != nil {
		return CitizenCopy{}, err
	}
	if !own && !guardian {
		return CitizenCopy{}, apperr.New(apperr.NotFound, "%s is not known", patient)
	}
	ids, err := s.recordsAbout(ctx, patient)
	if err != nil {
		return CitizenCopy{}, err
	}
	c := CitizenCopy{Patient: patient, Name: s.wf.Name(ctx, patient)}
	for _, key := range ids {
		typ, id, _ := strings.Cut(key, "/")
		versions, err := s.allVersions(ctx, typ, id)
		if err != nil {
			return CitizenCopy{}, err
		}
		c.Versions = append(c.Versions, versions...)
	}
	if err := s.wf.LogRead(ctx, patient, "the citizen's copy of everything held about them"); err != nil {
		return CitizenCopy{}, err
	}
	return c, nil
}

// recordsAbout is every record about patient, as Type/id, sorted: the Patient, and each record
// of a personal type that names them at one of its citizen parameters.
func (s *Service) recordsAbout(ctx context.Context, patient string) ([]string, error) {
	found := map[string]bool{patient: true}
	for _, typ := range fhir.ResourceTypes() {
		for _, param := range records.CitizenParams(typ) {
			rs, err := s.wf.Find(ctx, typ, param, patient)
			if err != nil {
				return nil, err
			}
			for _, r := range rs {
				found[r.Type()+"/"+r.ID()] = true
			}
		}
	}
	keys := make([]string, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys, nil
}

// allVersions is every stored version of typ/id, newest first, deletions left out.
func (s *Service) allVersions(ctx context.Context, typ, id string) ([]store.Record, error) {
	var out []store.Record
	for offset := 0; ; offset += records.MaxCount {
		res, err := s.wf.Records().History(ctx, typ, id, url.Values{"_count": {strconv.Itoa(records.MaxCount)}, "_offset": {strconv.Itoa(offset)}})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			if !rec.Deleted {
				out = append(out, rec)
			}
		}
		if !res.HasMore {
			return out, nil
		}
	}
}

// Bundle is the copy as a FHIR R4 Bundle of type collection (JSON), to take to another system:
// one entry per version, its fullUrl the version's address.
func (c CitizenCopy) Bundle(made time.Time) ([]byte, error) {
	entries := make([]map[string]any, 0, len(c.Versions))
	for _, v := range c.Versions {
		entries = append(entries, map[string]any{
			"fullUrl":  v.Type + "/" + v.ID + "/_history/" + strconv.FormatInt(v.VersionID, 10),
			"resource": json.RawMessage(v.Body),
		})
	}
	return json.Marshal(map[string]any{"resourceType": "Bundle", "type": "collection",
		"timestamp": made.UTC().Format(time.RFC3339), "entry": entries})
}
