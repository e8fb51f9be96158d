package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestKill9KeepsAcknowledgedWrites: every create the server answered 201 is still there, with
// the same body, after the process is killed mid-load with SIGKILL and started again.
func TestKill9KeepsAcknowledgedWrites(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		runKill9(t, func() *server { return startServer(t, data) }, data)
	})
	t.Run("postgres", func(t *testing.T) {
		dbURL := freshPostgres(t)
		data := t.TempDir()
		runKill9(t, func() *server { return startServer(t, data, "VEIVISER_DATABASE_URL="+dbURL) }, data, "VEIVISER_DATABASE_URL="+dbURL)
	})
}

const (
	writers        = 8
	loadBeforeKill = 2 * time.Second
	maxPerWriter   = 2000 // bounds the load whatever the machine's speed
)

type acked struct {
	id   string
	body []byte // the 201 response: id, meta.versionId and meta.lastUpdated as stored
}

func runKill9(t *testing.T, start func() *server, data string, env ...string) {
	s := start()
	tok := apiToken(t, s, data, "system/*.*", env...) // kept in the database: still valid after the restart
	ctx, stop := context.WithCancel(context.Background())
	defer stop()

	var mu sync.Mutex
	var ok []acked
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Second}
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < maxPerWriter && ctx.Err() == nil; i++ {
				if a, err := createPatient(ctx, client, s.URL, tok, w, i); err == nil {
					mu.Lock()
					ok = append(ok, a)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(loadBeforeKill)
	s.kill9(t) // writers are still sending: some requests die in flight
	stop()
	wg.Wait()
	if len(ok) == 0 {
		t.Fatalf("no write was acknowledged before the kill:\n%s", s.logs.String())
	}
	t.Logf("%d creates acknowledged before kill -9", len(ok))

	s2 := start()
	missing := 0
	for _, a := range ok {
		status, body := getAuth(t, context.Background(), s2.URL+"/fhir/R4/Patient/"+a.id, tok)
		if status != http.StatusOK || !sameJSON(body, a.body) {
			missing++
			if missing <= 5 {
				t.Errorf("Patient/%s after restart: %d %s\nacknowledged: %s", a.id, status, body, a.body)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d acknowledged writes lost or changed", missing, len(ok))
	}
}

// createPatient POSTs one synthetic Patient; identifiers use a non-Norwegian system so no
// identity number is needed. It returns an error for anything but a 201 with an id.
func createPatient(ctx context.Context, c *http.Client, base, token string, writer, i int) (acked, error) {
	body := fmt.Sprintf(`{"resourceType":"Patient","identifier":[{"system":"urn:veiviser:e2e:kill9","value":"w%d-%d"}],`+
		`"name":[{"family":"Testesen","given":["Writer%d"]}],"active":true}`, writer, i, writer)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/fhir/R4/Patient", bytes.NewBufferString(body))
	if err != nil {
		return acked{}, err
	}
	req.Header.Set("Content-Type", "application/fhir+json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return acked{}, err
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusCreated {
		return acked{}, fmt.Errorf("status %d, err %v", res.StatusCode, err)
	}
	var r struct{ ID string }
	if err := json.Unmarshal(got, &r); err != nil || r.ID == "" {
		return acked{}, fmt.Errorf("201 without an id: %s", got)
	}
	return acked{id: r.ID, body: got}, nil
}

func sameJSON(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return bytes.Equal(xa, ya)
}

// TestKill9KeepsTheLogOfAnsweredReads: every read the server answered 200 has its AuditEvent
// after the process is killed mid-load with SIGKILL and started again (the entries were in the
// access log's journal, not yet in the store, and are stored at the start), and no entry is
// stored twice: per citizen, the read entries number at least the answered reads and at most
// those plus the reads in flight at the kill.
func TestKill9KeepsTheLogOfAnsweredReads(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		runKill9Reads(t, func() *server { return startServer(t, data) }, data)
	})
	t.Run("postgres", func(t *testing.T) {
		dbURL := freshPostgres(t)
		data := t.TempDir()
		runKill9Reads(t, func() *server { return startServer(t, data, "VEIVISER_DATABASE_URL="+dbURL) }, data, "VEIVISER_DATABASE_URL="+dbURL)
	})
}

const (
	readers      = 16
	readPatients = 40
	maxPerReader = 5000
)

func runKill9Reads(t *testing.T, start func() *server, data string, env ...string) {
	s := start()
	tok := apiToken(t, s, data, "system/*.*", env...)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	client := &http.Client{Timeout: 10 * time.Second}
	ids := make([]string, readPatients)
	for i := range ids {
		a, err := createPatient(ctx, client, s.URL, tok, 99, i)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = a.id
	}

	answered := make([][]int, readers) // per reader, per patient: reads answered 200
	var wg sync.WaitGroup
	for r := range readers {
		answered[r] = make([]int, readPatients)
		wg.Go(func() {
			for i := 0; i < maxPerReader && ctx.Err() == nil; i++ {
				p := (r*7 + i) % readPatients
				if readOK(ctx, client, s.URL+"/fhir/R4/Patient/"+ids[p], tok) {
					answered[r][p]++
				}
			}
		})
	}
	time.Sleep(loadBeforeKill)
	s.kill9(t)
	stop()
	wg.Wait()

	s2 := start()
	total, logged := 0, 0
	for p, id := range ids {
		want := 0
		for r := range readers {
			want += answered[r][p]
		}
		got := readEntries(t, s2.URL, tok, id)
		total, logged = total+want, logged+got
		if got < want || got > want+readers {
			t.Errorf("Patient/%s: %d read entries after restart for %d answered reads (at most %d in flight)", id, got, want, readers)
		}
	}
	if total == 0 {
		t.Fatalf("no read was answered before the kill:\n%s", s.logs.String())
	}
	t.Logf("%d reads answered before kill -9, %d read entries after the restart", total, logged)
	for _, line := range strings.Split(s2.logs.String(), "\n") {
		if strings.Contains(line, "access log journal") {
			t.Log(line) // how many entries the start stored from the journal
		}
	}
}

// readOK GETs url and reports whether it was answered 200 with the whole body.
func readOK(ctx context.Context, c *http.Client, url, token string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return false
	}
	defer res.Body.Close()
	_, err = io.ReadAll(res.Body)
	return err == nil && res.StatusCode == http.StatusOK
}

// readEntries counts the access log's read entries about Patient/id.
func readEntries(t *testing.T, base, token, id string) int {
	t.Helper()
	n := 0
	for offset := 0; ; offset += 1000 {
		status, body := getAuth(t, context.Background(),
			fmt.Sprintf("%s/fhir/R4/AuditEvent?entity=Patient/%s&subtype=read&_count=1000&_offset=%d", base, id, offset), token)
		if status != http.StatusOK {
			t.Fatalf("search of the access log: %d %s", status, body)
		}
		var b struct{ Entry []json.RawMessage }
		if err := json.Unmarshal(body, &b); err != nil {
			t.Fatal(err)
		}
		n += len(b.Entry)
		if len(b.Entry) < 1000 {
			return n
		}
	}
}

// TestSIGTERMStoresTheAccessLog: at SIGTERM the server stores every journaled read entry and
// removes the journal's segments before it exits; the entries are there after a restart.
func TestSIGTERMStoresTheAccessLog(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data)
	tok := apiToken(t, s, data, "system/*.*")
	client := &http.Client{Timeout: 10 * time.Second}
	a, err := createPatient(context.Background(), client, s.URL, tok, 98, 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if !readOK(context.Background(), client, s.URL+"/fhir/R4/Patient/"+a.id, tok) {
			t.Fatal("a read failed")
		}
	}
	s.terminate(t)
	left, err := filepath.Glob(filepath.Join(data, "access-log", "*.journal"))
	if err != nil || len(left) != 0 {
		t.Errorf("journal segments after a clean stop: %v %v", left, err)
	}
	s2 := startServer(t, data)
	if n := readEntries(t, s2.URL, tok, a.id); n != 20 {
		t.Errorf("%d read entries after the restart, want 20", n)
	}
}
