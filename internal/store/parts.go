package store

import (
	"database/sql"
	"fmt"
)

// part returns the part of a store made by Open that keeps one kind of thing (accounts, drafts,
// settings...): each is an interface the one SQL store implements, asked for by what it keeps.
func part[T any](st Store, keeps string) (T, error) {
	p, ok := st.(T)
	if !ok {
		return p, fmt.Errorf("store %T keeps no %s", st, keeps)
	}
	return p, nil
}

// collect reads every row of a query with scan, closing the rows; err is the query's.
func collect[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
