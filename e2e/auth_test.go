package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

var clientLines = regexp.MustCompile(`^client_id: (\S+)\nclient_secret: (\S+)\n$`)

// apiToken adds an API client with `veiviser client add` on the server's database (dataDir and
// env as the server got them) and signs it in at the server's /oauth2/token.
func apiToken(t *testing.T, s *server, dataDir string, scope string, env ...string) string {
	t.Helper()
	cmd := exec.Command(binary, "client", "add", "--data", dataDir, "--name", "e2e", "--scope", scope)
	cmd.Env = serverEnv(env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("veiviser client add: %v\n%s", err, out)
	}
	m := clientLines.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("veiviser client add printed %q", out)
	}
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {scope}}
	req, _ := http.NewRequest("POST", s.URL+"/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(m[1], m[2])
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST /oauth2/token: %v", err)
	}
	defer res.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil || res.StatusCode != 200 || tok.TokenType != "Bearer" {
		t.Fatalf("POST /oauth2/token: %d %+v %v", res.StatusCode, tok, err)
	}
	return tok.AccessToken
}

func TestAPIClientSignsIn(t *testing.T) {
	data := t.TempDir()
	s := startServer(t, data)
	ctx := context.Background()
	if status, body := get(t, ctx, s.URL+"/fhir/R4/Patient"); status != http.StatusUnauthorized {
		t.Fatalf("search without a token = %d %s", status, body)
	}
	if status, _ := get(t, ctx, s.URL+"/fhir/R4/metadata"); status != http.StatusOK {
		t.Fatalf("metadata without a token = %d", status)
	}
	tok := apiToken(t, s, data, "system/*.read")
	if status, body := getAuth(t, ctx, s.URL+"/fhir/R4/Patient", tok); status != http.StatusOK {
		t.Fatalf("search with a token = %d %s", status, body)
	}
}
