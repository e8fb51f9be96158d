package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// dialectConfigs open an empty store of each dialect (PostgreSQL on a schema of its own).
var dialectConfigs = map[string]func(t *testing.T) Config{
	"sqlite":   func(t *testing.T) Config { return Config{DataDir: t.TempDir()} },
	"postgres": legacyPostgres,
}

var (
	dJan = search.Entry{Param: "period", Kind: search.Date, Low: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		High: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
	dOpen = search.Entry{Param: "period", Kind: search.Date, Low: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)} // open end
)

func tok(param, code string) search.Entry {
	return search.Entry{Param: param, Kind: search.Token, System: "s", Code: code}
}

func refTo(param, typ, id string) search.Entry {
	return search.Entry{Param: param, Kind: search.Reference, RefType: typ, RefID: id}
}

func text(param, v string) search.Entry {
	return search.Entry{Param: param, Kind: search.String, Text: v}
}

func num(param string, n float64) search.Entry {
	return search.Entry{Param: param, Kind: search.Number, Number: n}
}

// TestIndexRowsAreTheVersionsEntries: after every write the index tables hold exactly one row
// per distinct entry of the resource's current version, whatever the version before had, and
// leave other resources' rows alone, on both dialects; whether the write read the current
// version first in its transaction (as an update does, and Put then takes the digest that read
// saw) or not, and when two versions are written in one transaction (the second's Put takes the
// digest the first wrote).
func TestIndexRowsAreTheVersionsEntries(t *testing.T) {
	steps := []struct {
		name    string
		deleted bool
		index   []search.Entry
	}{
		{"create with duplicates", false, []search.Entry{tok("status", "active"), tok("status", "active"),
			text("name", "a"), refTo("subject", "Patient", "p1"), dJan, dOpen, num("n", 1.5), num("n", 1.5), num("n", 0)}},
		{"none changed, given in another order", false, []search.Entry{num("n", 0), num("n", 1.5), dOpen, dJan,
			refTo("subject", "Patient", "p1"), text("name", "a"), tok("status", "active")}},
		{"some changed", false, []search.Entry{tok("status", "on-hold"), text("name", "a"), refTo("subject", "Patient", "p1"),
			refTo("subject", "Group", "p1"), dJan, num("n", 1.5), num("n", 1.5)}},
		{"all changed", false, []search.Entry{tok("code", "x"), text("name", "b"), refTo("performer", "Practitioner", "x"),
			dOpen, num("m", -2)}},
		{"none", false, nil},
		{"from none", false, []search.Entry{tok("status", "active")}},
		{"delete", true, nil},
		// the same rows as before the deletion, which removed them
		{"re-create", false, []search.Entry{tok("status", "active"), tok("status", "active")}},
		{"after re-create", false, []search.Entry{tok("status", "active"), num("n", 1.5)}},
	}
	for _, mode := range []struct {
		name     string
		getFirst bool
		perTx    int // versions written per transaction
	}{{"put", false, 1}, {"get-then-put", true, 1}, {"two-per-transaction", true, 2}} {
		for dialect, config := range dialectConfigs {
			t.Run(mode.name+"/"+dialect, func(t *testing.T) {
				t.Parallel()
				ctx := context.Background()
				st, err := Open(ctx, config(t))
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				db := st.(*sqlStore).p.write
				other := []search.Entry{tok("status", "active"), refTo("subject", "Patient", "p1"), dJan, num("n", 1.5)}
				putIndexed(t, st, Record{Type: "Goal", ID: "other", VersionID: 1}, other)
				for i := 0; i < len(steps); i += mode.perTx {
					last := min(i+mode.perTx, len(steps)) - 1
					var recs []Record
					var indexes [][]search.Entry
					for j := i; j <= last; j++ {
						recs = append(recs, Record{Type: "Goal", ID: "g", VersionID: int64(j + 1), Deleted: steps[j].deleted})
						indexes = append(indexes, steps[j].index)
					}
					putAll(t, st, recs, indexes, mode.getFirst)
					s := steps[last]
					if got, want := storedRows(t, db, "Goal", "g"), distinctDescribed(s.index); !slices.Equal(got, want) {
						t.Errorf("%s: rows\n got %q\nwant %q", s.name, got, want)
					}
					if got, want := storedRows(t, db, "Goal", "other"), distinctDescribed(other); !slices.Equal(got, want) {
						t.Errorf("%s: the other resource's rows\n got %q\nwant %q", s.name, got, want)
					}
				}
			})
		}
	}
}

// putAll writes recs (bodies and times filled in) with their indexes in one transaction, each
// after a Get of the resource when getFirst.
func putAll(t *testing.T, st Store, recs []Record, indexes [][]search.Entry, getFirst bool) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx Tx) error {
		for i, r := range recs {
			if getFirst {
				if _, err := tx.Get(ctx, r.Type, r.ID); err != nil && !apperr.Is(err, apperr.NotFound) {
					return err
				}
			}
			r.LastUpdated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.VersionID) * time.Second)
			if !r.Deleted {
				r.Body = fmt.Appendf(nil, `{"resourceType":%q,"id":%q}`, r.Type, r.ID)
			}
			if err := tx.Put(ctx, r, indexes[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("put %s/%s v%d: %v", recs[0].Type, recs[0].ID, recs[0].VersionID, err)
	}
}

