package fhir

import (
	"errors"
	"strings"
	"testing"

	"veiviser/internal/apperr"
)

func TestValidateAcceptsEveryHeldType(t *testing.T) {
	for _, typ := range ResourceTypes() {
		t.Run(typ, func(t *testing.T) {
			r := mustLoad(t, typ)
			if r.Type() != typ {
				t.Fatalf("testdata/%s.json holds a %s", typ, r.Type())
			}
			if err := Validate(r); err != nil {
				t.Fatalf("valid %s refused: %v", typ, issuesText(err))
			}
		})
	}
}

func TestValidateReportsEachKindOfFailure(t *testing.T) {
	tests := []struct {
		name, json string
		wantExpr   string // the FHIRPath of the issue
		wantText   string // part of the diagnostics
	}{
		{"unknown type", `{"resourceType":"Basic"}`, "resourceType", "not a type this server holds"},
		{"bad id", `{"resourceType":"Goal","id":"a b","lifecycleStatus":"active","description":{"text":"x"},"subject":{"reference":"Patient/p"}}`, "Goal.id", "1 to 64 characters"},
		{"CarePlan.status missing", `{"resourceType":"CarePlan","intent":"plan","subject":{"reference":"Patient/p"}}`, "CarePlan.status", "required"},
		{"CarePlan.intent missing", `{"resourceType":"CarePlan","status":"active","subject":{"reference":"Patient/p"}}`, "CarePlan.intent", "required"},
		{"CarePlan.subject missing", `{"resourceType":"CarePlan","status":"active","intent":"plan"}`, "CarePlan.subject", "required"},
		{"activity.detail.status missing", `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/p"},"activity":[{"detail":{"kind":"Task"}}]}`, "CarePlan.activity[0].detail.status", "required"},
		{"Goal.lifecycleStatus missing", `{"resourceType":"Goal","description":{"text":"x"},"subject":{"reference":"Patient/p"}}`, "Goal.lifecycleStatus", "required"},
		{"Goal.description missing", `{"resourceType":"Goal","lifecycleStatus":"active","subject":{"reference":"Patient/p"}}`, "Goal.description", "required"},
		{"Consent.scope missing", `{"resourceType":"Consent","status":"active","category":[{"text":"x"}]}`, "Consent.scope", "required"},
		{"Consent.category missing", `{"resourceType":"Consent","status":"active","scope":{"text":"x"}}`, "Consent.category", "required"},
		{"choice required", `{"resourceType":"Communication","status":"completed","payload":[{"id":"x"}]}`, "Communication.payload[0].content[x]", "contentString"},
		{"bad status code", `{"resourceType":"CarePlan","status":"aktiv","intent":"plan","subject":{"reference":"Patient/p"}}`, "CarePlan.status", `"aktiv" is not a code of the required value set request-status`},
		{"bad gender", `{"resourceType":"Patient","gender":"f"}`, "Patient.gender", "administrative-gender"},
		{"max 1 given an array", `{"resourceType":"Patient","gender":["female"]}`, "Patient.gender", "not an array"},
		{"max * given a single value", `{"resourceType":"Patient","name":{"family":"X"}}`, "Patient.name", "expected an array"},
		{"boolean as string", `{"resourceType":"Patient","active":"true"}`, "Patient.active", "JSON boolean"},
		{"integer with a fraction", `{"resourceType":"Patient","multipleBirthInteger":1.5}`, "Patient.multipleBirthInteger", "whole number"},
		{"date impossible", `{"resourceType":"Patient","birthDate":"2023-02-30"}`, "Patient.birthDate", "real date"},
		{"dateTime without zone", `{"resourceType":"Consent","status":"active","scope":{"text":"x"},"category":[{"text":"x"}],"dateTime":"2024-01-01T10:00:00"}`, "Consent.dateTime", "time zone"},
		{"instant without time", `{"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2024-01-01","agent":[{"requestor":true}],"source":{"observer":{"reference":"Organization/o"}}}`, "AuditEvent.recorded", "instant"},
		{"time format", `{"resourceType":"PractitionerRole","availableTime":[{"availableStartTime":"8:00"}]}`, "PractitionerRole.availableTime[0].availableStartTime", "hh:mm:ss"},
		{"code with spaces", `{"resourceType":"Patient","gender":" female"}`, "Patient.gender", "whitespace"},
		{"empty string", `{"resourceType":"Patient","name":[{"family":""}]}`, "Patient.name[0].family", "empty string"},
		{"empty object", `{"resourceType":"Patient","maritalStatus":{}}`, "Patient.maritalStatus", "empty object"},
		{"empty array", `{"resourceType":"Patient","name":[]}`, "Patient.name", "empty array"},
		{"null", `{"resourceType":"Patient","gender":null}`, "Patient.gender", "null"},
		{"null in array without _field", `{"resourceType":"Patient","name":[{"given":["A",null]}]}`, "Patient.name[0].given[1]", "null"},
		{"_field not an object", `{"resourceType":"Patient","_gender":"x"}`, "Patient._gender", "JSON object"},
		{"_field array misaligned", `{"resourceType":"Patient","name":[{"given":["A","B"],"_given":[null]}]}`, "Patient.name[0]._given", "one entry"},
		{"unknown element with null", `{"resourceType":"Patient","somethingNew":null}`, "Patient.somethingNew", "null"},
		{"uri with space", `{"resourceType":"Patient","identifier":[{"system":"urn:a b","value":"1"}]}`, "Patient.identifier[0].system", "whitespace"},
		{"fødselsnummer", `{"resourceType":"Patient","identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"12094812345"}]}`, "Patient.identifier[0]", "fødselsnummer (national identity number) 12094812345: the"},
		{"organisasjonsnummer", `{"resourceType":"Organization","identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.101","value":"974760674"}]}`, "Organization.identifier[0]", "check digit is wrong"},
		{"contained resource checked", `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"#p"},"contained":[{"resourceType":"Patient","id":"p","gender":"x"}]}`, "CarePlan.contained[0].gender", "administrative-gender"},
		{"contained resource of no R4 type", `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/x"},"contained":[{"resourceType":"Widget","id":"w"}]}`, "CarePlan.contained[0]", "R4 resourceType"},
		{"contained resource of another type without id", `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/x"},"contained":[{"resourceType":"Location","name":"Rådhuset"}]}`, "CarePlan.contained[0].id", "needs an id"},
		{"contained resource nesting another", `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/x"},"contained":[{"resourceType":"Location","id":"l","contained":[{"resourceType":"Location","id":"m"}]}]}`, "CarePlan.contained[0].contained", "dom-2"},
		{"U+0000 in a string", `{"resourceType":"Patient","name":[{"family":"Nord\u0000mann"}]}`, "Patient.name[0].family", "holds U+0000"},
		{"U+0000 in an unknown element", `{"resourceType":"Patient","somethingNew":{"a":["x","\u0000"]}}`, "Patient.somethingNew.a[1]", "holds U+0000"},
		{"U+0000 in a member name", `{"resourceType":"Patient","x\u0000y":"z"}`, "Patient.x\x00y", "member name holds U+0000"},
		{"decimal beyond float64", `{"resourceType":"Goal","lifecycleStatus":"active","description":{"text":"x"},"subject":{"reference":"Patient/p"},"target":[{"detailQuantity":{"value":1e999}}]}`, "Goal.target[0].detailQuantity.value", "1e999 is out of range"},
		{"negative decimal beyond float64 in an extension", `{"resourceType":"Patient","extension":[{"url":"http://x","valueDecimal":-1e999}]}`, "Patient.extension[0].valueDecimal", "-1e999 is out of range"},
		{"nested backbone via contentReference", `{"resourceType":"Consent","status":"active","scope":{"text":"x"},"category":[{"text":"x"}],"provision":{"provision":[{"type":"maybe"}]}}`, "Consent.provision.provision[0].type", "consent-provision-type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(mustParse(t, tt.json))
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != apperr.Unprocessable {
				t.Fatalf("want an Unprocessable error, got %v", err)
			}
			for _, is := range ae.Issues {
				if len(is.Expression) == 1 && is.Expression[0] == tt.wantExpr && strings.Contains(is.Diagnostics, tt.wantText) {
					return
				}
			}
			t.Fatalf("no issue at %s containing %q; got:\n%s", tt.wantExpr, tt.wantText, issuesText(err))
		})
	}
}

