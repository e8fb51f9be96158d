package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestPostgresRestartUnderLoad (issue 17, point 4): PostgreSQL restarted while writes go on:
// during the restart writes fail clearly (503 with an OperationOutcome saying to try again,
// never a hang past the request's time), the server recovers by itself without a restart of its
// own, and every write it acknowledged is there afterwards.
func TestPostgresRestartUnderLoad(t *testing.T) {
	if os.Getenv("VEIVISER_TEST_POSTGRES_URL") == "" {
		t.Skip("VEIVISER_TEST_POSTGRES_URL not set; scripts/test starts a PostgreSQL and installs its tools")
	}
	pg := startOwnPostgres(t)
	env := "VEIVISER_DATABASE_URL=" + pg.url
	data := t.TempDir()
	s := startServing(t, data, false, 30*time.Second, env)
	token := apiToken(t, s, data, "system/Patient.*", env)

	var (
		mu       sync.Mutex
		acked    []string
		failures = map[int]int{}
		unclear  []string
		stop     atomic.Bool
		wg       sync.WaitGroup
		lastOK   atomic.Int64 // unix nanoseconds of the latest acknowledged write
	)
	client := &http.Client{Timeout: 30 * time.Second}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				body := fmt.Sprintf(`{"resourceType":"Patient","name":[{"family":"Last%d","given":["W%d"]}]}`, i, w)
				req, _ := http.NewRequest(http.MethodPost, s.URL+"/fhir/R4/Patient", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/fhir+json")
				res, err := client.Do(req)
				if err != nil {
					mu.Lock()
					unclear = append(unclear, err.Error())
					mu.Unlock()
					continue
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				mu.Lock()
				switch {
				case res.StatusCode == http.StatusCreated:
					var p struct{ ID string }
					_ = json.Unmarshal(b, &p)
					acked = append(acked, p.ID)
					lastOK.Store(time.Now().UnixNano())
				case res.StatusCode == http.StatusServiceUnavailable && bytes.Contains(b, []byte(`"transient"`)):
					failures[res.StatusCode]++
				default:
					unclear = append(unclear, fmt.Sprintf("%d %.200s", res.StatusCode, b))
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second)
	restarted := time.Now()
	pg.restart(t)
	deadline := time.Now().Add(30 * time.Second)
	for lastOK.Load() < time.Now().Add(-50*time.Millisecond).UnixNano() || lastOK.Load() < restarted.UnixNano() {
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	if lastOK.Load() < restarted.UnixNano() {
		t.Fatalf("no write succeeded after PostgreSQL came back: the server did not recover (failures %v, unclear %v)", failures, unclear)
	}
	if len(unclear) > 0 {
		t.Errorf("%d requests failed without a clear answer (a 5xx with an OperationOutcome): %v", len(unclear), unclear[:min(5, len(unclear))])
	}
	t.Logf("%d writes acknowledged, failures during the restart by status: %v", len(acked), failures)
	for _, id := range acked {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/fhir/R4/Patient/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Fatalf("Patient/%s, acknowledged before or after the restart, answers %d", id, res.StatusCode)
		}
	}
}

// ownPostgres is a PostgreSQL of the test's own, so it can be restarted without the others'.
type ownPostgres struct {
	bin, dir, url string
	asUser        []string // runuser -u postgres -- when the test runs as root
}

func startOwnPostgres(t *testing.T) *ownPostgres {
	t.Helper()
	bin := pgBinDir(t)
	dir, err := os.MkdirTemp("", "veiviser-pg-own-")
	if err != nil {
		t.Fatal(err)
	}
	pg := &ownPostgres{bin: bin, dir: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Fatalf("running PostgreSQL as root needs the postgres user: %v", err)
		}
		if out, err := exec.Command("chown", u.Username+":", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
		pg.asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	t.Cleanup(func() {
		_, _ = pg.run("pg_ctl", "-D", filepath.Join(dir, "data"), "-m", "immediate", "stop")
		_ = os.RemoveAll(dir)
	})
	if out, err := pg.run("initdb", "-D", filepath.Join(dir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions"); err != nil {
		t.Fatalf("initdb: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	_ = ln.Close()
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s", port, dir)
	if out, err := pg.run("pg_ctl", "-D", filepath.Join(dir, "data"), "-l", filepath.Join(dir, "postgres.log"), "-w", "-t", "60", "-o", opts, "start"); err != nil {
		t.Fatalf("pg_ctl start: %v\n%s", err, out)
	}
	pg.url = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return pg
}

// run runs one of PostgreSQL's tools, for at most 90 seconds, and returns its output.
func (pg *ownPostgres) run(tool string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, pg.asUser...), filepath.Join(pg.bin, tool)), args...)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.WaitDelay = 5 * time.Second // a child that keeps the output open does not hang the test
	return cmd.CombinedOutput()
}

// restart stops PostgreSQL at once (its clients cut off) and starts it again.
func (pg *ownPostgres) restart(t *testing.T) {
	t.Helper()
	// -l: the restarted server writes to its log file, not to pg_ctl's output, which would then
	// stay open and keep CombinedOutput waiting
	if out, err := pg.run("pg_ctl", "-D", filepath.Join(pg.dir, "data"), "-l", filepath.Join(pg.dir, "postgres.log"), "-m", "fast", "-w", "-t", "60", "restart"); err != nil {
		t.Fatalf("pg_ctl restart: %v\n%s", err, out)
	}
}

// pgBinDir is the folder of initdb and pg_ctl: on the PATH, or Debian's newest.
func pgBinDir(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p)
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "pg_ctl")); err == nil {
			return d
		}
	}
	t.Fatal("PostgreSQL's initdb and pg_ctl are not installed (scripts/test installs them)")
	return ""
}
