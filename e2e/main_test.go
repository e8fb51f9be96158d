// Package e2e tests the real veiviser binary from outside: built once with go build, started on
// free ports with temporary data, driven over HTTP and in headless Chromium.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// binary is the path of the veiviser binary TestMain built; it is written once before any test
// runs and only read afterwards.
var binary string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "veiviser-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "veiviser")
	cmd := exec.Command("go", "build", "-o", binary, "../cmd/veiviser")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building veiviser:", err)
		return 1
	}
	return m.Run()
}

// syncBuffer collects a process's output safely.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// server is one running veiviser process.
type server struct {
	cmd  *exec.Cmd
	URL  string // http://127.0.0.1:port
	logs *syncBuffer
	done chan error // receives Wait's result once
}

// serverEnv is the environment of a started binary: ours, without any VEIVISER_ setting that
// could leak in from the developer's shell, plus extra.
func serverEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "VEIVISER_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// startServer starts `veiviser serve` with an empty store on a free port and waits until
// /healthz answers 200. It is stopped with SIGKILL at the end of the test if still running.
func startServer(t *testing.T, dataDir string, env ...string) *server {
	t.Helper()
	return startServing(t, dataDir, false, 20*time.Second, env...)
}

// startServing starts `veiviser serve`, with or without the demo (loaded before the listener
// opens, so it gets longer to become healthy), and waits until /healthz answers 200.
func startServing(t *testing.T, dataDir string, demo bool, within time.Duration, env ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	s := &server{URL: "http://" + addr, logs: &syncBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(binary, "serve", "--addr", addr, "--data", dataDir, fmt.Sprintf("--demo=%t", demo))
	s.cmd.Env = serverEnv(env...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("starting veiviser: %v", err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		if t.Failed() {
			t.Logf("veiviser output:\n%s", s.logs.String())
		}
	})
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if res, err := http.Get(s.URL + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("veiviser exited before it was ready (%v):\n%s", err, s.logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("veiviser (demo %t) not healthy within %s:\n%s", demo, within, s.logs.String())
	return nil
}

// kill9 kills the process without warning and waits for it to be gone.
func (s *server) kill9(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(os.Kill); err != nil {
		t.Fatalf("kill -9: %v", err)
	}
	<-s.done
}

// terminate sends SIGTERM and waits up to 20 s for a clean exit.
func (s *server) terminate(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, s.logs.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("veiviser did not stop within 20s of SIGTERM")
	}
}

// get fetches a URL and returns status and body.
func get(t *testing.T, ctx context.Context, url string) (int, []byte) {
	t.Helper()
	return getAuth(t, ctx, url, "")
}

// getAuth is get with a bearer token, when token is not empty.
func getAuth(t *testing.T, ctx context.Context, url, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatalf("request: %v", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", url, err)
	}
	return res.StatusCode, body
}
