package signin

import (
	"context"
	"log/slog"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

// Admin is the administrator's user administration in the web: the users with their roles and
// links, disabling a user (which ends their sessions at once) and enabling them again, and a
// new password. Every method is the administrator's only.
type Admin struct {
	accounts store.Accounts
	records  store.Reader // the records a new user's links are checked against, and staff listed from
	log      *slog.Logger
}

// NewAdmin returns the user administration over accounts and records; logger nil discards.
func NewAdmin(accounts store.Accounts, records store.Reader, logger *slog.Logger) *Admin {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Admin{accounts: accounts, records: records, log: logger}
}

// UserEntry is one user as the administrator's list shows them.
type UserEntry struct {
	ID, Username, Name string
	Roles              []string
	Links              []string // the records and units the user is linked to
	Disabled           bool
	Created            time.Time
}

func administrator(ctx context.Context) (*access.Principal, error) {
	p, ok := access.FromContext(ctx)
	if !ok || !p.Has(access.Administrator) {
		return nil, kernel.Text{NB: "Brukeradministrasjonen er administratorens.", EN: "User administration is the administrator's."}.Err(apperr.Forbidden)
	}
	return p, nil
}

// Users lists every user, by username.
func (a *Admin) Users(ctx context.Context) ([]UserEntry, error) {
	if _, err := administrator(ctx); err != nil {
		return nil, err
	}
	users, err := a.accounts.Users(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]UserEntry, 0, len(users))
	for _, u := range users {
		e := UserEntry{ID: u.ID, Username: u.Username, Name: u.Name, Roles: u.Roles, Disabled: u.Disabled, Created: u.Created}
		for _, l := range []struct{ typ, id string }{{"Patient", u.PatientID}, {"Practitioner", u.PractitionerID}} {
			if l.id != "" {
				e.Links = append(e.Links, l.typ+"/"+l.id)
			}
		}
		for _, id := range u.RelatedPersonIDs {
			e.Links = append(e.Links, "RelatedPerson/"+id)
		}
		for _, id := range u.Units {
			e.Links = append(e.Links, "Organization/"+id)
		}
		out = append(out, e)
	}
	return out, nil
}

// SetDisabled disables or enables the user; disabling ends every session of theirs at once. An
// administrator does not disable themself (the last one would lock everyone out).
func (a *Admin) SetDisabled(ctx context.Context, id string, disabled bool) error {
	p, err := administrator(ctx)
	if err != nil {
		return err
	}
	if disabled && id == p.UserID {
		return kernel.Violation("Du kan ikke deaktivere deg selv.", "You cannot disable yourself.")
	}
	if err := a.accounts.SetUserDisabled(ctx, id, disabled); err != nil {
		return err
	}
	a.log.InfoContext(ctx, "user administration", "by", p.Username, "user", id, "disabled", disabled)
	return nil
}

// SetPassword gives the user a new password (at least MinPasswordLength characters).
func (a *Admin) SetPassword(ctx context.Context, id, password string) error {
	p, err := administrator(ctx)
	if err != nil {
		return err
	}
	if len([]rune(password)) < MinPasswordLength {
		return kernel.Violation("Passordet må ha minst 10 tegn.", "The password needs at least 10 characters.")
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := a.accounts.SetUserPassword(ctx, id, hash); err != nil {
		return err
	}
	a.log.InfoContext(ctx, "user administration: new password", "by", p.Username, "user", id)
	return nil
}
