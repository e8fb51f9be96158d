package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"veiviser/internal/apperr"
)

func (s *sqlStore) AddLoginFailure(ctx context.Context, at time.Time, keys ...string) (err error) {
	defer wrap(&err, "store.AddLoginFailure")
	return s.Write(ctx, func(tx Tx) error {
		q := tx.(*sqlTx).tx
		for _, k := range keys {
			if _, err := q.ExecContext(ctx, "INSERT INTO login_failures (key, at) VALUES ($1, $2)", k, toMicros(at)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *sqlStore) LoginFailures(ctx context.Context, key string, since time.Time) (_ int, err error) {
	defer wrap(&err, "store.LoginFailures")
	var n int
	err = s.p.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2",
		key, toMicros(since)).Scan(&n)
	return n, err
}

func (s *sqlStore) ClearLoginFailures(ctx context.Context, key string, olderThan time.Time) (err error) {
	defer wrap(&err, "store.ClearLoginFailures")
	_, err = s.p.write.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1 OR at < $2",
		key, toMicros(olderThan))
	return err
}

func (s *sqlStore) PutSession(ctx context.Context, se Session) (err error) {
	defer wrap(&err, "store.PutSession")
	_, err = s.p.write.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, data, created, last_seen, expires)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, data = excluded.data,
			created = excluded.created, last_seen = excluded.last_seen, expires = excluded.expires`,
		se.TokenHash, se.UserID, se.Data, toMicros(se.Created), toMicros(se.LastSeen), toMicros(se.Expires))
	return err
}

func (s *sqlStore) Session(ctx context.Context, tokenHash string) (_ Session, err error) {
	defer wrap(&err, "store.Session")
	se := Session{TokenHash: tokenHash}
	var created, seen, expires int64
	err = s.queryRow(ctx,
		"SELECT user_id, data, created, last_seen, expires FROM sessions WHERE token_hash = $1", tokenHash).
		Scan(&se.UserID, &se.Data, &created, &seen, &expires)
	if err == sql.ErrNoRows {
		return Session{}, apperr.New(apperr.NotFound, "no such session")
	}
	if err != nil {
		return Session{}, fmt.Errorf("scan session: %w", err)
	}
	se.Created, se.LastSeen, se.Expires = fromMicros(created), fromMicros(seen), fromMicros(expires)
	return se, nil
}

func (s *sqlStore) TouchSession(ctx context.Context, tokenHash string, lastSeen time.Time) (err error) {
	defer wrap(&err, "store.TouchSession")
	_, err = s.p.write.ExecContext(ctx, "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2 AND last_seen < $1",
		toMicros(lastSeen), tokenHash)
	return err
}

func (s *sqlStore) DeleteSession(ctx context.Context, tokenHash string) (err error) {
	defer wrap(&err, "store.DeleteSession")
	_, err = s.p.write.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = $1", tokenHash)
	return err
}

func (s *sqlStore) DeleteExpiredSessions(ctx context.Context, now time.Time) (err error) {
	defer wrap(&err, "store.DeleteExpiredSessions")
	_, err = s.p.write.ExecContext(ctx, "DELETE FROM sessions WHERE expires < $1", toMicros(now))
	return err
}
