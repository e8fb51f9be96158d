package reporting

import (
	"encoding/xml"
	"strings"
	"testing"
)

// TestBarChartSVG: the chart is well-formed SVG, an image named by its title and description,
// each series with a pattern of its own in the legend, every bar labelled with its value, and
// its texts escaped.
func TestBarChartSVG(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		c := BarChart{ID: "c1", Title: "Søknader & vedtak", Desc: "Per måned <2026>", Categories: []string{"jan", "feb"},
			Series: []Series{{Name: "Søknader", Values: []float64{3, 12}}, {Name: "Vedtak", Values: []float64{0, 1.5}}}, Horizontal: horizontal}
		svg := c.SVG()
		var parsed struct {
			XMLName xml.Name
			Role    string   `xml:"role,attr"`
			Title   string   `xml:"title"`
			Desc    string   `xml:"desc"`
			Texts   []string `xml:"text"`
		}
		if err := xml.Unmarshal([]byte(svg), &parsed); err != nil {
			t.Fatalf("horizontal %v: not well-formed: %v\n%s", horizontal, err, svg)
		}
		if parsed.XMLName.Local != "svg" || parsed.Role != "img" || parsed.Title != c.Title || parsed.Desc != c.Desc {
			t.Errorf("horizontal %v: %s role %q title %q desc %q", horizontal, parsed.XMLName.Local, parsed.Role, parsed.Title, parsed.Desc)
		}
		if !strings.Contains(svg, `aria-labelledby="c1-title c1-desc"`) || !strings.Contains(svg, `id="c1-p0"`) || !strings.Contains(svg, `id="c1-p1"`) {
			t.Errorf("horizontal %v: no labels or patterns:\n%s", horizontal, svg)
		}
		for _, want := range []string{"Søknader", "Vedtak", "jan", "feb", "3", "12", "0", "1.5"} {
			found := false
			for _, text := range parsed.Texts {
				found = found || text == want
			}
			if !found {
				t.Errorf("horizontal %v: no text %q in %q", horizontal, want, parsed.Texts)
			}
		}
	}
}
