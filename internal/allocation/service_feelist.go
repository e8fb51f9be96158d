package allocation

import (
	"context"
	"slices"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// FeeListRow is one line of the monthly fee list the finance system bills from: one decision
// in force in the month, of a service with a fee.
type FeeListRow struct {
	Month     time.Time // the first day of the month
	Patient   string    // Patient/...
	NIN, Name string    // the citizen's identity number and name
	Decision  string    // ServiceRequest/...
	Reference string
	Service   string // the catalogue's code
	Rule      fees.Rule
	Total     fees.Money
	// Missing: the month's amounts are not in the fee table yet; nothing is billed until the
	// office enters them.
	Missing     bool
	Computation fees.Computation // how, for the office's page
}

// FeeList is the month's fee list (the office's staff): every decision in force some day of the
// month whose service has a fee, computed from the amounts in force that month and each citizen's
// latest income. The store is read a fixed number of times whatever the number of citizens, and
// each citizen on the list is logged as read.
func (s *Service) FeeList(ctx context.Context, month time.Time) ([]FeeListRow, error) {
	if _, err := s.officer(ctx); err != nil {
		return nil, err
	}
	month = time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, month.Location())
	t, err := s.FeeTable(ctx)
	if err != nil {
		return nil, err
	}
	byPatient, err := s.activeDecisions(ctx)
	if err != nil {
		return nil, err
	}
	incomes, err := s.allIncomes(ctx)
	if err != nil {
		return nil, err
	}
	patients := make([]string, 0, len(byPatient))
	for p := range byPatient {
		patients = append(patients, p)
	}
	slices.Sort(patients)
	people, err := s.patientPeople(ctx, patients)
	if err != nil {
		return nil, err
	}
	var rows []FeeListRow
	var listed []string
	for _, p := range patients {
		facts := FeeFacts{Table: t, Income: latestIncome(incomes[p]), Decisions: byPatient[p], RuleOf: s.feeRuleOf}
		n := len(rows)
		for _, d := range byPatient[p] {
			kind, ok := s.catalogue.Kind(d.Code)
			if !ok || !inForceIn(d, month) || kind.FeeRule == fees.Free || kind.FeeRule == fees.NotCharged {
				continue
			}
			on := month
			if d.Start.After(on) {
				on = d.Start
			}
			c, err := ComputeFee(kind, d, on, facts)
			row := FeeListRow{Month: month, Patient: p, NIN: people[p].nin, Name: people[p].name, Decision: "ServiceRequest/" + d.ID,
				Reference: d.Reference, Service: d.Code, Rule: kind.FeeRule}
			switch {
			case apperr.Is(err, apperr.NotFound):
				row.Missing = true
			case err != nil:
				return nil, err
			default:
				row.Total, row.Computation = c.Total, c
			}
			rows = append(rows, row)
		}
		if len(rows) > n {
			listed = append(listed, p)
		}
	}
	return rows, s.logReads(ctx, listed, "ServiceRequest?intent=order", "Task?code="+TaskIncome)
}

// inForceIn says whether a signed decision gives its service some day of month.
func inForceIn(d Decision, month time.Time) bool {
	end := month.AddDate(0, 1, 0)
	return d.Status == Signed && d.Outcome != Refused && !d.Start.IsZero() && d.Start.Before(end) &&
		(d.End.IsZero() || !d.End.Before(month))
}

// activeDecisions are the signed decisions in force or to come (status active), by citizen.
func (s *Service) activeDecisions(ctx context.Context) (map[string][]Decision, error) {
	found, err := s.wf.Find(ctx, "ServiceRequest", "intent", "order", "status", "active")
	if err != nil {
		return nil, err
	}
	out := map[string][]Decision{}
	for _, r := range found {
		if !IsDecision(r) {
			continue
		}
		d, err := DecisionFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out[d.Subject] = append(out[d.Subject], d)
	}
	return out, nil
}

// allIncomes are every citizen's income statements, newest first, by citizen.
func (s *Service) allIncomes(ctx context.Context) (map[string][]IncomeStatement, error) {
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskIncome)
	if err != nil {
		return nil, err
	}
	out := map[string][]IncomeStatement{}
	for _, r := range found {
		st, err := IncomeFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out[st.Subject] = append(out[st.Subject], st)
	}
	for _, list := range out {
		slices.SortStableFunc(list, func(a, b IncomeStatement) int { return b.Received.Compare(a.Received) })
	}
	return out, nil
}

// person is what a list shows of a citizen.
type person struct{ name, nin string }

// patientPeople are the citizens' names and identity numbers, one store query per thousand.
func (s *Service) patientPeople(ctx context.Context, refs []string) (map[string]person, error) {
	out := make(map[string]person, len(refs))
	var ids []string
	for _, ref := range refs {
		if id, ok := strings.CutPrefix(ref, "Patient/"); ok && fhir.ValidID(id) {
			ids = append(ids, id)
		}
	}
	for chunk := range slices.Chunk(ids, store.MaxCount) {
		found, err := store.SearchAll(ctx, s.wf.Store(), search.Query{Type: "Patient", IDs: chunk, Count: store.MaxCount})
		if err != nil {
			return nil, err
		}
		for _, rec := range found {
			if r := records.Parsed(rec); r != nil {
				out["Patient/"+rec.ID] = person{name: kernel.NameOf(r), nin: nationalID(r)}
			}
		}
	}
	return out, nil
}

// nationalID is a Patient's fødselsnummer, or its D-nummer when it has none.
func nationalID(r *fhir.Resource) string {
	var dnr string
	for _, id := range kernel.Objects(r.Object(), "identifier") {
		switch kernel.PathString(id, "system") {
		case fhir.SystemFNR:
			return kernel.PathString(id, "value")
		case fhir.SystemDNR:
			dnr = kernel.PathString(id, "value")
		}
	}
	return dnr
}

// CurrentFee is what a citizen pays for one decision in a month, and how.
type CurrentFee struct {
	Decision    Decision
	Service     string // the service's name in the language asked for
	Computation fees.Computation
	Missing     bool // the month's amounts are not entered yet
}

// FeesOf are the fees of the citizen's decisions in force in the month holding on, computed
// from the amounts of that month and the latest income, for whoever has the citizen in reach:
// after a new income statement they are computed again from it.
func (s *Service) FeesOf(ctx context.Context, patient string, on time.Time, lang i18n.Lang) ([]CurrentFee, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	facts, err := s.feeFacts(ctx, patient)
	if err != nil {
		return nil, err
	}
	month := time.Date(on.Year(), on.Month(), 1, 0, 0, 0, 0, on.Location())
	var out []CurrentFee
	for _, d := range facts.Decisions {
		kind, ok := s.catalogue.Kind(d.Code)
		if !ok || !inForceIn(d, month) {
			continue
		}
		day := month
		if d.Start.After(day) {
			day = d.Start
		}
		c, err := ComputeFee(kind, d, day, facts)
		f := CurrentFee{Decision: d, Service: kind.Name.In(lang), Computation: c}
		switch {
		case apperr.Is(err, apperr.NotFound):
			f.Missing = true
		case err != nil:
			return nil, err
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b CurrentFee) int { return a.Decision.Start.Compare(b.Decision.Start) })
	return out, s.wf.LogRead(ctx, patient, "ServiceRequest?intent=order", "Task?code="+TaskIncome)
}
