package store

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"veiviser/internal/apperr"
)

// outage turns the database's "cannot serve now" into Unavailable, so the caller is told to
// try again (503) rather than that something broke (500): PostgreSQL down or restarting, the
// connection to it lost, or the disk full. Nothing of the failed call was saved: a write's
// transaction did not commit. The store calls it through wrap.
func outage(errp *error) {
	err := *errp
	if err == nil {
		return
	}
	var e *apperr.Error
	if errors.As(err, &e) {
		return // classified already
	}
	switch {
	case diskFull(err):
		*errp = &apperr.Error{Code: apperr.Unavailable, Err: err,
			Message: "Databasens disk er full: ingenting ble lagret; driftsansvarlig må frigjøre plass. / The database's disk is full: nothing was saved; the operator must free space."}
	case connectionLost(err):
		*errp = &apperr.Error{Code: apperr.Unavailable, Err: err,
			Message: "Databasen svarer ikke akkurat nå: ingenting ble lagret; prøv igjen om litt. / The database cannot be reached right now: nothing was saved; try again shortly."}
	}
}

func diskFull(err error) bool {
	var lite *sqlite.Error
	if errors.As(err, &lite) && lite.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) && (pg.Code == "53100" || pg.Code == "53200") { // disk_full, out_of_memory
		return true
	}
	return errors.Is(err, syscall.ENOSPC)
}

func connectionLost(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		// 08: connection exceptions; 57P01-57P03: the server shutting down or starting
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		pgconn.SafeToRetry(err)
}

// wrap is apperr.Wrap for the store's calls, after outage: every call the store answers says
// Unavailable when the database cannot serve. Use as `defer wrap(&err, "store.Get(%s)", id)`.
func wrap(errp *error, format string, args ...any) {
	outage(errp)
	apperr.Wrap(errp, format, args...)
}
