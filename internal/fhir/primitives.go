package fhir

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
)

// isPrimitive reports whether a FHIR type code names a primitive type (they are the lower-case ones).
func isPrimitive(typ string) bool {
	return typ != "" && typ[0] >= 'a' && typ[0] <= 'z'
}

// checkPrimitive returns what is wrong with val as a value of the primitive type typ, or "".
func checkPrimitive(typ string, val any) string {
	switch typ {
	case "boolean":
		if _, ok := val.(bool); !ok {
			return "expected true or false (a JSON boolean)"
		}
		return ""
	case "integer", "positiveInt", "unsignedInt":
		return checkInteger(typ, val)
	case "decimal":
		if _, ok := val.(json.Number); !ok {
			return "expected a decimal number (a JSON number)"
		}
		return ""
	}
	s, ok := val.(string)
	if !ok {
		return "expected a JSON string (" + typ + ")"
	}
	if s == "" {
		return "an empty string is not allowed; leave the element out instead"
	}
	return checkString(typ, s)
}

func checkInteger(typ string, val any) string {
	n, ok := val.(json.Number)
	if !ok {
		return "expected a whole number (a JSON number, " + typ + ")"
	}
	i, err := strconv.ParseInt(string(n), 10, 32)
	switch {
	case err != nil:
		return "expected a whole number that fits in 32 bits (" + typ + "), got " + string(n)
	case typ == "positiveInt" && i < 1:
		return "expected a whole number of 1 or more (positiveInt), got " + string(n)
	case typ == "unsignedInt" && i < 0:
		return "expected a whole number of 0 or more (unsignedInt), got " + string(n)
	}
	return ""
}

// checkString applies the R4 regex of each string-based primitive type.
func checkString(typ, s string) string {
	switch typ {
	case "code":
		if strings.TrimSpace(s) != s || strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n\r") {
			return "a code must not have leading, trailing or repeated whitespace, got " + strconv.Quote(s)
		}
	case "id":
		if !ValidID(s) {
			return "expected an id: 1 to 64 characters of A-Z, a-z, 0-9, '-' and '.', got " + strconv.Quote(s)
		}
	case "uri", "url", "canonical":
		if strings.ContainsAny(s, " \t\n\r") {
			return "a " + typ + " must not contain whitespace, got " + strconv.Quote(s)
		}
	case "oid":
		if !strings.HasPrefix(s, "urn:oid:") || strings.ContainsAny(s, " \t") {
			return "expected an oid (urn:oid:1.2.3), got " + strconv.Quote(s)
		}
	case "uuid":
		if !strings.HasPrefix(s, "urn:uuid:") || len(s) != 45 {
			return "expected a uuid (urn:uuid: and 36 characters), got " + strconv.Quote(s)
		}
	case "date", "dateTime", "instant":
		if !checkDateKind(typ, s) {
			return dateFormatHelp[typ] + ", got " + strconv.Quote(s)
		}
	case "time":
		if !checkTime(s) {
			return "expected a time hh:mm:ss, got " + strconv.Quote(s)
		}
	case "base64Binary":
		if _, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(s), "")); err != nil {
			return "expected base64 data"
		}
	}
	return ""
}

var dateFormatHelp = map[string]string{
	"date":     "expected a real date YYYY, YYYY-MM or YYYY-MM-DD",
	"dateTime": "expected a real date YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss with a time zone (Z or +hh:mm)",
	"instant":  "expected an instant YYYY-MM-DDThh:mm:ss[.sss] with a time zone (Z or +hh:mm)",
}
