package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/signin"
)

type loginData struct {
	pageData
	signin.LoginView
}

// Login renders the login form with status (200, or 401/429 after a refused attempt).
func (w *Web) Login(rw http.ResponseWriter, r *http.Request, status int, v signin.LoginView) {
	w.render(rw, r, status, "login", loginData{
		pageData:  pageData{Title: "Logg inn", TitleEn: "Sign in"},
		LoginView: v,
	})
}

// roleLabel is a role's name in bokmål and English, as the UI shows it.
type roleLabel struct{ Nb, En string }

func roleLabels(roles []access.Role) []roleLabel {
	names := map[access.Role]roleLabel{
		access.Citizen:         {"Innbygger", "Citizen"},
		access.Relative:        {"Pårørende", "Relative"},
		access.Coordinator:     {"Koordinator", "Coordinator"},
		access.ServiceProvider: {"Tjenesteyter", "Service provider"},
		access.UnitLead:        {"Fagleder", "Unit lead"},
		access.CaseOfficer:     {"Saksbehandler", "Case officer"},
		access.Administrator:   {"Administrator", "Administrator"},
	}
	out := make([]roleLabel, 0, len(roles))
	for _, r := range roles {
		if l, ok := names[r]; ok {
			out = append(out, l)
		}
	}
	return out
}
