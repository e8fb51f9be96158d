package web

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"net/http"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/reporting"
)

// The allocation office's statistics for the lead of the coordinating unit or of the office:
// GET /unit/statistics?year= shows the year's applications, decisions, refusals, appeals and
// processing times per month and per service as charts (server-rendered SVG) with their numbers
// in tables; GET /unit/statistics.csv?year= is the same counts per service and month
// (docs/kpr.md lists the columns). Counts only: nobody's name.

// statisticsData is the statistics page.
type statisticsData struct {
	pageData
	Year             int
	First, Last      int // the years the form offers
	Months, Services []statisticsRow
	Volume, Time     template.HTML // the charts by month
	ByService        template.HTML // the chart by service
}

// statisticsRow is one month's or one service's counts, named in the page's language.
type statisticsRow struct {
	Label string
	allocation.Counts
}

// Median is the row's median processing time as the table and the CSV write it; "" for none.
func (r statisticsRow) Median() string { return medianText(r.Counts) }

func medianText(c allocation.Counts) string {
	if c.Timed == 0 {
		return ""
	}
	return reporting.Label(c.MedianDays)
}

// statisticsMonths are the months as the charts and tables name them (catalog keys).
var statisticsMonths = [...]string{"jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"}

// statistics reads the year asked for (this year when none or a bad one) and the counts, for the
// leads; anyone else is answered as a missing page.
func (w *Web) statistics(rw http.ResponseWriter, r *http.Request) (allocation.Statistics, bool) {
	p, ok := w.holder(rw, r, access.UnitLead)
	if !ok {
		return allocation.Statistics{}, false
	}
	if !w.coord.MaySeeStatistics(p) {
		w.NotFound(rw, r)
		return allocation.Statistics{}, false
	}
	year := w.now().Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= year+1 {
		year = y
	}
	s, err := w.coord.UnitStatistics(r.Context(), year)
	if err != nil {
		w.fail(rw, r, err)
		return allocation.Statistics{}, false
	}
	return s, true
}

// UnitStatistics serves GET /unit/statistics.
func (w *Web) UnitStatistics(rw http.ResponseWriter, r *http.Request) {
	s, ok := w.statistics(rw, r)
	if !ok {
		return
	}
	tr := translator{lang: w.langOf(r), cat: w.cat}
	d := statisticsData{pageData: w.page(r, "Statistikk for tildelingskontoret %d", s.Year), Year: s.Year, First: w.now().Year() - 5, Last: w.now().Year()}
	var months []string
	var applied, decided, refused, median, longest []float64
	for _, m := range s.Months {
		name := tr.T(statisticsMonths[m.Month-1])
		months = append(months, name)
		d.Months = append(d.Months, statisticsRow{Label: name, Counts: m.Counts})
		applied, decided, refused = append(applied, float64(m.Applications)), append(decided, float64(m.Decisions)), append(refused, float64(m.Refusals))
		median, longest = append(median, m.MedianDays), append(longest, float64(m.LongestDays))
	}
	names := w.serviceNames(r)
	var services []string
	var byService []float64
	for _, t := range s.Totals {
		name := names[t.Service]
		if name == "" {
			name = t.Service
		}
		services = append(services, name)
		d.Services = append(d.Services, statisticsRow{Label: name, Counts: t.Counts})
		byService = append(byService, float64(t.Applications))
	}
	year := strconv.Itoa(s.Year)
	d.Volume = template.HTML(reporting.BarChart{ID: "chart-volume", Title: tr.Tf("Søknader, vedtak og avslag per måned i %s", year),
		Desc:       tr.T("Stolper per måned: søknader (helfylt), vedtak (striper) og avslag (prikker), med tallet over hver stolpe. Tallene står også i tabellen under."),
		Categories: months, Series: []reporting.Series{{Name: tr.T("Søknader"), Values: applied}, {Name: tr.T("Vedtak"), Values: decided}, {Name: tr.T("Avslag"), Values: refused}}}.SVG())
	d.Time = template.HTML(reporting.BarChart{ID: "chart-time", Title: tr.Tf("Saksbehandlingstid per måned i %s", year),
		Desc:       tr.T("Dager fra søknaden kom til vedtaket, for vedtak fattet i måneden: median (helfylt) og lengste (striper), med tallet over hver stolpe. Tallene står også i tabellen under."),
		Categories: months, Series: []reporting.Series{{Name: tr.T("Median (dager)"), Values: median}, {Name: tr.T("Lengste (dager)"), Values: longest}}}.SVG())
	if len(services) > 0 {
		d.ByService = template.HTML(reporting.BarChart{ID: "chart-services", Title: tr.Tf("Søknader per tjeneste i %s", year),
			Desc:       tr.T("Liggende stolper: søknader om hver tjeneste i året, med tallet ved hver stolpe. Tallene står også i tabellen under."),
			Categories: services, Series: []reporting.Series{{Name: tr.T("Søknader"), Values: byService}}, Horizontal: true}.SVG())
	}
	w.render(rw, r, http.StatusOK, "unit/statistics", d)
}

// serviceNames are the catalogue's services by code, named in the page's language.
func (w *Web) serviceNames(r *http.Request) map[string]string {
	out := map[string]string{}
	list, err := w.coord.ServiceCatalogue(r.Context(), w.langOf(r))
	if err != nil {
		w.logger.WarnContext(r.Context(), "web: the catalogue's names for the statistics", "err", err)
		return out
	}
	for _, s := range list {
		out[s.Code] = s.Name
	}
	return out
}

// statisticsColumns are the CSV's columns (docs/kpr.md).
var statisticsColumns = []string{"year", "month", "service", "applications", "decisions", "refusals", "appeals", "timed", "median_days", "longest_days"}

// UnitStatisticsCSV serves GET /unit/statistics.csv: one row per service and month.
func (w *Web) UnitStatisticsCSV(rw http.ResponseWriter, r *http.Request) {
	s, ok := w.statistics(rw, r)
	if !ok {
		return
	}
	h := rw.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="tildelingskontoret-statistikk-%d.csv"`, s.Year))
	h.Set("Cache-Control", "no-store")
	cw := csv.NewWriter(rw)
	rows := [][]string{statisticsColumns}
	for _, row := range s.Rows {
		c := row.Counts
		longest := ""
		if c.Timed > 0 {
			longest = strconv.Itoa(c.LongestDays)
		}
		rows = append(rows, []string{strconv.Itoa(s.Year), strconv.Itoa(int(row.Month)), row.Service, strconv.Itoa(c.Applications),
			strconv.Itoa(c.Decisions), strconv.Itoa(c.Refusals), strconv.Itoa(c.Appeals), strconv.Itoa(c.Timed), medianText(c), longest})
	}
	if err := cw.WriteAll(rows); err != nil {
		w.logger.DebugContext(r.Context(), "web: writing the statistics", "err", err)
	}
}
