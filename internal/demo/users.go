package demo

import (
	"veiviser/internal/access"
)

// Password is every demo user's password (the README lists it). A demo is for trying the
// system out, never for real data.
const Password = "fjellvik-demo-2026"

// User is one demo user: whom to sign in as and what to look at.
type User struct {
	Username, Name   string
	Role             access.Role
	PatientID        string
	PractitionerID   string
	RelatedPersonIDs []string
	Units            []string
	Look             string // what to look at, for the README
}

// Users lists the demo users, one per role (and a parent, a citizen who is a guardian).
func Users() []User {
	return []User{
		{Username: "innbygger", Name: "Astrid Lyngmo", Role: access.Citizen, PatientID: "p-astrid",
			Look: "Min plan: mål, tiltak, møter; kommenter og foreslå mål; min koordinator; hvem har sett mine opplysninger"},
		{Username: "forelder", Name: "Marte Rustad", Role: access.Citizen, PatientID: "p-marte", RelatedPersonIDs: []string{"rp-emma-marte", "rp-noah-marte"},
			Look: "Foresatt for Emma (barnekoordinator, aktiv plan) og Noah (ny henvendelse)"},
		{Username: "parorende", Name: "Bjørn Lyngmo", Role: access.Relative, RelatedPersonIDs: []string{"rp-astrid-bjorn"},
			Look: "Astrids plan, så langt Astrid har samtykket; kan kommentere"},
		{Username: "koordinator", Name: "Jostein Myrvold", Role: access.Coordinator, PractitionerID: "s-koord", Units: []string{UnitKE},
			Look: "Mine innbyggere, neste evalueringer og møter, åpne oppgaver, forsinkede saker"},
		{Username: "tjenesteyter", Name: "Ragnhild Storlia", Role: access.ServiceProvider, PractitionerID: "s-fysio", Units: []string{UnitPhysio},
			Look: "Planer der fysioterapien har tiltak; registrer fremdrift på egne tiltak"},
		{Username: "enhetsleder", Name: "Torhild Bjerkvang", Role: access.UnitLead, PractitionerID: "s-leder", Units: []string{UnitKE, UnitAlloc},
			Look: "Innboksen med alder og frist, vurdering, oppnevning av koordinator, alle saker etter fase"},
		{Username: "saksbehandler", Name: "Liv Hammerstad", Role: access.CaseOfficer, PractitionerID: "s-saksbeh", Units: []string{UnitAlloc, UnitKE},
			Look: "Tildelingskontorets søknader etter frist: ny, nær én måned, over én måned (papirsøknad), fra foresatt; vedlegg"},
		{Username: "administrator", Name: "Demo Administrator", Role: access.Administrator,
			Look: "Koordinatorregisteret med kurs; ingen helseopplysninger"},
	}
}

func (u User) principal() *access.Principal {
	return &access.Principal{Username: u.Username, Name: u.Name, Roles: []access.Role{u.Role}, PatientID: u.PatientID,
		PractitionerID: u.PractitionerID, RelatedPersonIDs: u.RelatedPersonIDs, Units: u.Units}
}
