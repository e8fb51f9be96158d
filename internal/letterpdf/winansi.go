package letterpdf

import "strings"

// unmappable is the code written for a rune WinAnsiEncoding has no code for.
const unmappable = '?'

// toWinAnsi converts UTF-8 text to Windows-1252, the code page of WinAnsiEncoding: ASCII and
// U+00A0..U+00FF are their own codes, the punctuation and letters of 0x80..0x9F (€, ‚, „, …, ‘,
// ’, “, ”, –, —, Š, Ž, Œ and the rest) have theirs, "\n" stays a line break for the wrapping,
// and every other rune, the other control characters included, becomes '?'.
func toWinAnsi(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, winAnsiCode(r))
	}
	return out
}

// winAnsiCode is r's Windows-1252 code, or '?' when it has none.
func winAnsiCode(r rune) byte {
	switch {
	case r == '\n', r >= 0x20 && r < 0x7F, r >= 0xA0 && r <= 0xFF:
		return byte(r)
	case r >= 0x80 && r < 0xA0:
		// C1 control characters: Windows-1252 puts printable characters at these codes
		return unmappable
	}
	if c, ok := winAnsiHigh(r); ok {
		return c
	}
	return unmappable
}

// winAnsiHigh is the code in 0x80..0x9F Windows-1252 gives r, if any.
func winAnsiHigh(r rune) (byte, bool) {
	switch r {
	case '€':
		return 0x80, true
	case '‚':
		return 0x82, true
	case 'ƒ':
		return 0x83, true
	case '„':
		return 0x84, true
	case '…':
		return 0x85, true
	case '†':
		return 0x86, true
	case '‡':
		return 0x87, true
	case 'ˆ':
		return 0x88, true
	case '‰':
		return 0x89, true
	case 'Š':
		return 0x8A, true
	case '‹':
		return 0x8B, true
	case 'Œ':
		return 0x8C, true
	case 'Ž':
		return 0x8E, true
	case '‘':
		return 0x91, true
	case '’':
		return 0x92, true
	case '“':
		return 0x93, true
	case '”':
		return 0x94, true
	case '•':
		return 0x95, true
	case '–':
		return 0x96, true
	case '—':
		return 0x97, true
	case '˜':
		return 0x98, true
	case '™':
		return 0x99, true
	case 'š':
		return 0x9A, true
	case '›':
		return 0x9B, true
	case 'œ':
		return 0x9C, true
	case 'ž':
		return 0x9E, true
	case 'Ÿ':
		return 0x9F, true
	}
	return 0, false
}

// normalizeText makes a block's text plain lines: CR LF, CR and the Unicode line and paragraph
// separators become LF; tabs and the wider spaces become a space, the narrow no-break spaces the
// no-break space (WinAnsi's 0xA0, which never breaks a line); soft hyphens go, since the standard
// fonts would draw them as hyphens in the middle of a word.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\v', '\f', '\u2002', '\u2003', '\u2009':
			return ' '
		case '\u202F', '\u2007':
			return '\u00A0'
		case '\u00AD':
			return -1
		case '\u2028', '\u2029', '\u0085':
			return '\n'
		}
		return r
	}, s)
}
