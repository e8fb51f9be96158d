package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want Lang
		ok   bool
	}{
		{"nb", Bokmal, true}, {"nb-NO", Bokmal, true}, {"no", Bokmal, true}, {"NN-no", Nynorsk, true},
		{"en-GB", English, true}, {"en", English, true}, {"sv", "", false}, {"", "", false},
	} {
		got, ok := Parse(tc.tag)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.tag, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   Lang
		ok     bool
	}{
		{"nn-NO,nn;q=0.9,en;q=0.8", Nynorsk, true},
		{"en-US,en;q=0.9", English, true},
		{"de-DE,de;q=0.9,en;q=0.5,nb;q=0.7", Bokmal, true},
		{"sv, da;q=0.8", "", false},
		{"", "", false},
		{"en;q=bad, nn;q=0.1", Nynorsk, true},
		{"nb;q=0", "", false},
		{strings.Repeat("x", 2000) + ",en", "", false}, // read only so far
	} {
		got, ok := FromAcceptLanguage(tc.header)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FromAcceptLanguage(%.40q) = %q, %v; want %q, %v", tc.header, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCatalogTranslates(t *testing.T) {
	c, err := LoadFS(fstest.MapFS{
		"c/a.json": {Data: []byte(`{"Min side": {"nn": "Mi side", "en": "My page"}, "Hei, %s.": {"nn": "Hei, %s.", "en": "Hello, %s."}}`)},
		"c/b.json": {Data: []byte(`{"Min side": {"nn": "Mi side", "en": "My page"}}`)},
	}, "c")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		l        Lang
		nb, want string
	}{
		{Bokmal, "Min side", "Min side"}, {Nynorsk, "Min side", "Mi side"}, {English, "Min side", "My page"},
		{English, "", ""}, {English, "Ukjent tekst", "Ukjent tekst"},
	} {
		if got := c.T(tc.l, tc.nb); got != tc.want {
			t.Errorf("T(%s, %q) = %q, want %q", tc.l, tc.nb, got, tc.want)
		}
	}
	if got := c.Tf(English, "Hei, %s.", "Siri"); got != "Hello, Siri." {
		t.Errorf("Tf = %q", got)
	}
	if m := c.Missing(); len(m) != 1 || m[0] != "Ukjent tekst" {
		t.Errorf("Missing = %q, want the one unknown text", m)
	}
}

func TestCatalogRefusesTwoMeanings(t *testing.T) {
	_, err := LoadFS(fstest.MapFS{
		"c/a.json": {Data: []byte(`{"Lagre": {"nn": "Lagre", "en": "Save"}}`)},
		"c/b.json": {Data: []byte(`{"Lagre": {"nn": "Lagre", "en": "Store"}}`)},
	}, "c")
	if err == nil || !strings.Contains(err.Error(), "translated differently") {
		t.Fatalf("err = %v, want the two meanings named", err)
	}
}

// TestCatalogs: the shipped catalogs load, and every key has its nynorsk and its English, and
// each keeps the key's %s/%d verbs in the same order (a translation that drops a name or swaps
// two would print the wrong thing).
func TestCatalogs(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range c.Keys() {
		e := c.Entry(key)
		if strings.TrimSpace(e.NN) == "" || strings.TrimSpace(e.EN) == "" {
			t.Errorf("%q (%s): nynorsk %q, English %q; both are needed", key, c.files[key], e.NN, e.EN)
			continue
		}
		for lang, s := range map[string]string{"nn": e.NN, "en": e.EN} {
			if verbs(s) != verbs(key) {
				t.Errorf("%q (%s): the %s %q has the verbs %q, the key %q", key, c.files[key], lang, s, verbs(s), verbs(key))
			}
		}
	}
}

// verbs are the fmt verbs of s in order.
func verbs(s string) string {
	var out []string
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, " ")
}
