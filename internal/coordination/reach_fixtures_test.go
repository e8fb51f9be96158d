package coordination

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// Fixtures of the tests that the rules act only on the coordinating unit's records (issue 18):
// records of the same types written by other workflows are stored as sent, and nothing else
// changes with them.

// asSent is a record PUT over the API by who ("" is the system client) that must be stored as sent.
type asSent struct {
	name string
	who  string
	body string // the resource as sent, with its id
}

// stored is every record's current version (Type/id → "version body"), the access log aside.
func stored(t *testing.T, st store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	latest := map[string]int64{}
	for offset := 0; ; offset += store.MaxCount {
		recs, more, err := st.History(context.Background(), store.HistoryQuery{Count: store.MaxCount, Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range recs {
			key := rec.Type + "/" + rec.ID
			if rec.Type == "AuditEvent" || rec.VersionID <= latest[key] {
				continue
			}
			latest[key] = rec.VersionID
			out[key] = fmt.Sprintf("%d %s", rec.VersionID, rec.Body)
		}
		if !more {
			return out
		}
	}
}

// changedKeys are the records (Type/id) that are new, changed or gone between two states.
func changedKeys(before, after map[string]string) []string {
	var out []string
	for k, v := range after {
		if before[k] != v {
			out = append(out, k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// expectChanged checks that exactly the records keys changed since before.
func expectChanged(t *testing.T, st store.Store, what string, before map[string]string, keys ...string) {
	t.Helper()
	slices.Sort(keys)
	if got := changedKeys(before, stored(t, st)); !slices.Equal(got, keys) {
		t.Errorf("%s changed %v, want %v", what, got, keys)
	}
}

// writeAsSent PUTs each record and checks that it is accepted, stored byte for byte as sent
// (id and meta aside) and that no other record changed.
func (a *apiServer) writeAsSent(st store.Store, rows []asSent) {
	t := a.t
	t.Helper()
	for _, row := range rows {
		sent := parse(t, row.body)
		before := stored(t, st)
		code, body := a.put(row.who, sent) // a person creates by POST: put keeps the id it gets
		if code != http.StatusOK && code != http.StatusCreated {
			t.Errorf("%s (%s): %d %s, want it stored", row.name, orSystem(row.who), code, body)
			continue
		}
		id := a.id(sent.Type(), sent.ID())
		key := sent.Type() + "/" + id
		rec, err := st.Get(context.Background(), sent.Type(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := withoutServerParts(t, rec.Body), withoutServerParts(t, []byte(row.body)); got != want {
			t.Errorf("%s: stored\n%s\nwant as sent\n%s", row.name, got, want)
		}
		expectChanged(t, st, row.name, before, key)
	}
}

// deleteAlone deletes each record (Type/id) as who and checks that nothing else changed.
func (a *apiServer) deleteAlone(st store.Store, who string, keys ...string) {
	t := a.t
	t.Helper()
	for _, key := range keys {
		before := stored(t, st)
		key = strings.TrimPrefix(a.resolve("/"+key), "/")
		if code, body := a.do(who, http.MethodDelete, "/"+key, ""); code != http.StatusNoContent && code != http.StatusOK {
			t.Errorf("DELETE %s (%s): %d %s", key, orSystem(who), code, body)
			continue
		}
		expectChanged(t, st, "DELETE "+key, before, key)
	}
}

// withoutServerParts is the resource as JSON without id and meta, which the server sets.
func withoutServerParts(t *testing.T, body []byte) string {
	t.Helper()
	o, err := fhir.ParseObject(body)
	if err != nil {
		t.Fatal(err)
	}
	o.Delete("id")
	o.Delete("meta")
	return string(o.AppendJSON(nil))
}

// form posts a form to path as person and returns the status and body.
func (a *apiServer) form(person, path string, v url.Values) (int, string) {
	a.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, a.url+"/fhir/R4"+path, strings.NewReader(v.Encode()))
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Test-Person", person)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// status is the status element of the stored Type/id.
func (a *apiServer) status(path string) string {
	a.t.Helper()
	s, _ := a.read(path).Object().String("status")
	return s
}

// The other workflows' records the tests write: a hospital's, the home care service's, an EPJ's.
const (
	// hospitalTeam is a hospital's CareTeam of the citizen: no code of the unit's.
	hospitalTeam = `{"resourceType":"CareTeam","id":"sykehus-team","status":"active","name":"Slagenheten",
		"subject":{"reference":"Patient/p1"},
		"participant":[{"role":[{"coding":[{"system":"http://snomed.info/sct","code":"224535009","display":"Registered nurse"}]}],
			"member":{"reference":"Practitioner/k2"},"period":{"start":"2026-01-01T00:00:00Z"}}]}`
	// homeNursing is the home care service's episode (Oslo's municipal-service: IPLOS 9151)
	// with the nurse as care manager: not a coordinator appointment.
	homeNursing = `{"resourceType":"EpisodeOfCare","id":"hjemmesykepleie-%s","status":"active",
		"type":[{"coding":[{"system":"https://finnkode.helsedirektoratet.no/adm/collections/9151","code":"2.2.3","display":"Medisinering i hjemmet"}]}],
		"patient":{"reference":"Patient/%s"},"managingOrganization":{"reference":"Organization/homecare"},
		"period":{"start":"2026-01-01T00:00:00Z"},"careManager":{"reference":"Practitioner/h1"}}`
	// hospitalPlan is a hospital's treatment plan of the citizen, authored by the physiotherapist.
	hospitalPlan = `{"resourceType":"CarePlan","id":"behandlingsplan-1","status":"active","intent":"plan",
		"category":[{"coding":[{"system":"http://snomed.info/sct","code":"736271009","display":"Outpatient care plan"}]}],
		"title":"Behandlingsplan etter hjerneslag","subject":{"reference":"Patient/p1"},
		"author":{"reference":"Practitioner/f1"},"careTeam":[{"reference":"CareTeam/sykehus-team"}]}`
)

// homeNursingOf is the home care episode of the citizen (a Patient id).
func homeNursingOf(patient string) string { return fmt.Sprintf(homeNursing, patient, patient) }

// treatmentConsent is a hospital's treatment consent of p1 given by performer, with status.
func treatmentConsent(id, status, performer string) string {
	return `{"resourceType":"Consent","id":"` + id + `","status":"` + status + `",
		"scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"treatment"}]},
		"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0","display":"Patient Consent"}]}],
		"patient":{"reference":"Patient/p1"},"dateTime":"2026-03-01T10:00:00Z",
		"performer":[{"reference":"` + performer + `"}],
		"provision":{"type":"permit","period":{"start":"2026-03-01T10:00:00Z"},
			"actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"PRCP"}]},
				"reference":{"reference":"Organization/homecare"}}]}}`
}

// researchConsent is a research project's consent of p1.
func researchConsent(id string) string {
	return `{"resourceType":"Consent","id":"` + id + `","status":"active",
		"scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"research"}]},
		"category":[{"coding":[{"system":"http://loinc.org","code":"57016-8","display":"Privacy policy acknowledgment Document"}]}],
		"patient":{"reference":"Patient/p1"},"dateTime":"2026-03-02T08:00:00Z","performer":[{"reference":"Patient/p1"}],
		"policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
		"provision":{"type":"permit"}}`
}
