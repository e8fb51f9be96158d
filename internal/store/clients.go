package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"veiviser/internal/apperr"
)

// Client is an API client that signs in with OAuth2 client credentials.
type Client struct {
	ID         string
	SecretHash string // lowercase hex SHA-256 of the secret (see 0003_clients.sql for why)
	Name       string
	Scopes     []string
	Disabled   bool
	Created    time.Time
}

// Token is an issued bearer token; only its hash is kept, so a copy of the database issues no
// working tokens.
type Token struct {
	Hash     string // lowercase hex SHA-256 of the token
	ClientID string
	Scopes   []string
	Issued   time.Time
	Expires  time.Time
}

// Clients keeps API clients and their tokens. The Store from Open implements it; ClientsOf
// reaches it without widening Store.
type Clients interface {
	// AddClient stores a new client; Conflict when its id exists.
	AddClient(ctx context.Context, c Client) error
	// GetClient returns a client; NotFound when there is none.
	GetClient(ctx context.Context, id string) (Client, error)
	// AddToken stores an issued token and deletes tokens that expired before its issue time.
	AddToken(ctx context.Context, t Token) error
	// GetToken returns the token with this hash; NotFound when there is none. Expiry is the
	// caller's to check, against its own clock.
	GetToken(ctx context.Context, hash string) (Token, error)
	// GetBearer returns the token with this hash and its client, read together in one query (one
	// round trip per API request); NotFound when there is none. Of the client only ID, Name and
	// Disabled are read. Expiry and the client's Disabled are the caller's to check.
	GetBearer(ctx context.Context, hash string) (Token, Client, error)
	// SetClientDisabled disables or enables a client: a disabled client's tokens stop working
	// at the next request, and it gets no new ones. NotFound when there is no such client.
	SetClientDisabled(ctx context.Context, id string, disabled bool) error
}

// ClientsOf returns st's client store.
func ClientsOf(st Store) (Clients, error) { return part[Clients](st, "API clients") }

func (s *sqlStore) AddClient(ctx context.Context, c Client) (err error) {
	defer wrap(&err, "store.AddClient(%s)", c.ID)
	_, err = s.p.write.ExecContext(ctx, `INSERT INTO api_clients
		(client_id, secret_hash, name, scopes, disabled, created) VALUES ($1, $2, $3, $4, $5, $6)`,
		c.ID, c.SecretHash, c.Name, strings.Join(c.Scopes, " "), boolInt(c.Disabled), toMicros(c.Created))
	if isUniqueViolation(err) {
		return apperr.New(apperr.Conflict, "the client %s exists", c.ID)
	}
	return err
}

func (s *sqlStore) GetClient(ctx context.Context, id string) (c Client, err error) {
	defer wrap(&err, "store.GetClient")
	var scopes string
	var disabled, created int64
	err = s.queryRow(ctx, `SELECT client_id, secret_hash, name, scopes, disabled, created
		FROM api_clients WHERE client_id = $1`, id).
		Scan(&c.ID, &c.SecretHash, &c.Name, &scopes, &disabled, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return c, apperr.New(apperr.NotFound, "no such client")
	}
	c.Scopes, c.Disabled, c.Created = strings.Fields(scopes), disabled != 0, fromMicros(created)
	return c, err
}

func (s *sqlStore) AddToken(ctx context.Context, t Token) (err error) {
	defer wrap(&err, "store.AddToken")
	return s.Write(ctx, func(tx Tx) error {
		q := tx.(*sqlTx).tx
		if _, err := q.ExecContext(ctx, `DELETE FROM api_tokens WHERE expires < $1`, toMicros(t.Issued)); err != nil {
			return fmt.Errorf("delete expired tokens: %w", err)
		}
		_, err := q.ExecContext(ctx, `INSERT INTO api_tokens (token_hash, client_id, scopes, issued, expires)
			VALUES ($1, $2, $3, $4, $5)`,
			t.Hash, t.ClientID, strings.Join(t.Scopes, " "), toMicros(t.Issued), toMicros(t.Expires))
		return err
	})
}

func (s *sqlStore) GetToken(ctx context.Context, hash string) (t Token, err error) {
	defer wrap(&err, "store.GetToken")
	var scopes string
	var issued, expires int64
	err = s.queryRow(ctx, `SELECT token_hash, client_id, scopes, issued, expires
		FROM api_tokens WHERE token_hash = $1`, hash).
		Scan(&t.Hash, &t.ClientID, &scopes, &issued, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return t, apperr.New(apperr.NotFound, "no such token")
	}
	t.Scopes, t.Issued, t.Expires = strings.Fields(scopes), fromMicros(issued), fromMicros(expires)
	return t, err
}

func (s *sqlStore) GetBearer(ctx context.Context, hash string) (t Token, c Client, err error) {
	defer wrap(&err, "store.GetBearer")
	var scopes string
	var issued, expires, disabled int64
	err = s.queryRow(ctx, `SELECT t.client_id, t.scopes, t.issued, t.expires, c.name, c.disabled
		FROM api_tokens t JOIN api_clients c ON c.client_id = t.client_id WHERE t.token_hash = $1`, hash).
		Scan(&t.ClientID, &scopes, &issued, &expires, &c.Name, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return t, c, apperr.New(apperr.NotFound, "no such token")
	}
	if err != nil {
		return t, c, err
	}
	t.Hash, t.Scopes, t.Issued, t.Expires = hash, strings.Fields(scopes), fromMicros(issued), fromMicros(expires)
	c.ID, c.Disabled = t.ClientID, disabled != 0
	return t, c, nil
}

func (s *sqlStore) SetClientDisabled(ctx context.Context, id string, disabled bool) (err error) {
	defer wrap(&err, "store.SetClientDisabled(%s)", id)
	res, err := s.p.write.ExecContext(ctx, `UPDATE api_clients SET disabled = $1 WHERE client_id = $2`, boolInt(disabled), id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.New(apperr.NotFound, "no such client")
	}
	return nil
}

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
