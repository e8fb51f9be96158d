package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTransactionAtTheBase (issue 12): a transaction Bundle POSTed to the base as the spec and
// clients write it, /fhir/R4 with no slash, is answered there (no redirect a client would have to
// replay), as is the base with its slash and a type with a trailing slash.
func TestTransactionAtTheBase(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data)
	tok := apiToken(t, s, data, "system/*.*")
	noRedirects := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return errors.New("redirected") }}
	tx := `{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:0a9d4b1e-3c2f-4e5a-8b7c-6d5e4f3a2b10",
		"resource":{"resourceType":"Patient","name":[{"family":"Basesen"}]},"request":{"method":"POST","url":"Patient"}}]}`
	for _, path := range []string{"/fhir/R4", "/fhir/R4/"} {
		req, _ := http.NewRequestWithContext(context.Background(), "POST", s.URL+path, strings.NewReader(tx))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/fhir+json")
		res, err := noRedirects.Do(req)
		if err != nil {
			t.Fatalf("POST %s: %v", path, err)
		}
		var b struct{ Type string }
		err = json.NewDecoder(res.Body).Decode(&b)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || err != nil || b.Type != "transaction-response" {
			t.Errorf("POST %s: %d %+v %v", path, res.StatusCode, b, err)
		}
	}
	for _, path := range []string{"/fhir/R4/Patient/", "/fhir/R4/metadata/"} {
		if status, body := getAuth(t, context.Background(), s.URL+path, tok); status != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, status, body)
		}
	}
}

// TestFHIRClientLibrary (issue 12): a real FHIR client library (fhir-kit-client, pinned in
// package-lock.json) sends a transaction to the base, reads, searches and sends a batch against
// the built server, and gets what it sent.
func TestFHIRClientLibrary(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed; ./scripts/test installs it with npm")
	}
	data := t.TempDir()
	s := startServer(t, data)
	tok := apiToken(t, s, data, "system/*.*")
	cmd := exec.Command(node, filepath.Join("fhirclient", "conformance.mjs"), s.URL+"/fhir/R4", tok)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("fhir-kit-client: %v\n%s", err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var got struct {
		Transaction string   `json:"transaction"`
		Statuses    []string `json:"statuses"`
		ReadFamily  string   `json:"readFamily"`
		Goals       int      `json:"goals"`
		Batch       string   `json:"batch"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("fhir-kit-client printed %q: %v", out, err)
	}
	if got.Transaction != "transaction-response" || len(got.Statuses) != 2 || !strings.HasPrefix(got.Statuses[0], "201") ||
		got.ReadFamily != "Klientsen" || got.Goals != 1 || !strings.HasPrefix(got.Batch, "200") {
		t.Errorf("fhir-kit-client got %+v", got)
	}
}
