package letterpdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// created is the creation time the tests write.
func created() time.Time {
	return time.Date(2026, 12, 3, 10, 30, 0, 0, time.FixedZone("CET", 3600))
}

// sampleLetter is a one-page decision letter in bokmål with the letters and punctuation
// WinAnsi carries, and characters a PDF string must escape.
func sampleLetter(t *testing.T) Document {
	t.Helper()
	return Document{
		Title:  "Vedtak om brukerstyrt personlig assistanse (BPA)",
		Author: "Fjellvik kommune, tildelingskontoret",
		Lang:   "nb",
		Stamp:  "Vedtak TK-2026-00001 · 03.12.2026",
		Blocks: []Block{
			{Title, "Vedtak om brukerstyrt personlig assistanse (BPA)"},
			{Paragraph, "Til Åse Øvrebø Ærø\nStorgata 1\n9990 Fjellvik"},
			{Heading, "Hva vi har bestemt"},
			{Paragraph, "Du får «brukerstyrt personlig assistanse» i 20 timer i uken – fra 1. januar 2027. " +
				"Vedtaket er gjort etter helse- og omsorgstjenesteloven § 3-8 og pasient- og brukerrettighetsloven § 2-1 a."},
			{Heading, "Hvorfor vi har kommet til dette"},
			{Paragraph, "Vi har lagt vekt på det du og kontaktpersonen din fortalte på hjemmebesøket — " +
				"særlig at du vil styre hverdagen selv. Egenandelen er 0 €; «café» og \"sitat\" og 'enkle' og “krøllete” og ‘enkle krøllete’ anførselstegn. " +
				"Tegn som må vernes: (parentes), \\omvendt skråstrek\\ og en ) alene."},
			{Heading, "Du kan klage"},
			{Paragraph, "Fristen for å klage er tre uker fra du fikk dette brevet. Send klagen til tildelingskontoret; vi sender den videre til Statsforvalteren hvis vi ikke endrer vedtaket."},
		},
	}
}

// longLetter is a letter of many sections whose words are numbered, so that a lost or moved
// word shows; one paragraph is long enough to run over a page break, and one has a word too
// long for a line.
func longLetter(t *testing.T) Document {
	t.Helper()
	d := Document{
		Title: "Individuell plan for Ola Nordmann",
		Lang:  "nn",
		Stamp: "Individuell plan IP-2026-00042 · 03.12.2026",
	}
	d.Blocks = append(d.Blocks, Block{Title, "Individuell plan for Ola Nordmann"})
	word := 0
	words := func(n int) string {
		ws := make([]string, n)
		for i := range ws {
			word++
			ws[i] = fmt.Sprintf("ord%04d", word)
			if word%7 == 0 {
				ws[i] += "-blåbærsyltetøy"
			}
		}
		return strings.Join(ws, " ")
	}
	for s := 1; s <= 12; s++ {
		d.Blocks = append(d.Blocks, Block{Heading, fmt.Sprintf("Del %d: mål og tiltak", s)})
		d.Blocks = append(d.Blocks, Block{Paragraph, words(60)})
		d.Blocks = append(d.Blocks, Block{Paragraph, words(25) + "\n" + words(10)})
	}
	d.Blocks = append(d.Blocks, Block{Heading, "Langt avsnitt"})
	d.Blocks = append(d.Blocks, Block{Paragraph, words(900)})
	d.Blocks = append(d.Blocks, Block{Paragraph, "Eit ord som er for langt: " + strings.Repeat("tenestekoordinering", 8) + " slutt."})
	return d
}

// renderPDF writes d with the fixed creation time, failing the test on an error.
func renderPDF(t *testing.T, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, d, created()); err != nil {
		t.Fatalf("write: %v", err)
	}
	return buf.Bytes()
}

// writePDF writes d to a file in the test's temporary folder and returns its path and bytes.
func writePDF(t *testing.T, d Document) (string, []byte) {
	t.Helper()
	data := renderPDF(t, d)
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// requirePoppler skips the test when poppler's tools are missing.
func requirePoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH; scripts/test installs poppler-utils (apt-get install poppler-utils)", tool)
		}
	}
}