// putIndexed writes r (a body and time filled in) with index.
func putIndexed(t *testing.T, st Store, r Record, index []search.Entry) {
	t.Helper()
	ctx := context.Background()
	r.LastUpdated = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.VersionID) * time.Second)
	if !r.Deleted {
		r.Body = fmt.Appendf(nil, `{"resourceType":%q,"id":%q}`, r.Type, r.ID)
	}
	if err := st.Write(ctx, func(tx Tx) error { return tx.Put(ctx, r, index) }); err != nil {
		t.Fatalf("put %s/%s v%d: %v", r.Type, r.ID, r.VersionID, err)
	}
}

// storedRows are typ/id's rows in all five index tables, described and sorted, duplicates kept.
func storedRows(t *testing.T, db *sql.DB, typ, id string) []string {
	t.Helper()
	var out []string
	for _, kind := range indexKinds {
		table, cols, _ := indexInsert(kind)
		q := "SELECT param, " + cols[0]
		if len(cols) > 1 {
			q += ", " + cols[1]
		} else {
			q += ", ''"
		}
		rows, err := db.QueryContext(context.Background(), q+" FROM "+table+" WHERE type = $1 AND id = $2", typ, id)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var param string
			var a, b any
			if err := rows.Scan(&param, &a, &b); err != nil {
				t.Fatal(err)
			}
			out = append(out, describeRow(kind, param, a, b))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(out)
	return out
}

// distinctDescribed are the entries as storedRows describes them, each once, sorted.
func distinctDescribed(index []search.Entry) []string {
	var out []string
	for _, e := range index {
		vals := append(entryValues(e), "")
		out = append(out, describeRow(e.Kind, e.Param, vals[0], vals[1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func describeRow(kind search.Kind, param string, a, b any) string {
	if s, ok := b.([]byte); ok { // a driver's text as bytes
		b = string(s)
	}
	if s, ok := a.([]byte); ok {
		a = string(s)
	}
	return fmt.Sprintf("%s %s %v %v", kind, param, a, b)
}

// TestIndexDigest: the digest is the set's, whatever the order and repetitions, and tells sets
// apart whose fields run together the same way.
func TestIndexDigest(t *testing.T) {
	digest := func(es ...search.Entry) []byte {
		rows, err := rowsOf(es)
		if err != nil {
			t.Fatal(err)
		}
		return indexDigest(rows)
	}
	a, b := tok("status", "active"), refTo("subject", "Patient", "p1")
	for _, tc := range []struct {
		name  string
		x, y  []byte
		equal bool
	}{
		{"order", digest(a, b), digest(b, a), true},
		{"repetition", digest(a, b, a), digest(b, a), true},
		{"none and empty", digest(), digest([]search.Entry{}...), true},
		{"one more", digest(a), digest(a, b), false},
		{"none and one", digest(), digest(a), false},
		{"fields run together", digest(text("ab", "c")), digest(text("a", "bc")), false},
		{"reference parts", digest(refTo("s", "Patient", "p1")), digest(refTo("s", "Patien", "tp1")), false},
		{"kind", digest(text("n", "x")), digest(search.Entry{Param: "n", Kind: search.Token, Code: "x"}), false},
		{"date", digest(dJan), digest(dOpen), false},
		{"number", digest(num("n", 1)), digest(num("n", 2)), false},
	} {
		if got := slices.Equal(tc.x, tc.y); got != tc.equal {
			t.Errorf("%s: digests equal = %v, want %v", tc.name, got, tc.equal)
		}
	}
}

// TestIndexRowsAfterChangeAndBack: versions with rows X, then Y and X again in one transaction, leave
// X's rows: the last Put must compare with the digest the one before it wrote, not the first's.
func TestIndexRowsAfterChangeAndBack(t *testing.T) {
	x, y := []search.Entry{tok("status", "active")}, []search.Entry{tok("status", "on-hold")}
	for dialect, config := range dialectConfigs {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			st, err := Open(context.Background(), config(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			putIndexed(t, st, Record{Type: "Goal", ID: "g", VersionID: 1}, x)
			recs := []Record{{Type: "Goal", ID: "g", VersionID: 2}, {Type: "Goal", ID: "g", VersionID: 3}}
			putAll(t, st, recs, [][]search.Entry{y, x}, false)
			if got, want := storedRows(t, st.(*sqlStore).p.write, "Goal", "g"), distinctDescribed(x); !slices.Equal(got, want) {
				t.Errorf("rows\n got %q\nwant %q", got, want)
			}
		})
	}
}
