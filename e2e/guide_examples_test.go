package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestFHIRGuideExamples (issue 12) sends every example of docs/fhir.md (docs/examples/*.json,
// transaction Bundles) to the demo's API as a system client: each is accepted whole, entry by
// entry, and one named *.refused.json is refused whole (422, an OperationOutcome, nothing
// written). The guide names every example and names none that is not there, so it cannot go
// stale.
func TestFHIRGuideExamples(t *testing.T) {
	files, err := filepath.Glob("../docs/examples/*.json")
	if err != nil || len(files) < 3 {
		t.Fatalf("examples %v, %v", files, err)
	}
	guide, err := os.ReadFile("../docs/fhir.md")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile(`examples/([a-z0-9.-]+\.json)`).FindAllStringSubmatch(string(guide), -1) {
		named[m[1]] = true
	}
	data := t.TempDir()
	s := startServing(t, data, true, 60*time.Second)
	tok := apiToken(t, s, data, "system/*.*")
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			if !named[name] {
				t.Errorf("docs/fhir.md does not name %s", name)
			}
			delete(named, name)
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequestWithContext(context.Background(), "POST", s.URL+"/fhir/R4", strings.NewReader(string(body)))
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Content-Type", "application/fhir+json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var answer struct {
				ResourceType string
				Entry        []struct{ Response struct{ Status string } }
				Issue        []struct{ Diagnostics string }
			}
			if err := json.NewDecoder(res.Body).Decode(&answer); err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".refused.json") {
				if res.StatusCode != http.StatusUnprocessableEntity || answer.ResourceType != "OperationOutcome" {
					t.Fatalf("%d %+v, want 422 with an OperationOutcome", res.StatusCode, answer)
				}
				var ex struct {
					Entry []struct{ Request struct{ URL string } }
				}
				_ = json.Unmarshal(body, &ex)
				for _, e := range ex.Entry {
					if status, _ := getAuth(t, context.Background(), s.URL+"/fhir/R4/"+e.Request.URL, tok); status != http.StatusNotFound {
						t.Errorf("after the refusal %s answers %d, want 404: a refused transaction writes nothing", e.Request.URL, status)
					}
				}
				return
			}
			if res.StatusCode != http.StatusOK || len(answer.Entry) == 0 {
				t.Fatalf("%d %+v", res.StatusCode, answer)
			}
			for i, e := range answer.Entry {
				if !strings.HasPrefix(e.Response.Status, "20") {
					t.Errorf("entry %d: %s", i, e.Response.Status)
				}
			}
		})
	}
	for name := range named {
		t.Errorf("docs/fhir.md names examples/%s, which is not there", name)
	}
}
