package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"veiviser/internal/config"
)

// serving runs f's server on a free port until the test ends and returns its address.
func serving(t *testing.T, f fixture) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ctx, ln, 2*time.Second) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String()
}

// dial opens a raw connection that gives up reading after a generous safety limit, so a
// server that never cuts it off fails the test instead of hanging it.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
	return c
}

// configured is config's limits with the given timeouts, as the binary passes them.
func configured(edit func(*config.HTTP)) Limits {
	h := config.DefaultHTTP()
	if edit != nil {
		edit(&h)
	}
	return Limits{ReadHeaderTimeout: h.ReadHeaderTimeout, ReadTimeout: h.ReadTimeout, WriteTimeout: h.WriteTimeout,
		IdleTimeout: h.IdleTimeout, MaxHeaderBytes: h.MaxHeaderBytes, MaxConnections: h.MaxConnections}
}

// TestASlowClientIsCutOff: a POST to /login (or anywhere) whose body trickles in a byte at a
// time is cut off at the read timeout (here 300 ms), where before it stayed open for good;
// so are headers that trickle.
func TestASlowClientIsCutOff(t *testing.T) {
	f := newServerWith(t, echoPath, func(o *Options) {
		o.Limits = configured(func(h *config.HTTP) { h.ReadHeaderTimeout, h.ReadTimeout = 200*time.Millisecond, 300*time.Millisecond })
	})
	addr := serving(t, f)
	for name, start := range map[string]string{
		"body":    "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nu",
		"headers": "POST /oauth2/token HTTP/1.1\r\nHost: x\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			c := dial(t, addr)
			if _, err := io.WriteString(c, start); err != nil {
				t.Fatal(err)
			}
			stop := make(chan struct{})
			defer close(stop)
			go trickle(c, stop) // a byte every 50 ms: 1000 bytes would take 50 s
			begin := time.Now()
			// returns when the server closes the connection, or resets it (it holds unread bytes)
			answer, err := io.ReadAll(c)
			if isTimeout(err) {
				t.Fatalf("the connection was not closed by the server after %s", time.Since(begin))
			}
			if s := string(answer); s != "" && !strings.HasPrefix(s, "HTTP/1.1 400") && !strings.HasPrefix(s, "HTTP/1.1 408") {
				t.Errorf("answer %.200q, want none, 400 or 408", s)
			}
		})
	}
	if strings.Contains(f.logs.String(), `"level":"ERROR"`) {
		t.Errorf("a slow client is logged as an error:\n%s", f.logs.String())
	}
}

func trickle(c net.Conn, stop <-chan struct{}) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			if _, err := c.Write([]byte("x")); err != nil {
				return
			}
		}
	}
}

// TestANormalUploadIsNotCutOff: the largest body the API takes (10 MB), sent at the speed of
// the connection, arrives whole under the default limits.
func TestANormalUploadIsNotCutOff(t *testing.T) {
	f := newServerWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		_, _ = io.WriteString(w, strconv.FormatInt(n, 10))
	}), func(o *Options) { o.Limits = configured(nil) })
	addr := serving(t, f)
	const size = 10 << 20
	res, err := http.Post("http://"+addr+"/fhir/R4/Binary", "application/fhir+json", bytes.NewReader(make([]byte, size)))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || string(body) != strconv.Itoa(size) {
		t.Fatalf("upload of %d bytes: %d %q", size, res.StatusCode, body)
	}
}

// rawGet sends GET path on c and reads the answer.
func rawGet(t *testing.T, c net.Conn, br *bufio.Reader, path string) *http.Response {
	t.Helper()
	if _, err := io.WriteString(c, "GET "+path+" HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// TestTheConnectionLimitHolds: with one connection allowed, a second client is not served
// while the first keeps its connection (a few round trips on the first, after the second has
// sent its request, all come first), and is served once the first closes it.
func TestTheConnectionLimitHolds(t *testing.T) {
	var mu sync.Mutex
	var served []string
	f := newServerWith(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		served = append(served, r.URL.Path)
		mu.Unlock()
	}), func(o *Options) { o.Limits = configured(func(h *config.HTTP) { h.MaxConnections = 1 }) })
	addr := serving(t, f)
	first := dial(t, addr)
	firstR := bufio.NewReader(first)
	rawGet(t, first, firstR, "/fhir/R4/first") // the first holds the one slot, kept alive
	second := dial(t, addr)
	if _, err := io.WriteString(second, "GET /fhir/R4/second HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if res := rawGet(t, first, firstR, "/fhir/R4/first"); res.StatusCode != http.StatusOK {
			t.Fatalf("the first connection: %d", res.StatusCode)
		}
	}
	mu.Lock()
	got := strings.Join(served, " ")
	mu.Unlock()
	if strings.Contains(got, "second") {
		t.Fatalf("served %s: the second connection was served while the first held the only slot", got)
	}
	_ = first.Close()
	res, err := http.ReadResponse(bufio.NewReader(second), nil)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the second connection after the first closed: %v %v", res, err)
	}
	res.Body.Close()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// fakeListener hands out the connections sent on conns.
type fakeListener struct {
	conns  chan net.Conn
	closed chan struct{}
}

func (l *fakeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}
func (l *fakeListener) Close() error   { close(l.closed); return nil }
func (l *fakeListener) Addr() net.Addr { return &net.TCPAddr{} }

type fakeConn struct{ net.Conn }

func (fakeConn) Close() error { return nil }

// TestLimitListener: Accept hands out at most n connections at once, waits for one to close
// (closing it twice frees one slot), and returns when the listener is closed.
func TestLimitListener(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inner := &fakeListener{conns: make(chan net.Conn), closed: make(chan struct{})}
		ln := newLimitListener(inner, 2)
		accepted := make(chan net.Conn, 10)
		go func() {
			defer close(accepted)
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				accepted <- c
			}
		}()
		go func() {
			for range 4 { // clients waiting to be accepted
				select {
				case inner.conns <- fakeConn{}:
				case <-inner.closed:
					return
				}
			}
		}()
		synctest.Wait()
		if n := len(accepted); n != 2 {
			t.Fatalf("%d connections accepted at once, want 2", n)
		}
		c := <-accepted
		_ = c.Close()
		_ = c.Close()
		synctest.Wait()
		if n := len(accepted); n != 2 {
			t.Fatalf("after one closed (twice): %d waiting, want 2 (one more accepted)", n)
		}
		_ = ln.Close()
		synctest.Wait()
		for range accepted { // drains, and ends only if Accept returned
		}
	})
}

// TestHeadersOverTheLimitAreRefused: headers past MaxHeaderBytes are refused with 431 before
// any handler runs.
func TestHeadersOverTheLimitAreRefused(t *testing.T) {
	f := newServerWith(t, echoPath, func(o *Options) { o.Limits = configured(func(h *config.HTTP) { h.MaxHeaderBytes = 4 << 10 }) })
	addr := serving(t, f)
	req, err := http.NewRequest("GET", "http://"+addr+"/fhir/R4/metadata", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Purpose-Of-Use", strings.Repeat("x", 16<<10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("16 kB of headers over a 4 kB limit: %d, want 431", res.StatusCode)
	}
}