// run runs a poppler tool and returns its standard output; anything on standard error (a
// syntax error poppler found in the file) fails the test.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s complained:\n%s", name, stderr.String())
	}
	return stdout.String()
}

// pdfText is the text pdftotext extracts from the PDF at path, pages separated by "\f".
func pdfText(t *testing.T, path string) string {
	t.Helper()
	return run(t, "pdftotext", "-enc", "UTF-8", path, "-")
}

// pdfInfo is what pdfinfo reports about the PDF at path, by field.
func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, line := range strings.Split(run(t, "pdfinfo", "-enc", "UTF-8", path), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// inOrder reports the first of want's words that is not found in got's words after the one
// before it, or "" when they all are, in order.
func inOrder(got, want []string) string {
	at := 0
	for _, w := range want {
		i := slices.Index(got[at:], w)
		if i < 0 {
			return w
		}
		at += i + 1
	}
	return ""
}

// pageCount is how many pages d takes by the package's own layout.
func pageCount(t *testing.T, d Document) int {
	t.Helper()
	doc, err := prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	return len(paginate(doc.blocks))
}

func TestWriteTextIsExtractedInOrder(t *testing.T) {
	requirePoppler(t)
	nynorsk := sampleLetter(t)
	nynorsk.Lang = "nn"
	nynorsk.Blocks = append(nynorsk.Blocks, Block{Paragraph, "Me har òg sett på kva du treng i kvardagen; det gjeld både dagtid og kveldstid."})
	english := Document{Title: "Decision", Lang: "en-GB", Blocks: []Block{
		{Title, "Decision on your application"},
		{Paragraph, "We have decided to grant you “personal assistance” – see below."},
	}}
	for _, tc := range []struct {
		name string
		doc  Document
	}{
		{"bokmål letter", sampleLetter(t)},
		{"nynorsk letter", nynorsk},
		{"English letter, no stamp", english},
		{"long plan over several pages", longLetter(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := writePDF(t, tc.doc)
			text := pdfText(t, path)
			got := strings.Fields(text)
			var want []string
			for _, b := range tc.doc.Blocks {
				if b.Kind == Paragraph && strings.Contains(b.Text, strings.Repeat("tenestekoordinering", 8)) {
					continue // the broken word: TestWriteBreaksLongWords
				}
				want = append(want, strings.Fields(b.Text)...)
			}
			if w := inOrder(got, want); w != "" {
				t.Errorf("word %q is missing or out of order in pdftotext's output:\n%s", w, text)
			}
		})
	}
}

func TestWriteKeepsBlocksWholeOnOnePage(t *testing.T) {
	requirePoppler(t)
	d := sampleLetter(t)
	path, _ := writePDF(t, d)
	text := strings.Join(strings.Fields(pdfText(t, path)), " ")
	at := 0
	for _, b := range d.Blocks {
		want := strings.Join(strings.Fields(b.Text), " ")
		i := strings.Index(text[at:], want)
		if i < 0 {
			t.Fatalf("block %q is not in pdftotext's output after what comes before it:\n%s", want, text)
		}
		at += i + len(want)
	}
	for _, s := range []string{"Åse Øvrebø Ærø", "«brukerstyrt personlig assistanse»", "– fra", "hjemmebesøket —", "§ 3-8", "0 €", "café",
		`"sitat"`, "'enkle'", "“krøllete”", "‘enkle krøllete’", `(parentes), \omvendt skråstrek\ og en ) alene.`} {
		if !strings.Contains(text, s) {
			t.Errorf("pdftotext's output lacks %q", s)
		}
	}
}

func TestWriteFooterOnEveryPage(t *testing.T) {
	requirePoppler(t)
	d := longLetter(t)
	path, _ := writePDF(t, d)
	pages := strings.Split(strings.TrimSuffix(pdfText(t, path), "\f"), "\f")
	n := pageCount(t, d)
	if len(pages) != n {
		t.Fatalf("pdftotext found %d pages, the layout %d", len(pages), n)
	}
	for i, pg := range pages {
		if !strings.Contains(pg, d.Stamp) || !strings.Contains(pg, fmt.Sprintf("%d/%d", i+1, n)) {
			t.Errorf("page %d lacks the stamp %q or its number %d/%d:\n%s", i+1, d.Stamp, i+1, n, pg)
		}
	}
}

func TestWriteBreaksLongWords(t *testing.T) {
	requirePoppler(t)
	long := strings.Repeat("tenestekoordinering", 8)
	if textWidth(regular, 10.5, long) <= bodyWidth {
		t.Fatal("the fixture's word fits a line; make it longer")
	}
	path, _ := writePDF(t, longLetter(t))
	squeezed := strings.Join(strings.Fields(pdfText(t, path)), "")
	if !strings.Contains(squeezed, "langt:"+long+"slutt.") {
		t.Errorf("the long word is not whole across its lines")
	}
}

func TestPdfinfo(t *testing.T) {
	requirePoppler(t)
	for _, tc := range []struct {
		name      string
		doc       Document
		morePages bool
	}{
		{"one-page letter", sampleLetter(t), false},
		{"long plan", longLetter(t), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := writePDF(t, tc.doc)
			info := pdfInfo(t, path)
			n := pageCount(t, tc.doc)
			if tc.morePages != (n > 1) {
				t.Fatalf("the layout has %d pages", n)
			}
			for field, want := range map[string]string{
				"Tagged":      "yes",
				"Pages":       strconv.Itoa(n),
				"Title":       tc.doc.Title,
				"Author":      tc.doc.Author,
				"Producer":    "Veiviser",
				"PDF version": "1.7",
				"Page size":   "595.28 x 841.89 pts (A4)",
			} {
				if want == "" {
					continue
				}
				if got := info[field]; got != want {
					t.Errorf("pdfinfo %s: %q, want %q (all: %v)", field, got, want, info)
				}
			}
		})
	}
}