func TestValidateKeepsWhatItDoesNotKnow(t *testing.T) {
	js := `{"resourceType":"Patient","futureElement":{"a":[1,2]},"name":[{"family":"X","_family":{"extension":[{"url":"http://x","valueString":"y"}]}}],"name2":"z"}`
	r := mustParse(t, js)
	if err := Validate(r); err != nil {
		t.Fatalf("refused: %s", issuesText(err))
	}
	if string(r.Bytes()) != js {
		t.Fatalf("changed:\n%s", r.Bytes())
	}
}

// TestValidateKeepsTextAndNumbersItCanHold: control characters but U+0000 are text (R4's regex
// for string admits them), and a number too small for float64 (it reads as 0) or as large as
// float64 goes is kept.
func TestValidateKeepsTextAndNumbersItCanHold(t *testing.T) {
	js := `{"resourceType":"Patient","name":[{"family":"a\tb\r\nc\u0001\u001b"}],"extension":[{"url":"http://x","valueDecimal":1e-999},{"url":"http://y","valueDecimal":-1.7976931348623157e308}]}`
	if err := Validate(mustParse(t, js)); err != nil {
		t.Fatalf("refused: %s", issuesText(err))
	}
}

func TestValidateNullAlignedWithExtension(t *testing.T) {
	js := `{"resourceType":"Patient","name":[{"given":["A",null],"_given":[null,{"extension":[{"url":"http://x","valueString":"y"}]}]}]}`
	if err := Validate(mustParse(t, js)); err != nil {
		t.Fatalf("refused: %s", issuesText(err))
	}
}

func issuesText(err error) string {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		if err == nil {
			return "<nil>"
		}
		return err.Error()
	}
	var b strings.Builder
	for _, is := range ae.Issues {
		b.WriteString(strings.Join(is.Expression, ",") + " | " + is.Diagnostics + "\n")
	}
	return b.String()
}
