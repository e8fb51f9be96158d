package e2e

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// session is one person signed in through /login, with a cookie jar, against the real binary.
type session struct {
	t    *testing.T
	user string
	base string
	c    *http.Client
}

func signInHTTP(t *testing.T, base, username, password string) *session {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	s := &session{t: t, user: username, base: base, c: c}
	status, _ := s.do(http.MethodPost, "/login", url.Values{"username": {username}, "password": {password}})
	if status != http.StatusSeeOther {
		t.Fatalf("%s: POST /login answered %d, want 303", username, status)
	}
	return s
}

// do sends a GET (form nil) or a form POST and returns the status and body.
func (s *session) do(method, path string, form url.Values) (int, string) {
	s.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, s.base+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := s.c.Do(req)
	if err != nil {
		s.t.Fatalf("%s: %s %s: %v", s.user, method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatalf("%s: %s %s: reading: %v", s.user, method, path, err)
	}
	return res.StatusCode, string(b)
}

// reachRow is one line of the UI matrix: a signed-in person, a page about a citizen inside
// their reach (opens with 200; empty for the administrator, who reaches nobody), and requests
// about a citizen outside it, each of which must answer exactly as the same request about a
// made-up citizen or record: 404 and the same body.
type reachRow struct {
	role, user string
	in         string
	outside    []reachProbe
}

// reachProbe is a request about a citizen outside reach; madeUp is the same request with a
// made-up id in place of outsideID.
type reachProbe struct {
	method, path string
	form         url.Values
	outsideID    string
	madeUpID     string
}

func getProbe(path, outsideID, madeUpID string) reachProbe {
	return reachProbe{method: http.MethodGet, path: path, outsideID: outsideID, madeUpID: madeUpID}
}

func postProbe(path string, form url.Values, outsideID, madeUpID string) reachProbe {
	return reachProbe{method: http.MethodPost, path: path, form: form, outsideID: outsideID, madeUpID: madeUpID}
}

// TestReachMatrixUI is the web half of issue 4's matrix, against the real binary with the demo
// municipality, each person signed in through /login: for every role a page about a citizen in
// their reach opens, and reading or writing about a citizen outside it answers exactly as a
// made-up id does. The case officer and the administrator have no page about a citizen in this
// version, so their rows read the Patient through /fhir/R4 with the same session.
func TestReachMatrixUI(t *testing.T) {
	data := t.TempDir()
	s := startDemoServer(t, data)
	coord := signInHTTP(t, s.URL, "koordinator", demoPassword)
	astridPlan := planIDOf(t, coord, "Astrid Lyngmo")
	gunnPlan := planIDOf(t, coord, "Gunn Tverrå") // home nursing only: no physiotherapy measure
	const none = "p-none-0000"                    // a made-up citizen
	const noPlan = "no-such-plan-0000"            // a made-up plan
	comment := url.Values{"text": {"Hei"}}
	rows := []reachRow{
		{role: "citizen", user: "innbygger", in: "/citizen/plan?for=Patient/p-astrid", outside: []reachProbe{
			getProbe("/citizen/plan?for=Patient/p-olav", "p-olav", none),
			postProbe("/citizen/plan/comment?for=Patient/p-olav", comment, "p-olav", none),
			postProbe("/citizen/plan/proposal?for=Patient/p-olav", comment, "p-olav", none),
			getProbe("/citizen/letters?for=Patient/p-olav", "p-olav", none),
		}},
		{role: "citizen (guardian)", user: "forelder", in: "/citizen/plan?for=Patient/p-emma", outside: []reachProbe{
			getProbe("/citizen/plan?for=Patient/p-astrid", "p-astrid", none),
			postProbe("/citizen/plan/comment?for=Patient/p-astrid", comment, "p-astrid", none),
			getProbe("/citizen/letters?for=Patient/p-astrid", "p-astrid", none),
		}},
		{role: "relative", user: "parorende", in: "/relative/plan?for=Patient/p-astrid", outside: []reachProbe{
			getProbe("/relative/plan?for=Patient/p-olav", "p-olav", none),
			postProbe("/relative/plan/comment?for=Patient/p-olav", comment, "p-olav", none),
		}},
		{role: "coordinator", user: "koordinator", in: "/coordinator/citizens/p-astrid", outside: []reachProbe{
			getProbe("/coordinator/citizens/p-emma", "p-emma", none),
			getProbe("/coordinator/citizens/p-emma/consent", "p-emma", none),
			postProbe("/coordinator/citizens/p-emma/plan", url.Values{"title": {"Plan"}}, "p-emma", none),
		}},
		{role: "service provider", user: "tjenesteyter", in: "/provider/plans/" + astridPlan, outside: []reachProbe{
			getProbe("/provider/plans/"+gunnPlan, gunnPlan, noPlan),
			postProbe("/provider/plans/"+gunnPlan+"/measures/m1/progress", url.Values{"progress": {"Gjort"}}, gunnPlan, noPlan),
		}},
		{role: "unit lead", user: "enhetsleder", in: "/unit/appoint?for=Patient/p-petter", outside: []reachProbe{
			getProbe("/unit/appoint?for=Patient/p-marte", "p-marte", none),
			postProbe("/unit/appoint?for=Patient/p-marte", url.Values{"coordinator": {"Practitioner/s-koord"}}, "p-marte", none),
		}},
		{role: "case officer", user: "saksbehandler", in: "/fhir/R4/Patient/p-astrid", outside: []reachProbe{
			getProbe("/fhir/R4/Patient/p-marte", "p-marte", none),
		}},
		{role: "administrator", user: "administrator", in: "", outside: []reachProbe{
			getProbe("/fhir/R4/Patient/p-astrid", "p-astrid", none),
			getProbe("/coordinator/citizens/p-astrid", "p-astrid", none),
		}},
	}
	for _, row := range rows {
		t.Run(row.role, func(t *testing.T) {
			p := signInHTTP(t, s.URL, row.user, demoPassword)
			if row.in != "" {
				if status, body := p.do(http.MethodGet, row.in, nil); status != http.StatusOK {
					t.Errorf("%s: GET %s (in reach) = %d, want 200\n%.300s", row.user, row.in, status, body)
				}
			}
			for _, o := range row.outside {
				status, body := p.do(o.method, o.path, o.form)
				made := strings.ReplaceAll(o.path, o.outsideID, o.madeUpID)
				madeStatus, madeBody := p.do(o.method, made, o.form)
				// an answer may name the id it was asked about; nothing else may differ
				madeBody = strings.ReplaceAll(madeBody, o.madeUpID, o.outsideID)
				if status != http.StatusNotFound || madeStatus != http.StatusNotFound || body != madeBody {
					t.Errorf("%s: %s %s (outside reach) = %d, %s %s (made up) = %d; same body: %v\n%.300s",
						row.user, o.method, o.path, status, o.method, made, madeStatus, body == madeBody, body)
				}
			}
		})
	}
}

// planIDOf reads the id of the citizen's plan from the coordinator's workspace ("Åpne planen"
// in the citizen's row).
func planIDOf(t *testing.T, coord *session, name string) string {
	t.Helper()
	status, body := coord.do(http.MethodGet, "/coordinator", nil)
	re := regexp.MustCompile(regexp.QuoteMeta(name) + `</a>[\s\S]*?href="/coordinator/plans/([^"/?#]+)[^"]*"`)
	m := re.FindStringSubmatch(body)
	if status != http.StatusOK || m == nil {
		t.Fatalf("no plan for %s in the coordinator's workspace (%d)", name, status)
	}
	return m[1]
}
