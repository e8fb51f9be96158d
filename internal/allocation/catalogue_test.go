package allocation

import (
	"strings"
	"testing"
	"veiviser/internal/fees"

	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/terminology"
	"veiviser/internal/testutil/fixture"
	"veiviser/internal/workflow"
)

// TestShippedCatalogue: the thirteen services of the Sørum page and BPA, each complete.
func TestShippedCatalogue(t *testing.T) {
	c, err := LoadCatalogue(fixture.Law(t))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"short-term-stay", "long-term-stay", "rotating-stay", "respite-stay", "rehabilitation-stay",
		"day-care", "home-nursing", "home-help", "safety-alarm", "carer-allowance", "support-contact",
		"individual-plan", "practical-assistance", "personal-assistance"}
	var got []string
	for _, k := range c.Kinds() {
		got = append(got, k.Code)
	}
	fixture.Same(t, "the catalogue's services", want, got)
	if _, ok := c.Kind("no-such"); ok {
		t.Error("an unknown code is a kind")
	}
}

func TestCatalogueRefuses(t *testing.T) {
	law := fixture.Law(t)
	good := func() ServiceKind {
		w := Words{NB: "a", NN: "b", EN: "c"}
		return ServiceKind{Code: "home-help", Name: w, Summary: w, ForWhom: w, Cost: w,
			LegalBasis: "allocation.basis.home-help", Appeal: AppealHealth, FeeRule: fees.PracticalAssistance}
	}
	if _, err := NewCatalogue([]ServiceKind{good()}, law); err != nil {
		t.Fatalf("a good entry refused: %v", err)
	}
	cases := []struct {
		name   string
		change func(*ServiceKind)
		want   string
	}{
		{"no nynorsk", func(s *ServiceKind) { s.Summary.NN = "" }, "lacks"},
		{"no English name", func(s *ServiceKind) { s.Name.EN = "" }, "lacks"},
		{"capital letters", func(s *ServiceKind) { s.Code = "Home-help" }, "lower-case"},
		{"a space", func(s *ServiceKind) { s.Code = "home help" }, "lower-case"},
		{"unknown route", func(s *ServiceKind) { s.Appeal = "court" }, "neither"},
		{"unknown basis", func(s *ServiceKind) { s.LegalBasis = "allocation.basis.nothing" }, "no rule"},
		{"unknown fee", func(s *ServiceKind) { s.Fee, s.FeePer = "fee.nothing", "month" }, "no rule"},
		{"free with a fee", func(s *ServiceKind) { s.Free, s.Fee, s.FeePer = true, "fee.short-stay.per-day", "day" }, "free and"},
		{"no fee rule", func(s *ServiceKind) { s.FeeRule = "" }, "fee rule"},
		{"free but charged", func(s *ServiceKind) { s.Free = true }, "free, but charged"},
		{"a fee per year", func(s *ServiceKind) { s.Fee, s.FeePer = "fee.short-stay.per-day", "year" }, "per"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := good()
			tc.change(&s)
			_, err := NewCatalogue([]ServiceKind{s}, law)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	t.Run("twice", func(t *testing.T) {
		if _, err := NewCatalogue([]ServiceKind{good(), good()}, law); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("got %v", err)
		}
	})
}

// TestDescribe: a service as it stands on a day, the dated rules read for that day.
func TestDescribe(t *testing.T) {
	law := fixture.Law(t)
	c, err := LoadCatalogue(law)
	if err != nil {
		t.Fatal(err)
	}
	weeks := func(n int) lawdata.Value { return lawdata.Value{Kind: lawdata.KindDuration, N: n, Unit: lawdata.Weeks} }
	cases := []struct {
		code, day string
		lang      i18n.Lang
		name      string
		deadline  lawdata.Value
		body      string
		basis     string // a part of it
		fee       *Fee
	}{
		{"home-help", "2022-06-01", i18n.Bokmal, "Hjemmehjelp", weeks(4), "Statsforvalteren", "§ 3-2 første ledd nr. 6 b",
			&Fee{Øre: 21000, Per: "month", Year: 2022}},
		{"home-help", "2022-12-31", i18n.Bokmal, "Hjemmehjelp", weeks(4), "Statsforvalteren", "nr. 6 b",
			&Fee{Øre: 21000, Per: "month", Year: 2022}},
		// no amount in the table for the year: none shown, never last year's
		{"home-help", "2026-12-04", i18n.Bokmal, "Hjemmehjelp", weeks(4), "Statsforvalteren", "nr. 6 b", nil},
		{"short-term-stay", "2023-03-01", i18n.English, "Short-term stay in an institution", weeks(4), "Statsforvalteren", "nr. 6 c",
			&Fee{Øre: 18500, Per: "day", Year: 2023}},
		{"safety-alarm", "2026-12-04", i18n.Nynorsk, "Tryggleiksalarm", weeks(3), "kommunens klagenemnd", "forvaltningsloven", nil},
		{"home-nursing", "2026-12-04", i18n.Bokmal, "Hjemmesykepleie", weeks(4), "Statsforvalteren", "nr. 6 a", nil},
		{"home-nursing", "2020-12-31", i18n.Bokmal, "Hjemmesykepleie", weeks(4), "Fylkesmannen", "nr. 6 a", nil},
		{"long-term-stay", "2017-06-30", i18n.Bokmal, "Langtidsopphold i institusjon", weeks(4), "Fylkesmannen", "nr. 6 c", nil},
		{"long-term-stay", "2017-07-01", i18n.Bokmal, "Langtidsopphold i institusjon", weeks(4), "Fylkesmannen", "§ 2-1 e", nil},
	}
	for _, tc := range cases {
		t.Run(tc.code+" "+tc.day, func(t *testing.T) {
			k, _ := c.Kind(tc.code)
			d, err := Describe(k, law, fixture.At(tc.day), tc.lang)
			if err != nil {
				t.Fatal(err)
			}
			if d.Name != tc.name || d.AppealDeadline != tc.deadline || d.AppealBody != tc.body || !strings.Contains(d.LegalBasis, tc.basis) {
				t.Errorf("got %q, %v, %q, %q", d.Name, d.AppealDeadline, d.AppealBody, d.LegalBasis)
			}
			fixture.Same(t, "the fee", tc.fee, d.Fee)
		})
	}
	t.Run("before the basis", func(t *testing.T) {
		k, _ := c.Kind("personal-assistance")
		if _, err := Describe(k, law, fixture.At("2014-12-31"), i18n.Bokmal); err == nil {
			t.Error("BPA described before its legal basis was in force")
		}
	})
	t.Run("free", func(t *testing.T) {
		k, _ := c.Kind("respite-stay")
		d, err := Describe(k, law, fixture.At("2026-12-04"), i18n.Bokmal)
		if err != nil || !d.Free || d.Fee != nil {
			t.Errorf("respite: free %v, fee %v, %v", d.Free, d.Fee, err)
		}
	})
}

// TestSourcesAreHowOneActs: the sources workflow.ActingFor answers with are the application's.
func TestSourcesAreHowOneActs(t *testing.T) {
	for kind, want := range map[string]Source{workflow.ActsAsCitizen: FromCitizen, workflow.ActsAsGuardian: FromGuardian,
		workflow.ActsAsRelative: FromRelative, workflow.ActsAsProvider: FromProvider} {
		if Source(kind) != want {
			t.Errorf("%s is %s here", kind, want)
		}
	}
}

// TestFunctionsMatchTheCodeSystem: the IPLOS variables the office scores are the codes of the
// iplos-variable code system, with the same names.
func TestFunctionsMatchTheCodeSystem(t *testing.T) {
	f, err := LoadFunctions()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Variables) != 17 {
		t.Errorf("%d IPLOS variables, want the 17 of the need for assistance", len(f.Variables))
	}
	term := terminology.Must()
	for _, v := range f.Variables {
		if !term.Has(kernel.CSIplosVariable, v.Code) {
			t.Errorf("%s is not in the iplos-variable code system", v.Code)
		}
	}
	for _, s := range term.Systems() {
		if s.URL() != kernel.CSIplosVariable {
			continue
		}
		if len(s.Concepts) != len(f.Variables) {
			t.Errorf("the code system has %d codes, the list %d", len(s.Concepts), len(f.Variables))
		}
	}
}
