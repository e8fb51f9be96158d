package signin

import (
	"context"
	"slices"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Linkable is a record or unit a user can be linked to: a member of staff or an organisation
// unit (staff data only: citizens are linked by their national identity number, matched at
// ID-porten sign-in, so the administrator's pages list no citizen). Kind is a unit's kind.
type Linkable struct {
	ID, Name, Kind string
}

// CheckLinks refuses a new user linked to a Patient, Practitioner, RelatedPerson or unit that
// does not exist (a user of a missing record signs in to pages that fail). missing names them.
func CheckLinks(ctx context.Context, rd store.Reader, accounts store.Accounts, nu NewUser) (missing []string, err error) {
	exists := func(typ, id string) {
		if id == "" {
			return
		}
		if rec, err := rd.Get(ctx, typ, id); err != nil || rec.Deleted {
			missing = append(missing, typ+"/"+id)
		}
	}
	exists("Patient", nu.PatientID)
	exists("Practitioner", nu.PractitionerID)
	for _, id := range nu.RelatedPersonIDs {
		exists("RelatedPerson", id)
	}
	if len(nu.Units) == 0 {
		return missing, nil
	}
	units, err := accounts.Units(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range nu.Units {
		known := slices.ContainsFunc(units, func(u store.OrgUnit) bool { return u.ID == id })
		if rec, err := rd.Get(ctx, "Organization", id); !known && (err != nil || rec.Deleted) {
			missing = append(missing, "unit "+id)
		}
	}
	return missing, nil
}

// AddUser adds a user as the administrator: the same checks as `veiviser user add` (NewUser's,
// and that every link exists).
func (a *Admin) AddUser(ctx context.Context, nu NewUser) error {
	p, err := administrator(ctx)
	if err != nil {
		return err
	}
	if a.records == nil {
		return apperr.New(apperr.Internal, "user administration: no records to check links against")
	}
	missing, err := CheckLinks(ctx, a.records, a.accounts, nu)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return kernel.Violation("Finnes ikke: "+strings.Join(missing, ", ")+".", "Not found: "+strings.Join(missing, ", ")+".")
	}
	u, err := AddUser(ctx, a.accounts, nu, time.Now())
	if err != nil {
		return err
	}
	a.log.InfoContext(ctx, "user administration: user added", "by", p.Username, "user", u.ID, "roles", u.Roles)
	return nil
}

// Staff lists the members of staff (Practitioner records) a user can be linked to, by name.
func (a *Admin) Staff(ctx context.Context) ([]Linkable, error) {
	if _, err := administrator(ctx); err != nil {
		return nil, err
	}
	if a.records == nil {
		return nil, nil
	}
	recs, err := store.SearchAll(ctx, a.records, search.Query{Type: "Practitioner"})
	if err != nil {
		return nil, err
	}
	out := make([]Linkable, 0, len(recs))
	for _, rec := range recs {
		r, err := fhir.Parse(rec.Body)
		if err != nil {
			continue
		}
		out = append(out, Linkable{ID: r.ID(), Name: kernel.NameOf(r)})
	}
	slices.SortFunc(out, func(x, y Linkable) int { return strings.Compare(x.Name, y.Name) })
	return out, nil
}

// Units lists the organisation units, by id.
func (a *Admin) Units(ctx context.Context) ([]Linkable, error) {
	if _, err := administrator(ctx); err != nil {
		return nil, err
	}
	units, err := a.accounts.Units(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Linkable, 0, len(units))
	for _, u := range units {
		out = append(out, Linkable{ID: u.ID, Name: u.Name, Kind: u.Kind})
	}
	return out, nil
}

// MaxUnitID and MaxUnitName bound a unit's id and name.
const (
	MaxUnitID   = 64
	MaxUnitName = 200
)

// AddUnit adds an organisation unit (an id of letters, digits and dashes, and a name); an id in
// use is refused, not replaced.
func (a *Admin) AddUnit(ctx context.Context, id, name, kind string) error {
	p, err := administrator(ctx)
	if err != nil {
		return err
	}
	u := store.OrgUnit{ID: strings.TrimSpace(id), Name: strings.TrimSpace(name), Kind: strings.TrimSpace(kind)}
	if err := validUnit(u); err != nil {
		return err
	}
	units, err := a.accounts.Units(ctx)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(units, func(x store.OrgUnit) bool { return x.ID == u.ID }) {
		return kernel.Text{NB: "Det finnes alt en enhet med id " + u.ID + ".", EN: "There is a unit with id " + u.ID + " already."}.Err(apperr.Conflict)
	}
	if err := a.accounts.PutUnit(ctx, u); err != nil {
		return err
	}
	a.log.InfoContext(ctx, "user administration: unit added", "by", p.Username, "unit", u.ID)
	return nil
}

func validUnit(u store.OrgUnit) error {
	switch {
	case u.ID == "" || len(u.ID) > MaxUnitID || strings.Trim(u.ID, "abcdefghijklmnopqrstuvwxyz0123456789-") != "":
		return kernel.Violation("Id-en skal være små bokstaver a–z, tall og bindestrek, høyst 64 tegn.",
			"The id is lower-case letters a–z, digits and dashes, at most 64 characters.")
	case u.Name == "" || len([]rune(u.Name)) > MaxUnitName:
		return kernel.Violation("Skriv enhetens navn, høyst 200 tegn.", "Write the unit's name, at most 200 characters.")
	case len([]rune(u.Kind)) > MaxUnitID:
		return kernel.Violation("Typen kan ha høyst 64 tegn.", "The kind has at most 64 characters.")
	}
	return nil
}
