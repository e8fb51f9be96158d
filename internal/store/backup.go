package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
)

// SQLiteFile is the store's file in a data folder.
const SQLiteFile = "veiviser.db"

// BackupSQLite writes a consistent copy of the SQLite store in dataDir to the new file to, with
// VACUUM INTO on a connection of its own, while the server goes on serving and writing: the copy
// holds every transaction committed before it began. to must not exist.
func BackupSQLite(ctx context.Context, dataDir, to string) (err error) {
	from := filepath.Join(dataDir, SQLiteFile)
	if _, err := os.Stat(from); err != nil {
		return fmt.Errorf("no store to back up in %s: %w", dataDir, err)
	}
	if _, err := os.Stat(to); err == nil {
		return fmt.Errorf("%s exists already", to)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeoutMS))
	db, err := sql.Open("sqlite", "file:"+from+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("open %s: %w", from, err)
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "VACUUM INTO $1", to); err != nil {
		return fmt.Errorf("copy %s: %w", from, err)
	}
	return nil
}
