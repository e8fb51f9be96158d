package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/coordinators"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUnitRegister: the register shows each coordinator with unit, kinds, caseload and courses;
// a course is added on the coordinator's page (a refusal keeps what was typed, the draft is
// restored) and is then in the register; outside the unit the pages are missing.
func TestUnitRegister(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withUnitStaff(st)
		tw.withPlan() // Kari coordinates Siri
		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit/coordinators"), http.StatusOK, "Koordinatorregister", `href="/unit/coordinators/k1"`,
			"Kari Koordinator", "Berit Barnevik", "koordinator, barnekoordinator, kreftkoordinator",
			"Koordinerende enhet", `<td data-testid="caseload">1</td>`, `<td data-testid="caseload">0</td>`)
		en := tw.leaInEnglish()
		checkPage(t, en.get("/unit/coordinators"), http.StatusOK, "Coordinator register",
			"coordinator, child coordinator, cancer coordinator", "Add to the register")
		page := "/unit/coordinators/k1"
		checkPage(t, lea.get(page), http.StatusOK, "Kari Koordinator", `action="/unit/coordinators/k1/courses"`, `type="date"`,
			"Ingen kurs registrert.", "99 00 00 01", `hx-post="/drafts"`)
		for _, who := range []string{"ulf", "kari", "siri"} {
			missing(tw.signIn(who), "/unit/coordinators", page)
		}
		missing(lea, "/unit/coordinators/nobody")

		// refused: no name, a date not yet come
		got := lea.post(page+"/courses", url.Values{"completed": {"2026-04-01"}, "provider": {"USHT Fjordvik"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Kari Koordinator", `class="ds-error-summary"`, "Skriv navnet på kurset.",
			"datoen kan ikke være etter i dag", `value="2026-04-01"`, `value="USHT Fjordvik"`)
		checkPage(t, lea.get(page), http.StatusOK, "Kari Koordinator", "Vi har tatt vare på det du skrev sist", `value="USHT Fjordvik"`)
		got = lea.post(page+"/courses", url.Values{"name": {"Grunnkurs"}, "completed": {"2.2.2026"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Kari Koordinator", "Skriv datoen som dd.mm.åååå.", `value="2.2.2026"`)

		got = lea.post(page+"/courses", url.Values{"name": {"Koordinatoropplæring, grunnkurs"}, "completed": {"2026-02-12"}, "provider": {"USHT Fjordvik"}})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != page+"?saved=course" {
			t.Fatalf("adding a course: %d to %q\n%s", got.status, got.header.Get("Location"), got.body)
		}
		reg, err := tw.co.Register(tw.as("lea"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range reg {
			if c.ID == "Practitioner/k1" && (len(c.Courses) != 1 || c.Courses[0].Name != "Koordinatoropplæring, grunnkurs" ||
				c.Courses[0].Completed.Format("2006-01-02") != "2026-02-12" || c.Courses[0].Provider != "USHT Fjordvik" || !c.Active) {
				t.Fatalf("Kari's entry after adding the course: %+v", c)
			}
		}
		checkPage(t, lea.get(page+"?saved=course"), http.StatusOK, "Kari Koordinator", "Kurset er lagt til.", "Koordinatoropplæring, grunnkurs, 12.02.2026 (USHT Fjordvik)")
		checkPage(t, lea.get("/unit/coordinators"), http.StatusOK, "Koordinatorregister", "Koordinatoropplæring, grunnkurs (12.02.2026)")
		if again := lea.get(page); again.status != http.StatusOK || strings.Contains(again.body, "Vi har tatt vare på") {
			t.Error("the draft is still restored after the course was added")
		}
	})
}

// TestAddCourseFromStalePage: a course added from a page shown before someone else changed the
// entry is refused with the conflict on the form (in the page's language), what was typed stays on
// the form and in the draft, and sending it again from the page now shown saves it beside the
// other change.
func TestAddCourseFromStalePage(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withUnitStaff(st)
		lea := tw.signIn("lea")
		page := "/unit/coordinators/k1"
		stale := pageVersionOf(t, lea.get(page).body)

		// someone else adds a course meanwhile
		reg, err := tw.co.Register(tw.as("lea"))
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(reg, func(c coordinators.Coordinator) bool { return c.ID == "Practitioner/k1" })
		if i < 0 {
			t.Fatal("Kari is not in the register")
		}
		other := reg[i]
		other.Courses = append(other.Courses, coordinators.Course{Name: "Fordypningskurs", Completed: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)})
		if _, err := tw.co.SaveCoordinator(tw.as("lea"), other); err != nil {
			t.Fatal(err)
		}

		typed := url.Values{"name": {"Koordinatoropplæring, grunnkurs"}, "completed": {"2026-02-12"}, "provider": {"USHT Fjordvik"}}
		typed.Set("version", stale)
		got := lea.post(page+"/courses", typed)
		checkPage(t, got, http.StatusConflict, "Kari Koordinator", `class="ds-error-summary"`,
			"Koordinatoren ble endret av noen andre samtidig",
			`value="Koordinatoropplæring, grunnkurs"`, `value="2026-02-12"`, `value="USHT Fjordvik"`, "Fordypningskurs")
		// the same refusal on a page in English
		got = tw.leaInEnglish().post(page+"/courses", typed)
		checkPage(t, got, http.StatusConflict, "Kari Koordinator", `class="ds-error-summary"`,
			"Someone else changed the coordinator at the same time", `value="Koordinatoropplæring, grunnkurs"`)
		if strings.Contains(got.body, "Koordinatoren ble endret") {
			t.Error("the English page has the bokmål message")
		}
		again := lea.get(page)
		checkPage(t, again, http.StatusOK, "Kari Koordinator", "Vi har tatt vare på det du skrev sist", `value="Koordinatoropplæring, grunnkurs"`)
		current := pageVersionOf(t, again.body)
		if current == stale {
			t.Fatalf("the page still shows version %s after the other change", stale)
		}

		typed.Set("version", current)
		got = lea.post(page+"/courses", typed)
		if got.status != http.StatusSeeOther {
			t.Fatalf("sending the kept course again: %d\n%s", got.status, got.body)
		}
		checkPage(t, lea.get(page+"?saved=course"), http.StatusOK, "Kari Koordinator", "Fordypningskurs", "Koordinatoropplæring, grunnkurs, 12.02.2026")
	})
}

// pageVersionOf is the entry's version a coordinator page's course form carries.
func pageVersionOf(t *testing.T, body string) string {
	t.Helper()
	m := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the course form carries no version:\n%s", body)
	}
	return m[1]
}