// structureText is what pdfinfo -struct-text reads from the structure tree of the PDF at path:
// each element's type and the text of its marked content, joined across its parts.
func structureText(t *testing.T, path string) (tags, texts []string) {
	t.Helper()
	for _, line := range strings.Split(run(t, "pdfinfo", "-struct-text", path), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line == "Document":
		case strings.HasPrefix(line, `"`) && strings.HasSuffix(line, `"`) && len(tags) > 0:
			texts[len(texts)-1] += line[1 : len(line)-1]
		default:
			tags, texts = append(tags, strings.Fields(line)[0]), append(texts, "")
		}
	}
	return tags, texts
}

func TestStructureTextIsTheBlocksText(t *testing.T) {
	requirePoppler(t)
	for _, tc := range []struct {
		name string
		doc  Document
	}{
		{"one-page letter", sampleLetter(t)},
		{"long plan", longLetter(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := writePDF(t, tc.doc)
			tags, texts := structureText(t, path)
			if want := tagsOf(tc.doc); !slices.Equal(tags, want) {
				t.Fatalf("pdfinfo reads the structure %v, want %v", tags, want)
			}
			for i, b := range tc.doc.Blocks {
				if got, want := strings.TrimSpace(texts[i]), oneLine(b.Text); got != want {
					t.Errorf("element %d (%s) reads\n %q\nwant\n %q", i+1, tags[i], got, want)
				}
			}
			if all := strings.Join(texts, " "); strings.Contains(all, tc.doc.Stamp) || strings.Contains(all, "1/") {
				t.Error("the footer is read as content")
			}
		})
	}
}

// pdfObjects are a written PDF's objects by number, each as written between "obj" and "endobj".
type pdfObjects map[int]string

// The patterns the structure checks read a written PDF with.
const (
	objectPattern = `(?s)(\d+) 0 obj\n(.*?)\nendobj\n`
	refPattern    = `(\d+) 0 R`
	bdcPattern    = `/(H1|H2|P) <</MCID (\d+)>> BDC`
	mcrPattern    = `<</Type /MCR /Pg (\d+) 0 R /MCID (\d+)>>`
	artifactBDC   = "/Artifact <</Type /Pagination>> BDC"
)

