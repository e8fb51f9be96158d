package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"
)

// slowHandler answers after delay, telling started when it has begun.
func slowHandler(started chan<- struct{}, delay time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		time.Sleep(delay)
		_, _ = io.WriteString(w, "finished")
	})
}

type served struct {
	status int
	body   string
	err    error
}

// startServing runs Serve in the background on a free port and sends one request to the slow
// handler; it returns when the handler has started.
func startServing(t *testing.T, ctx context.Context, f fixture, started chan struct{}, timeout time.Duration) (<-chan error, <-chan served) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln, timeout) }()
	resp := make(chan served, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/fhir/R4/slow")
		if err != nil {
			resp <- served{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		resp <- served{status: res.StatusCode, body: string(b), err: err}
	}()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the slow request never reached its handler")
	}
	return done, resp
}

func TestGracefulShutdownLetsInFlightRequestFinish(t *testing.T) {
	started := make(chan struct{}, 1)
	f := newServer(t, slowHandler(started, 400*time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done, resp := startServing(t, ctx, f, started, 5*time.Second)

	cancel() // what SIGTERM does in main
	r := <-resp
	if r.err != nil || r.status != http.StatusOK || r.body != "finished" {
		t.Fatalf("in-flight request: status %d body %q err %v; want 200 finished", r.status, r.body, r.err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after shutdown")
	}
	if err := f.st.Ping(context.Background()); err == nil {
		t.Error("store still answers after Serve returned: it was not closed")
	}
	if logs := f.logs.String(); !contains(logs, "shutting down", "store closed") {
		t.Errorf("shutdown not logged:\n%s", logs)
	}
}

func TestShutdownTimeoutCutsOffSlowRequest(t *testing.T) {
	started := make(chan struct{}, 1)
	f := newServer(t, slowHandler(started, 3*time.Second))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done, resp := startServing(t, ctx, f, started, 200*time.Millisecond)

	begin := time.Now()
	cancel()
	err := <-done
	if err == nil {
		t.Error("Serve returned nil although a request outlived the timeout")
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("shutdown took %s, want about the 200ms timeout", d)
	}
	if r := <-resp; r.err == nil && r.body == "finished" {
		t.Error("the request finished although it was cut off")
	}
	if err := f.st.Ping(context.Background()); err == nil {
		t.Error("store not closed after a shutdown that timed out")
	}
}

func TestSIGTERMShutsDownGracefully(t *testing.T) {
	started := make(chan struct{}, 1)
	f := newServer(t, slowHandler(started, 300*time.Millisecond))
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	done, resp := startServing(t, ctx, f, started, 5*time.Second)

	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatalf("sending SIGTERM: %v", err)
	}
	if r := <-resp; r.err != nil || r.body != "finished" {
		t.Fatalf("in-flight request after SIGTERM: %+v", r)
	}
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if err := f.st.Ping(context.Background()); err == nil {
		t.Error("store not closed after SIGTERM")
	}
}

func contains(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
