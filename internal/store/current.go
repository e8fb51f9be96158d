package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
)

// Key names one resource.
type Key struct{ Type, ID string }

// maxKeysPerStatement bounds the keys one lookup binds (two values each; see maxArgsPerStatement).
const maxKeysPerStatement = maxArgsPerStatement / 2

// States reports for each key that exists whether its current version is a deletion; a key
// that never existed is not in the map. One statement answers up to a few hundred keys, so a
// write's reference check costs one query, not one per reference.
func (t *sqlTx) States(ctx context.Context, keys []Key) (_ map[Key]bool, err error) {
	defer wrap(&err, "store.Tx.States(%d)", len(keys))
	out := make(map[Key]bool, len(keys))
	seen := make(map[Key]bool, len(keys))
	var rest []Key
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		if isAudit(k.Type) {
			// the access log's own table: never deleted
			if _, err := t.r.getAudit(ctx, k.ID); err == nil {
				out[k] = false
			} else if !apperr.Is(err, apperr.NotFound) {
				return nil, err
			}
			continue
		}
		rest = append(rest, k)
	}
	for len(rest) > 0 {
		chunk := rest[:chunkRows(len(rest), maxKeysPerStatement)]
		rest = rest[len(chunk):]
		if err := t.states(ctx, chunk, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// states looks up one chunk of distinct keys into out.
func (t *sqlTx) states(ctx context.Context, keys []Key, out map[Key]bool) error {
	var b strings.Builder
	b.WriteString("SELECT type, id, deleted FROM resources WHERE ")
	args := make([]any, 0, 2*len(keys))
	for i, k := range keys {
		if i > 0 {
			b.WriteString(" OR ")
		}
		args = append(args, k.Type, k.ID)
		b.WriteString("(type = $" + strconv.Itoa(len(args)-1) + " AND id = $" + strconv.Itoa(len(args)) + ")")
	}
	rows, err := t.tx.QueryContext(ctx, b.String(), args...)
	if err != nil {
		return fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k Key
		var deleted int64
		if err := rows.Scan(&k.Type, &k.ID, &deleted); err != nil {
			return fmt.Errorf("scan: %w", err)
		}
		out[k] = deleted != 0
	}
	return rows.Err()
}