// parseObjects reads data's objects, checking the cross-reference table points at each.
func parseObjects(t *testing.T, data []byte) pdfObjects {
	t.Helper()
	objs := pdfObjects{}
	for _, m := range regexp.MustCompile(objectPattern).FindAllSubmatch(data, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		objs[n] = string(m[2])
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	if m == nil {
		t.Fatal("no startxref at the end of the file")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	var size int
	if _, err := fmt.Sscanf(string(data[xref:]), "xref\n0 %d\n", &size); err != nil {
		t.Fatalf("no xref table at %d: %v", xref, err)
	}
	if size != len(objs)+1 {
		t.Fatalf("xref has %d entries for %d objects", size, len(objs))
	}
	table := data[bytes.IndexByte(data[xref+5:], '\n')+xref+6:]
	for n := 1; n < size; n++ {
		off, err := strconv.Atoi(string(table[n*20 : n*20+10]))
		if err != nil || !bytes.HasPrefix(data[off:], fmt.Appendf(nil, "%d 0 obj\n", n)) {
			t.Fatalf("xref entry %d (%q) does not point at object %d", n, table[n*20:n*20+20], n)
		}
	}
	return objs
}

// entry is the object number a dictionary's key refers to.
func entry(t *testing.T, body, key string) int {
	t.Helper()
	m := regexp.MustCompile(`/` + key + ` (\d+) 0 R`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no /%s reference in %s", key, body)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// refNumbers are the object numbers referred to in s, in order.
func refNumbers(s string) []int {
	var out []int
	for _, m := range regexp.MustCompile(refPattern).FindAllStringSubmatch(s, -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, n)
	}
	return out
}

// arrayAfter is the text of the array that follows key in body.
func arrayAfter(t *testing.T, body, key string) string {
	t.Helper()
	m := regexp.MustCompile(`/` + key + ` \[([^\]]*)\]`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no /%s array in %s", key, body)
	}
	return m[1]
}

// elemMarks are the (page object, MCID) pairs a structure element's /K names.
func elemMarks(t *testing.T, o pdfObjects, elem string) map[[2]int]bool {
	t.Helper()
	pg := entry(t, elem, "Pg")
	kids := elem[strings.Index(elem, "/K [")+4 : strings.LastIndex(elem, "]")]
	mcrRE := regexp.MustCompile(mcrPattern)
	marks := map[[2]int]bool{}
	for _, m := range mcrRE.FindAllStringSubmatch(kids, -1) {
		p, _ := strconv.Atoi(m[1])
		mcid, _ := strconv.Atoi(m[2])
		marks[[2]int{p, mcid}] = true
	}
	for _, f := range strings.Fields(mcrRE.ReplaceAllString(kids, "")) {
		mcid, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("structure element kid %q is neither an MCID nor an MCR", f)
		}
		marks[[2]int{pg, mcid}] = true
	}
	return marks
}

// structure is what checkStructure found.
type structure struct {
	tags  []string // the Document element's kids' types, in order
	pages int
	mcrs  int // marked-content references to a later page
}

// checkStructure checks a written PDF's catalog and structure tree: the Document element's kids,
// each page's StructParents, /Tabs, marked content and footer artifact, and that the parent
// tree and the elements' /K agree on every MCID.
func checkStructure(t *testing.T, data []byte, lang string) structure {
	t.Helper()
	o := parseObjects(t, data)
	catalog := o[entry(t, string(data[bytes.LastIndex(data, []byte("trailer")):]), "Root")]
	for _, s := range []string{"/Type /Catalog", "/MarkInfo <</Marked true>>", "/Lang (" + lang + ")",
		"/ViewerPreferences <</DisplayDocTitle true>>", "/StructTreeRoot ", "/Metadata "} {
		if !strings.Contains(catalog, s) {
			t.Errorf("the catalog lacks %q: %s", s, catalog)
		}
	}
	root := o[entry(t, catalog, "StructTreeRoot")]
	if !strings.Contains(root, "/Type /StructTreeRoot") || !strings.Contains(root, "/ParentTree <</Nums [") {
		t.Fatalf("structure tree root: %s", root)
	}
	docNum := entry(t, root, "K")
	if doc := o[docNum]; !strings.Contains(doc, "/S /Document") {
		t.Fatalf("the root's kid is not a Document element: %s", doc)
	}
	var st structure
	elemTag := map[int]string{}
	wantMarks := map[[2]int]int{} // (page, MCID) → element, from the elements
	for _, e := range refNumbers(arrayAfter(t, o[docNum], "K")) {
		body := o[e]
		tag := regexp.MustCompile(`/S /(\w+)`).FindStringSubmatch(body)[1]
		if entry(t, body, "P") != docNum {
			t.Errorf("element %d's parent is not the Document element: %s", e, body)
		}
		st.tags, elemTag[e] = append(st.tags, tag), tag
		st.mcrs += len(regexp.MustCompile(mcrPattern).FindAllString(body, -1))
		for m := range elemMarks(t, o, body) {
			wantMarks[m] = e
		}
	}
	parents := map[int][]int{} // StructParents key → elements by MCID
	for _, m := range regexp.MustCompile(`(\d+) (\d+) 0 R`).FindAllStringSubmatch(arrayAfter(t, root, "Nums"), -1) {
		k, _ := strconv.Atoi(m[1])
		arr, _ := strconv.Atoi(m[2])
		parents[k] = refNumbers(o[arr])
	}
	gotMarks := 0
	for i, pg := range refNumbers(arrayAfter(t, o[entry(t, catalog, "Pages")], "Kids")) {
		gotMarks += checkPage(t, o, pg, i, parents, elemTag, wantMarks)
		st.pages++
	}
	if gotMarks != len(wantMarks) {
		t.Errorf("the pages have %d marked-content sequences, the elements name %d", gotMarks, len(wantMarks))
	}
	return st
}

// checkPage checks page i (object pg): its entries, that its marked content's MCIDs count up
// from 0 and belong, by the parent tree and by the elements' /K, to an element of the same tag,
// and that its footer is one artifact after the content. It returns how many MCIDs it has.
func checkPage(t *testing.T, o pdfObjects, pg, i int, parents map[int][]int, elemTag map[int]string, wantMarks map[[2]int]int) int {
	t.Helper()
	body := o[pg]
	if !strings.Contains(body, fmt.Sprintf("/StructParents %d ", i)) || !strings.Contains(body, "/Tabs /S") {
		t.Errorf("page %d lacks /StructParents %d or /Tabs /S: %s", i+1, i, body)
	}
	content := o[entry(t, body, "Contents")]
	if strings.Count(content, artifactBDC) != 1 || strings.Contains(content[strings.Index(content, artifactBDC):], "MCID") {
		t.Errorf("page %d's footer is not one artifact after its content", i+1)
	}
	bdcs := regexp.MustCompile(bdcPattern).FindAllStringSubmatch(content, -1)
	if len(bdcs) != len(parents[i]) {
		t.Errorf("page %d has %d marked-content sequences, its parent tree entry %d", i+1, len(bdcs), len(parents[i]))
	}
	for k, m := range bdcs {
		mcid, _ := strconv.Atoi(m[2])
		if mcid != k || k >= len(parents[i]) {
			t.Errorf("page %d: MCID %d in place %d", i+1, mcid, k)
			continue
		}
		e := parents[i][mcid]
		if elemTag[e] != m[1] || wantMarks[[2]int{pg, mcid}] != e {
			t.Errorf("page %d MCID %d (%s): the parent tree says element %d (%s), the elements say %d",
				i+1, mcid, m[1], e, elemTag[e], wantMarks[[2]int{pg, mcid}])
		}
	}
	return len(bdcs)
}

// tagsOf are the structure types of d's blocks, in order.
func tagsOf(d Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, tag(b.Kind))
	}
	return out
}

