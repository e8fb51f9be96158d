package main

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"veiviser/internal/store"
)

// A backup is a tar file: the SQLite store as veiviser.db (a consistent copy taken while the
// server runs) and the access log's journal as access-log/<segment>, the entries not yet moved
// into the store. Restoring puts both in a new data folder; the server then moves the
// journaled entries into the store at start, skipping any it holds already.

// backup writes the backup of the data folder to the new file to.
func backup(ctx context.Context, data, to string) (err error) {
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("creating the backup: %w", err)
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(to)
		}
	}()
	snapshot := to + ".db.tmp"
	if err := store.BackupSQLite(ctx, data, snapshot); err != nil {
		return err
	}
	defer func() { _ = os.Remove(snapshot) }()
	tw := tar.NewWriter(out)
	if err := addFile(tw, snapshot, store.SQLiteFile); err != nil {
		return err
	}
	journal := filepath.Join(data, AccessLogDir)
	entries, err := os.ReadDir(journal)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reading the access log's journal: %w", err)
	}
	for _, de := range entries {
		if de.Type().IsRegular() {
			if err := addFile(tw, filepath.Join(journal, de.Name()), path.Join(AccessLogDir, de.Name())); err != nil {
				return err
			}
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	return out.Sync()
}

func addFile(tw *tar.Writer, from, name string) error {
	f, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("reading %s: %w", from, err)
	}
	defer f.Close()
	// the size is what the file holds now: a journal segment may grow while it is copied, and
	// only what was there when the copy began is taken
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: fi.Size(), ModTime: fi.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return fmt.Errorf("writing the backup: %w", err)
	}
	if _, err := io.CopyN(tw, f, fi.Size()); err != nil {
		return fmt.Errorf("copying %s: %w", from, err)
	}
	return nil
}

// restore makes the data folder data from the backup file from. It refuses a folder that holds
// anything (a store in use, or another's), and a backup with a file it does not expect.
func restore(from, data string) (err error) {
	if entries, err := os.ReadDir(data); err == nil && len(entries) > 0 {
		return usageError{fmt.Errorf("%s is not empty: restore into a new folder (a running Veiviser's folder is never overwritten)", data)}
	}
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("opening the backup: %w", err)
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Join(data, AccessLogDir), 0o750); err != nil {
		return fmt.Errorf("creating %s: %w", data, err)
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(data)
		}
	}()
	tr := tar.NewReader(in)
	found := false
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading the backup: %w", err)
		}
		name, ok := restoredName(h)
		if !ok {
			return fmt.Errorf("the backup holds %q, which is not a Veiviser backup's", h.Name)
		}
		found = found || name == store.SQLiteFile
		if err := writeRestored(filepath.Join(data, filepath.FromSlash(name)), tr); err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("the backup holds no %s", store.SQLiteFile)
	}
	return nil
}

// restoredName is where a backup's file goes in the data folder: veiviser.db, or a journal
// segment directly under access-log/. Anything else (another path, a link, a folder) is refused.
func restoredName(h *tar.Header) (string, bool) {
	if h.Typeflag != tar.TypeReg {
		return "", false
	}
	if h.Name == store.SQLiteFile {
		return h.Name, true
	}
	dir, file := path.Split(h.Name)
	if dir != AccessLogDir+"/" || file == "" || strings.Contains(file, "..") || file != path.Base(file) {
		return "", false
	}
	return h.Name, true
}

func writeRestored(to string, r io.Reader) error {
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("restoring %s: %w", to, err)
	}
	if _, err := io.Copy(f, r); err != nil {
		_ = f.Close()
		return fmt.Errorf("restoring %s: %w", to, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
