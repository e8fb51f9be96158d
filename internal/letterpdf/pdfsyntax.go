package letterpdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// file collects a PDF's numbered objects in order and ends it with the cross-reference table and
// the trailer.
type file struct {
	buf     bytes.Buffer
	offsets []int // offsets[n] is where object n starts; object 0 is the free list's head
}

// newFile starts a PDF 1.7 file for objects 1..size-1. The second line's bytes above 127 tell a
// reader the file is binary.
func newFile(size int) *file {
	f := &file{offsets: make([]int, size)}
	f.buf.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	return f
}

// object writes object n with the body given.
func (f *file) object(n int, body string) {
	f.offsets[n] = f.buf.Len()
	fmt.Fprintf(&f.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes object n as a stream of data, its dictionary's other entries in extra.
func (f *file) stream(n int, extra string, data []byte) {
	f.offsets[n] = f.buf.Len()
	fmt.Fprintf(&f.buf, "%d 0 obj\n<<%s /Length %d>>\nstream\n", n, extra, len(data))
	f.buf.Write(data)
	f.buf.WriteString("\nendstream\nendobj\n")
}

// finish writes the cross-reference table and the trailer, and returns the whole file. The /ID
// is the MD5 of the file up to the table, as the standard suggests.
func (f *file) finish(root, info int) []byte {
	id := fmt.Sprintf("%x", md5.Sum(f.buf.Bytes()))
	xref := f.buf.Len()
	fmt.Fprintf(&f.buf, "xref\n0 %d\n0000000000 65535 f \n", len(f.offsets))
	for _, off := range f.offsets[1:] {
		fmt.Fprintf(&f.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&f.buf, "trailer\n<</Size %d /Root %s /Info %s /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(f.offsets), ref(root), ref(info), id, id, xref)
	return f.buf.Bytes()
}

// ref is an indirect reference to object n.
func ref(n int) string {
	return strconv.Itoa(n) + " 0 R"
}

// refs are indirect references to the objects ns, as an array.
func refs(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = ref(n)
	}
	return "[" + strings.Join(s, " ") + "]"
}

// num is v as a PDF number: at most two decimals, no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// literal is s (bytes as they are, here WinAnsi) as a PDF literal string: ( ) and \ escaped.
func literal(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// textString is s (UTF-8) as a PDF text string: UTF-16BE with its byte order mark, in hex, so
// any character survives (the Info dictionary's entries are text strings).
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// pdfDate is t as a PDF date: D:YYYYMMDDHHmmSS and the offset from UTC as +HH'mm'.
func pdfDate(t time.Time) string {
	_, offset := t.Zone()
	sign := byte('+')
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, offset/3600, offset/60%60)
}
