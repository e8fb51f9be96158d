package kernel

import (
	"encoding/json"
	"fmt"
	"math"

	"veiviser/internal/fhir"
)

// Money is a FHIR Money in Norwegian kroner from an amount in øre.
func Money(øre int64) *fhir.Object {
	sign := ""
	if øre < 0 {
		sign, øre = "-", -øre
	}
	return ObjectOf("value", json.Number(fmt.Sprintf("%s%d.%02d", sign, øre/100, øre%100)), "currency", "NOK")
}

// MoneyØre is the amount of a FHIR Money at o[key], in øre; false when there is none or it is
// not in kroner.
func MoneyØre(o *fhir.Object, key string) (int64, bool) {
	m, ok := o.Object(key)
	if !ok {
		return 0, false
	}
	if c, _ := m.String("currency"); c != "" && c != "NOK" {
		return 0, false
	}
	v, ok := Number(m, "value")
	if !ok {
		return 0, false
	}
	return int64(math.Round(v * 100)), true
}

// Number is a JSON number at o[key], as parsed (json.Number) or as built in Go.
func Number(o *fhir.Object, key string) (float64, bool) {
	v, _ := o.Get(key)
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}
