// Package layering holds the tests of how the packages depend on each other and how big their
// files grow (docs/architecture.md says why): the layers hold only while a test says so.
package layering

import (
	"bufio"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "veiviser/"

// areas are the packages of the work's areas and what they share: plain Go, no HTTP.
var areas = []string{"kernel", "workflow", "intake", "consent", "plan", "meetings", "messages", "coordinators",
	"coordination", "pathways", "allocation", "emergency", "accesslog", "access", "lawdata"}

// sqlImports are database/sql and the drivers.
var sqlImports = []string{"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx/v5", "github.com/jackc/pgx/v5/stdlib"}

// goFile is one non-generated Go file of the repository and what it imports.
type goFile struct {
	path    string // relative to the repository's root, e.g. internal/web/web.go
	pkg     string // its folder, e.g. internal/web
	test    bool
	imports []string
	lines   int
}

func repoFiles(t *testing.T) []goFile {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var out []goFile
	for _, top := range []string{"cmd", "internal", "e2e", "scripts"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly|parser.ParseComments)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			gf := goFile{path: filepath.ToSlash(rel), pkg: filepath.ToSlash(filepath.Dir(rel)), test: strings.HasSuffix(path, "_test.go")}
			for _, c := range f.Comments {
				if strings.Contains(c.Text(), "Code generated") && strings.Contains(c.Text(), "DO NOT EDIT") {
					return nil
				}
			}
			for _, im := range f.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				gf.imports = append(gf.imports, p)
			}
			gf.lines, err = countLines(path)
			out = append(out, gf)
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if len(out) < 100 {
		t.Fatalf("found %d Go files; is the test run from internal/layering?", len(out))
	}
	return out
}

func countLines(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

// TestLayers: only the store reaches the database (tests and their helpers aside); no area
// package speaks HTTP; sign-in does not import the web, and the web reaches the store only
// through interfaces it defines.
func TestLayers(t *testing.T) {
	files := repoFiles(t)
	tests := []struct {
		rule    string
		applies func(goFile) bool
		refused func(string) bool
	}{
		{"only internal/store imports database/sql or a driver",
			func(f goFile) bool {
				return !f.test && !strings.HasPrefix(f.pkg, "internal/store") && !strings.HasPrefix(f.pkg, "internal/testutil")
			},
			func(im string) bool { return slices.Contains(sqlImports, im) }},
		{"no area package imports net/http",
			func(f goFile) bool { return !f.test && slices.Contains(areas, strings.TrimPrefix(f.pkg, "internal/")) },
			func(im string) bool { return im == "net/http" || strings.HasPrefix(im, "net/http/") }},
		{"signin does not import web",
			func(f goFile) bool { return !f.test && f.pkg == "internal/signin" },
			func(im string) bool { return im == module+"internal/web" }},
		{"web does not import store",
			func(f goFile) bool { return !f.test && f.pkg == "internal/web" },
			func(im string) bool { return im == module+"internal/store" }},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			checked := 0
			for _, f := range files {
				if !tc.applies(f) {
					continue
				}
				checked++
				for _, im := range f.imports {
					if tc.refused(im) {
						t.Errorf("%s imports %s", f.path, im)
					}
				}
			}
			if checked == 0 {
				t.Fatal("the rule applies to no file: a package was renamed?")
			}
		})
	}
}

// TestFilesStaySmall: no non-generated, non-test file is over 500 lines.
func TestFilesStaySmall(t *testing.T) {
	const limit = 500
	for _, f := range repoFiles(t) {
		if !f.test && f.lines > limit {
			t.Errorf("%s has %d lines, more than %d: split it by what its parts do", f.path, f.lines, limit)
		}
	}
}