func TestWriteStructureTree(t *testing.T) {
	for _, tc := range []struct {
		name    string
		doc     Document
		wantMCR bool // a paragraph runs over a page break
	}{
		{"one-page letter", sampleLetter(t), false},
		{"long plan", longLetter(t), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := renderPDF(t, tc.doc)
			st := checkStructure(t, data, tc.doc.Lang)
			if want := tagsOf(tc.doc); !slices.Equal(st.tags, want) {
				t.Errorf("the Document element's kids are %v, want %v", st.tags, want)
			}
			if st.pages != pageCount(t, tc.doc) {
				t.Errorf("%d pages in the page tree, %d laid out", st.pages, pageCount(t, tc.doc))
			}
			if tc.wantMCR != (st.mcrs > 0) {
				t.Errorf("%d marked-content references to a later page", st.mcrs)
			}
			for _, s := range []string{"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + tc.doc.Title + "</rdf:li>",
				"<dc:language><rdf:Bag><rdf:li>" + tc.doc.Lang + "</rdf:li>", "<pdf:Producer>Veiviser</pdf:Producer>",
				"/Type /Metadata /Subtype /XML", "/BaseFont /Helvetica /Encoding /WinAnsiEncoding",
				"/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding", "/CreationDate (D:20261203103000+01'00')"} {
				if !bytes.Contains(data, []byte(s)) {
					t.Errorf("the file lacks %q", s)
				}
			}
		})
	}
}

