package signin

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// MinPasswordLength is the shortest password AddUser takes (NSM's advice: length over rules).
const MinPasswordLength = 10

// NewUser is what AddUser needs to create a local user.
type NewUser struct {
	Username, Password, Name string
	Roles                    []access.Role
	PatientID                string   // a citizen's Patient
	PractitionerID           string   // staff
	RelatedPersonIDs         []string // a relative's RelatedPerson resources
	Units                    []string // organisation units of staff
	NationalID               string   // a citizen's fødselsnummer or d-nummer, for ID-porten sign-in
	// OIDCOnly makes a user without a password, who signs in only through OpenID Connect.
	OIDCOnly bool
}

// AddUser checks nu, hashes the password and stores the user; apperr.Invalid names what is wrong,
// apperr.Conflict says the username is taken.
func AddUser(ctx context.Context, a store.Accounts, nu NewUser, now time.Time) (store.User, error) {
	if err := nu.validate(); err != nil {
		return store.User{}, apperr.New(apperr.Invalid, "%v", err)
	}
	var hash string // "" matches no password: see check
	if !nu.OIDCOnly {
		var err error
		if hash, err = HashPassword(nu.Password); err != nil {
			return store.User{}, err
		}
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return store.User{}, fmt.Errorf("user id: %w", err)
	}
	u := store.User{ID: hex.EncodeToString(id), Username: NormalizeUsername(nu.Username), Name: nu.Name,
		PasswordHash: hash, PatientID: nu.PatientID, PractitionerID: nu.PractitionerID,
		RelatedPersonIDs: nu.RelatedPersonIDs, Units: nu.Units, NationalID: nu.NationalID, Created: now.UTC()}
	for _, r := range nu.Roles {
		u.Roles = append(u.Roles, string(r))
	}
	if err := a.CreateUser(ctx, u); err != nil {
		return store.User{}, err
	}
	return u, nil
}

func (nu NewUser) validate() error {
	var errs []error
	if NormalizeUsername(nu.Username) == "" {
		errs = append(errs, errors.New("username is required"))
	}
	if utf8.RuneCountInString(NormalizeUsername(nu.Username)) > MaxUsernameRunes {
		errs = append(errs, fmt.Errorf("username: at most %d characters", MaxUsernameRunes))
	}
	switch {
	case nu.OIDCOnly && nu.Password != "":
		errs = append(errs, errors.New("a user who signs in only through OpenID Connect has no password"))
	case !nu.OIDCOnly && utf8.RuneCountInString(nu.Password) < MinPasswordLength:
		errs = append(errs, fmt.Errorf("password must have at least %d characters", MinPasswordLength))
	}
	if nu.NationalID != "" && !ValidNationalID(nu.NationalID) {
		errs = append(errs, errors.New("national identity number: want 11 digits")) // not echoed: personal data
	}
	if len(nu.Roles) == 0 {
		errs = append(errs, errors.New("at least one role is required"))
	}
	for _, r := range nu.Roles {
		if !access.ValidRole(r) {
			errs = append(errs, fmt.Errorf("unknown role %q (want one of %v)", r, access.Roles()))
		}
	}
	return errors.Join(errs...)
}
