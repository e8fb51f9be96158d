package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// perBundle is the creates one care bundle is: Patient, CareTeam, 3 Goals, CarePlan.
const perBundle = 6

// seedBundleTx creates care bundle i as ONE FHIR transaction Bundle (--seed-bundle): the same six
// resources as seedBundle, in the same order, referring to each other by urn:uuid fullUrls that
// the server resolves to the ids it gives; one request and one commit per bundle instead of six,
// which is what makes a 100,000-bundle scale run fit a time box. The latency recorded is the
// whole bundle's.
func seedBundleTx(ctx context.Context, c *client, i int, pool []string, s *series) (bundle, error) {
	body, err := json.Marshal(careBundleTx(i, pool))
	if err != nil {
		return bundle{}, err
	}
	r, err := c.do(ctx, http.MethodPost, "", body)
	if err != nil {
		s.fail()
		return bundle{}, fmt.Errorf("seed bundle %d: %w", i, err)
	}
	if r.status != http.StatusOK {
		s.fail()
		return bundle{}, fmt.Errorf("seed bundle %d: status %d: %.300s", i, r.status, r.body)
	}
	ids, err := responseIDs(r.body)
	if err != nil || len(ids) != perBundle {
		s.fail()
		return bundle{}, fmt.Errorf("seed bundle %d: %d ids in the response (%v)", i, len(ids), err)
	}
	s.add(r.latency)
	return bundle{patientID: ids[0], careTeamID: ids[1], goalIDs: [3]string{ids[2], ids[3], ids[4]}, carePlanID: ids[5]}, nil
}

// careBundleTx is care bundle i as a transaction Bundle with urn:uuid references.
func careBundleTx(i int, pool []string) object {
	urn := func(k int) string { return fmt.Sprintf("urn:uuid:00000000-0000-4000-8000-%012d", i*perBundle+k) }
	ref := func(k int) string { return urn(k) }
	var goalIDs [3]string
	for k := range 3 {
		goalIDs[k] = ref(2 + k)
	}
	res := []object{patient(i), careTeam(i, "", pool)}
	res[1]["subject"] = object{"reference": ref(0)}
	for k := range 3 {
		g := goal(k, "")
		g["subject"] = object{"reference": ref(0)}
		res = append(res, g)
	}
	cp := carePlan(i, fmt.Sprintf("Care plan for patient %05d", i), "", "", goalIDs, pool)
	cp["subject"] = object{"reference": ref(0)}
	cp["careTeam"] = []any{object{"reference": ref(1)}}
	goals := make([]any, 3)
	for k := range 3 {
		goals[k] = object{"reference": goalIDs[k]}
	}
	cp["goal"] = goals
	for k, a := range cp["activity"].([]any) {
		a.(object)["detail"].(object)["goal"] = []any{object{"reference": goalIDs[k]}}
	}
	res = append(res, cp)
	entries := make([]any, len(res))
	for k, r := range res {
		entries[k] = object{"fullUrl": urn(k), "resource": r,
			"request": object{"method": "POST", "url": r["resourceType"]}}
	}
	return object{"resourceType": "Bundle", "type": "transaction", "entry": entries}
}

// responseIDs reads the ids of a transaction-response's entries from their locations
// (Type/id/_history/n), in order.
func responseIDs(body []byte) ([]string, error) {
	var resp struct {
		Entry []struct {
			Response struct {
				Location string `json:"location"`
			} `json:"response"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(resp.Entry))
	for _, e := range resp.Entry {
		parts := strings.Split(e.Response.Location, "/")
		if len(parts) < 2 || parts[1] == "" {
			return nil, fmt.Errorf("location %q names no id", e.Response.Location)
		}
		ids = append(ids, parts[1])
	}
	return ids, nil
}
