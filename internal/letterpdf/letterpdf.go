package letterpdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Kind is what a block is in the document's structure.
type Kind int

const (
	Title     Kind = iota // the letter's subject: tagged H1, bold 15pt
	Heading               // a section heading: tagged H2, bold 11.5pt
	Paragraph             // body text: tagged P, 10.5pt; a "\n" inside starts a new line in the same paragraph
)

// Block is one piece of the letter: its kind and its text (UTF-8).
type Block struct {
	Kind Kind
	Text string
}

// Document is a letter to write as a tagged PDF.
type Document struct {
	Title  string // document title (Info /Title and XMP dc:title; viewer shows it: DisplayDocTitle)
	Author string // e.g. "Fjellvik kommune, tildelingskontoret"
	Lang   string // BCP 47, e.g. "nb", "nn", "en": catalog /Lang
	Stamp  string // footer line on each page, e.g. "Vedtak TK-2026-00001 · 03.12.2026", followed by "N/M"; an artifact, not content
	// Created is when the letter was made (the caller's clock, so a letter is the same bytes
	// every time it is made from the same facts); zero: now.
	Created time.Time
	Blocks  []Block
}

// Write writes d to w as a tagged PDF 1.7 on A4 pages. It fails, writing nothing, when d has no
// block with text, has no language or a malformed one, or has a block of an unknown kind. When
// d.Title is empty the first block's text is the document's title.
func Write(w io.Writer, d Document) error {
	if d.Created.IsZero() {
		return write(w, d, time.Now())
	}
	return write(w, d, d.Created)
}

// write is Write with the creation time given.
func write(w io.Writer, d Document, created time.Time) error {
	doc, err := prepare(d)
	if err != nil {
		return fmt.Errorf("letterpdf: %s: %w", what(d.Title), err)
	}
	if _, err := w.Write(render(doc, paginate(doc.blocks), created)); err != nil {
		return fmt.Errorf("letterpdf: %s: %w", what(doc.title), err)
	}
	return nil
}

// what names the document being written in an error.
func what(title string) string {
	if title == "" {
		return "writing a letter"
	}
	return fmt.Sprintf("writing %q", title)
}

// document is a Document checked and made ready to lay out: its text in WinAnsi, wrapped.
type document struct {
	title, author, lang string // as given (UTF-8): the Info dictionary and XMP take Unicode
	stamp               string // WinAnsi
	blocks              []laidBlock
}

// prepare checks d and wraps its blocks' text into lines.
func prepare(d Document) (document, error) {
	lang, err := checkLang(d.Lang)
	if err != nil {
		return document{}, err
	}
	blocks, err := prepareBlocks(d.Blocks)
	if err != nil {
		return document{}, err
	}
	title := oneLine(d.Title)
	if title == "" {
		title = oneLine(firstText(d.Blocks))
	}
	return document{
		title:  title,
		author: oneLine(d.Author),
		lang:   lang,
		stamp:  string(toWinAnsi(oneLine(d.Stamp))),
		blocks: blocks,
	}, nil
}

// prepareBlocks is the blocks with text, wrapped to the text width in their style; blocks
// without text are left out.
func prepareBlocks(in []Block) ([]laidBlock, error) {
	var out []laidBlock
	for i, b := range in {
		st, ok := styleOf(b.Kind)
		if !ok {
			return nil, fmt.Errorf("block %d: unknown kind %d", i+1, b.Kind)
		}
		text := strings.TrimSpace(normalizeText(b.Text))
		if text == "" {
			continue
		}
		lines := wrapText(string(toWinAnsi(text)), st.font, st.size, bodyWidth)
		out = append(out, laidBlock{kind: b.Kind, style: st, lines: lines})
	}
	if len(out) == 0 {
		return nil, errors.New("the document is empty: no block has text")
	}
	return out, nil
}

// firstText is the text of the first Title block, else of the first block with text.
func firstText(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind == Title && strings.TrimSpace(b.Text) != "" {
			return b.Text
		}
	}
	for _, b := range blocks {
		if strings.TrimSpace(b.Text) != "" {
			return b.Text
		}
	}
	return ""
}

// oneLine is s on one line: its runs of white space, line breaks included, one space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(normalizeText(s)), " ")
}

// checkLang is lang trimmed if it looks like a BCP 47 tag: subtags of 1 to 8 letters or digits
// joined by hyphens, the first of letters.
func checkLang(lang string) (string, error) {
	lang = strings.TrimSpace(lang)
	if lang == "" {
		return "", errors.New("the document has no language (Lang)")
	}
	for i, sub := range strings.Split(lang, "-") {
		if !validSubtag(sub, i == 0) {
			return "", fmt.Errorf("language %q is not a BCP 47 tag", lang)
		}
	}
	return lang, nil
}

// validSubtag reports whether s is 1 to 8 ASCII letters or digits (only letters when first).
func validSubtag(s string, first bool) bool {
	if len(s) < 1 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // lower case for letters
		letter := c >= 'a' && c <= 'z'
		digit := s[i] >= '0' && s[i] <= '9'
		if !letter && (first || !digit) {
			return false
		}
	}
	return true
}
