package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"veiviser/internal/apperr"
)

// Draft is what one person has typed into one form and not yet sent.
type Draft struct {
	UserID string
	Form   string // the form's key, e.g. "inquiry" or "plan/p1/goal"
	Body   string // the url-encoded form values
	Saved  time.Time
}

// Drafts keeps form drafts per user and form. The Store from Open implements it; DraftsOf
// reaches it without widening Store.
type Drafts interface {
	// PutDraft adds or replaces the user's draft of the form.
	PutDraft(ctx context.Context, d Draft) error
	// Draft returns the user's draft of the form; NotFound when there is none.
	Draft(ctx context.Context, userID, form string) (Draft, error)
	// DeleteDraft removes the draft (after the form is sent); a missing one is not an error.
	DeleteDraft(ctx context.Context, userID, form string) error
	// DeleteDraftsBefore removes every draft saved before t, so abandoned drafts do not stay.
	DeleteDraftsBefore(ctx context.Context, t time.Time) error
}

// DraftsOf returns st's draft store.
func DraftsOf(st Store) (Drafts, error) { return part[Drafts](st, "drafts") }

// MaxDraftsPerUser bounds the drafts one person keeps: form keys name records, so without it a
// client could store a draft under any number of keys. Saving one more drops the oldest.
const MaxDraftsPerUser = 100

func (s *sqlStore) PutDraft(ctx context.Context, d Draft) (err error) {
	defer wrap(&err, "store.PutDraft(%s)", d.Form)
	_, err = s.p.write.ExecContext(ctx, `INSERT INTO form_drafts (user_id, form, body, saved)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, form) DO UPDATE SET body = excluded.body, saved = excluded.saved`,
		d.UserID, d.Form, d.Body, toMicros(d.Saved))
	if err != nil {
		return err
	}
	_, err = s.p.write.ExecContext(ctx, `DELETE FROM form_drafts WHERE user_id = $1 AND form NOT IN (
		SELECT form FROM form_drafts WHERE user_id = $1 ORDER BY saved DESC, form LIMIT $2)`,
		d.UserID, MaxDraftsPerUser)
	return err
}

func (s *sqlStore) Draft(ctx context.Context, userID, form string) (d Draft, err error) {
	defer wrap(&err, "store.Draft(%s)", form)
	var saved int64
	err = s.p.read.QueryRowContext(ctx, `SELECT body, saved FROM form_drafts WHERE user_id = $1 AND form = $2`,
		userID, form).Scan(&d.Body, &saved)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, apperr.New(apperr.NotFound, "no draft of %s", form)
	}
	if err != nil {
		return Draft{}, err
	}
	d.UserID, d.Form, d.Saved = userID, form, fromMicros(saved)
	return d, nil
}

func (s *sqlStore) DeleteDraft(ctx context.Context, userID, form string) (err error) {
	defer wrap(&err, "store.DeleteDraft(%s)", form)
	_, err = s.p.write.ExecContext(ctx, `DELETE FROM form_drafts WHERE user_id = $1 AND form = $2`, userID, form)
	return err
}

func (s *sqlStore) DeleteDraftsBefore(ctx context.Context, t time.Time) (err error) {
	defer wrap(&err, "store.DeleteDraftsBefore")
	_, err = s.p.write.ExecContext(ctx, `DELETE FROM form_drafts WHERE saved < $1`, toMicros(t))
	return err
}

// FormDrafts is a Drafts seen through plain values, as a caller that does not import the store
// asks for it (web.Drafts): the web defines what it needs, and the store does not know the web.
type FormDrafts struct{ Drafts Drafts }

// Save adds or replaces the user's draft of form.
func (f FormDrafts) Save(ctx context.Context, userID, form, body string, saved time.Time) error {
	return f.Drafts.PutDraft(ctx, Draft{UserID: userID, Form: form, Body: body, Saved: saved})
}

// Load returns the draft's values and when they were saved; NotFound when there is none.
func (f FormDrafts) Load(ctx context.Context, userID, form string) (string, time.Time, error) {
	d, err := f.Drafts.Draft(ctx, userID, form)
	return d.Body, d.Saved, err
}

// Drop removes the draft; a missing one is not an error.
func (f FormDrafts) Drop(ctx context.Context, userID, form string) error {
	return f.Drafts.DeleteDraft(ctx, userID, form)
}
