package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil"
)

func TestRefuse(t *testing.T) {
	rule := apperr.New(apperr.Unprocessable, "%s", kernel.Text{NB: "Møtet må ha en dato.", EN: "The meeting needs a date."}.String())
	cases := []struct {
		name   string
		err    error
		codes  []apperr.Code
		want   bool
		nb, en string
	}{
		{"no error", nil, []apperr.Code{apperr.Unprocessable}, false, "", ""},
		{"a code the page answers on its form", rule, []apperr.Code{apperr.Forbidden, apperr.Unprocessable}, true,
			"Møtet må ha en dato.", "The meeting needs a date."},
		{"a code the page answers as an error page", rule, []apperr.Code{apperr.Forbidden}, false, "", ""},
		{"bokmål only", apperr.New(apperr.Conflict, "Endret av en annen."), []apperr.Code{apperr.Conflict}, true, "Endret av en annen.", ""},
		{"an internal error never shows its text", apperr.New(apperr.Internal, "disk full / x"), []apperr.Code{apperr.Unprocessable}, false, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newForm("k", nil)
			if got := refuse(f, "date", c.err, c.codes...); got != c.want {
				t.Fatalf("refuse = %v, want %v", got, c.want)
			}
			e := f.Error("date")
			if !c.want {
				if e != nil {
					t.Errorf("the form has %+v, want no message", e)
				}
				return
			}
			if e == nil || e.Msg.NB != c.nb || e.Msg.EN != c.en {
				t.Errorf("message %+v, want bokmål %q and English %q", e, c.nb, c.en)
			}
		})
	}
}

// TestFailShowsTheReasonInTheReadersLanguage: the error page shows the workflow's reason in the
// reader's language only: bokmål by default, the workflow's own English for one who chose English.
func TestFailShowsTheReasonInTheReadersLanguage(t *testing.T) {
	w := newWebWithDrafts(t, testutil.NewSQLite(t))
	err := apperr.New(apperr.Forbidden, "%s", kernel.Text{NB: "Bare koordinatoren kan ta planen i bruk.", EN: "Only the coordinator may activate the plan."}.String())
	for _, tc := range []struct {
		lang, want, not string
	}{
		{"", "Bare koordinatoren kan ta planen i bruk.", "Only the coordinator"},
		{"en", "Only the coordinator may activate the plan.", "Bare koordinatoren"},
	} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/coordinator/plans/x/activate", nil)
		if tc.lang != "" {
			req.AddCookie(&http.Cookie{Name: langCookie, Value: tc.lang})
		}
		w.fail(rec, req, err)
		body := rec.Body.String()
		if rec.Code != http.StatusForbidden {
			t.Errorf("status %d, want 403", rec.Code)
		}
		if !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
			t.Errorf("language %q: the page should say %q and not %q:\n%s", tc.lang, tc.want, tc.not, body)
		}
	}
}

// TestFailWhenTheClientIsGone: a request whose client went away (net/http cancels its context,
// so the store refuses) is logged at INFO, not as a server error at ERROR.
func TestFailWhenTheClientIsGone(t *testing.T) {
	var logs strings.Builder
	w, err := New(Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(gone, http.MethodPost, "/citizen/plan/comment", nil)
	w.fail(httptest.NewRecorder(), req, fmt.Errorf("store: %w", context.Canceled))
	if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "level=INFO") {
		t.Errorf("logged:\n%s\nwant INFO and no ERROR", logs.String())
	}
}
