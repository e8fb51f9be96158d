package web

import (
	"html/template"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"

	"veiviser/internal/i18n"
)

// TestEveryTextIsTranslated reads every template: no text a person reads stands outside a
// translation (t, tf, ta; a field's label, hint and choices), and every such text is in the
// catalogs with its nynorsk and its English. The texts the Go code gives the pages (titles,
// menus, messages) are checked as the pages render, by TestEveryPageInEachLanguage.
func TestEveryTextIsTranslated(t *testing.T) {
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := templateFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		keys, bare := templateTexts(t, w, name)
		for _, b := range bare {
			t.Errorf("%s: text outside a translation: %q", name, b)
		}
		for _, k := range keys {
			for _, l := range []i18n.Lang{i18n.Nynorsk, i18n.English} {
				if _, ok := w.cat.Lookup(l, k); !ok {
					t.Errorf("%s: %q has no %s in the catalogs", name, k, l)
				}
			}
		}
	}
}

func templateFiles() ([]string, error) {
	var out []string
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			out = append(out, path)
		}
		return err
	})
	return out, err
}

// templateTexts are the catalog keys a template file names and the texts it leaves bare.
func templateTexts(t *testing.T, w *Web, name string) (keys, bare []string) {
	t.Helper()
	src, err := fs.ReadFile(templateFS, name)
	if err != nil {
		t.Fatal(err)
	}
	set, err := template.New(name).Funcs(w.funcs(translator{lang: i18n.Bokmal, cat: w.cat})).Parse(string(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, tpl := range set.Templates() {
		if tpl.Tree == nil {
			continue
		}
		var skeleton strings.Builder // the text with each action as \x00, branches one after the other
		walkTemplate(tpl.Tree.Root, &keys, &skeleton)
		bare = append(bare, bareTexts(skeleton.String())...)
	}
	return keys, bare
}

func walkTemplate(n parse.Node, keys *[]string, skeleton *strings.Builder) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkTemplate(c, keys, skeleton)
		}
	case *parse.TextNode:
		skeleton.Write(n.Text)
	case *parse.ActionNode:
		walkPipe(n.Pipe, keys)
		skeleton.WriteString("\x00")
	case *parse.IfNode:
		walkBranch(&n.BranchNode, keys, skeleton)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, keys, skeleton)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, keys, skeleton)
	case *parse.TemplateNode:
		walkPipe(n.Pipe, keys)
		skeleton.WriteString("\x00")
	}
}

func walkBranch(b *parse.BranchNode, keys *[]string, skeleton *strings.Builder) {
	walkPipe(b.Pipe, keys)
	walkTemplate(b.List, keys, skeleton)
	walkTemplate(b.ElseList, keys, skeleton)
}

// walkPipe collects the texts a pipeline translates: t/tf/ta's first argument, field's label,
// WithHint's hint and Choices' labels (every second argument).
func walkPipe(p *parse.PipeNode, keys *[]string) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		str := func(i int) {
			if i < len(cmd.Args) {
				if s, ok := cmd.Args[i].(*parse.StringNode); ok && s.Text != "" {
					*keys = append(*keys, s.Text)
				}
			}
		}
		switch head := cmd.Args[0].(type) {
		case *parse.IdentifierNode:
			switch head.Ident {
			case "t", "tf", "ta":
				str(1)
			case "field":
				str(3)
			}
		case *parse.ChainNode:
			switch last(head.Field) {
			case "WithHint":
				str(1)
			case "Choices":
				for i := 2; i < len(cmd.Args); i += 2 {
					str(i)
				}
			}
		}
		for _, a := range cmd.Args {
			switch a := a.(type) {
			case *parse.PipeNode:
				walkPipe(a, keys)
			case *parse.ChainNode:
				if pn, ok := a.Node.(*parse.PipeNode); ok {
					walkPipe(pn, keys)
				}
			}
		}
	}
}

func last(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

var (
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	htmlTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	entity      = regexp.MustCompile(`&[a-zA-Z#0-9]+;`)
	// an attribute a person reads (a screen reader says it, a browser shows it), with text in it
	readAttr = regexp.MustCompile(`\b(aria-label|placeholder|title|alt)="([^"{]*[\p{L}][^"{]*)"`)
)

// untranslatable are the words a page shows as they are in every language.
var untranslatable = map[string]bool{"Veiviser": true}

// bareTexts are the texts of a template's skeleton a person reads outside any action: between
// the tags, and in the attributes that are read out or shown.
func bareTexts(s string) []string {
	var out []string
	for _, m := range readAttr.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1]+"="+m[2])
	}
	s = htmlComment.ReplaceAllString(s, " ")
	s = entity.ReplaceAllString(htmlTag.ReplaceAllString(s, "\x00"), " ")
	for _, segment := range strings.Split(s, "\x00") {
		for _, word := range strings.Fields(segment) {
			w := strings.TrimFunc(word, func(r rune) bool { return !unicode.IsLetter(r) })
			if w != "" && !untranslatable[w] {
				out = append(out, strings.TrimSpace(segment))
				break
			}
		}
	}
	return out
}
