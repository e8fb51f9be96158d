package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"veiviser/internal/demo"
	"veiviser/internal/records"
	"veiviser/internal/reporting"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestReportKPR (issue 14): `veiviser report kpr` writes the demo municipality's year as the
// documented XML (Astrid, the one person with decisions, with her service and refusal), logs
// her entry with the report's purpose in the store, refuses a missing year or municipality
// number and an existing file, on both stores.
func TestReportKPR(t *testing.T) {
	for name, where := range map[string]func(t *testing.T) ([]string, map[string]string, store.Config){
		"sqlite": func(t *testing.T) ([]string, map[string]string, store.Config) {
			dir := t.TempDir()
			return []string{"--data", dir}, nil, store.Config{DataDir: dir}
		},
		"postgres": func(t *testing.T) ([]string, map[string]string, store.Config) {
			u := testutil.PostgresURL(t)
			return []string{"--data", t.TempDir()}, map[string]string{"VEIVISER_DATABASE_URL": u}, store.Config{DatabaseURL: u}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dbArgs, vars, cfg := where(t)
			ctx := context.Background()
			st, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			day := time.Date(2026, 6, 15, 9, 0, 0, 0, time.UTC)
			svc := records.New(st, records.Options{Clock: func() time.Time { return day }, Rules: recordRules()})
			accounts, err := store.AccountsOf(st)
			if err != nil {
				t.Fatal(err)
			}
			if err := demo.Load(ctx, demo.Options{Records: svc, Accounts: accounts, Today: day}); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "kpr-2026.xml")
			if code, _, stderr := run(t, dbArgs, vars, "report", "kpr", "--municipality", "5599", "--out", out); code != 2 || !strings.Contains(stderr, "--year") {
				t.Errorf("without --year: exit %d, %q", code, stderr)
			}
			if code, _, stderr := run(t, dbArgs, vars, "report", "kpr", "--year", "2026", "--out", out); code != 2 || !strings.Contains(stderr, "--municipality") {
				t.Errorf("without --municipality: exit %d, %q", code, stderr)
			}
			code, stdout, stderr := run(t, dbArgs, vars, "report", "kpr", "--year", "2026", "--municipality", "5599", "--operator", "drift", "--out", out)
			if code != 0 || !strings.Contains(stdout, "KPR 2026 written: "+out) {
				t.Fatalf("report kpr: exit %d\n%s%s", code, stdout, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			var f reporting.File
			if err := xml.Unmarshal(b, &f); err != nil {
				t.Fatalf("the file does not parse: %v\n%s", err, b)
			}
			if len(f.Persons) == 0 || f.Sender.Municipality != "5599" || f.Year != 2026 || !strings.Contains(stdout, fmt.Sprintf("(%d persons,", len(f.Persons))) {
				t.Fatalf("file: %+v\n%s", f, stdout)
			}
			var astrid reporting.Person
			for _, p := range f.Persons {
				if p.BirthYear == 1961 && p.Sex == "2" {
					astrid = p
				}
			}
			if len(astrid.Services) == 0 || astrid.Services[0].Type != "15" || len(astrid.Refusals) != 1 ||
				astrid.Refusals[0].Received != "2026-04-14" || !astrid.Plan || !astrid.Coordinator {
				t.Errorf("Astrid: %+v", astrid)
			}
			if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
				t.Errorf("the file's mode: %v, %v; want 0600 (it holds identity numbers)", info.Mode(), err)
			}
			if code, _, stderr := run(t, dbArgs, vars, "report", "kpr", "--year", "2026", "--municipality", "5599", "--operator", "drift", "--out", out); code != 2 || !strings.Contains(stderr, "exists") {
				t.Errorf("over an existing file: exit %d, %q", code, stderr)
			}
			logged, err := store.SearchAll(ctx, st, search.Query{Type: "AuditEvent"})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, rec := range logged {
				body := string(rec.Body)
				if strings.Contains(body, reporting.Purpose) && strings.Contains(body, `"Patient/p-astrid"`) && strings.Contains(body, "veiviser report kpr (drift)") {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d access-log entries for Astrid with the report's purpose, want 1", n)
			}
			_ = st.Close()
		})
	}
}
