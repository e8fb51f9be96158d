package accesslog

import (
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// The access log is each citizen's account of who opened their data (law.md §5), so an access
// is logged as one entry per citizen it reached, each naming that citizen and only the records
// about them: a search that returned ten citizens is ten entries, and none shows one citizen
// another's name, records or count.

// MaxWhat bounds the records one entry names; the entry still counts the access when a search
// returned more of one citizen's records.
const MaxWhat = 100

// Touched is one record an access returned or changed, with the citizens it is about.
type Touched struct {
	Ref      string   // Type/id
	Citizens []string // Patient ids; empty for a record about nobody
}

// PerCitizen returns the entries of the access e describes to what it touched: one per citizen,
// in the order they were first met, each with e's fields, that citizen as its only Patient and
// the records about them as What. A record about several citizens (a consent naming a guardian's
// child, a record moved from one citizen to another) is named in each of their entries. Records
// about nobody are not logged.
func PerCitizen(e Event, touched []Touched) []Event {
	var order []string
	what := map[string][]string{}
	for _, t := range touched {
		for _, c := range t.Citizens {
			if _, seen := what[c]; !seen {
				order = append(order, c)
				what[c] = nil
			}
			if w := what[c]; len(w) < MaxWhat && !slices.Contains(w, t.Ref) {
				what[c] = append(w, t.Ref)
			}
		}
	}
	out := make([]Event, len(order))
	for i, c := range order {
		out[i] = e
		out[i].What = what[c]
		out[i].Patients = []string{c}
	}
	return out
}

// Refused returns the entries of an access refused inside the asker's reach (their role may not
// make that write): per citizen, as PerCitizen, with outcome OutcomeRefused.
func Refused(e Event, asked []Touched) []Event {
	e.Outcome = OutcomeRefused
	return PerCitizen(e, asked)
}

// RefusedHidden returns the entries of an access refused because the record is outside the
// asker's reach; as for every access, only an attempt on records about citizens is logged. A
// staff member's attempt goes into the log of each citizen the record is about, who may ask who
// tried to open their data. A citizen's or a relative's attempt is one entry naming only the
// record asked for and no citizen: were the record's citizen named, the asker could read from
// their own entries whose record an id is, and the citizen would be shown another citizen's
// doings. It is read by the log's audit clients (systems), like every entry about nobody.
func RefusedHidden(e Event, asked []Touched) []Event {
	e.Outcome = OutcomeRefused
	if isStaff(e.Principal) {
		return PerCitizen(e, asked)
	}
	e.What, e.Patients = nil, nil
	for _, t := range asked {
		if len(t.Citizens) > 0 && len(e.What) < MaxWhat && !slices.Contains(e.What, t.Ref) {
			e.What = append(e.What, t.Ref)
		}
	}
	if len(e.What) == 0 {
		return nil
	}
	return []Event{e}
}

// isStaff reports whether p acts for the municipality (a practitioner or a unit's staff), as
// opposed to a citizen or a relative; a system client is not staff.
func isStaff(p *access.Principal) bool {
	if p == nil || p.IsSystem() {
		return false
	}
	for _, r := range p.Roles {
		if r != access.Citizen && r != access.Relative {
			return true
		}
	}
	return false
}

// TouchedOf describes stored versions for PerCitizen and Refused.
func TouchedOf(recs ...store.Record) []Touched {
	out := make([]Touched, 0, len(recs))
	for _, rec := range recs {
		ids, personal, ok := access.RecordCitizens(rec)
		if ok && personal {
			out = append(out, Touched{Ref: rec.Type + "/" + rec.ID, Citizens: ids})
		}
	}
	return out
}

// WriteAudit is the one builder of a write's access-log entries (records.WithWriteAudit), for
// the API and the web alike: e's principal, address and reason, the interaction the write was,
// and one entry per citizen the written or the previous version is about. The entries are
// encoded and indexed directly (Event.Prepared) from the citizens kept with each version, so the
// write's transaction parses nothing.
func WriteAudit(e Event, clock func() time.Time) records.WriteAudit {
	return func(written, before store.Record, stamp func() (string, time.Time)) []store.New {
		w := e
		w.Interaction, w.Action, w.Outcome = "update", "U", OutcomeSuccess
		switch {
		case written.Deleted:
			w.Interaction, w.Action = "delete", "D"
		case before.VersionID == 0 || before.Deleted:
			w.Interaction, w.Action = "create", "C"
		}
		w.When = clock()
		ref := written.Type + "/" + written.ID
		var citizens []string
		for _, rec := range []store.Record{written, before} {
			ids, _, _ := access.RecordCitizens(rec)
			for _, id := range ids {
				if !slices.Contains(citizens, id) {
					citizens = append(citizens, id)
				}
			}
		}
		entries := PerCitizen(w, []Touched{{Ref: ref, Citizens: citizens}})
		out := make([]store.New, 0, len(entries))
		for _, en := range entries {
			id, now := stamp()
			if n, ok := en.Prepared(id, now); ok {
				out = append(out, n)
			}
		}
		return out
	}
}
