package demo

import (
	"context"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/coordination"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestDemoWaitingRotaAndCarer (issue 14): the demo has a citizen waiting for a long-term stay,
// a respite stay planned as a rota, and a carer allowance with its pay, for the carer to read.
func TestDemoWaitingRotaAndCarer(t *testing.T) {
	st := testutil.NewSQLite(t)
	svc := records.New(st, records.Options{Rules: []records.Rule{coordination.NewRules(nil).WithUnit(UnitKE)}})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(context.Background(), Options{Records: svc, Accounts: accounts}); err != nil {
		t.Fatal(err)
	}
	co, err := coordination.New(coordination.Options{Records: svc, Unit: UnitKE})
	if err != nil {
		t.Fatal(err)
	}
	officer := access.WithPrincipal(context.Background(), userNamed("saksbehandler").principal())
	list, err := co.OfficeWaitingList(officer)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Rows) != 1 || list.Rows[0].Subject != "Patient/p-eldar" || list.Rows[0].Days != 25 {
		t.Errorf("the demo's waiting list: %+v", list.Rows)
	}
	ragnar, err := co.DecisionsOf(officer, "p-ragnar")
	if err != nil || len(ragnar) != 1 || ragnar[0].Rota == nil || len(ragnar[0].Rota.Stays(ragnar[0].Start, ragnar[0].End)) < 6 {
		t.Errorf("Ragnar's rota: %+v %v", ragnar, err)
	}
	bjorn := access.WithPrincipal(context.Background(), userNamed("parorende").principal())
	carer, err := co.DecisionsAsParty(bjorn)
	if err != nil || len(carer) != 1 || carer[0].CarerPay.MonthØre == 0 {
		t.Errorf("Bjørn's carer allowance: %+v %v", carer, err)
	}
	astrid, err := co.ApplicationsOf(access.WithPrincipal(context.Background(), citizenOf("p-astrid")), "p-astrid")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range astrid {
		if a.Services[0].Code == allocation.CarerAllowance && a.Reference[len(a.Reference)-5:] == "00001" {
			t.Error("the carer allowance took Astrid's first reference")
		}
	}
}
