package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"veiviser/internal/apperr"
)

// User is a person who signs in. Roles are access.Role values as strings: the store does not
// interpret them.
type User struct {
	ID               string
	Username         string // unique; the sign-in code keeps it in lower case
	Name             string
	PasswordHash     string // argon2id in PHC form; "" for a user who signs in only through OpenID Connect
	Roles            []string
	PatientID        string
	PractitionerID   string
	RelatedPersonIDs []string
	Units            []string // OrgUnit ids
	NationalID       string   // fødselsnummer or d-nummer, matched at OpenID Connect sign-in; "" for none
	Disabled         bool
	Language         string // the language chosen for pages and letters ("nb", "nn", "en"); "" for none
	Created          time.Time
}

// OrgUnit is an organisation unit (the coordinating unit, the allocation office, home nursing, ...).
type OrgUnit struct {
	ID   string
	Name string
	Kind string // e.g. "coordinating-unit", "allocation-office", "home-nursing"
}

// Session is one signed-in browser. The store only ever sees a hash of the cookie's token.
type Session struct {
	TokenHash string
	UserID    string
	Data      string    // JSON the sign-in code owns
	Created   time.Time // the absolute expiry counts from here
	LastSeen  time.Time // the idle expiry counts from here
	Expires   time.Time // the absolute expiry; rows past it are purged
}

// Accounts keeps users, organisation units, failed sign-ins and sessions. It is a separate
// interface from Store so the record layer never sees it; the store Open returns implements it:
// get it with AccountsOf.
type Accounts interface {
	// CreateUser adds u; apperr.Conflict when the id or the username is taken.
	CreateUser(ctx context.Context, u User) error
	// UserByUsername and UserByID return apperr.NotFound when there is no such user.
	UserByUsername(ctx context.Context, username string) (User, error)
	UserByID(ctx context.Context, id string) (User, error)
	// UserByNationalID returns the user recording the national identity number (OpenID Connect
	// sign-in of citizens); apperr.NotFound when none does.
	UserByNationalID(ctx context.Context, nationalID string) (User, error)
	// Users lists every user, by username.
	Users(ctx context.Context) ([]User, error)
	// SetUserDisabled disables or enables the user with id; disabling ends every session of
	// theirs in the same transaction, so they are signed out at once. apperr.NotFound when there
	// is no such user.
	SetUserDisabled(ctx context.Context, id string, disabled bool) error
	// SetUserPassword replaces the user's password hash; apperr.NotFound when there is no such user.
	SetUserPassword(ctx context.Context, id, hash string) error
	// SetUserLanguage records the language the user chose; apperr.NotFound when there is no such user.
	SetUserLanguage(ctx context.Context, id, language string) error
	// PatientLanguage is the language the citizen's own user (linked to the Patient id) chose; ""
	// when no such user chose one.
	PatientLanguage(ctx context.Context, patientID string) (string, error)

	// PutUnit adds or replaces a unit; Units lists them by id.
	PutUnit(ctx context.Context, u OrgUnit) error
	Units(ctx context.Context) ([]OrgUnit, error)

	// AddLoginFailure records a failed sign-in under each key at the time at.
	AddLoginFailure(ctx context.Context, at time.Time, keys ...string) error
	// LoginFailures counts key's failures at or after since.
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	// ClearLoginFailures forgets key's failures (after a successful sign-in) and every failure
	// before olderThan, so the table does not grow.
	ClearLoginFailures(ctx context.Context, key string, olderThan time.Time) error

	// PutSession adds or replaces a session.
	PutSession(ctx context.Context, s Session) error
	// Session returns the session with the token hash; apperr.NotFound when there is none.
	Session(ctx context.Context, tokenHash string) (Session, error)
	// TouchSession moves a session's LastSeen.
	TouchSession(ctx context.Context, tokenHash string, lastSeen time.Time) error
	// DeleteSession removes a session; removing a missing one is not an error.
	DeleteSession(ctx context.Context, tokenHash string) error
	// DeleteExpiredSessions removes sessions whose absolute expiry is before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
}

// AccountsOf returns the Accounts of a store made by Open.
func AccountsOf(s Store) (Accounts, error) { return part[Accounts](s, "accounts") }

