package fhirapi

import (
	"bytes"
	"compress/gzip"
	"sync"
)

// gzipCache keeps the gzip encoding of recently served versions, so a hot read costs a store
// lookup and a write, not a compression (gzip was half the CPU of a read). A version never changes,
// so an entry cannot go stale, and several instances need no coordination. It holds at most
// maxBytes; when full it starts afresh, which is cheap and bounds memory without bookkeeping.
// It is only consulted after the handler has decided to serve the version.
type gzipCache struct {
	mu       sync.RWMutex
	m        map[gzipKey][]byte
	size     int
	maxBytes int
}

type gzipKey struct {
	typ, id string
	version int64
}

func newGzipCache(maxBytes int) *gzipCache {
	return &gzipCache{m: map[gzipKey][]byte{}, maxBytes: maxBytes}
}

func (c *gzipCache) get(k gzipKey) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *gzipCache) put(k gzipKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(b) > c.maxBytes {
		clear(c.m)
		c.size = 0
	}
	if _, ok := c.m[k]; !ok {
		c.m[k] = b
		c.size += len(b)
	}
}

// compress gzips body with a pooled writer into a new slice the cache may keep.
func (a *api) compress(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(body)/2 + 64)
	gz := a.gzip.Get().(*gzip.Writer)
	defer a.gzip.Put(gz)
	gz.Reset(&buf)
	if _, err := gz.Write(body); err != nil {
		return nil, err
	}
	// The sync flush ends the blocks on a byte boundary, so a bundle can splice them in
	// (gzstitch.go); it costs five bytes.
	if err := gz.Flush(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
