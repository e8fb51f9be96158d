package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"sync"
)

//go:embed catalog/*.json
var catalogFS embed.FS

// Entry is one text's translations; the bokmål is the key it is filed under.
type Entry struct {
	NN string `json:"nn"`
	EN string `json:"en"`
}

// Catalog translates bokmål texts into nynorsk and English. It is read once at start and then
// only read, except that it notes the keys asked for and not found, for the tests.
type Catalog struct {
	entries map[string]Entry
	files   map[string]string // key -> the catalog file that holds it

	mu      sync.Mutex
	missing map[string]bool
}

// Load reads the embedded catalogs. Two files giving one key different translations is an
// error: a text means one thing wherever it stands.
func Load() (*Catalog, error) {
	return LoadFS(catalogFS, "catalog")
}

// LoadFS reads every *.json file in dir of fsys as a catalog.
func LoadFS(fsys fs.FS, dir string) (*Catalog, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	c := &Catalog{entries: map[string]Entry{}, files: map[string]string{}, missing: map[string]bool{}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		var file map[string]Entry
		if err := json.Unmarshal(b, &file); err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		for key, e := range file {
			if old, ok := c.entries[key]; ok && old != e {
				return nil, fmt.Errorf("i18n: %q is translated differently in %s and %s", key, c.files[key], name)
			}
			c.entries[key], c.files[key] = e, path.Base(name)
		}
	}
	return c, nil
}

// T is the text nb in language l: nb itself for bokmål and for the empty text; the catalog's
// translation otherwise, or nb when the catalog has none (noted for Missing).
func (c *Catalog) T(l Lang, nb string) string {
	if l == Bokmal || l == "" || nb == "" {
		return nb
	}
	if s, ok := c.Lookup(l, nb); ok {
		return s
	}
	c.mu.Lock()
	c.missing[nb] = true
	c.mu.Unlock()
	return nb
}

// Lookup is nb's translation into l, and false when the catalog has none.
func (c *Catalog) Lookup(l Lang, nb string) (string, bool) {
	e, ok := c.entries[nb]
	if !ok {
		return "", false
	}
	switch l {
	case Nynorsk:
		return e.NN, e.NN != ""
	case English:
		return e.EN, e.EN != ""
	}
	return nb, true
}

// Tf translates the format nb, then fills in args as fmt.Sprintf does: the values (names, dates,
// counts) are never translated, only the words around them.
func (c *Catalog) Tf(l Lang, nb string, args ...any) string {
	return fmt.Sprintf(c.T(l, nb), args...)
}

// Has reports whether key is in the catalog.
func (c *Catalog) Has(key string) bool { _, ok := c.entries[key]; return ok }

// Keys are every key, sorted.
func (c *Catalog) Keys() []string { return slices.Sorted(maps.Keys(c.entries)) }

// Entry is key's translations.
func (c *Catalog) Entry(key string) Entry { return c.entries[key] }

// Missing are the keys T was asked for and did not find, sorted; a test renders pages and then
// asks for this.
func (c *Catalog) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.missing))
	for k := range c.missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
