package main

import (
	"context"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"veiviser/internal/oauth"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

var clientOutput = regexp.MustCompile(`^client_id: (\S+)\nclient_secret: (\S+)\n$`)

func TestClientAdd(t *testing.T) {
	for name, where := range map[string]func(t *testing.T) (args []string, env map[string]string, cfg store.Config){
		"sqlite": func(t *testing.T) ([]string, map[string]string, store.Config) {
			dir := t.TempDir()
			return []string{"--data", dir}, nil, store.Config{DataDir: dir}
		},
		"postgres from VEIVISER_DATABASE_URL": func(t *testing.T) ([]string, map[string]string, store.Config) {
			u := testutil.PostgresURL(t)
			return nil, map[string]string{"VEIVISER_DATABASE_URL": u}, store.Config{DatabaseURL: u}
		},
	} {
		t.Run(name, func(t *testing.T) {
			args, vars, cfg := where(t)
			var stdout, stderr strings.Builder
			e := env{args: append(append([]string{"client", "add"}, args...), "--name", "EPJ", "--scope", "system/*.read", "--scope", "system/CarePlan.write"),
				getenv: func(k string) string { return vars[k] }, stdout: &stdout, stderr: &stderr}
			if code := dispatch(context.Background(), e); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			m := clientOutput.FindStringSubmatch(stdout.String())
			if m == nil {
				t.Fatalf("output %q is not the two lines client_id/client_secret", stdout.String())
			}
			st, err := store.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			cs, _ := store.ClientsOf(st)
			c, err := cs.GetClient(context.Background(), m[1])
			if err != nil || c.Name != "EPJ" || !slices.Equal(c.Scopes, []string{"system/*.read", "system/CarePlan.write"}) {
				t.Fatalf("stored client %+v, %v", c, err)
			}
			if strings.Contains(c.SecretHash, m[2]) {
				t.Fatal("the secret is stored in clear")
			}
			srv, err := oauth.New(st, oauth.Options{})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv.TokenHandler())
			defer ts.Close()
			testutil.RequestToken(t, ts.URL, m[1], m[2]) // the printed secret signs in
		})
	}
}

func TestClientAddUsage(t *testing.T) {
	for _, args := range [][]string{{"client"}, {"client", "remove"}, {"client", "add", "--name", "x"}, {"client", "add", "--scope", "system/*.read"}} {
		var out strings.Builder
		e := env{args: append(args, "--data", t.TempDir()), getenv: func(string) string { return "" }, stdout: &out, stderr: &out}
		if code := dispatch(context.Background(), e); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, out.String())
		}
	}
	var out strings.Builder
	e := env{args: []string{"client", "add", "--data", t.TempDir(), "--name", "x", "--scope", "user/*.read"},
		getenv: func(string) string { return "" }, stdout: &out, stderr: &out}
	if code := dispatch(context.Background(), e); code != 1 || !strings.Contains(out.String(), "is not a scope") {
		t.Errorf("a bad scope: exit %d, %s", code, out.String())
	}
}
