package intake

import (
	"context"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// NeedReportInput is a report of a possible need for habilitation or rehabilitation from a
// service provider or GP (their reporting duty): the citizen by national identity number, since
// the reporter may not have the citizen in reach yet.
type NeedReportInput struct {
	NationalID      string // fødselsnummer or D-nummer
	Need            string
	CurrentServices []string
}

// ReportNeed finds the citizen by national identity number and sends the report as an inquiry
// from the reporter (staff only). The lookup is in the citizen's access log with what it was for;
// a number that matches no one is a form error and names no one.
func (s *Service) ReportNeed(ctx context.Context, in NeedReportInput) (Receipt, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Receipt{}, err
	}
	if p.PractitionerID == "" || !(p.Has(access.ServiceProvider) || p.Has(access.Coordinator) || p.Has(access.CaseOfficer) || p.Has(access.UnitLead)) {
		return Receipt{}, kernel.Text{NB: "Meldinger om behov sendes av tjenesteytere og fastleger.", EN: "Need reports are sent by service providers and GPs."}.Err(apperr.Forbidden)
	}
	nid := strings.ReplaceAll(strings.TrimSpace(in.NationalID), " ", "")
	if fhir.CheckNorwegianIdentifier(fhir.SystemFNR, nid) != "" && fhir.CheckNorwegianIdentifier(fhir.SystemDNR, nid) != "" {
		return Receipt{}, kernel.Violation("Skriv et gyldig fødselsnummer eller D-nummer (11 siffer).", "Write a valid national identity number or D number (11 digits).")
	}
	var patient string
	for _, system := range []string{fhir.SystemFNR, fhir.SystemDNR} {
		found, err := s.wf.Find(ctx, "Patient", "identifier", system+"|"+nid)
		if err != nil {
			return Receipt{}, err
		}
		if len(found) > 0 {
			patient = kernel.Ref("Patient", found[0].ID())
			break
		}
	}
	if patient == "" {
		return Receipt{}, kernel.Violation("Vi finner ingen innbygger med dette nummeret i kommunens register.",
			"We find no citizen with this number in the municipality's register.")
	}
	if err := s.wf.LogRead(ctx, patient, patient); err != nil { // the lookup by number, before the report
		return Receipt{}, err
	}
	return s.SubmitInquiry(ctx, InquiryInput{Subject: patient, Need: in.Need, CurrentServices: in.CurrentServices})
}
