package letterpdf

import "strings"

// The page: A4 in points, with margins of 56pt (about 2cm); the footer sits in the bottom margin.
const (
	pageWidth      = 595.28
	pageHeight     = 841.89
	margin         = 56.0
	bodyWidth      = pageWidth - 2*margin
	bodyTop        = pageHeight - margin
	bodyBottom     = margin
	footerBaseline = 34.0
	footerSize     = 8.0
	// epsilon absorbs rounding when a width or a height is compared with what is left
	epsilon = 1e-9
)

// Helvetica's ascender and descender, in thousandths of the font size (from its AFM).
const (
	ascender  = 718
	descender = 207
)

// font is one of the two standard fonts a letter uses.
type font int

const (
	regular font = iota // Helvetica
	bold                // Helvetica-Bold
)

// resource is the font's name in a page's resources.
func (f font) resource() string {
	if f == bold {
		return "F2"
	}
	return "F1"
}

// baseFont is the font's PostScript name.
func (f font) baseFont() string {
	if f == bold {
		return "Helvetica-Bold"
	}
	return "Helvetica"
}

// width is the advance of the WinAnsi code c in thousandths of the font size.
func (f font) width(c byte) int {
	if c < firstCode {
		return 0
	}
	if f == bold {
		return int(helveticaBoldWidths[c-firstCode])
	}
	return int(helveticaWidths[c-firstCode])
}

// textWidth is the width in points of s (WinAnsi, one byte a character) in f at size.
func textWidth(f font, size float64, s string) float64 {
	units := 0
	for i := 0; i < len(s); i++ {
		units += f.width(s[i])
	}
	return float64(units) * size / 1000
}

// style is how a kind of block is set: its font and size, the height of its lines, and the space
// before it (not at the top of a page) and after it.
type style struct {
	font                         font
	size, leading, before, after float64
}

// styleOf is kind's style, and false for an unknown kind.
func styleOf(k Kind) (style, bool) {
	switch k {
	case Title:
		return style{font: bold, size: 15, leading: 19, after: 10}, true
	case Heading:
		return style{font: bold, size: 11.5, leading: 15, before: 8, after: 4}, true
	case Paragraph:
		return style{font: regular, size: 10.5, leading: 14, after: 7}, true
	}
	return style{}, false
}

// baselineOffset is how far below the top of a line the baseline is: the glyphs' height from
// descender to ascender centred in the line.
func (s style) baselineOffset() float64 {
	glyphs := float64(ascender+descender) * s.size / 1000
	return (s.leading-glyphs)/2 + float64(ascender)*s.size/1000
}

// wrapText breaks text (WinAnsi) into lines no wider than limit in f at size: "\n" starts a new
// line, lines break at spaces, and a word wider than a line is broken where the line is full.
//
// A line that ends where the text had a space or a line break keeps one space at its end. The
// space is invisible and is not counted in the line's width, but it is in the marked content, so
// the text a screen reader or a copy gets from the structure keeps the words apart across lines
// ("etter helse-", not "etterhelse-"). A piece of a broken word has no space after it.
func wrapText(text string, f font, size, limit float64) []string {
	var lines []string
	hards := strings.Split(text, "\n")
	for i, hard := range hards {
		wrapped := wrapLine(hard, f, size, limit)
		if i+1 < len(hards) {
			wrapped[len(wrapped)-1] += " "
		}
		lines = append(lines, wrapped...)
	}
	return lines
}

// wrapLine breaks one line of text (no "\n") at its spaces, each line but the last ending with a
// space when it was broken at one; an empty line stays one empty line.
func wrapLine(text string, f font, size, limit float64) []string {
	space := textWidth(f, size, " ")
	var lines []string
	cur, curWidth := "", 0.0
	for _, word := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' }) {
		w := textWidth(f, size, word)
		if cur != "" && curWidth+space+w <= limit+epsilon {
			cur, curWidth = cur+" "+word, curWidth+space+w
			continue
		}
		if cur != "" {
			lines = append(lines, cur+" ")
		}
		pieces := breakWord(word, f, size, limit)
		lines = append(lines, pieces[:len(pieces)-1]...)
		cur = pieces[len(pieces)-1]
		curWidth = textWidth(f, size, cur)
	}
	return append(lines, cur)
}

