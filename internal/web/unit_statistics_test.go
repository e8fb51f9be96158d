package web_test

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/coordination"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// statsRow matches a row of the statistics tables: its label and the four counts.
var statsRow = regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>(\d+)</td><td>([^<]*)</td>`)

// TestUnitStatistics (issue 14): the lead of the coordinating unit (and the office's) sees the
// year's counts as charts (SVG images with a title) and tables whose numbers are the CSV's;
// Siri's two services applied for in March, one granted and one refused ten days later, and the
// refusal appealed, are counted; the citizen, the coordinator and the case officer get a missing
// page, for the CSV too.
func TestUnitStatistics(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.caseOfficer()
		if _, err := tw.co.Apply(tw.as("siri"), allocation.ApplicationInput{Subject: "p1", Services: []string{"home-help", "safety-alarm"},
			Need: "Jeg klarer ikke å handle selv."}); err != nil {
			t.Fatal(err)
		}
		tw.clock.Advance(10 * 24 * time.Hour)
		reasons := allocation.Reasons{Rules: "Kommunens kriterier.", Facts: "Hun bor alene.", Considerations: "Behovet er varig."}
		if _, err := tw.co.Decide(tw.as("sara"), allocation.DecisionInput{Reference: "TK-2026-00001", Service: "home-help", Decision: allocation.Decision{
			Outcome: allocation.Granted, Scope: 3, Unit: allocation.HoursPerWeek, Start: tw.clock.Now(), Review: tw.clock.Now().AddDate(0, 6, 0),
			Provider: "Organization/physio", Reasons: reasons}}); err != nil {
			t.Fatal(err)
		}
		refused, err := tw.co.Decide(tw.as("sara"), allocation.DecisionInput{Reference: "TK-2026-00001", Service: "safety-alarm",
			Decision: allocation.Decision{Outcome: allocation.Refused, Reasons: reasons}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tw.co.Appeal(tw.as("siri"), allocation.AppealInput{Decision: refused.ID, Text: "Jeg er redd for å falle."}); err != nil {
			t.Fatal(err)
		}

		lea := tw.signIn("lea")
		got := lea.get("/unit/statistics?year=2026")
		checkPage(t, got, http.StatusOK, "Statistikk for tildelingskontoret 2026", `<svg`, `role="img"`,
			`<title id="chart-volume-title">Søknader, vedtak og avslag per måned i 2026</title>`, `<title id="chart-time-title">`,
			`<title id="chart-services-title">`, `aria-labelledby="chart-volume-title chart-volume-desc"`, `href="/unit/statistics.csv?year=2026"`)
		months := statsRow.FindAllStringSubmatch(section(t, got.body, `data-testid="months"`), -1)
		services := statsRow.FindAllStringSubmatch(section(t, got.body, `data-testid="services"`), -1)
		if len(months) != 12 || len(services) != 2 {
			t.Fatalf("%d month rows and %d service rows, want 12 and 2", len(months), len(services))
		}
		if m := months[2]; m[1] != "mar" || m[2] != "2" || m[3] != "2" || m[4] != "1" || m[5] != "1" || m[6] != "10" {
			t.Errorf("March: %q, want 2 applications, 2 decisions, 1 refusal, 1 appeal, a median of 10 days", m[1:])
		}

		answer := lea.get("/unit/statistics.csv?year=2026")
		if answer.status != http.StatusOK || !strings.HasPrefix(answer.header.Get("Content-Type"), "text/csv") {
			t.Fatalf("the CSV: %d %q", answer.status, answer.header.Get("Content-Type"))
		}
		rows, err := csv.NewReader(strings.NewReader(answer.body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(rows[0], ",") != "year,month,service,applications,decisions,refusals,appeals,timed,median_days,longest_days" || len(rows) != 1+2*12 {
			t.Fatalf("CSV header %q and %d rows", rows[0], len(rows))
		}
		byMonth, byService := map[int][4]int{}, map[string][4]int{}
		var order []string
		for _, r := range rows[1:] {
			month, _ := strconv.Atoi(r[1])
			var c [4]int
			for i := range c {
				c[i], _ = strconv.Atoi(r[3+i])
			}
			if _, ok := byService[r[2]]; !ok {
				order = append(order, r[2])
			}
			bm, bs := byMonth[month], byService[r[2]]
			for i := range c {
				bm[i] += c[i]
				bs[i] += c[i]
			}
			byMonth[month], byService[r[2]] = bm, bs
		}
		for i, m := range months {
			if counts := countsOf(m); counts != byMonth[i+1] {
				t.Errorf("month %d: the table has %v, the CSV %v", i+1, counts, byMonth[i+1])
			}
		}
		for i, s := range services {
			if counts := countsOf(s); counts != byService[order[i]] {
				t.Errorf("%s: the table has %v, the CSV (%s) %v", s[1], counts, order[i], byService[order[i]])
			}
		}

		lea.post("/language", url.Values{"lang": {"en"}})
		checkPage(t, lea.get("/unit/statistics?year=2026"), http.StatusOK, "Allocation office statistics 2026", "Applications per service in 2026", ">Mar<")
		if missing := tw.cat.Missing(); len(missing) > 0 {
			t.Errorf("texts the statistics asked for that the catalogs lack:\n%s", strings.Join(missing, "\n"))
		}

		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "olga", Name: "Olga Kontorleder", Roles: []access.Role{access.UnitLead},
			Units: []string{coordination.DefaultOffice}})
		checkPage(t, tw.signIn("olga").get("/unit/statistics"), http.StatusOK, "Statistikk for tildelingskontoret 2026")
		for name, b := range map[string]*browser{"the citizen": tw.signIn("siri"), "the coordinator": tw.signIn("kari"), "the case officer": tw.signIn("sara")} {
			for _, path := range []string{"/unit/statistics", "/unit/statistics.csv?year=2026"} {
				if got := b.get(path); got.status != http.StatusNotFound {
					t.Errorf("%s got %s: %d, want 404", name, path, got.status)
				}
			}
		}
	})
}

// section is body from the element marked with testid to the end of its table.
func section(t *testing.T, body, testid string) string {
	t.Helper()
	i := strings.Index(body, testid)
	if i < 0 {
		t.Fatalf("no %s in the page", testid)
	}
	rest := body[i:]
	return rest[:strings.Index(rest, "</table>")]
}

// countsOf are a table row's applications, decisions, refusals and appeals.
func countsOf(m []string) [4]int {
	var c [4]int
	for i := range c {
		c[i], _ = strconv.Atoi(m[2+i])
	}
	return c
}
