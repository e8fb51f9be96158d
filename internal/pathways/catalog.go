package pathways

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/lawdata"
)

// The national pathways, a file per pathway, each a JSON array of its dated versions.
//
//go:embed definitions/*.json
var definitionFiles embed.FS

// Catalog is the checked, immutable set of pathway definitions together with the law table
// their limits are read from.
type Catalog struct {
	law  *lawdata.Table
	defs map[string][]Definition // per id, sorted by ValidFrom, periods not overlapping
}

// NewCatalog returns the national pathways embedded in the binary, checked against law: every
// key a milestone names must be a duration in force when its version starts.
func NewCatalog(law *lawdata.Table) (*Catalog, error) {
	names, err := fs.Glob(definitionFiles, "definitions/*.json")
	if err != nil {
		return nil, fmt.Errorf("pathway catalog: %w", err)
	}
	files := make([][]byte, 0, len(names))
	for _, name := range names {
		data, err := definitionFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("pathway catalog: %w", err)
		}
		files = append(files, data)
	}
	c, err := ParseCatalog(law, files...)
	if err != nil {
		return nil, fmt.Errorf("pathway catalog: %w", err)
	}
	return c, nil
}

// ParseCatalog reads and checks definition files (each a JSON array of versions), for tests and
// for a municipality's own pathways.
func ParseCatalog(law *lawdata.Table, files ...[]byte) (*Catalog, error) {
	if law == nil {
		return nil, apperr.New(apperr.Internal, "a pathway catalog needs the law table")
	}
	c := &Catalog{law: law, defs: map[string][]Definition{}}
	for i, data := range files {
		defs, err := decode(data)
		if err != nil {
			return nil, fmt.Errorf("file %d: %w", i, err)
		}
		for _, d := range defs {
			if err := d.check(law); err != nil {
				return nil, apperr.New(apperr.Unprocessable, "pathway %s from %s: %v", d.ID, d.ValidFrom, err)
			}
			c.defs[d.ID] = append(c.defs[d.ID], d)
		}
	}
	for id, vs := range c.defs {
		slices.SortFunc(vs, func(a, b Definition) int { return strings.Compare(a.ValidFrom, b.ValidFrom) })
		for i := 1; i < len(vs); i++ {
			if isZero(vs[i-1].to) || !vs[i-1].to.Before(vs[i].from) {
				return nil, apperr.New(apperr.Unprocessable, "pathway %s: the version from %s overlaps the one from %s", id, vs[i].ValidFrom, vs[i-1].ValidFrom)
			}
		}
	}
	return c, nil
}

func decode(data []byte) ([]Definition, error) {
	return lawdata.DecodeStrict[[]Definition](data, "the pathway definitions")
}

// Law is the table the catalog reads its limits from.
func (c *Catalog) Law() *lawdata.Table { return c.law }

// Definition returns the version of pathway id in force on day. NotFound when id is unknown or
// has no version then.
func (c *Catalog) Definition(id string, day lawdata.Date) (Definition, error) {
	for _, d := range c.defs[id] {
		if d.inForce(day) {
			return d, nil
		}
	}
	return Definition{}, apperr.New(apperr.NotFound, "no pathway %q is in force on %s", id, day)
}

// InForce lists the pathways in force on day, by id, for choosing one to start.
func (c *Catalog) InForce(day lawdata.Date) []Definition {
	var out []Definition
	for _, id := range c.ids() {
		if d, err := c.Definition(id, day); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// Known reports whether id names a pathway at any date.
func (c *Catalog) Known(id string) bool { return len(c.defs[id]) > 0 }

// IDs are the ids of the pathways the catalog knows, sorted.
func (c *Catalog) IDs() []string { return c.ids() }

func (c *Catalog) ids() []string { return slices.Sorted(maps.Keys(c.defs)) }

// Rule is the law rule for a milestone's key in force on day, for pages that show a limit with
// its source ("6 weeks", pbrl …).
func (c *Catalog) Rule(key lawdata.Key, day lawdata.Date) (lawdata.Rule, error) {
	return c.law.At(key, day.Time(time.UTC))
}
