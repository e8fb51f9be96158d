package web

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
)

// link is one entry of a menu: where it goes and its text in bokmål (a catalog key).
type link struct {
	Path    string
	Nb      string
	Current bool
}

// userView is what the header and the menu show of the signed-in person.
type userView struct {
	Name, Username string
	Role           access.Role // the role the person works in on this page
	Roles          []link      // the role switch: one workspace per role held
	Menu           []link      // the current role's pages
}

// workspacePath is each role's start page. A person holding several roles switches between
// them by these links; nothing about the role is kept on the server, since every page decides
// access from all the person's roles and the records anyway.
var workspacePaths = map[access.Role]string{
	access.Citizen:         "/citizen",
	access.Relative:        "/relative",
	access.Coordinator:     "/coordinator",
	access.ServiceProvider: "/provider",
	access.UnitLead:        "/unit",
	access.CaseOfficer:     "/case-officer",
	access.Administrator:   "/admin",
}

// menus are each role's pages, in the order of the work.
func menu(r access.Role) []link {
	switch r {
	case access.Citizen:
		return []link{
			{Path: "/citizen", Nb: "Min side"},
			{Path: "/citizen/inquiry", Nb: "Send henvendelse"},
			{Path: "/citizen/applications", Nb: "Søknader"},
			{Path: "/citizen/plan", Nb: "Min plan"},
			{Path: "/citizen/coordinator", Nb: "Min koordinator"},
			{Path: "/citizen/consent", Nb: "Samtykke"},
			{Path: "/citizen/letters", Nb: "Brev"},
			{Path: "/citizen/access-log", Nb: "Hvem har sett mine opplysninger"},
			{Path: "/citizen/my-data", Nb: "Mine opplysninger"},
		}
	case access.Relative:
		return []link{
			{Path: "/relative", Nb: "Min side"},
			{Path: "/relative/inquiry", Nb: "Send henvendelse"},
			{Path: "/relative/apply", Nb: "Søk om tjenester"},
			{Path: "/relative/letters", Nb: "Brev"},
		}
	case access.Coordinator:
		return []link{
			{Path: "/coordinator", Nb: "Arbeidsflate"},
			{Path: "/emergency", Nb: "Nødtilgang"},
		}
	case access.ServiceProvider:
		return []link{
			{Path: "/provider", Nb: "Planer med våre tiltak"},
			{Path: "/provider/need-report", Nb: "Meld behov"},
			{Path: "/provider/apply", Nb: "Søk om tjenester"},
			{Path: "/emergency", Nb: "Nødtilgang"},
		}
	case access.UnitLead:
		return []link{
			{Path: "/unit", Nb: "Saker"},
			{Path: "/unit/inbox", Nb: "Nye henvendelser"},
			{Path: "/unit/coordinators", Nb: "Koordinatorregister"},
			{Path: "/unit/public-page", Nb: "Enhetens side"},
			{Path: "/emergency", Nb: "Nødtilgang"},
		}
	case access.CaseOfficer:
		return []link{{Path: "/case-officer", Nb: "Søknader"}, {Path: "/tjenester", Nb: "Tjenesteoversikt"}, {Path: "/emergency", Nb: "Nødtilgang"}}
	case access.Administrator:
		return []link{{Path: "/admin", Nb: "Start"}, {Path: "/admin/users", Nb: "Brukere"},
			{Path: "/admin/units", Nb: "Enheter"}, {Path: "/admin/settings", Nb: "Innstillinger"}}
	}
	return nil
}

// roleCookie remembers the workspace a person last opened, so the menu of that role shows on
// pages shared by several roles (a plan) and / opens it again. It chooses among the roles the
// person holds and grants nothing.
const roleCookie = "veiviser_role"

// currentRole is the role the request works in: the workspace the path belongs to, else the
// one last opened, else the person's first role.
func currentRole(r *http.Request, p *access.Principal) access.Role {
	for _, role := range p.Roles {
		if base := workspacePaths[role]; r.URL.Path == base || strings.HasPrefix(r.URL.Path, base+"/") {
			return role
		}
	}
	if c, err := r.Cookie(roleCookie); err == nil && p.Has(access.Role(c.Value)) {
		return access.Role(c.Value)
	}
	if len(p.Roles) > 0 {
		return p.Roles[0]
	}
	return ""
}

func rememberRole(rw http.ResponseWriter, role access.Role) {
	http.SetCookie(rw, &http.Cookie{Name: roleCookie, Value: string(role), Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, MaxAge: 30 * 24 * 3600})
}

// newUserView builds the header and menu for the request.
func newUserView(r *http.Request, p *access.Principal) *userView {
	role := currentRole(r, p)
	u := &userView{Name: p.Name, Username: p.Username, Role: role}
	if u.Name == "" {
		u.Name = p.Username
	}
	for _, role := range p.Roles {
		l := roleLabels([]access.Role{role})
		if len(l) == 0 {
			continue // a role this version does not know: no workspace to offer
		}
		u.Roles = append(u.Roles, link{Path: workspacePaths[role], Nb: l[0], Current: role == u.Role})
	}
	for _, l := range menu(role) {
		l.Current = l.Path == r.URL.Path
		u.Menu = append(u.Menu, l)
	}
	return u
}
