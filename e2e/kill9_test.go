package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
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