func TestHeadingIsNotLastOnAPage(t *testing.T) {
	doc, err := prepare(longLetter(t))
	if err != nil {
		t.Fatal(err)
	}
	pages := paginate(doc.blocks)
	for i, pg := range pages[:len(pages)-1] {
		if last := pg.parts[len(pg.parts)-1]; last.kind != Paragraph {
			t.Errorf("page %d ends with a heading", i+1)
		}
	}
}

func TestWinAnsi(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want byte
	}{
		{'A', 'A'}, {' ', ' '}, {'æ', 0xE6}, {'ø', 0xF8}, {'å', 0xE5}, {'Æ', 0xC6}, {'Ø', 0xD8}, {'Å', 0xC5},
		{'é', 0xE9}, {'ü', 0xFC}, {'«', 0xAB}, {'»', 0xBB}, {'–', 0x96}, {'—', 0x97}, {'"', 0x22}, {'\'', 0x27},
		{'“', 0x93}, {'”', 0x94}, {'„', 0x84}, {'‘', 0x91}, {'’', 0x92}, {'€', 0x80}, {'§', 0xA7}, {'·', 0xB7},
		{'…', 0x85}, {'•', 0x95}, {'\u00A0', 0xA0}, {'Š', 0x8A}, {'ž', 0x9E}, {'Ÿ', 0x9F},
		// no code in Windows-1252
		{'ł', '?'}, {'č', '?'}, {'Ω', '?'}, {'→', '?'}, {'😀', '?'}, {'\u0080', '?'}, {'\u0096', '?'},
		{'\x01', '?'}, {'\x7F', '?'}, {'\uFFFD', '?'},
	} {
		if got := winAnsiCode(tc.r); got != tc.want {
			t.Errorf("winAnsiCode(%q) = %#x, want %#x", tc.r, got, tc.want)
		}
	}
	if got, want := string(toWinAnsi("Blåbær → 5 €")), "Bl\xE5b\xE6r ? 5 \x80"; got != want {
		t.Errorf("toWinAnsi = %q, want %q", got, want)
	}
}

func TestWrapKeepsLinesWithinTheTextWidth(t *testing.T) {
	prose := strings.Repeat("Kommunen skal sørge for at den som har behov for langvarige og koordinerte tjenester, får tilbud om individuell plan. ", 12)
	for _, tc := range []struct {
		name  string
		kind  Kind
		text  string
		whole bool // no word is wider than a line: every line but a paragraph's last is full
	}{
		{"paragraph", Paragraph, prose, true},
		{"heading", Heading, prose, true},
		{"title", Title, prose, true},
		{"wide letters", Paragraph, strings.Repeat("WWW MMM ÆÆÆ ŒŒ —— ", 40), true},
		{"hard line breaks", Paragraph, "Storgata 1\n9990 Fjellvik\n\n" + prose, true},
		{"a word wider than a line", Paragraph, "Kort " + strings.Repeat("W", 150) + " ord " + strings.Repeat("i", 400) + " slutt", false},
		{"a word wider than a line in bold", Title, strings.Repeat("m", 300), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, _ := styleOf(tc.kind)
			text := string(toWinAnsi(tc.text))
			lines := wrapText(text, st.font, st.size, bodyWidth)
			for i, ln := range lines {
				if w := textWidth(st.font, st.size, strings.TrimRight(ln, " ")); w > bodyWidth {
					t.Errorf("line %d is %.2fpt wide, the text width %.2fpt: %q", i+1, w, bodyWidth, ln)
				}
			}
			squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if got, want := squeeze(strings.Join(lines, " ")), squeeze(text); got != want {
				t.Errorf("wrapping lost or changed text:\n got %q\nwant %q", got, want)
			}
			if !tc.whole {
				return
			}
			if got, want := strings.Fields(strings.Join(lines, " ")), strings.Fields(text); !slices.Equal(got, want) {
				t.Errorf("wrapping changed the words")
			}
			for _, hard := range strings.Split(text, "\n") {
				assertFull(t, wrapLine(hard, st.font, st.size, bodyWidth), st)
			}
		})
	}
}

