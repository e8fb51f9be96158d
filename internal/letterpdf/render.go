package letterpdf

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The objects every letter has, by number; the structure elements and the pages come after them.
const (
	catalogObj = 1 + iota
	pagesObj
	regularFontObj
	boldFontObj
	infoObj
	metadataObj
	structRootObj
	documentObj
	firstElemObj // block i's structure element is firstElemObj+i
)

// objects numbers a letter's objects: after the fixed ones, a structure element per block, then
// three objects per page (the page, its content stream, its parent tree array).
type objects struct {
	blocks, pages int
}

func (o objects) elem(block int) int  { return firstElemObj + block }
func (o objects) page(i int) int      { return firstElemObj + o.blocks + 3*i }
func (o objects) content(i int) int   { return o.page(i) + 1 }
func (o objects) parentArr(i int) int { return o.page(i) + 2 }
func (o objects) size() int           { return o.page(o.pages) }

// mark is where one part of a block is: its page and its MCID there.
type mark struct {
	page, mcid int
}

// render writes the laid-out letter as a PDF file.
func render(doc document, pages []page, created time.Time) []byte {
	o := objects{blocks: len(doc.blocks), pages: len(pages)}
	f := newFile(o.size())
	f.object(catalogObj, catalog(doc.lang))
	f.object(pagesObj, pageTree(o))
	f.object(regularFontObj, fontDict(regular))
	f.object(boldFontObj, fontDict(bold))
	f.object(infoObj, infoDict(doc, created))
	f.stream(metadataObj, " /Type /Metadata /Subtype /XML", xmpPacket(doc, created))
	f.object(structRootObj, structTreeRoot(o))
	f.object(documentObj, documentElem(o))
	for i, ms := range blockMarks(pages, len(doc.blocks)) {
		f.object(o.elem(i), structElem(doc.blocks[i].kind, ms, o))
	}
	for i, pg := range pages {
		f.object(o.page(i), pageDict(o, i))
		f.stream(o.content(i), "", contentStream(pg, i+1, len(pages), doc.stamp))
		f.object(o.parentArr(i), parentArray(pg, o))
	}
	return f.finish(catalogObj, infoObj)
}

// catalog is the document catalog: a tagged document in lang whose viewer shows its title.
func catalog(lang string) string {
	return fmt.Sprintf("<</Type /Catalog /Pages %s /Lang %s /MarkInfo <</Marked true>> /StructTreeRoot %s"+
		" /ViewerPreferences <</DisplayDocTitle true>> /Metadata %s>>",
		ref(pagesObj), literal(lang), ref(structRootObj), ref(metadataObj))
}

// pageTree is the one page tree node over every page.
func pageTree(o objects) string {
	kids := make([]int, o.pages)
	for i := range kids {
		kids[i] = o.page(i)
	}
	return fmt.Sprintf("<</Type /Pages /Kids %s /Count %d>>", refs(kids), o.pages)
}

// fontDict is a standard Type1 font, not embedded, in WinAnsiEncoding.
func fontDict(f font) string {
	return "<</Type /Font /Subtype /Type1 /BaseFont /" + f.baseFont() + " /Encoding /WinAnsiEncoding>>"
}

// infoDict is the document information dictionary.
func infoDict(doc document, created time.Time) string {
	var b strings.Builder
	b.WriteString("<</Title " + textString(doc.title))
	if doc.author != "" {
		b.WriteString(" /Author " + textString(doc.author))
	}
	b.WriteString(" /Producer (Veiviser) /Creator (Veiviser) /CreationDate " + literal(pdfDate(created)) + ">>")
	return b.String()
}

