package fhirapi

import "testing"

func TestGzipCacheBounded(t *testing.T) {
	c := newGzipCache(10)
	a, b, d := gzipKey{"Patient", "a", 1}, gzipKey{"Patient", "b", 1}, gzipKey{"Patient", "a", 2}
	c.put(a, []byte("12345"))
	c.put(b, []byte("6789"))
	if got, ok := c.get(a); !ok || string(got) != "12345" {
		t.Fatalf("get a = %q, %v", got, ok)
	}
	if _, ok := c.get(d); ok {
		t.Fatalf("another version of a was found")
	}
	c.put(d, []byte("abc")) // 5+4+3 > 10: starts afresh
	if _, ok := c.get(a); ok {
		t.Errorf("the cache grew past its bound")
	}
	if got, ok := c.get(d); !ok || string(got) != "abc" || c.size != 3 {
		t.Errorf("after reset: %q %v size %d", got, ok, c.size)
	}
}
