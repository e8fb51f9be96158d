package reporting

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// Citizen is what the report says of a person besides their services, from their Patient.
type Citizen struct {
	Ref    string // Patient/...
	NIN    string
	IDType string // FNR or DNR; "" without an identity number
	Gender string // FHIR administrative gender
	Birth  time.Time
}

// Sources are the records a year's report is drawn from, read by Service.KPR (or a test).
type Sources struct {
	Decisions   []allocation.Decision
	Received    map[string]time.Time // the date each applied-for service was received, by ServiceRequest/...
	Assessments map[string][]allocation.Assessment
	Plans       map[string][]kernel.Period // the periods of each person's plans in force (active, on hold, completed)
	Coordinator map[string][]kernel.Period // the periods of each person's coordinator appointments
	Citizens    map[string]Citizen         // by Patient/...
	Functions   allocation.Functions       // the order the scores are written in
}

// Summary is what the operator is told besides the file: who and what was left out, and why.
type Summary struct {
	Persons    int
	Services   int
	Refusals   int
	Unmapped   map[string]int // services not reported, by catalogue code (kprservices.json says why)
	NoIdentity int            // persons left out: no identity number to report them by
}

// Header is the report's sender part, given by the operator.
type Header struct {
	Municipality string
	Version      string
	Made         time.Time
}

// BuildKPR is the year's report: each person with a decided service running at some time in
// the year, or a refusal decided in it, with those services (their period as decided, hours a
// week by HoursPerWeek) and refusals (with the date the application was received), whether a
// plan and a coordinator appointment were in force at some time in the year, and the scores of
// their latest assessment dated in the year. A replaced decision ran until the day before the
// one that replaced it started. People are in the order of their identity numbers, a person's
// services by start and code.
func BuildKPR(year int, src Sources, codes KPRServices, h Header) (File, Summary) {
	first := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	sum := Summary{Unmapped: map[string]int{}}
	ends := replacedEnds(src.Decisions)
	persons := map[string]*Person{}
	person := func(ref string) *Person {
		if p, ok := persons[ref]; ok {
			return p
		}
		p := &Person{}
		persons[ref] = p
		return p
	}
	for _, d := range src.Decisions {
		if d.Status == allocation.Drafted {
			continue
		}
		if d.Outcome == allocation.Refused {
			if d.Decided.Year() != year {
				continue
			}
			kpr, ok := codes.Code(d.Code)
			if !ok {
				sum.Unmapped[d.Code]++
				continue
			}
			p := person(d.Subject)
			p.Refusals = append(p.Refusals, Refusal{Type: kpr.KPR, Own: d.Code, Decision: d.ID,
				Received: kernel.DateOnly(src.Received[d.Applied]), Refused: kernel.DateOnly(d.Decided)})
			continue
		}
		end, ran := d.End, !d.Start.IsZero()
		if d.Status == allocation.Replaced {
			// it ran until its replacement started; without the replacement it is not known
			replaced := ends[d.ID]
			ran = ran && !replaced.IsZero()
			if end.IsZero() || replaced.Before(end) {
				end = replaced
			}
		}
		if !ran || d.Start.After(last) || !end.IsZero() && (end.Before(first) || end.Before(d.Start)) {
			continue
		}
		kpr, ok := codes.Code(d.Code)
		if !ok {
			sum.Unmapped[d.Code]++
			continue
		}
		s := GivenService{Type: kpr.KPR, Own: d.Code, Decision: d.ID, From: kernel.DateOnly(d.Start), To: kernel.DateOnly(end)}
		if hours, ok := HoursPerWeek(d.Scope, d.Unit); ok {
			s.Hours = strconv.FormatFloat(hours, 'f', 2, 64)
		}
		p := person(d.Subject)
		p.Services = append(p.Services, s)
	}
	out := File{Version: LayoutVersion, Year: year, Sender: Sender{Municipality: h.Municipality, System: "Veiviser", Version: h.Version,
		From: kernel.DateOnly(first), To: kernel.DateOnly(last), Made: h.Made.UTC().Format(time.RFC3339)}}
	for ref, p := range persons {
		c, ok := src.Citizens[ref]
		if !ok || c.NIN == "" {
			sum.NoIdentity++
			continue
		}
		p.NIN, p.IDType, p.Sex, p.Municipality = c.NIN, c.IDType, sexCode(c.Gender), h.Municipality
		if !c.Birth.IsZero() {
			p.BirthYear, p.Age = c.Birth.Year(), ageOn(c.Birth, last)
		}
		p.Plan = anyOverlaps(src.Plans[ref], first, last)
		p.Coordinator = anyOverlaps(src.Coordinator[ref], first, last)
		p.Functions = latestScores(src.Assessments[ref], year, src.Functions)
		slices.SortFunc(p.Services, func(a, b GivenService) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Own, b.Own)) })
		slices.SortFunc(p.Refusals, func(a, b Refusal) int { return cmp.Or(cmp.Compare(a.Refused, b.Refused), cmp.Compare(a.Own, b.Own)) })
		sum.Services += len(p.Services)
		sum.Refusals += len(p.Refusals)
		out.Persons = append(out.Persons, *p)
	}
	slices.SortFunc(out.Persons, func(a, b Person) int { return cmp.Compare(a.NIN, b.NIN) })
	sum.Persons = len(out.Persons)
	return out, sum
}

// replacedEnds is, for each replaced decision, the day before the decision replacing it started
// (zero when that one gives no service, or the replacement is not among ds).
func replacedEnds(ds []allocation.Decision) map[string]time.Time {
	out := map[string]time.Time{}
	for _, d := range ds {
		if d.Replaces != "" && d.Status != allocation.Drafted && !d.Start.IsZero() {
			out[kernel.IDOf(d.Replaces)] = d.Start.AddDate(0, 0, -1)
		}
	}
	return out
}

// sexCode is FHIR's gender as the register's sex code (Volven 3101 as docs/kpr.md has it).
func sexCode(gender string) string {
	switch gender {
	case "male":
		return "1"
	case "female":
		return "2"
	case "other":
		return "9"
	}
	return "0"
}

// ageOn is the age in full years on day.
func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || day.Month() == birth.Month() && day.Day() < birth.Day() {
		age--
	}
	return age
}

// anyOverlaps says whether one of ps overlaps [first, last]; an open start or end is open.
func anyOverlaps(ps []kernel.Period, first, last time.Time) bool {
	for _, p := range ps {
		if (p.Start.IsZero() || !lawdata.DateOf(p.Start).Time(time.UTC).After(last)) && (p.End.IsZero() || !p.End.Before(first)) {
			return true
		}
	}
	return false
}

// latestScores are the scores of the last assessment dated in year, in the order of the
// variables; nil when none was scored in the year.
func latestScores(as []allocation.Assessment, year int, f allocation.Functions) *Functions {
	var latest *allocation.Assessment
	for i, a := range as {
		if len(a.Scores) == 0 || a.At.Year() != year {
			continue
		}
		if latest == nil || a.At.After(latest.At) {
			latest = &as[i]
		}
	}
	if latest == nil {
		return nil
	}
	out := &Functions{Assessed: kernel.DateOnly(latest.At)}
	for _, v := range f.Variables {
		if score, ok := latest.Scores[v.Code]; ok {
			out.Scores = append(out.Scores, Variable{Code: v.Code, Score: score})
		}
	}
	return out
}
