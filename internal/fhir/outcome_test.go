package fhir

import (
	"errors"
	"testing"

	"veiviser/internal/apperr"
)

func TestOperationOutcome(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"issues", apperr.WithIssues(apperr.Unprocessable,
			apperr.Issue{Diagnostics: "CarePlan.status: the element is required", Expression: []string{"CarePlan.status"}},
			apperr.Issue{Severity: "warning", Type: "code-invalid", Diagnostics: "d"}),
			`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing","diagnostics":"CarePlan.status: the element is required","expression":["CarePlan.status"]},{"severity":"warning","code":"code-invalid","diagnostics":"d"}]}`},
		{"message only", apperr.New(apperr.NotFound, "CarePlan/x is not known"),
			`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"not-found","diagnostics":"CarePlan/x is not known"}]}`},
		{"internal hides the cause", errors.New("pq: password authentication failed for user veiviser"),
			`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception","diagnostics":"internal error"}]}`},
		{"internal apperr hides its issues", &apperr.Error{Code: apperr.Internal, Message: "db down at 10.0.0.3", Issues: []apperr.Issue{{Diagnostics: "secret"}}},
			`{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"exception","diagnostics":"internal error"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := OperationOutcome(tt.err).MarshalJSON()
			if string(got) != tt.want {
				t.Fatalf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
