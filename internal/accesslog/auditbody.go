package accesslog

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Prepared is the event as the store takes it, given its id and the time it is stored: the same
// AuditEvent as Resource (then records.PrepareAuditEvent) makes, but its JSON appended straight
// into one buffer and its index entries written from the values at hand, without a map, a
// marshal, a parse or an index walk (together 6 % of a read's CPU in round 4's profile; the
// access log writes one per read). TestPrepared proves the body equal to Resource's, valid, and
// its entries those fhir.Index finds in it. ok is false for an emergency grant (Until set), which
// is rare and goes the general way.
func (e Event) Prepared(id string, now time.Time) (n store.New, ok bool) {
	if !e.Until.IsZero() {
		return store.New{}, false
	}
	recorded := e.When.UTC().Truncate(time.Millisecond)
	b := make([]byte, 0, 640+64*(len(e.What)+2*len(e.Patients)))
	b = append(b, `{"resourceType":"AuditEvent","id":`...)
	b = appendString(b, id)
	b = append(b, `,"meta":{"versionId":"1","lastUpdated":`...)
	b = appendString(b, now.UTC().Format("2006-01-02T15:04:05.000Z07:00"))
	b = append(b, `},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-event-type","code":"rest"},"subtype":[{"system":`...)
	b = appendString(b, subtypeSystem(e.Interaction))
	b = append(b, `,"code":`...)
	b = appendString(b, e.Interaction)
	b = append(b, `}],"action":`...)
	b = appendString(b, e.Action)
	b = append(b, `,"recorded":`...)
	b = appendString(b, recorded.Format("2006-01-02T15:04:05.000Z07:00"))
	b = append(b, `,"outcome":`...)
	b = appendString(b, e.Outcome)
	b = append(b, `,"agent":[`...)
	b, agent := e.appendAgent(b)
	b = append(b, `],"source":{"observer":{"display":"Veiviser"}}`...)
	idx := make([]search.Entry, 0, 6+len(e.What)+2*len(e.Patients))
	idx = append(idx,
		search.Entry{Param: "action", Kind: search.Token, Code: e.Action},
		search.Entry{Param: "date", Kind: search.Date, Low: recorded, High: recorded.Add(time.Millisecond)},
		search.Entry{Param: "outcome", Kind: search.Token, Code: e.Outcome},
		search.Entry{Param: "subtype", Kind: search.Token, System: subtypeSystem(e.Interaction), Code: e.Interaction},
		search.Entry{Param: "type", Kind: search.Token, System: "http://terminology.hl7.org/CodeSystem/audit-event-type", Code: "rest"})
	if agent.RefType != "" {
		idx = addRef(idx, "agent", agent.RefType, agent.RefID)
	}
	if len(e.What)+len(e.Patients) > 0 {
		b = append(b, `,"entity":[`...)
		for i, w := range e.What {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"what":{"reference":`...)
			b = appendString(b, w)
			b = append(b, `}}`...)
			if typ, rid, found := strings.Cut(w, "/"); found && !strings.Contains(rid, "/") {
				idx = addRef(idx, "entity", typ, rid)
			}
		}
		for i, p := range e.Patients {
			if i > 0 || len(e.What) > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"what":{"reference":`...)
			b = appendString(b, "Patient/"+p)
			b = append(b, `},"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1"}}`...)
			idx = addRef(addRef(idx, "entity", "Patient", p), "patient", "Patient", p)
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	rec := store.Record{Type: "AuditEvent", ID: id, VersionID: 1, LastUpdated: now, Body: b}
	return store.New{Record: rec, Index: idx}, true
}

// addRef adds a reference entry unless idx holds it already: fhir.Index keeps one of each (a
// Patient read as the record and as its citizen). Only the entities typed 1 are the entry's
// patient (fhir's paramOverrides): neither the agent nor a record named.
func addRef(idx []search.Entry, param, typ, id string) []search.Entry {
	for _, e := range idx {
		if e.Param == param && e.Kind == search.Reference && e.RefType == typ && e.RefID == id {
			return idx
		}
	}
	return append(idx, search.Entry{Param: param, Kind: search.Reference, RefType: typ, RefID: id})
}

// appendAgent appends the one agent as who() and Resource describe it, and returns the
// reference it names, if any.
func (e Event) appendAgent(b []byte) ([]byte, search.Entry) {
	p := e.Principal
	var ref search.Entry
	b = append(b, `{"who":`...)
	switch {
	case p == nil:
		b = append(b, `{"display":"unknown"}`...)
	case p.IsSystem():
		b = append(b, `{"type":"Device","identifier":{"system":"urn:veiviser:api-client","value":`...)
		b = appendString(b, p.ClientID)
		b = appendOptional(append(b, '}'), "display", p.Name)
		b = append(b, '}')
	case p.PractitionerID != "":
		ref = search.Entry{RefType: "Practitioner", RefID: p.PractitionerID}
	case p.PatientID != "":
		ref = search.Entry{RefType: "Patient", RefID: p.PatientID}
	case len(p.RelatedPersonIDs) > 0:
		ref = search.Entry{RefType: "RelatedPerson", RefID: p.RelatedPersonIDs[0]}
	default:
		b = append(b, `{"identifier":{"system":"urn:veiviser:user","value":`...)
		b = appendString(b, p.UserID)
		b = appendOptional(append(b, '}'), "display", p.Name)
		b = append(b, '}')
	}
	if ref.RefType != "" {
		b = append(b, `{"reference":`...)
		b = appendString(b, ref.RefType+"/"+ref.RefID)
		b = append(b, '}')
	}
	b = append(b, `,"requestor":true`...)
	if p != nil {
		b = appendOptional(b, "name", p.Name)
		b = appendOptional(b, "altId", p.UserID)
	}
	if e.Address != "" {
		b = append(b, `,"network":{"address":`...)
		b = appendString(b, e.Address)
		b = append(b, `,"type":"2"}`...)
	}
	if e.Reason != "" {
		b = append(b, `,"purposeOfUse":[{"text":`...)
		b = appendString(b, e.Reason)
		b = append(b, `}]`...)
	}
	return append(b, '}'), ref
}

// appendOptional appends ,"key":"v" when v is not empty (FHIR allows no empty strings).
func appendOptional(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	b = append(append(append(b, `,"`...), key...), `":`...)
	return appendString(b, v)
}

// appendString appends s as a JSON string as encoding/json writes it: each invalid UTF-8 byte as
// U+FFFD (ranging over a string yields RuneError for each), control characters, quotes and
// backslashes escaped, and <, >, & and U+2028/2029 as \u escapes.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\u2028' || r == '\u2029':
			b = append(b, `\u`...)
			h := strconv.FormatInt(int64(r), 16)
			b = append(b, "0000"[len(h):]...)
			b = append(b, h...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}
