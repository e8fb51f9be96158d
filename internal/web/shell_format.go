package web

import (
	"time"
	_ "time/tzdata" // Europe/Oslo on hosts without a zoneinfo database
)

// oslo is the time zone every time on a page is shown in: the municipality's.
var oslo = mustZone("Europe/Oslo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is embedded, so this cannot happen
	}
	return loc
}

// formatDate is a date as Norwegians write it (dd.mm.yyyy); "" for the zero time.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(oslo).Format("02.01.2006")
}
