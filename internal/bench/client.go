package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// client talks to one FHIR base URL the way workload.md asks: JSON, keep-alive, gzip, a bearer
// token on every request. It asks for gzip itself and decompresses every compressed body in full
// (what the Go transport does when it asks) but with pooled readers and buffers: the transport's own
// way allocates a new decompressor per response, and the load generator shares the machine's two
// cores with the server it measures, so its cost is taken from the figures.
type client struct {
	base    string
	token   string
	http    *http.Client
	gunzip  sync.Pool // *gzip.Reader
	buffers sync.Pool // *bytes.Buffer
}

func newClient(base, token string, workers int) *client {
	tr := &http.Transport{
		Proxy:               nil, // a loopback target never goes through a proxy
		MaxIdleConns:        workers * 2,
		MaxIdleConnsPerHost: workers * 2,
		IdleConnTimeout:     90 * time.Second,
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
	}
	return &client{base: strings.TrimRight(base, "/"), token: token,
		http: &http.Client{Transport: tr, Timeout: 30 * time.Second}}
}

// result is one request's outcome, timed from just before sending to the body fully read.
type result struct {
	status  int
	body    []byte
	latency time.Duration
}

func (c *client) do(ctx context.Context, method, path string, body []byte) (result, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+"/"+path, rd)
	if err != nil {
		return result{}, fmt.Errorf("build %s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/fhir+json")
	req.Header.Set("Accept-Encoding", "gzip")
	if body != nil {
		req.Header.Set("Content-Type", "application/fhir+json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	data, err := c.readBody(resp)
	resp.Body.Close()
	lat := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%s %s: read body: %w", method, path, err)
	}
	return result{status: resp.StatusCode, body: data, latency: lat}, nil
}

// readBody reads the whole body, decompressed when the server gzipped it.
func (c *client) readBody(resp *http.Response) ([]byte, error) {
	buf, _ := c.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer c.buffers.Put(buf)
	buf.Reset()
	if !strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		_, err := buf.ReadFrom(resp.Body)
		return bytes.Clone(buf.Bytes()), err
	}
	zr, _ := c.gunzip.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(resp.Body)
	} else {
		err = zr.Reset(resp.Body)
	}
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	defer c.gunzip.Put(zr)
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// create POSTs a resource and returns the id the server gave it.
func (c *client) create(ctx context.Context, typ string, res object) (string, result, error) {
	body, err := json.Marshal(res)
	if err != nil {
		return "", result{}, err
	}
	r, err := c.do(ctx, http.MethodPost, typ, body)
	if err != nil {
		return "", r, err
	}
	if r.status != http.StatusCreated {
		return "", r, fmt.Errorf("POST %s: status %d: %.300s", typ, r.status, r.body)
	}
	var created struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(r.body, &created); err != nil || created.ID == "" {
		return "", r, fmt.Errorf("POST %s: no id in the response", typ)
	}
	return created.ID, r, nil
}

// fetchToken gets a bearer token by OAuth2 client credentials.
func fetchToken(ctx context.Context, tokenURL, clientID, secret string) (string, error) {
	form := url.Values{"grant_type": {"client_credentials"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil || resp.StatusCode != http.StatusOK || tok.AccessToken == "" {
		return "", fmt.Errorf("token request: status %d", resp.StatusCode)
	}
	return tok.AccessToken, nil
}

// checkLoopback refuses any base URL whose host does not resolve only to loopback addresses.
func checkLoopback(ctx context.Context, base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("the target %q is not an http(s) URL", base)
	}
	host := u.Hostname()
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return fmt.Errorf("%s resolves to no address", host)
	}
	for _, a := range addrs {
		if !a.IP.IsLoopback() {
			return errors.New("refusing a target that is not on loopback: " + host + " resolves to " + a.IP.String())
		}
	}
	return nil
}
