package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// run is dispatch with args in the store of dbArgs; it returns the exit code and the output.
func run(t *testing.T, dbArgs []string, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	if len(args) > 1 {
		args = append(append(args[:2:2], dbArgs...), args[2:]...)
	}
	e := env{args: args, getenv: func(k string) string { return vars[k] }, stdout: &stdout, stderr: &stderr}
	return dispatch(context.Background(), e), stdout.String(), stderr.String()
}

// TestUserCommands: user add refuses a link to a record or unit that does not exist and adds
// nothing; list, disable (which ends the user's sessions at once), enable and links do what
// `veiviser user -h` says, on both stores.
func TestUserCommands(t *testing.T) {
	for name, where := range map[string]func(t *testing.T) ([]string, map[string]string, store.Config){
		"sqlite": func(t *testing.T) ([]string, map[string]string, store.Config) {
			dir := t.TempDir()
			return []string{"--data", dir}, nil, store.Config{DataDir: dir}
		},
		"postgres": func(t *testing.T) ([]string, map[string]string, store.Config) {
			u := testutil.PostgresURL(t)
			return nil, map[string]string{"VEIVISER_DATABASE_URL": u}, store.Config{DatabaseURL: u}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dbArgs, vars, cfg := where(t)
			ctx := context.Background()
			st, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			svc := records.New(st, records.Options{})
			for _, js := range []string{
				`{"resourceType":"Practitioner","id":"k1","name":[{"text":"Kari Koordinator"}]}`,
				`{"resourceType":"Patient","id":"p1","name":[{"family":"Testmo","given":["Siri"]}]}`,
			} {
				r, _ := fhir.Parse([]byte(js))
				if _, _, err := svc.Update(ctx, r.Type(), r.ID(), r, ""); err != nil {
					t.Fatal(err)
				}
			}
			accounts, _ := store.AccountsOf(st)
			if err := accounts.PutUnit(ctx, store.OrgUnit{ID: "ke", Name: "Koordinerende enhet", Kind: "coordinating-unit"}); err != nil {
				t.Fatal(err)
			}
			st.Close()
			add := []string{"user", "add", "--username", "kari", "--password", "riktig-hest-batteri", "--role", "coordinator"}

			for _, bad := range [][]string{{"--practitioner", "nobody", "--unit", "ke"}, {"--practitioner", "k1", "--unit", "nowhere"}, {"--patient", "p9"}} {
				code, _, stderr := run(t, dbArgs, vars, append(add, bad...)...)
				if code != 2 || !strings.Contains(stderr, "no such") {
					t.Errorf("user add %v: exit %d, %q; want 2 naming what is missing", bad, code, stderr)
				}
			}
			if code, out, _ := run(t, dbArgs, vars, "user", "list"); code != 0 || strings.Contains(out, "kari") {
				t.Fatalf("after the refused adds, user list: %d %q", code, out)
			}
			if code, _, stderr := run(t, dbArgs, vars, append(add, "--practitioner", "k1", "--unit", "ke")...); code != 0 {
				t.Fatalf("user add: %d %s", code, stderr)
			}
			st, err = store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			accounts, _ = store.AccountsOf(st)
			u, err := accounts.UserByUsername(ctx, "kari")
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			if err := accounts.PutSession(ctx, store.Session{TokenHash: "h", UserID: u.ID, Data: "{}", Created: now, LastSeen: now, Expires: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			steps := []struct {
				args []string
				code int
				want []string
			}{
				{[]string{"user", "list"}, 0, []string{"kari", "coordinator", "Practitioner/k1", "unit ke", "active"}},
				{[]string{"user", "disable", "--username", "kari"}, 0, []string{"user disabled: kari"}},
				{[]string{"user", "list"}, 0, []string{"kari", "disabled"}},
				{[]string{"user", "enable", "--username", "Kari"}, 0, []string{"user enabled: kari"}},
				{[]string{"user", "links"}, 0, []string{"--practitioner  k1", "Kari Koordinator", "--patient", "p1", "Siri Testmo", "--unit", "Koordinerende enhet"}},
				{[]string{"user", "disable", "--username", "nobody"}, 2, nil},
			}
			for _, s := range steps {
				code, out, stderr := run(t, dbArgs, vars, s.args...)
				if code != s.code {
					t.Fatalf("%v: exit %d, want %d: %s", s.args, code, s.code, stderr)
				}
				for _, w := range s.want {
					if !strings.Contains(out, w) {
						t.Errorf("%v printed no %q:\n%s", s.args, w, out)
					}
				}
				if s.args[1] == "disable" && s.code == 0 {
					if _, err := accounts.Session(ctx, "h"); err == nil {
						t.Error("the disabled user's session is still there")
					}
				}
			}
		})
	}
}

// TestUserHelp: `veiviser user -h` helps and exits 0; no command or an unknown one is a usage
// error (2).
func TestUserHelp(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"user", "-h"}, 0, "usage: veiviser user"},
		{[]string{"user", "--help"}, 0, "links"},
		{[]string{"user"}, 2, ""},
		{[]string{"user", "bogus"}, 2, ""},
	} {
		code, out, _ := run(t, nil, nil, c.args...)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%v: exit %d, %q; want %d with %q", c.args, code, out, c.code, c.out)
		}
	}
}
