// Package letterpdf writes a letter as a tagged PDF: a PDF with a structure tree a screen reader
// follows, in pure Go with only the standard library.
//
// It exists because a decision letter, and the individual plan as a document, must be readable
// with a screen reader, and the PDF library the rest of Veiviser uses (codeberg.org/go-pdf/fpdf)
// writes no structure tree, no marked content and no artifacts. A letter here is a list of blocks:
// its title (H1), section headings (H2) and paragraphs (P). Write lays them out on A4 pages,
// wrapping lines by word with the fonts' real widths and breaking pages where they fill, and
// writes a PDF 1.7 file in which every block is a structure element whose text is marked content
// on the pages it spans, the footer on each page (the letter's stamp and "N/M") is a pagination
// artifact that is not read as content, and the catalog carries the language, the title to show
// and XMP metadata.
//
// What it does not do: it embeds no fonts (it uses the standard Type1 fonts Helvetica and
// Helvetica-Bold, which every PDF reader has), so its text is what WinAnsiEncoding (Windows-1252)
// can write — the Norwegian and other Western European letters and the usual punctuation; any
// other character is written as '?'. It has no images, tables, lists, links or columns, and it
// does not claim PDF/UA conformance (PDF/UA asks for embedded fonts).
package letterpdf
