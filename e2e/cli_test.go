package e2e

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeEmptyStoreHealthz(t *testing.T) {
	data := filepath.Join(t.TempDir(), "fresh") // does not exist yet: serve creates it
	s := startServer(t, data)
	status, body := get(t, context.Background(), s.URL+"/healthz")
	if status != http.StatusOK || strings.TrimSpace(string(body)) != `{"status":"ok"}` {
		t.Errorf("healthz = %d %q", status, body)
	}
	if _, err := os.Stat(filepath.Join(data, "veiviser.db")); err != nil {
		t.Errorf("no SQLite file in the data directory: %v", err)
	}
	// the store is empty: a search finds nothing
	tok := apiToken(t, s, data, "system/*.read")
	status, body = getAuth(t, context.Background(), s.URL+"/fhir/R4/Patient", tok)
	if status != http.StatusOK || strings.Contains(string(body), `"entry"`) {
		t.Errorf("search on an empty store = %d %s", status, body)
	}
}

func TestSIGTERMStopsCleanly(t *testing.T) {
	s := startServer(t, t.TempDir())
	s.terminate(t)
	if logs := s.logs.String(); !strings.Contains(logs, "store closed") {
		t.Errorf("no 'store closed' in the log:\n%s", logs)
	}
}

func TestMigrateCommand(t *testing.T) {
	run := func(t *testing.T, env []string, args ...string) string {
		t.Helper()
		cmd := exec.Command(binary, append([]string{"migrate"}, args...)...)
		cmd.Env = serverEnv(env...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("veiviser migrate %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	t.Run("sqlite", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "d")
		out := run(t, nil, "--data", data)
		if !strings.Contains(out, "migrations applied") {
			t.Errorf("output:\n%s", out)
		}
		if _, err := os.Stat(filepath.Join(data, "veiviser.db")); err != nil {
			t.Errorf("no database file after migrate: %v", err)
		}
		// a second run finds nothing to do and succeeds
		run(t, nil, "--data", data)
		// and serve starts on the migrated file
		startServer(t, data)
	})
	t.Run("sqlite from environment", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "e")
		run(t, []string{"VEIVISER_DATA=" + data})
		if _, err := os.Stat(filepath.Join(data, "veiviser.db")); err != nil {
			t.Errorf("VEIVISER_DATA not used: %v", err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		url := freshPostgres(t)
		out := run(t, []string{"VEIVISER_DATABASE_URL=" + url})
		if !strings.Contains(out, "migrations applied") || strings.Contains(out, url) {
			t.Errorf("output (must confirm, must not show the URL):\n%s", out)
		}
		run(t, []string{"VEIVISER_DATABASE_URL=" + url})
	})
	t.Run("bad flag exits 2", func(t *testing.T) {
		cmd := exec.Command(binary, "migrate", "--nope")
		cmd.Env = serverEnv()
		err := cmd.Run()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("exit = %v, want code 2", err)
		}
	})
}
