package fhirapi_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// careData is two citizens with a plan each, and everything around them.
type careData struct {
	kari, ola, doctor, nurse         string
	goalK, goalO, teamK, teamO       string
	planK, planO, consentK, consentO string
	requestK, requestO, taskK, taskO string
	episodeK, episodeO, messageK     string
	auditK, auditO                   string
}

func seedCare(t testing.TB, c *client) careData {
	t.Helper()
	var d careData
	d.kari = c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
	d.ola = c.create("Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"))
	d.doctor = c.create("Practitioner", practitionerJSON)
	d.nurse = c.create("Practitioner", `{"resourceType":"Practitioner","name":[{"family":"Lie"}]}`)
	d.goalK = c.create("Goal", goalJSON(d.kari, "active"))
	d.goalO = c.create("Goal", goalJSON(d.ola, "completed"))
	d.teamK = c.create("CareTeam", careTeamJSON(d.kari, d.doctor))
	d.teamO = c.create("CareTeam", strings.Replace(careTeamJSON(d.ola, d.nurse), `"active"`, `"inactive"`, 1))
	d.planK = c.create("CarePlan", carePlanJSON(d.kari, d.teamK, d.goalK, "active"))
	d.planO = c.create("CarePlan", strings.Replace(strings.Replace(carePlanJSON(d.ola, d.teamO, d.goalO, "draft"),
		"734163000", "736353004", 1), `"start":"2026-01-01","end":"2026-06-30"`, `"start":"2025-01-01","end":"2025-03-31"`, 1))
	d.consentK = c.create("Consent", consentJSON(d.kari, "active"))
	d.consentO = c.create("Consent", consentJSON(d.ola, "rejected"))
	d.requestK = c.create("ServiceRequest", serviceRequestJSON(d.kari, d.doctor))
	d.requestO = c.create("ServiceRequest", strings.Replace(serviceRequestJSON(d.ola, d.nurse), `"active"`, `"completed"`, 1))
	d.taskK = c.create("Task", taskJSON(d.kari, d.doctor, d.requestK))
	d.taskO = c.create("Task", strings.Replace(taskJSON(d.ola, d.nurse, d.requestO), `"requested"`, `"completed"`, 1))
	d.episodeK = c.create("EpisodeOfCare", episodeJSON(d.kari, d.doctor))
	d.episodeO = c.create("EpisodeOfCare", strings.Replace(episodeJSON(d.ola, d.nurse), `"active"`, `"finished"`, 1))
	d.messageK = c.create("Communication", communicationJSON(d.kari, d.nurse))
	d.auditK = c.audit(auditEventJSON(d.kari, d.doctor, "2026-03-02T10:00:00Z"))
	d.auditO = c.audit(auditEventJSON(d.ola, d.nurse, "2026-02-01T10:00:00Z"))
	return d
}

// audit writes an AuditEvent through the service's internal door, as the access log will.
func (c *client) audit(body string) string {
	c.t.Helper()
	r, err := fhir.Parse([]byte(body))
	if err != nil {
		c.t.Fatal(err)
	}
	rec, err := c.svc.RecordAuditEvent(context.Background(), r)
	if err != nil {
		c.t.Fatalf("RecordAuditEvent: %v", err)
	}
	return rec.ID
}

const fnrSystem = "urn:oid:2.16.578.1.12.4.1.4.1"

