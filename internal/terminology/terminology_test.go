package terminology_test

import (
	"context"
	"strings"
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/coordination"
	"veiviser/internal/coordinators"
	"veiviser/internal/demo"
	"veiviser/internal/fhir"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/pathways"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/terminology"
	"veiviser/internal/testutil"
)

func load(t *testing.T) *terminology.Terminology {
	t.Helper()
	tm, err := terminology.Load()
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// TestEveryCodeTheDemoWritesIsDefined loads the demo municipality through the real services
// and looks at every coding of every record: each code in one of Veiviser's code systems is
// defined in the terminology, so the served CodeSystems say what every code means.
func TestEveryCodeTheDemoWritesIsDefined(t *testing.T) {
	tm := load(t)
	st := testutil.NewSQLite(t)
	ctx := context.Background()
	svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil).WithUnit(demo.UnitKE)}})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, demo.Options{Records: svc, Accounts: accounts}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, typ := range fhir.ResourceTypes() {
		rs, err := records.Find(ctx, st, typ)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			walk(r.Object(), func(system, code string) {
				if !strings.HasPrefix(system, kernel.CodeSystemBase) || seen[system+"|"+code] {
					return
				}
				seen[system+"|"+code] = true
				if !tm.Has(system, code) {
					t.Errorf("%s/%s codes %s|%s, which the terminology does not define", typ, r.ID(), system, code)
				}
			})
		}
	}
	if len(seen) < 15 {
		t.Fatalf("the demo wrote only %d codes of Veiviser's: is the walk finding codings?", len(seen))
	}
}

// walk calls each with the system and code of every Coding below o.
func walk(o *fhir.Object, each func(system, code string)) {
	system, sok := o.String("system")
	code, cok := o.String("code")
	if sok && cok {
		each(system, code)
	}
	for _, k := range o.Keys() {
		v, _ := o.Get(k)
		walkValue(v, each)
	}
}

func walkValue(v any, each func(system, code string)) {
	switch x := v.(type) {
	case *fhir.Object:
		walk(x, each)
	case []any:
		for _, e := range x {
			walkValue(e, each)
		}
	}
}

// TestTypedCodesAreDefined: the codes the Go types name (the plan's parts, the coordinator
// kinds, the inquiry sources and the assessment's outcomes, the roles in a plan, the national
// pathways) are each in their code system, whether or not the demo uses them.
func TestTypedCodesAreDefined(t *testing.T) {
	tm := load(t)
	law, err := lawdata.New()
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := pathways.NewCatalog(law)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, p := range consent.AllParts() {
		parts = append(parts, string(p))
	}
	tests := []struct {
		system string
		codes  []string
	}{
		{kernel.CSPlanPart, parts},
		{kernel.CSCoordinatorKind, []string{string(coordinators.KindOrdinary), string(coordinators.KindCancer), string(coordinators.KindChild), string(coordinators.KindPathway)}},
		{kernel.CSInquirySource, []string{string(intake.FromCitizen), string(intake.FromGuardian), string(intake.FromRelative), string(intake.FromProvider)}},
		{kernel.CSAssessmentOutcome, []string{string(intake.OutcomePlanAndCoordinator), string(intake.OutcomeCoordinatorOnly), string(intake.OutcomeNoNeed), string(intake.OutcomeReferred)}},
		{kernel.CSParticipantRole, []string{string(kernel.RoleCitizen), string(kernel.RoleGuardian), string(kernel.RoleRelative), string(kernel.RoleProvider), string(kernel.RoleCoordinator)}},
		{kernel.CSTaskKind, []string{"assessment", "meeting-action", coordinators.TaskAppointCoordinator}},
		{pathways.CSPathwayKind, catalog.IDs()},
	}
	for _, tc := range tests {
		for _, code := range tc.codes {
			if !tm.Has(tc.system, code) {
				t.Errorf("%s|%s is not defined", tc.system, code)
			}
		}
	}
}

// TestServedAsR4: every code system is a CodeSystem with the elements R4 requires (status,
// content, each concept's code) and its display in three languages, and has a ValueSet of all
// its codes; each parses back as FHIR JSON.
func TestServedAsR4(t *testing.T) {
	tm := load(t)
	css, vss := tm.CodeSystems(), tm.ValueSets()
	if len(css) != len(tm.Systems()) || len(vss) != len(css) {
		t.Fatalf("%d code systems, %d value sets for %d systems", len(css), len(vss), len(tm.Systems()))
	}
	for i, cs := range css {
		back, err := fhir.Parse(cs.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", cs.ID(), err)
		}
		o := back.Object()
		for _, key := range []string{"url", "status", "content", "name"} {
			if kernel.PathString(o, key) == "" {
				t.Errorf("CodeSystem/%s has no %s", cs.ID(), key)
			}
		}
		concepts := kernel.Objects(o, "concept")
		if len(concepts) != len(tm.Systems()[i].Concepts) {
			t.Errorf("CodeSystem/%s has %d concepts", cs.ID(), len(concepts))
		}
		for _, c := range concepts {
			if kernel.PathString(c, "code") == "" || kernel.PathString(c, "display") == "" || len(kernel.Objects(c, "designation")) != 2 {
				t.Errorf("CodeSystem/%s: concept %s lacks its code, display or designations", cs.ID(), c.AppendJSON(nil))
			}
		}
		compose, _ := vss[i].Object().Object("compose")
		var got string
		if inc := kernel.Objects(compose, "include"); len(inc) == 1 {
			got = kernel.PathString(inc[0], "system")
		}
		if got != kernel.PathString(o, "url") {
			t.Errorf("ValueSet/%s includes %q, want %q", vss[i].ID(), got, kernel.PathString(o, "url"))
		}
	}
}
