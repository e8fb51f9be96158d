// Package demo loads the demo municipality, Fjellvik kommune: its units and staff, about twenty
// citizens at every stage of the coordinating unit's flow, families, and one user per role. The
// cases are made through internal/coordination's services, so the demo runs the real rules; ids
// and times are fixed (times relative to the day it is loaded), so two loads on the same day
// give the same records. Every name is made up; identity numbers are synthetic (80 added to the
// month), so they can never be a real person's.
package demo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/records"
	"veiviser/internal/settings"
	"veiviser/internal/signin"
	"veiviser/internal/store"
)

// ErrNotEmpty is Load's answer for a store that already holds records: the demo is loaded only
// into an empty store, so it never mixes with real data and a second start does not load it twice.
var ErrNotEmpty = errors.New("demo: the store is not empty; the demo municipality is loaded only into an empty store")

// Options configures Load.
type Options struct {
	Records  *records.Service // with coordination's rules registered, as serve does
	Accounts store.Accounts
	Settings store.Settings // when given, the municipality's name, contact and default language are set
	Today    time.Time      // the day the demo is "now" for; zero: the record layer's clock
	Logger   *slog.Logger
}

// loader holds the demo clock and the deterministic ids while it loads.
type loader struct {
	svc   *records.Service
	today time.Time
	co    *coordination.Service
	at    time.Time
	n     int
}

// Load fills an empty store with the demo municipality and its users.
func Load(ctx context.Context, opts Options) error {
	if opts.Records == nil || opts.Accounts == nil {
		return errors.New("demo: Records and Accounts are required")
	}
	if empty, err := isEmpty(ctx, opts.Records); err != nil || !empty {
		if err == nil {
			err = ErrNotEmpty
		}
		return err
	}
	today := opts.Today
	if today.IsZero() {
		today = opts.Records.Now()
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 9, 0, 0, 0, time.UTC)
	l := &loader{svc: opts.Records, at: today, today: today}
	co, err := coordination.New(coordination.Options{Records: opts.Records, Clock: func() time.Time { return l.at },
		NewID: l.newID, Unit: UnitKE, Logger: opts.Logger})
	if err != nil {
		return err
	}
	l.co = co
	if err := l.base(ctx); err != nil {
		return fmt.Errorf("demo: units and staff: %w", err)
	}
	if err := l.cases(ctx, today); err != nil {
		return fmt.Errorf("demo: cases: %w", err)
	}
	if err := l.applications(ctx, today); err != nil {
		return fmt.Errorf("demo: the allocation office: %w", err)
	}
	if err := l.casework(ctx, today); err != nil {
		return fmt.Errorf("demo: the allocation office: %w", err)
	}
	if err := l.pathways(ctx, today); err != nil {
		return fmt.Errorf("demo: care pathways: %w", err)
	}
	if err := addUsers(ctx, opts.Accounts, today); err != nil {
		return fmt.Errorf("demo: users: %w", err)
	}
	if opts.Settings != nil {
		admin := &access.Principal{UserID: "demo", Name: "Demo loader", Roles: []access.Role{access.Administrator}}
		site := settings.Site{Municipality: Municipality, Phone: "400 10 000", Email: "postmottak@fjellvik.kommune.example",
			Address: "Rådhusvegen 1, 9999 Fjellvik", DefaultLanguage: i18n.Bokmal}
		if err := settings.New(opts.Settings, func() time.Time { return today }, settings.Site{}).Save(ctx, admin, site); err != nil {
			return fmt.Errorf("demo: settings: %w", err)
		}
	}
	if opts.Logger != nil {
		opts.Logger.Info("demo municipality loaded", "municipality", Municipality, "users", len(Users()))
	}
	return nil
}

func isEmpty(ctx context.Context, svc *records.Service) (bool, error) {
	for _, typ := range []string{"Patient", "Organization"} {
		res, err := svc.Search(ctx, typ, url.Values{"_count": {"1"}})
		if err != nil {
			return false, err
		}
		if len(res.Page.Records) > 0 {
			return false, nil
		}
	}
	return true, nil
}

func (l *loader) newID() string { l.n++; return fmt.Sprintf("demo%05d", l.n) }

// put stores a resource under its own id.
func (l *loader) put(ctx context.Context, r *fhir.Resource) error {
	_, _, err := l.svc.Update(ctx, r.Type(), r.ID(), r, "")
	return err
}

// base stores the units, the staff, the coordinator register and the citizens.
func (l *loader) base(ctx context.Context) error {
	ctx = access.WithPrincipal(ctx, &access.Principal{ClientID: "demo", Name: "Demo loader", Scopes: []string{"system/*.*"}})
	for _, u := range unitList {
		if err := l.put(ctx, organization(u)); err != nil {
			return err
		}
	}
	lead := Users()[5].principal()
	for _, s := range staffList {
		if s.kinds == nil {
			if err := l.put(ctx, practitioner(s)); err != nil {
				return err
			}
			if err := l.put(ctx, practitionerRole(s)); err != nil {
				return err
			}
			continue
		}
		c := coordinators.Coordinator{ID: "Practitioner/" + s.id, RoleID: "PractitionerRole/" + s.id + "-coordinator", Name: s.name,
			Unit: "Organization/" + s.unit, UnitName: unitList[0].name, Phone: s.phone, Email: s.id[2:] + "@fjellvik.kommune.example",
			Kinds: s.kinds, Active: true, Courses: []coordinators.Course{
				{Name: "Koordinatoropplæring, grunnkurs", Completed: date(2024, 10, 15), Provider: "Koordinerende enhet"},
			}}
		if _, err := l.co.SaveCoordinator(access.WithPrincipal(ctx, lead), c); err != nil {
			return err
		}
	}
	for i, c := range citizens {
		if err := l.put(ctx, patient(c, i%5)); err != nil {
			return err
		}
	}
	for _, rp := range relatives {
		if err := l.put(ctx, relatedPerson(rp.id, rp.patient, rp.name, rp.code)); err != nil {
			return err
		}
	}
	return nil
}

func addUsers(ctx context.Context, accounts store.Accounts, now time.Time) error {
	for _, u := range Users() {
		_, err := signin.AddUser(ctx, accounts, signin.NewUser{Username: u.Username, Password: Password, Name: u.Name,
			Roles: []access.Role{u.Role}, PatientID: u.PatientID, PractitionerID: u.PractitionerID,
			RelatedPersonIDs: u.RelatedPersonIDs, Units: u.Units}, now)
		if err != nil {
			return fmt.Errorf("%s: %w", u.Username, err)
		}
	}
	for _, u := range unitList {
		if err := accounts.PutUnit(ctx, store.OrgUnit{ID: u.id, Name: u.name, Kind: u.kind}); err != nil {
			return err
		}
	}
	return nil
}
