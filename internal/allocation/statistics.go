package allocation

import (
	"slices"
	"time"

	"veiviser/internal/kernel"
)

// Counts are what happened to applications in a period: services applied for, decisions
// signed (refusals among them), appeals received, and the processing time of the decisions
// whose application is known: days from the application received to its decision, median and
// longest.
type Counts struct {
	Applications int
	Decisions    int
	Refusals     int
	Appeals      int
	Timed        int     // the decisions with a processing time
	MedianDays   float64 // of the timed decisions; 0 when none
	LongestDays  int
}

// ServiceMonth is one service's counts in one month (Month 0: the whole year).
type ServiceMonth struct {
	Service string // the catalogue's code; "" for every service together
	Month   time.Month
	Counts
}

// Statistics are a year's counts for the unit lead: per service and month, per month over
// every service, and per service over the year. Counts only: nobody's name or record.
type Statistics struct {
	Year     int
	Services []string       // the services with anything in the year, in the catalogue's order
	Rows     []ServiceMonth // twelve per service, in the order of Services
	Months   []ServiceMonth // twelve, every service together
	Totals   []ServiceMonth // one per service, the whole year
}

// CountStatistics counts the year: a service applied for in the month its application was
// received; a decision (drafts aside) in the month it was signed, a refusal also as such, and
// its processing time from the day its application was received (when that application is
// among apps; a decision that replaced another, after an appeal or a change request, is timed
// only when its own application asked for it: the one carried out on an appeal keeps the first
// application, whose clock had stopped); an appeal in the month it was received, under the
// service of the decision appealed against. order is the catalogue's order of the services; a
// service it does not name comes after, by code.
func CountStatistics(year int, order []string, apps []Application, decisions []Decision, appeals []Appeal) Statistics {
	received := map[string]time.Time{}
	type key struct {
		service string
		month   time.Month
	}
	counts := map[key]*Counts{}
	days := map[key][]int{}
	add := func(service string, month time.Month, f func(*Counts)) {
		keys := []key{{service, month}, {"", month}, {service, 0}}
		if service == "" { // an appeal on a decision not read: counted in its month only
			keys = keys[1:2]
		}
		for _, k := range keys {
			if counts[k] == nil {
				counts[k] = &Counts{}
			}
			f(counts[k])
		}
	}
	for _, a := range apps {
		for _, s := range a.Services {
			received["ServiceRequest/"+s.ID] = a.Received
			if a.Received.Year() == year {
				add(s.Code, a.Received.Month(), func(c *Counts) { c.Applications++ })
			}
		}
	}
	service := map[string]string{}
	first := map[string]Decision{} // the first decision signed on each applied-for service
	for _, d := range decisions {
		service["ServiceRequest/"+d.ID] = d.Code
		if f, ok := first[d.Applied]; d.Status != Drafted && (!ok || d.Decided.Before(f.Decided)) {
			first[d.Applied] = d
		}
	}
	for _, d := range decisions {
		if d.Status == Drafted || d.Decided.Year() != year {
			continue
		}
		m := d.Decided.Month()
		add(d.Code, m, func(c *Counts) {
			c.Decisions++
			if d.Outcome == Refused {
				c.Refusals++
			}
		})
		if got, ok := received[d.Applied]; ok && first[d.Applied].ID == d.ID {
			n := max(0, kernel.DaysBetween(got, d.Decided))
			for _, k := range []key{{d.Code, m}, {"", m}, {d.Code, 0}} {
				days[k] = append(days[k], n)
			}
		}
	}
	for _, a := range appeals {
		if a.Received.Year() != year {
			continue
		}
		code := service[a.Decision]
		add(code, a.Received.Month(), func(c *Counts) { c.Appeals++ })
	}
	for k, ds := range days {
		c := counts[k]
		c.Timed, c.MedianDays, c.LongestDays = len(ds), Median(ds), slices.Max(ds)
	}
	out := Statistics{Year: year}
	for _, code := range order {
		if counts[key{code, 0}] != nil && !slices.Contains(out.Services, code) {
			out.Services = append(out.Services, code)
		}
	}
	var others []string
	for k := range counts {
		if k.service != "" && k.month == 0 && !slices.Contains(order, k.service) {
			others = append(others, k.service)
		}
	}
	slices.Sort(others)
	out.Services = append(out.Services, others...)
	at := func(service string, month time.Month) ServiceMonth {
		sm := ServiceMonth{Service: service, Month: month}
		if c := counts[key{service, month}]; c != nil {
			sm.Counts = *c
		}
		return sm
	}
	for _, code := range out.Services {
		for m := time.January; m <= time.December; m++ {
			out.Rows = append(out.Rows, at(code, m))
		}
		out.Totals = append(out.Totals, at(code, 0))
	}
	for m := time.January; m <= time.December; m++ {
		out.Months = append(out.Months, at("", m))
	}
	return out
}

// Median is the middle of days, or the mean of the two middle ones; 0 for none.
func Median(days []int) float64 {
	if len(days) == 0 {
		return 0
	}
	s := slices.Clone(days)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}
