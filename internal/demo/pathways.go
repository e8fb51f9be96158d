package demo

import (
	"context"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/lawdata"
	"veiviser/internal/pathways"
)

// pathways are two care pathways: Frida (a child with anxiety, her pathway coordinator Jostein)
// on the mental-health pathway for children, started five weeks ago so its assessment is due
// soon; and Ivar on the cancer pathway home, diagnosed eleven weeks ago so his first
// needs-mapping conversation is near. Loaded last, so the ids of the records before keep theirs.
func (l *loader) pathways(ctx context.Context, today time.Time) error {
	l.at = today
	coordinator := &access.Principal{Roles: []access.Role{access.Coordinator}, PractitionerID: "s-koord", Units: []string{UnitKE}}
	frida, err := l.co.StartPathway(l.as(ctx, coordinator), pathways.StartInput{Patient: "Patient/p-frida",
		Pathway: "mental-health-children", Start: lawdata.DateOf(day(today, 35))})
	if err != nil {
		return err
	}
	if _, err := l.co.RecordMilestone(l.as(ctx, coordinator), frida.ID, "feedback", lawdata.DateOf(day(today, 21)),
		"BUP har sendt første tilbakemelding til fastlegen."); err != nil {
		return err
	}
	lead := Users()[5].principal()
	_, err = l.co.StartPathway(l.as(ctx, lead), pathways.StartInput{Patient: "Patient/p-ivar", Pathway: "cancer-home",
		Start: lawdata.DateOf(day(today, 77)), Coordinator: "Practitioner/s-kreftkoord"})
	return err
}