func (s *sqlStore) CreateUser(ctx context.Context, u User) (err error) {
	defer wrap(&err, "store.CreateUser(%s)", u.Username)
	roles, related, units, err := marshalLists(u.Roles, u.RelatedPersonIDs, u.Units)
	if err != nil {
		return err
	}
	_, err = s.p.write.ExecContext(ctx, `INSERT INTO users (id, username, name, password_hash, roles,
		patient_id, practitioner_id, related_person_ids, units, national_id, disabled, created, language)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		u.ID, u.Username, u.Name, u.PasswordHash, roles, u.PatientID, u.PractitionerID, related, units,
		u.NationalID, flagInt(u.Disabled), toMicros(u.Created), u.Language)
	if isUniqueViolation(err) {
		// the number itself stays out of the message: it is personal data
		return apperr.New(apperr.Conflict, "user %q or its national identity number already exists", u.Username)
	}
	return err
}

const userColumns = `id, username, name, password_hash, roles, patient_id, practitioner_id,
	related_person_ids, units, national_id, disabled, created, language`

func (s *sqlStore) UserByUsername(ctx context.Context, username string) (_ User, err error) {
	defer wrap(&err, "store.UserByUsername")
	return s.findUser(ctx, "username", username)
}

func (s *sqlStore) UserByNationalID(ctx context.Context, nationalID string) (_ User, err error) {
	defer wrap(&err, "store.UserByNationalID") // not the number: it is personal data
	if nationalID == "" {
		return User{}, apperr.New(apperr.NotFound, "no such user")
	}
	return s.findUser(ctx, "national_id", nationalID)
}

func (s *sqlStore) UserByID(ctx context.Context, id string) (_ User, err error) {
	defer wrap(&err, "store.UserByID(%s)", id)
	return s.findUser(ctx, "id", id)
}

// findUser looks a user up by column, which is one of the constants above, never user input.
func (s *sqlStore) findUser(ctx context.Context, column, value string) (User, error) {
	return scanUser(s.p.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE "+column+" = $1", value))
}

func (s *sqlStore) Users(ctx context.Context) (_ []User, err error) {
	defer wrap(&err, "store.Users")
	rows, err := s.p.read.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY username")
	return collect(rows, err, func(rows *sql.Rows) (User, error) { return scanUser(rows) })
}

func (s *sqlStore) SetUserDisabled(ctx context.Context, id string, disabled bool) (err error) {
	defer wrap(&err, "store.SetUserDisabled(%s)", id)
	tx, err := s.p.write.BeginTx(ctx, s.p.txOpts)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	flag := 0
	if disabled {
		flag = 1
	}
	if err := oneUser(tx.ExecContext(ctx, "UPDATE users SET disabled = $1 WHERE id = $2", flag, id)); err != nil {
		return err
	}
	if disabled {
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(dest ...any) error }

func scanUser(row rowScanner) (User, error) {
	var u User
	var roles, related, units string
	var disabled, created int64
	err := row.Scan(&u.ID, &u.Username, &u.Name, &u.PasswordHash, &roles, &u.PatientID,
		&u.PractitionerID, &related, &units, &u.NationalID, &disabled, &created, &u.Language)
	if err == sql.ErrNoRows {
		return User{}, apperr.New(apperr.NotFound, "no such user")
	}
	if err != nil {
		return User{}, fmt.Errorf("scan user: %w", err)
	}
	u.Disabled = disabled != 0
	u.Created = fromMicros(created)
	for _, l := range []struct {
		text string
		dst  *[]string
	}{{roles, &u.Roles}, {related, &u.RelatedPersonIDs}, {units, &u.Units}} {
		if err := json.Unmarshal([]byte(l.text), l.dst); err != nil {
			return User{}, fmt.Errorf("decode user lists: %w", err)
		}
	}
	return u, nil
}

func (s *sqlStore) PutUnit(ctx context.Context, u OrgUnit) (err error) {
	defer wrap(&err, "store.PutUnit(%s)", u.ID)
	_, err = s.p.write.ExecContext(ctx, `INSERT INTO org_units (id, name, kind) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind`, u.ID, u.Name, u.Kind)
	return err
}

func (s *sqlStore) Units(ctx context.Context) (_ []OrgUnit, err error) {
	defer wrap(&err, "store.Units")
	rows, err := s.p.read.QueryContext(ctx, "SELECT id, name, kind FROM org_units ORDER BY id")
	return collect(rows, err, func(rows *sql.Rows) (u OrgUnit, err error) {
		err = rows.Scan(&u.ID, &u.Name, &u.Kind)
		return u, err
	})
}

func marshalLists(lists ...[]string) (string, string, string, error) {
	var out [3]string
	for i, l := range lists {
		if l == nil {
			l = []string{}
		}
		b, err := json.Marshal(l)
		if err != nil {
			return "", "", "", fmt.Errorf("encode list: %w", err)
		}
		out[i] = string(b)
	}
	return out[0], out[1], out[2], nil
}

func flagInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

func (s *sqlStore) SetUserPassword(ctx context.Context, id, hash string) (err error) {
	defer wrap(&err, "store.SetUserPassword(%s)", id)
	return oneUser(s.p.write.ExecContext(ctx, "UPDATE users SET password_hash = $1 WHERE id = $2", hash, id))
}

func (s *sqlStore) SetUserLanguage(ctx context.Context, id, language string) (err error) {
	defer wrap(&err, "store.SetUserLanguage(%s)", id)
	return oneUser(s.p.write.ExecContext(ctx, "UPDATE users SET language = $1 WHERE id = $2", language, id))
}

func (s *sqlStore) PatientLanguage(ctx context.Context, patientID string) (_ string, err error) {
	defer wrap(&err, "store.PatientLanguage(%s)", patientID)
	if patientID == "" {
		return "", nil
	}
	var lang string
	err = s.p.read.QueryRowContext(ctx, `SELECT language FROM users WHERE patient_id = $1 AND language <> ''
		ORDER BY created DESC, id LIMIT 1`, patientID).Scan(&lang)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return lang, err
}

// oneUser is the outcome of an update of one user: NotFound when it changed no row.
func oneUser(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = apperr.New(apperr.NotFound, "no such user")
	}
	return err
}