// xmpPacket is the XMP metadata: the same title, author, language, producer and date as the
// Info dictionary, in UTF-8 and not compressed (a reader of the metadata need not inflate it).
func xmpPacket(doc document, created time.Time) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n" +
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"" +
		" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xmlText(doc.title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if doc.author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlText(doc.author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	b.WriteString("<dc:language><rdf:Bag><rdf:li>" + xmlText(doc.lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	b.WriteString("<pdf:Producer>Veiviser</pdf:Producer>\n")
	b.WriteString("<xmp:CreatorTool>Veiviser</xmp:CreatorTool>\n")
	b.WriteString("<xmp:CreateDate>" + created.Format(time.RFC3339) + "</xmp:CreateDate>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// xmlText is s escaped for XML character data.
func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// structTreeRoot is the root of the structure tree, with the parent tree that maps each page's
// MCIDs (through its StructParents key, the page's index) to their structure elements.
func structTreeRoot(o objects) string {
	nums := make([]string, o.pages)
	for i := range nums {
		nums[i] = strconv.Itoa(i) + " " + ref(o.parentArr(i))
	}
	return fmt.Sprintf("<</Type /StructTreeRoot /K %s /ParentTree <</Nums [%s]>> /ParentTreeNextKey %d>>",
		ref(documentObj), strings.Join(nums, " "), o.pages)
}

// documentElem is the Document element, the parent of every block's element.
func documentElem(o objects) string {
	kids := make([]int, o.blocks)
	for i := range kids {
		kids[i] = o.elem(i)
	}
	return fmt.Sprintf("<</Type /StructElem /S /Document /P %s /K %s>>", ref(structRootObj), refs(kids))
}

// tag is the standard structure type of a kind of block.
func tag(k Kind) string {
	switch k {
	case Title:
		return "H1"
	case Heading:
		return "H2"
	}
	return "P"
}

// blockMarks is, for each block, where its parts are, in order.
func blockMarks(pages []page, blocks int) [][]mark {
	out := make([][]mark, blocks)
	for p, pg := range pages {
		for mcid, pt := range pg.parts {
			out[pt.block] = append(out[pt.block], mark{page: p, mcid: mcid})
		}
	}
	return out
}

// structElem is a block's structure element: its kind's tag, its first page as /Pg, and its
// marked content as kids, an MCID on the first page and a marked-content reference with its page
// for a part on a later page.
func structElem(k Kind, ms []mark, o objects) string {
	kids := make([]string, len(ms))
	first := 0
	if len(ms) > 0 {
		first = ms[0].page
	}
	for i, m := range ms {
		if m.page == first {
			kids[i] = strconv.Itoa(m.mcid)
		} else {
			kids[i] = fmt.Sprintf("<</Type /MCR /Pg %s /MCID %d>>", ref(o.page(m.page)), m.mcid)
		}
	}
	return fmt.Sprintf("<</Type /StructElem /S /%s /P %s /Pg %s /K [%s]>>",
		tag(k), ref(documentObj), ref(o.page(first)), strings.Join(kids, " "))
}

// parentArray is a page's entry in the parent tree: the structure element of each MCID on it.
func parentArray(pg page, o objects) string {
	elems := make([]int, len(pg.parts))
	for mcid, pt := range pg.parts {
		elems[mcid] = o.elem(pt.block)
	}
	return refs(elems)
}

// pageDict is page i: A4, the two fonts, its content, its key in the parent tree, and tab order
// by structure.
func pageDict(o objects, i int) string {
	return fmt.Sprintf("<</Type /Page /Parent %s /MediaBox [0 0 %s %s] /Resources <</Font <</F1 %s /F2 %s>>>>"+
		" /Contents %s /StructParents %d /Tabs /S>>",
		ref(pagesObj), num(pageWidth), num(pageHeight), ref(regularFontObj), ref(boldFontObj), ref(o.content(i)), i)
}

// contentStream is a page's content: each part of a block as marked content with its tag and
// MCID, then the footer as a pagination artifact.
//
// The streams are written plain, not Flate-compressed: a letter's page is a few kilobytes of
// text, and a plain stream lets a search of the file (and the tests) find the marked content and
// the text as it is written.
func contentStream(pg page, pageNo, pageCount int, stamp string) []byte {
	var b strings.Builder
	for mcid, pt := range pg.parts {
		writePart(&b, pt, mcid)
	}
	writeFooter(&b, pageNo, pageCount, stamp)
	return []byte(b.String())
}

// writePart writes one block's lines on a page as a marked-content sequence.
func writePart(b *strings.Builder, pt part, mcid int) {
	fmt.Fprintf(b, "/%s <</MCID %d>> BDC\nBT\n/%s %s Tf\n", tag(pt.kind), mcid, pt.style.font.resource(), num(pt.style.size))
	for _, ln := range pt.lines {
		if !isBlank(ln.text) {
			fmt.Fprintf(b, "1 0 0 1 %s %s Tm\n%s Tj\n", num(ln.x), num(ln.y), literal(ln.text))
		}
	}
	b.WriteString("ET\nEMC\n")
}

// writeFooter writes the stamp at the left and "N/M" at the right of the bottom margin, in grey,
// as a pagination artifact a screen reader skips.
func writeFooter(b *strings.Builder, pageNo, pageCount int, stamp string) {
	number := fmt.Sprintf("%d/%d", pageNo, pageCount)
	numberWidth := textWidth(regular, footerSize, number)
	b.WriteString("/Artifact <</Type /Pagination>> BDC\nq\n0.3 g\nBT\n")
	fmt.Fprintf(b, "/%s %s Tf\n", regular.resource(), num(footerSize))
	if stamp != "" {
		s := fitWidth(stamp, regular, footerSize, bodyWidth-numberWidth-12)
		fmt.Fprintf(b, "1 0 0 1 %s %s Tm\n%s Tj\n", num(margin), num(footerBaseline), literal(s))
	}
	fmt.Fprintf(b, "1 0 0 1 %s %s Tm\n%s Tj\n", num(pageWidth-margin-numberWidth), num(footerBaseline), literal(number))
	b.WriteString("ET\nQ\nEMC\n")
}
