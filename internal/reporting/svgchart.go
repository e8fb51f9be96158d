package reporting

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// Series is one measure of a chart: a value per category.
type Series struct {
	Name   string
	Values []float64
}

// BarChart is a grouped bar chart drawn on the server as SVG. It is readable without colour:
// each series has a pattern of its own (solid, stripes, dots, checks) shown in the legend, and
// every bar carries its value as a label; the SVG is an image with a title and a description
// (role="img", aria-labelledby). The page shows the same numbers as a table beside it.
type BarChart struct {
	ID         string // unique in the page: the ids of its title, description and patterns start with it
	Title      string
	Desc       string
	Categories []string
	Series     []Series
	Horizontal bool // categories down the side (long names), bars to the right
}

// patterns are the series' fills: a solid one, then stripes, dots and checks, each in a colour
// of its own too.
var patterns = []struct{ body, colour string }{
	{`<rect width="8" height="8" fill="#1f4e79"/>`, "#1f4e79"},
	{`<rect width="8" height="8" fill="#ffffff"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#0b6e4f" stroke-width="2"/>`, "#0b6e4f"},
	{`<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2" fill="#7a3e9d"/>`, "#7a3e9d"},
	{`<rect width="8" height="8" fill="#ffffff"/><path d="M0,4 h8 M4,0 v8" stroke="#9c5700" stroke-width="1.5"/>`, "#9c5700"},
}

// Label is a value as a bar's label: whole numbers without decimals, else one decimal.
func Label(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// SVG is the chart as an inline SVG element; its texts are escaped.
func (c BarChart) SVG() string {
	var b strings.Builder
	const bar, gap, legend = 16, 14, 34
	n := len(c.Series)
	group := n*bar + gap
	most := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			most = max(most, v)
		}
	}
	scale := func(v, length float64) float64 {
		if most == 0 {
			return 0
		}
		return v / most * length
	}
	var w, h int
	if c.Horizontal {
		w, h = 720, legend+len(c.Categories)*group+10
	} else {
		w, h = max(360, 40+len(c.Categories)*group), 280
	}
	id := html.EscapeString(c.ID)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="%s-title %s-desc" viewBox="0 0 %d %d" width="100%%" font-family="sans-serif" font-size="12">`, id, id, w, h)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc><defs>`, id, html.EscapeString(c.Title), id, html.EscapeString(c.Desc))
	for i := range c.Series {
		fmt.Fprintf(&b, `<pattern id="%s-p%d" width="8" height="8" patternUnits="userSpaceOnUse">%s</pattern>`, id, i, patterns[i%len(patterns)].body)
	}
	b.WriteString(`</defs>`)
	x := 10
	for i, s := range c.Series { // the legend: the pattern and the name
		fmt.Fprintf(&b, `<rect x="%d" y="8" width="16" height="16" fill="url(#%s-p%d)" stroke="#000"/><text x="%d" y="21">%s</text>`, x, id, i, x+22, html.EscapeString(s.Name))
		x += 40 + 7*len([]rune(s.Name))
	}
	for ci, cat := range c.Categories {
		if c.Horizontal {
			y0 := legend + ci*group
			fmt.Fprintf(&b, `<text x="250" y="%d" text-anchor="end">%s</text>`, y0+n*bar/2+4, html.EscapeString(cat))
			for si, s := range c.Series {
				v := valueAt(s.Values, ci)
				length := scale(v, 400)
				fmt.Fprintf(&b, `<rect x="258" y="%d" width="%.1f" height="%d" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.5"/><text x="%.1f" y="%d">%s</text>`,
					y0+si*bar, length, bar-2, id, si, 262+length, y0+si*bar+bar-5, Label(v))
			}
			continue
		}
		x0 := 30 + ci*group
		base := h - 30
		for si, s := range c.Series {
			v := valueAt(s.Values, ci)
			height := scale(v, float64(base-legend-24))
			fmt.Fprintf(&b, `<rect x="%d" y="%.1f" width="%d" height="%.1f" fill="url(#%s-p%d)" stroke="#000" stroke-width="0.5"/><text x="%d" y="%.1f" text-anchor="middle" font-size="10">%s</text>`,
				x0+si*bar, float64(base)-height, bar-2, height, id, si, x0+si*bar+(bar-2)/2, float64(base)-height-3, Label(v))
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x0+n*bar/2, h-12, html.EscapeString(cat))
	}
	if !c.Horizontal {
		fmt.Fprintf(&b, `<line x1="26" y1="%d" x2="%d" y2="%d" stroke="#000"/>`, h-30, w-4, h-30)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

func valueAt(vs []float64, i int) float64 {
	if i < len(vs) {
		return vs[i]
	}
	return 0
}
