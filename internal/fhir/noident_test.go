package fhir

import (
	"strings"
	"testing"
)

func TestCheckNorwegianIdentifier(t *testing.T) {
	tests := []struct {
		name, system, value string
		wantErr             string // "" means valid
	}{
		// fhir-notes.md §2.2: valid under today's rule
		{"fnr valid 2013", SystemFNR, "13031353453", ""},
		{"fnr valid 1899", SystemFNR, "31129956715", ""},
		{"fnr valid 2032", SystemFNR, "02013299997", ""},
		// valid only under the rule from 2032 (first-sum remainder 1-3)
		{"fnr valid by the 2032 rule", SystemFNR, "30108299939", ""},
		// invalid examples from the no-basis and kommune IG documentation
		{"fnr no-basis example", SystemFNR, "13057444850", "check digit is wrong"},
		{"fnr kommune IG example", SystemFNR, "12094812345", "check digit is wrong"},
		{"fnr first check digit", SystemFNR, "13031353403", "the first check digit is wrong"},
		{"fnr second check digit", SystemFNR, "13031353454", "the second check digit is wrong"},
		{"fnr too short", SystemFNR, "1303135345", "expected 11 digits"},
		{"fnr letters", SystemFNR, "1303135345x", "expected 11 digits"},
		{"fnr 31 February", SystemFNR, "31021350000", "not a real birth date"},
		{"fnr month 13", SystemFNR, "01131350000", "not a real birth date"},
		{"fnr 31 April", SystemFNR, withCheckDigits(t, "310413534"), "not a real birth date"},
		{"fnr 30 April", SystemFNR, withCheckDigits(t, "300413534"), ""},
		{"fnr 29 February in a leap year (2012, individual 5xx)", SystemFNR, withCheckDigits(t, "290212534"), ""},
		{"fnr 29 February 1900, not a leap year (individual 4xx)", SystemFNR, withCheckDigits(t, "290200434"), "not a real birth date"},
		{"fnr 29 February 2000, a leap year (individual 6xx)", SystemFNR, withCheckDigits(t, "290200634"), ""},
		{"fnr 29 February 1913, not a leap year", SystemFNR, withCheckDigits(t, "290213434"), "not a real birth date"},
		{"fnr 29 February 2000, individual 501 (the range's edge)", SystemFNR, withCheckDigits(t, "290200501"), ""},
		{"fnr 29 February 2000, individual 510", SystemFNR, withCheckDigits(t, "290200510"), ""},
		{"fnr synthetic month+80 (Tenor)", SystemFNR, withCheckDigits(t, "138313534"), ""},
		{"fnr synthetic month+40 (NAV)", SystemFNR, withCheckDigits(t, "134313534"), ""},
		{"fnr message names the term", SystemFNR, "12094812345", "fødselsnummer"},
		// D number: 4 added to the first digit
		{"dnr valid", SystemDNR, withCheckDigits(t, "530313534"), ""},
		{"dnr without +4", SystemDNR, "13031353453", "4 added to the first digit"},
		{"dnr day 72", SystemDNR, withCheckDigits(t, "720313535"), "not a real birth date"},
		{"dnr first digits 40: no 4 added", SystemDNR, withCheckDigits(t, "400313534"), "4 added to the first digit"},
		{"dnr first digits 41: the 1st", SystemDNR, withCheckDigits(t, "410313535"), ""},
		{"dnr message names the term", SystemDNR, "5303135345", "D-nummer"},
		// organisation numbers: weights 3,2,7,6,5,4,3,2
		{"org valid", SystemOrgNum, "974760673", ""},
		{"org valid 2", SystemOrgNum, "923609016", ""},
		{"org wrong check digit", SystemOrgNum, "974760674", "organisasjonsnummer (organisation number) 974760674: the check digit is wrong"},
		{"org 8 digits", SystemOrgNum, "97476067", "expected 9 digits"},
		// HPR: digits only, 1-9 digits
		{"hpr valid", SystemHPR, "9144889", ""},
		{"hpr one digit", SystemHPR, "1", ""},
		{"hpr nine digits", SystemHPR, "123456789", ""},
		{"hpr ten digits", SystemHPR, "1234567890", "expected 1 to 9 digits"},
		{"hpr letters", SystemHPR, "12a", "HPR-nummer"},
		// other systems are not checked
		{"other system", "urn:care-bench:mrn", "whatever", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckNorwegianIdentifier(tt.system, tt.value)
			if tt.wantErr == "" && got != "" {
				t.Fatalf("want valid, got %q", got)
			}
			if tt.wantErr != "" && !strings.Contains(got, tt.wantErr) {
				t.Fatalf("want a message containing %q, got %q", tt.wantErr, got)
			}
		})
	}
}

// withCheckDigits completes nine digits with the two check digits of today's rule.
func withCheckDigits(t *testing.T, nine string) string {
	t.Helper()
	d := make([]int, 11)
	for i := 0; i < 9; i++ {
		d[i] = int(nine[i] - '0')
	}
	k1 := (11 - weighted(d, k1Weights)%11) % 11
	if k1 == 10 {
		t.Fatalf("%s has no valid first check digit", nine)
	}
	d[9] = k1
	k2 := (11 - weighted(d, k2Weights)%11) % 11
	if k2 == 10 {
		t.Fatalf("%s has no valid second check digit", nine)
	}
	return nine + string(rune('0'+k1)) + string(rune('0'+k2))
}

func TestOrgNumberAgainstAnIndependentSum(t *testing.T) {
	// 974760673 is Brønnøysundregistrene's own number: 9*3+7*2+4*7+7*6+6*5+0*4+6*3+7*2 = 173, 173 mod 11 = 8, 11-8 = 3
	if msg := checkOrgNumber("974760673"); msg != "" {
		t.Fatal(msg)
	}
}

// TestFirstCheckDigitEdge: the first check digit is right when the weighted sum including it
// leaves 0 to 3 (today's rule and the rule from 2032), wrong from 4 up: the numbers sit on each
// side of the edge, with a right second check digit so only the first decides.
func TestFirstCheckDigitEdge(t *testing.T) {
	for _, nine := range []string{"130313534", "010190123", "250875432"} {
		for r := 0; r <= 10; r++ {
			value, ok := withFirstRemainder(nine, r)
			if !ok {
				continue // this k1 makes no valid second check digit
			}
			got := CheckNorwegianIdentifier(SystemFNR, value)
			if want := r <= 3; (got == "") != want {
				t.Errorf("%s (remainder %d): %q, want valid %v", value, r, got, want)
			}
			if r > 3 && !strings.Contains(got, "the first check digit is wrong") {
				t.Errorf("%s (remainder %d): %q, want the first check digit named", value, r, got)
			}
		}
	}
}

// withFirstRemainder completes nine digits with a first check digit whose weighted sum leaves r,
// and a right second check digit; false when either cannot be a single digit.
func withFirstRemainder(nine string, r int) (string, bool) {
	d := make([]int, 11)
	for i := range 9 {
		d[i] = int(nine[i] - '0')
	}
	k1 := ((r-weighted(d, k1Weights))%11 + 11) % 11
	if k1 == 10 {
		return "", false
	}
	d[9] = k1
	k2 := (11 - weighted(d, k2Weights)%11) % 11
	if k2 == 10 {
		return "", false
	}
	return nine + string(rune('0'+k1)) + string(rune('0'+k2)), true
}