// Each search parameter issue 3 requires, by GET and by POST _search.
func TestSearchParameters(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		d := seedCare(t, c)
		tests := []struct {
			typ, query string
			want       []string
		}{
			{"Patient", "identifier=" + fnrSystem + "|" + fnrKari, []string{d.kari}},
			{"Patient", "identifier=" + fnrOla, []string{d.ola}},
			{"Patient", "name=nord", []string{d.kari}},
			{"Patient", "name=%C3%85S", []string{d.ola}}, // case folded, å kept
			{"Patient", "birthdate=2013-03-13", []string{d.kari}},
			{"Patient", "birthdate=lt2000", []string{d.ola}},
			{"CarePlan", "subject=Patient/" + d.kari, []string{d.planK}},
			{"CarePlan", "patient=" + d.ola, []string{d.planO}},
			{"CarePlan", "status=draft", []string{d.planO}},
			{"CarePlan", "category=http://snomed.info/sct|734163000", []string{d.planK}},
			{"CarePlan", "date=ge2026-01-01", []string{d.planK}},
			{"CarePlan", "date=lt2025-06-01", []string{d.planO}},
			{"Goal", "subject=Patient/" + d.ola, []string{d.goalO}},
			{"Goal", "lifecycle-status=active", []string{d.goalK}},
			{"CareTeam", "subject=Patient/" + d.kari, []string{d.teamK}},
			{"CareTeam", "status=inactive", []string{d.teamO}},
			{"CareTeam", "participant=Practitioner/" + d.nurse, []string{d.teamO}},
			{"Consent", "patient=Patient/" + d.kari, []string{d.consentK}},
			{"Consent", "status=rejected", []string{d.consentO}},
			{"ServiceRequest", "subject=Patient/" + d.ola, []string{d.requestO}},
			{"ServiceRequest", "status=active", []string{d.requestK}},
			{"ServiceRequest", "requester=Practitioner/" + d.doctor, []string{d.requestK}},
			{"Task", "owner=Practitioner/" + d.nurse, []string{d.taskO}},
			{"Task", "status=requested", []string{d.taskK}},
			{"Task", "focus=ServiceRequest/" + d.requestK, []string{d.taskK}},
			{"Task", "patient=Patient/" + d.ola, []string{d.taskO}},
			{"EpisodeOfCare", "patient=Patient/" + d.kari, []string{d.episodeK}},
			{"EpisodeOfCare", "status=finished", []string{d.episodeO}},
			{"EpisodeOfCare", "care-manager=Practitioner/" + d.doctor, []string{d.episodeK}},
			{"Communication", "subject=Patient/" + d.kari, []string{d.messageK}},
			{"Communication", "recipient=Practitioner/" + d.nurse, []string{d.messageK}},
			{"Communication", "recipient=Practitioner/" + d.doctor, nil},
			// type=110110 leaves out the entries the access log writes for these very requests
			{"AuditEvent", "patient=Patient/" + d.kari + "&type=110110", []string{d.auditK}},
			{"AuditEvent", "agent=Practitioner/" + d.nurse, []string{d.auditO}},
			{"AuditEvent", "date=ge2026-03-01&type=110110", []string{d.auditK}},
			{"Patient", "_id=" + d.ola, []string{d.ola}},
			{"Patient", "_lastUpdated=gt" + start.Add(90*time.Minute).Format(time.RFC3339), nil},
			{"Patient", "_lastUpdated=ge" + start.Format(time.RFC3339), []string{d.kari, d.ola}},
		}
		for _, tt := range tests {
			t.Run(tt.typ+"?"+tt.query, func(t *testing.T) {
				got := c.do("GET", "/"+tt.typ+"?"+tt.query, "").must(t, http.StatusOK)
				checkIDs(t, got.obj, tt.want)
				if rt, _ := got.obj.String("type"); rt != "searchset" {
					t.Errorf("Bundle.type %q", rt)
				}
				if _, has := got.obj.Get("total"); has {
					t.Errorf("the searchset has a total")
				}
				posted := c.do("POST", "/"+tt.typ+"/_search", tt.query,
					"Content-Type", "application/x-www-form-urlencoded").must(t, http.StatusOK)
				checkIDs(t, posted.obj, tt.want)
			})
		}
	})
}

func checkIDs(t *testing.T, bundle *fhir.Object, want []string) {
	t.Helper()
	got := ids(t, bundle, "match")
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("matches %v, want %v", got, want)
	}
}