// breakWord is word in pieces no wider than limit, each as long as fits (at least one character).
func breakWord(word string, f font, size, limit float64) []string {
	var pieces []string
	start, width := 0, 0.0
	for i := 0; i < len(word); i++ {
		w := float64(f.width(word[i])) * size / 1000
		if i > start && width+w > limit+epsilon {
			pieces = append(pieces, word[start:i])
			start, width = i, 0
		}
		width += w
	}
	return append(pieces, word[start:])
}

// fitWidth is s cut, with "…" at its end, so that it is no wider than limit in f at size.
func fitWidth(s string, f font, size, limit float64) string {
	if textWidth(f, size, s) <= limit+epsilon {
		return s
	}
	const ellipsis = "\x85" // WinAnsi's "…"
	room := limit - textWidth(f, size, ellipsis)
	for n := len(s) - 1; n > 0; n-- {
		if textWidth(f, size, s[:n]) <= room+epsilon {
			return strings.TrimRight(s[:n], " ") + ellipsis
		}
	}
	return ellipsis
}

// isBlank reports whether a line has nothing to draw.
func isBlank(text string) bool {
	return strings.Trim(text, " ") == ""
}

// laidBlock is a block ready to place: its kind, its style and its wrapped lines (WinAnsi).
type laidBlock struct {
	kind  Kind
	style style
	lines []string
}

// placedLine is a line of text at its baseline's start on the page.
type placedLine struct {
	x, y float64
	text string
}

// part is one block's lines on one page: one marked-content sequence, one MCID.
type part struct {
	block int // index in the document's blocks
	kind  Kind
	style style
	lines []placedLine
}

// page is what a page holds, in reading order.
type page struct {
	parts []part
}

// layout places blocks on pages from the top down.
type layout struct {
	pages []page
	y     float64 // the top of the next line on the last page
	fresh bool    // nothing is placed on the last page yet
}

// paginate places the blocks on as many pages as they need.
func paginate(blocks []laidBlock) []page {
	l := &layout{}
	l.newPage()
	for i, b := range blocks {
		l.place(i, b, keepHeight(blocks, i))
	}
	return l.pages
}

// keepHeight is the height that must fit below the top of block i for it to start on this page:
// a title or heading goes with the first line of the block after it; 0 for any other block.
func keepHeight(blocks []laidBlock, i int) float64 {
	b := blocks[i]
	if b.kind == Paragraph || i+1 == len(blocks) {
		return 0
	}
	next := blocks[i+1].style
	return float64(len(b.lines))*b.style.leading + b.style.after + next.before + next.leading
}

// newPage starts a page.
func (l *layout) newPage() {
	l.pages = append(l.pages, page{})
	l.y = bodyTop
	l.fresh = true
}

// place puts block i's lines on the page, breaking to a new page where one is full, and to a new
// page first when keep does not fit on this one.
func (l *layout) place(i int, b laidBlock, keep float64) {
	if !l.fresh {
		l.y -= b.style.before
		if keep > 0 && l.y-keep < bodyBottom-epsilon {
			l.newPage()
		}
	}
	for _, text := range b.lines {
		if !l.fresh && l.y-b.style.leading < bodyBottom-epsilon {
			l.newPage()
		}
		if isBlank(text) && l.fresh {
			continue // an empty line does not start a page
		}
		l.addLine(i, b, text)
	}
	l.y -= b.style.after
}

// addLine puts one line of block i at the current position and moves down.
func (l *layout) addLine(i int, b laidBlock, text string) {
	pg := &l.pages[len(l.pages)-1]
	if n := len(pg.parts); n == 0 || pg.parts[n-1].block != i {
		pg.parts = append(pg.parts, part{block: i, kind: b.kind, style: b.style})
	}
	p := &pg.parts[len(pg.parts)-1]
	p.lines = append(p.lines, placedLine{x: margin, y: l.y - b.style.baselineOffset(), text: text})
	l.y -= b.style.leading
	l.fresh = false
}
