package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestDiskFull (issue 17, point 4): the SQLite store's data folder on a small file system that
// fills up: writes then fail clearly (503, "the disk is full", nothing saved), reads go on (each
// read's access-log entry lands in the zeros the journal has written ahead), writes succeed
// again once there is room (without a restart), and after a kill -9 and a new start every write
// that was acknowledged is there.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs for the data folder needs root")
	}
	data := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", data).CombinedOutput(); err != nil {
		t.Fatalf("mount a small tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", data).Run() })
	s := startServing(t, data, false, 30*time.Second)
	token := apiToken(t, s, data, "system/Patient.*")
	client := &http.Client{Timeout: 30 * time.Second}
	call := func(method, path, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, s.URL+"/fhir/R4"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/fhir+json")
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	filler := strings.Repeat("Opplysninger som fyller disken. ", 250) // about 8 kB a write
	write := func(i int) (int, string, string) {
		code, body := call(http.MethodPost, "/Patient", fmt.Sprintf(`{"resourceType":"Patient","name":[{"family":"Fyll%d","text":%q}]}`, i, filler))
		var p struct{ ID string }
		_ = json.Unmarshal([]byte(body), &p)
		return code, body, p.ID
	}
	var acked []string
	full := ""
	for i := 0; i < 5000 && full == ""; i++ {
		code, body, id := write(i)
		switch {
		case code == http.StatusCreated:
			acked = append(acked, id)
		case code == http.StatusServiceUnavailable && strings.Contains(body, "disk is full"):
			full = body
		default:
			t.Fatalf("write %d on a filling disk: %d %.300s", i, code, body)
		}
	}
	if full == "" || len(acked) == 0 {
		t.Fatalf("the disk did not fill (%d writes acknowledged)", len(acked))
	}
	t.Logf("%d writes acknowledged before the disk was full: %.200s", len(acked), full)
	for _, id := range []string{acked[0], acked[len(acked)/2], acked[len(acked)-1]} {
		if code, body := call(http.MethodGet, "/Patient/"+id, ""); code != http.StatusOK {
			t.Errorf("reading Patient/%s on a full disk: %d %.200s", id, code, body)
		}
	}
	if out, err := exec.Command("mount", "-o", "remount,size=64m", data).CombinedOutput(); err != nil {
		t.Fatalf("making room: %v %s", err, out)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body, id := write(-1)
		if code == http.StatusCreated {
			acked = append(acked, id)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("writes do not succeed again once there is room: %d %.300s", code, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, body := call(http.MethodGet, "/Patient/"+acked[0], ""); code != http.StatusOK {
		t.Errorf("reading once there is room again: %d %.200s", code, body)
	}
	s.kill9(t)
	s = startServing(t, data, false, 30*time.Second)
	token = apiToken(t, s, data, "system/Patient.*")
	for _, id := range acked {
		if code, _ := call(http.MethodGet, "/Patient/"+id, ""); code != http.StatusOK {
			t.Fatalf("Patient/%s, acknowledged, is gone after the full disk and a kill -9: %d", id, code)
		}
	}
}