func TestSearchInclude(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		d := seedCare(t, c)
		r := c.do("GET", "/CarePlan?subject=Patient/"+d.kari+"&_include=CarePlan:goal&_include=CarePlan:care-team", "").
			must(t, http.StatusOK)
		checkIDs(t, r.obj, []string{d.planK})
		inc := ids(t, r.obj, "include")
		slices.Sort(inc)
		if want := slices.Sorted(slices.Values([]string{d.goalK, d.teamK})); !slices.Equal(inc, want) {
			t.Errorf("included %v, want %v", inc, want)
		}
		entries, _ := r.obj.Array("entry")
		for _, e := range entries {
			full, _ := e.(*fhir.Object).String("fullUrl")
			if !strings.HasPrefix(full, c.base+"/") {
				t.Errorf("fullUrl %q", full)
			}
		}
		r = c.do("GET", "/CarePlan?_id="+d.planO+"&_include=CarePlan:goal", "").must(t, http.StatusOK)
		if inc := ids(t, r.obj, "include"); !slices.Equal(inc, []string{d.goalO}) {
			t.Errorf("included %v, want [%s]", inc, d.goalO)
		}
	})
}

// _count pages are walked to the end by next links and back by previous links; _sort orders.
func TestSearchPagingAndSort(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		var created []string
		for range 7 {
			created = append(created, c.create("Practitioner", practitionerJSON))
		}
		walk := func(path, rel string) ([]string, []string) {
			var all, pages []string
			for path != "" {
				r := c.do("GET", path, "").must(t, http.StatusOK)
				page := ids(t, r.obj, "match")
				all = append(all, page...)
				pages = append(pages, strings.Join(page, ","))
				path = strings.TrimPrefix(link(r.obj, rel), c.base)
			}
			return all, pages
		}
		asc, pages := walk("/Practitioner?_sort=_lastUpdated&_count=3", "next")
		if !slices.Equal(asc, created) {
			t.Errorf("ascending walk %v, want %v", asc, created)
		}
		if len(pages) != 3 {
			t.Errorf("%d pages, want 3", len(pages))
		}
		desc, _ := walk("/Practitioner?_sort=-_lastUpdated&_count=3", "next")
		want := slices.Clone(created)
		slices.Reverse(want)
		if !slices.Equal(desc, want) {
			t.Errorf("descending walk %v, want %v", desc, want)
		}
		last := c.do("GET", "/Practitioner?_sort=_lastUpdated&_count=3&_offset=6", "").must(t, http.StatusOK)
		back, _ := walk(strings.TrimPrefix(link(last.obj, "previous"), c.base), "previous")
		if !slices.Equal(back, append(slices.Clone(created[3:6]), created[0:3]...)) {
			t.Errorf("previous walk %v", back)
		}
		def, _ := walk("/Practitioner", "next")
		if len(def) != 7 {
			t.Errorf("default order found %d, want 7", len(def))
		}
	})
}

// A POST _search's links never carry the identifying parameters; following one means POSTing the
// same form to it.
func TestPostSearchLinks(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		for range 3 {
			c.create("Goal", goalJSON(p, "active"))
		}
		body := form("subject", "Patient/"+p, "_count", "2", "_sort", "_lastUpdated")
		r := c.do("POST", "/Goal/_search", body, "Content-Type", "application/x-www-form-urlencoded").must(t, http.StatusOK)
		first := ids(t, r.obj, "match")
		for _, rel := range []string{"self", "next"} {
			u := link(r.obj, rel)
			if u == "" || strings.Contains(u, p) || !strings.Contains(u, "/Goal/_search?") {
				t.Errorf("%s link %q", rel, u)
			}
		}
		next := strings.TrimPrefix(link(r.obj, "next"), c.base)
		r = c.do("POST", next, body, "Content-Type", "application/x-www-form-urlencoded").must(t, http.StatusOK)
		second := ids(t, r.obj, "match")
		if len(first) != 2 || len(second) != 1 || slices.Contains(first, second[0]) {
			t.Errorf("pages %v then %v", first, second)
		}
		// GET links repeat the query, so they can be followed as they are.
		g := c.do("GET", "/Goal?"+url.Values{"subject": {"Patient/" + p}, "_count": {"2"}}.Encode(), "").must(t, http.StatusOK)
		if u := link(g.obj, "next"); !strings.Contains(u, p) {
			t.Errorf("GET next link %q lost the query", u)
		}
	})
}
