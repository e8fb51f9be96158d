package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	"veiviser/internal/store"
)

// TestREADMEAPIExample (issue 12): the README's API example, run as written with bash against a
// started server (its address, data folder and binary put in), adds a client, gets a token,
// creates a Patient and finds it.
func TestREADMEAPIExample(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("the README's example needs curl")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script := readmeBlocks(t, string(readme), "<!-- e2e: the two blocks below", 2)
	data := t.TempDir()
	s := startServer(t, data)
	script = strings.NewReplacer("http://127.0.0.1:8080", s.URL, "--data ./data", "--data "+data, "bin/veiviser", binary).Replace(script)
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Env = serverEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's example failed: %v\n%s\n---\n%s", err, out, script)
	}
	for _, want := range []string{`"resourceType":"CapabilityStatement"`, `"resourceType":"Patient"`, `"family":"Nordmann"`,
		`"type":"searchset"`, `"search":{"mode":"match"}`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the README's example printed no %s:\n%s", want, out)
		}
	}
}

// readmeBlocks returns the first n ```sh blocks after marker, joined.
func readmeBlocks(t *testing.T, readme, marker string, n int) string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, marker)
	if !ok {
		t.Fatalf("the README has no %q", marker)
	}
	var blocks []string
	for range n {
		_, after, ok := strings.Cut(rest, "```sh\n")
		if !ok {
			t.Fatalf("the README has fewer than %d sh blocks after the marker", n)
		}
		block, tail, _ := strings.Cut(after, "```")
		blocks, rest = append(blocks, block), tail
	}
	return strings.Join(blocks, "\n")
}

// TestREADMEUserCommands runs the README's user commands as written, on the demo: the links
// list the child coordinator, the user is added, listed and disabled.
func TestREADMEUserCommands(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script := readmeBlocks(t, string(readme), "<!-- e2e: the block below runs as written in e2e TestREADMEUserCommands", 1)
	data := t.TempDir()
	startServing(t, data, true, 60*time.Second)
	script = strings.NewReplacer("--data ./data", "--data "+data, "bin/veiviser", binary).Replace(script)
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Env = serverEnv()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's user commands failed: %v\n%s\n---\n%s", err, out, script)
	}
	for _, want := range []string{"s-barnekoord", "Sunniva Hegstad", "user added: sunniva.hegstad", "user disabled: sunniva.hegstad"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the README's user commands printed no %q:\n%s", want, out)
		}
	}
}

// TestREADMEBackup: the README's backup and restore commands, run as written against a data
// folder the demo server is using, make a new folder that holds the demo's records.
func TestREADMEBackup(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	script := readmeBlocks(t, string(readme), "<!-- e2e: the block below runs as written in e2e TestREADMEBackup", 1)
	data, work := t.TempDir(), t.TempDir()
	startServing(t, data, true, 60*time.Second)
	script = strings.NewReplacer("--data ./data-restored", "--data "+work+"/data-restored", "--data ./data", "--data "+data,
		"./veiviser-backup.tar", work+"/veiviser-backup.tar", "bin/veiviser", binary).Replace(script)
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Env = serverEnv()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the README's backup commands failed: %v\n%s\n---\n%s", err, out, script)
	}
	st, err := store.Open(context.Background(), store.Config{DataDir: work + "/data-restored"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Get(context.Background(), "Patient", "p-astrid"); err != nil {
		t.Errorf("the restored folder does not hold the demo's records: %v", err)
	}
}
