package fhir

import "fmt"

// The Norwegian identifier systems Veiviser checks.
const (
	SystemFNR    = "urn:oid:2.16.578.1.12.4.1.4.1"   // fødselsnummer, national identity number
	SystemDNR    = "urn:oid:2.16.578.1.12.4.1.4.2"   // D-nummer, D number
	SystemHPR    = "urn:oid:2.16.578.1.12.4.1.4.4"   // HPR-nummer, health personnel number
	SystemOrgNum = "urn:oid:2.16.578.1.12.4.1.4.101" // organisasjonsnummer, organisation number
)

// CheckNorwegianIdentifier returns what is wrong with value as an identifier of system, or ""
// when it is right or system is not one we check.
func CheckNorwegianIdentifier(system, value string) string {
	switch system {
	case SystemFNR:
		return checkPersonNumber("fødselsnummer (national identity number)", value, false)
	case SystemDNR:
		return checkPersonNumber("D-nummer (D number)", value, true)
	case SystemOrgNum:
		return checkOrgNumber(value)
	case SystemHPR:
		if len(value) < 1 || len(value) > 9 || !allDigits(value) {
			return fmt.Sprintf("HPR-nummer (health personnel number) %s: expected 1 to 9 digits", value)
		}
	}
	return ""
}

var (
	k1Weights  = []int{3, 7, 6, 1, 8, 9, 4, 5, 2}
	k2Weights  = []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	orgWeights = []int{3, 2, 7, 6, 5, 4, 3, 2}
)

// checkPersonNumber checks a fødselsnummer or D-nummer: 11 digits, a real birth date, and both
// mod-11 check digits. The first check digit is accepted under the rule in force now and under
// the rule from 2032, where the remainder of the weighted sum including k1 may be 0 to 3. Months
// with 40 or 80 added (synthetic test persons from NAV and Skatteetaten's Tenor) are accepted.
func checkPersonNumber(name, s string, dNumber bool) string {
	if len(s) != 11 || !allDigits(s) {
		return fmt.Sprintf("%s %s: expected 11 digits", name, s)
	}
	d := make([]int, 11)
	for i := range d {
		d[i] = int(s[i] - '0')
	}
	if msg := checkBirthDate(d, dNumber); msg != "" {
		return fmt.Sprintf("%s %s: %s", name, s, msg)
	}
	if r := (weighted(d, k1Weights) + d[9]) % 11; r > 3 {
		return fmt.Sprintf("%s %s: the first check digit is wrong", name, s)
	}
	if (weighted(d, k2Weights)+d[10])%11 != 0 {
		return fmt.Sprintf("%s %s: the second check digit is wrong", name, s)
	}
	return ""
}

// checkBirthDate checks that the first six digits are a real date.
func checkBirthDate(d []int, dNumber bool) string {
	day := d[0]*10 + d[1]
	month := d[2]*10 + d[3]
	yy := d[4]*10 + d[5]
	if dNumber {
		if day <= 40 {
			return "a D-nummer has 4 added to the first digit (day 41-71)"
		}
		day -= 40
	}
	switch {
	case month > 80:
		month -= 80 // Tenor synthetic person
	case month > 40:
		month -= 40 // NAV synthetic person (also the H-nummer rule)
	}
	individual := d[6]*100 + d[7]*10 + d[8]
	for _, year := range birthYears(yy, individual) {
		if month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) {
			return ""
		}
	}
	return "the first six digits are not a real birth date (DDMMYY)"
}

// birthYears gives the century from the individual number ranges; numbers issued under the
// 2032 rule no longer encode it, so when the ranges say nothing both centuries are tried.
func birthYears(yy, individual int) []int {
	switch {
	case individual <= 499:
		return []int{1900 + yy}
	case individual <= 749 && yy >= 54:
		return []int{1800 + yy}
	case individual >= 500 && yy <= 39:
		return []int{2000 + yy}
	case individual >= 900 && yy >= 40:
		return []int{1900 + yy}
	}
	return []int{1900 + yy, 2000 + yy}
}

// checkOrgNumber checks an organisasjonsnummer: 9 digits, mod-11 check digit.
func checkOrgNumber(s string) string {
	const name = "organisasjonsnummer (organisation number)"
	if len(s) != 9 || !allDigits(s) {
		return fmt.Sprintf("%s %s: expected 9 digits", name, s)
	}
	d := make([]int, 9)
	for i := range d {
		d[i] = int(s[i] - '0')
	}
	k := 11 - weighted(d, orgWeights)%11
	if k == 11 {
		k = 0
	}
	if k == 10 || k != d[8] {
		return fmt.Sprintf("%s %s: the check digit is wrong", name, s)
	}
	return ""
}

func weighted(d, w []int) int {
	sum := 0
	for i, x := range w {
		sum += x * d[i]
	}
	return sum
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
