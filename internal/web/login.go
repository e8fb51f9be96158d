package web

import (
	"net/http"

	"veiviser/internal/access"
)

// LoginView is what the login form shows: the username typed so far and, after a refused
// attempt, one message in bokmål and English. The message never says whether the user exists.
type LoginView struct {
	Username string
	Error    string
	ErrorEn  string
	// OIDCCitizen and OIDCStaff show the buttons of the configured OpenID Connect providers.
	OIDCCitizen, OIDCStaff bool
}

type loginData struct {
	pageData
	LoginView
}

// Login renders the login form with status (200, or 401/429 after a refused attempt).
func (w *Web) Login(rw http.ResponseWriter, r *http.Request, status int, v LoginView) {
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