// assertFull checks that each of one hard line's wrapped lines but the last would be too wide
// with the next line's first word: wrapping breaks no line early.
func assertFull(t *testing.T, lines []string, st style) {
	t.Helper()
	for i := 0; i+1 < len(lines); i++ {
		next, _, _ := strings.Cut(lines[i+1], " ")
		if w := textWidth(st.font, st.size, strings.TrimRight(lines[i], " ")+" "+next); w <= bodyWidth {
			t.Errorf("line %d breaks early: %q would take %q (%.2fpt)", i+1, lines[i], next, w)
		}
	}
}

func TestWriteRefusesWhatItCannotWrite(t *testing.T) {
	ok := sampleLetter(t)
	withLang := func(lang string) Document { d := ok; d.Lang = lang; return d }
	withBlocks := func(bs ...Block) Document { d := ok; d.Blocks = bs; return d }
	for _, tc := range []struct {
		name string
		doc  Document
		want string
	}{
		{"no blocks", withBlocks(), "empty"},
		{"only blank blocks", withBlocks(Block{Title, "  "}, Block{Paragraph, "\n\t\n"}), "empty"},
		{"no language", withLang(""), "language"},
		{"not a language tag", withLang("norsk bokmål"), "BCP 47"},
		{"a tag with a bad subtag", withLang("nb-"), "BCP 47"},
		{"an unknown kind", withBlocks(Block{Title, "Vedtak"}, Block{Kind(7), "?"}), "unknown kind 7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tc.doc)
			if err == nil || !strings.HasPrefix(err.Error(), "letterpdf: ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write: %v, want an error about %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsTheWritersError(t *testing.T) {
	err := Write(failingWriter{}, sampleLetter(t))
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.HasPrefix(err.Error(), "letterpdf: ") {
		t.Fatalf("Write: %v, want the writer's error with context", err)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b := renderPDF(t, longLetter(t)), renderPDF(t, longLetter(t))
	if !bytes.Equal(a, b) {
		t.Error("the same letter at the same time gave two different files")
	}
}

func TestTitleFallsBackToTheFirstTitleBlock(t *testing.T) {
	d := sampleLetter(t)
	d.Title = ""
	doc, err := prepare(d)
	if err != nil {
		t.Fatal(err)
	}
	if want := d.Blocks[0].Text; doc.title != want {
		t.Errorf("title %q, want %q", doc.title, want)
	}
}

func TestFitWidthCutsALongStamp(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		limit   float64
		cut     bool
	}{
		{"fits", "Vedtak TK-2026-00001 \xB7 03.12.2026", bodyWidth, false},
		{"too long", strings.Repeat("Vedtak TK-2026-00001 ", 30), bodyWidth, true},
		{"no room", "Vedtak", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fitWidth(tc.s, regular, footerSize, tc.limit)
			if cut := got != tc.s; cut != tc.cut || (cut && !strings.HasSuffix(got, "\x85")) {
				t.Fatalf("fitWidth = %q", got)
			}
			if tc.cut && len(got) > 1 && textWidth(regular, footerSize, got) > tc.limit {
				t.Errorf("%q is %.2fpt wide, the limit %.2fpt", got, textWidth(regular, footerSize, got), tc.limit)
			}
		})
	}
}
