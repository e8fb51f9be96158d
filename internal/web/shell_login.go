package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/kernel"
	"veiviser/internal/signin"
)

type loginData struct {
	pageData
	signin.LoginView
	Msg kernel.Text // the refusal, in the reader's language (signin gives it in bokmål and English)
}

// Login renders the login form with status (200, or 401/429 after a refused attempt).
func (w *Web) Login(rw http.ResponseWriter, r *http.Request, status int, v signin.LoginView) {
	w.render(rw, r, status, "login", loginData{
		pageData:  w.page(r, "Logg inn"),
		LoginView: v,
		Msg:       kernel.Text{NB: v.Error, EN: v.ErrorEn},
	})
}

// roleLabels are the roles' names in bokmål (catalog keys), as the UI shows them; a role this
// version does not know is left out.
func roleLabels(roles []access.Role) []string {
	names := map[access.Role]string{
		access.Citizen:         "Innbygger",
		access.Relative:        "Pårørende",
		access.Coordinator:     "Koordinator",
		access.ServiceProvider: "Tjenesteyter",
		access.UnitLead:        "Fagleder",
		access.CaseOfficer:     "Saksbehandler",
		access.Administrator:   "Administrator",
	}
	out := make([]string, 0, len(roles))
	for _, r := range roles {
		if l, ok := names[r]; ok {
			out = append(out, l)
		}
	}
	return out
}
