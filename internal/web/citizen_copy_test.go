package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCitizenCopy (issue 17, point 5): the citizen downloads everything held about them as a
// FHIR Bundle and as a PDF: their Patient, every version of their plan, their consent and
// inquiry, and nothing of another citizen in the same store; the download is in their access
// log. A guardian downloads the child's copy, which holds the child's records and not the
// guardian's own; anyone else gets the missing page.
func TestCitizenCopy(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}}, ip+"?saved=goals")
		siri := tw.signIn("siri")
		checkPage(t, siri.get("/citizen/my-data"), http.StatusOK, "Mine opplysninger", `href="/citizen/my-data/veiviser.pdf"`, `href="/citizen/my-data/veiviser.json"`)
		logBefore, err := tw.co.AccessLogFor(tw.as("siri"), "Patient/p1", 0)
		if err != nil {
			t.Fatal(err)
		}

		got := siri.get("/citizen/my-data/veiviser.json")
		if got.status != http.StatusOK || got.header.Get("Content-Type") != "application/fhir+json" ||
			!strings.HasPrefix(got.header.Get("Content-Disposition"), `attachment; filename="veiviser-p1-`) {
			t.Fatalf("the Bundle: %d %q %q", got.status, got.header.Get("Content-Type"), got.header.Get("Content-Disposition"))
		}
		var bundle struct {
			ResourceType, Type string
			Entry              []struct {
				FullURL  string          `json:"fullUrl"`
				Resource json.RawMessage `json:"resource"`
			}
		}
		if err := json.Unmarshal([]byte(got.body), &bundle); err != nil || bundle.ResourceType != "Bundle" || bundle.Type != "collection" {
			t.Fatalf("not a collection Bundle: %v %s", err, got.body[:min(200, len(got.body))])
		}
		count := map[string]int{}
		for _, e := range bundle.Entry {
			typ, rest, _ := strings.Cut(e.FullURL, "/")
			id, _, _ := strings.Cut(rest, "/")
			count[typ]++
			if typ == "CarePlan" && id != planID {
				t.Errorf("a CarePlan that is not Siri's plan: %s", e.FullURL)
			}
		}
		if count["Patient"] != 1 || count["CarePlan"] < 2 || count["Consent"] < 1 || count["ServiceRequest"] < 1 || count["Goal"] < 1 {
			t.Errorf("the Bundle holds %v; want Siri's Patient, every version of her plan, her consent, inquiry and goal", count)
		}
		for _, other := range []string{"Patient/p2", "Tor Prøvesen", "Patient/c1", "Ola Eksempel"} {
			if strings.Contains(got.body, other) {
				t.Errorf("Siri's copy holds %q, another citizen's", other)
			}
		}
		logAfter, err := tw.co.AccessLogFor(tw.as("siri"), "Patient/p1", 0)
		if err != nil || len(logAfter.Entries) <= len(logBefore.Entries) {
			t.Errorf("the download is not in Siri's access log: %d entries before, %d after (%v)", len(logBefore.Entries), len(logAfter.Entries), err)
		}

		pdf := siri.get("/citizen/my-data/veiviser.pdf")
		if pdf.status != http.StatusOK || pdf.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.body, "%PDF-") {
			t.Fatalf("the PDF: %d %q %.20q", pdf.status, pdf.header.Get("Content-Type"), pdf.body)
		}
		for _, want := range []string{"Siri Testmo", "versjon 1", planID} {
			if !strings.Contains(pdf.body, want) {
				t.Errorf("the PDF does not say %q", want)
			}
		}
		if strings.Contains(pdf.body, "Tor Pr") {
			t.Error("Siri's PDF holds another citizen's name")
		}
		// in the language the citizen chose: the words translated, the records as they are
		enPDF := tw.signIn("siri").speaking("en").get("/citizen/my-data/veiviser.pdf")
		for _, want := range []string{"Data about Siri Testmo in Veiviser", "version 1", planID} {
			if !strings.Contains(enPDF.body, want) {
				t.Errorf("the English PDF does not say %q", want)
			}
		}
		if strings.Contains(enPDF.body, "versjon 1") {
			t.Error("the English PDF says the bokmål")
		}

		gro := tw.signIn("gro")
		child := "/citizen/my-data?for=" + url.QueryEscape("Patient/c1")
		checkPage(t, gro.get(child), http.StatusOK, "Opplysninger om Ola Eksempel", `data-testid="acting-for"`, "veiviser.json?for=Patient%2Fc1")
		copyOfChild := gro.get("/citizen/my-data/veiviser.json?for=" + url.QueryEscape("Patient/c1"))
		if copyOfChild.status != http.StatusOK || !strings.Contains(copyOfChild.body, `"Patient/c1/_history/1"`) || strings.Contains(copyOfChild.body, "Patient/p3/") {
			t.Errorf("the guardian's copy of the child: %d, child's Patient in it %v, guardian's own in it %v", copyOfChild.status,
				strings.Contains(copyOfChild.body, `"Patient/c1/_history/1"`), strings.Contains(copyOfChild.body, "Patient/p3/"))
		}
		// a citizen who also follows Siri as a relative, by her consent, reaches her, but the copy is
		// hers or a guardian's alone
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "torrel", Name: "Tor Prøvesen", Roles: []access.Role{access.Citizen}, PatientID: "p2", RelatedPersonIDs: []string{"rp1"}})
		if _, err := tw.co.CaseFor(tw.as("torrel"), "Patient/p1"); err != nil {
			t.Logf("the relative link gives no reach here (%v); the check below still holds", err)
		}
		for _, tc := range []struct{ who, path string }{
			{"torrel", "/citizen/my-data/veiviser.json?for=" + url.QueryEscape("Patient/p1")},
			{"siri", "/citizen/my-data/veiviser.json?for=" + url.QueryEscape("Patient/p2")},
			{"siri", "/citizen/my-data?for=" + url.QueryEscape("Patient/p2")},
			{"kari", "/citizen/my-data/veiviser.json"},
			{"tor", "/citizen/my-data/veiviser.json?for=" + url.QueryEscape("Patient/p1")},
		} {
			if got := tw.signIn(tc.who).get(tc.path); got.status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", tc.who, tc.path, got.status)
			}
		}
	})
}
