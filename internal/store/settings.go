package store

import (
	"context"
	"database/sql"
	"time"
)

// Setting is one of the municipality's settings the administrator keeps in the web: its value,
// and who changed it last and when.
type Setting struct {
	Key       string
	Value     string
	ChangedBy string // the user id
	ChangedAt time.Time
}

// Settings keeps the municipality's settings. The Store from Open implements it; SettingsOf
// reaches it without widening Store.
type Settings interface {
	// Settings lists every setting, by key.
	Settings(ctx context.Context) ([]Setting, error)
	// PutSettings adds or replaces the settings in one transaction.
	PutSettings(ctx context.Context, settings []Setting) error
}

// SettingsOf returns st's settings.
func SettingsOf(st Store) (Settings, error) { return part[Settings](st, "settings") }

func (s *sqlStore) Settings(ctx context.Context) (_ []Setting, err error) {
	defer wrap(&err, "store.Settings")
	rows, err := s.p.read.QueryContext(ctx, "SELECT key, value, changed_by, changed_at FROM settings ORDER BY key")
	return collect(rows, err, func(rows *sql.Rows) (st Setting, err error) {
		var at int64
		err = rows.Scan(&st.Key, &st.Value, &st.ChangedBy, &at)
		st.ChangedAt = fromMicros(at)
		return st, err
	})
}

func (s *sqlStore) PutSettings(ctx context.Context, settings []Setting) (err error) {
	defer wrap(&err, "store.PutSettings")
	tx, err := s.p.write.BeginTx(ctx, s.p.txOpts)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	for _, st := range settings {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, changed_by, changed_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
			st.Key, st.Value, st.ChangedBy, toMicros(st.ChangedAt)); err != nil {
			return err
		}
	}
	return tx.Commit()
}
