package demo

import (
	"context"
	"fmt"
	"time"

	"veiviser/internal/allocation"
)

// demoPDF is a one-page PDF the demo's applications carry as their attachment (a doctor's
// statement, in the story); it holds no text.
var demoPDF = []byte("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n" +
	"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")

// applications are the allocation office's cases in the demo: new, near the one-month mark,
// past it (a paper application), and a guardian's for a child.
func (l *loader) applications(ctx context.Context, today time.Time) error {
	officer := userNamed("saksbehandler").principal()
	specs := []struct {
		daysAgo int
		paper   bool
		assign  bool // the office's officer has taken the case
		sender  func() context.Context
		in      allocation.ApplicationInput
	}{
		{daysAgo: 2, sender: func() context.Context { return l.as(ctx, citizenOf("p-astrid")) }, in: allocation.ApplicationInput{Subject: "p-astrid",
			Services: []string{"home-help", "safety-alarm"}, Need: "Etter hjerneslaget klarer jeg ikke å vaske og handle selv, og jeg er redd for å falle når jeg er alene.",
			CurrentHelp: "Sønnen min handler for meg en gang i uka.", Files: []allocation.Upload{{Name: "uttalelse-fastlege.pdf", Data: demoPDF}}}},
		{daysAgo: 27, assign: true, sender: func() context.Context { return l.as(ctx, citizenOf("p-olav")) }, in: allocation.ApplicationInput{Subject: "p-olav",
			Services: []string{"long-term-stay"}, Need: "Jeg klarer ikke lenger å bo hjemme alene, selv med hjemmesykepleie tre ganger om dagen."}},
		{daysAgo: 40, paper: true, sender: func() context.Context { return l.as(ctx, officer) }, in: allocation.ApplicationInput{Subject: "p-jon",
			Services: []string{"respite-stay", "day-care"}, Need: "Kona mi passer på meg hele døgnet og trenger fri. (Papirsøknad levert i resepsjonen.)"}},
		{daysAgo: 1, sender: func() context.Context { return l.as(ctx, guardianOf("p-marte", "rp-emma-marte", "rp-noah-marte")) },
			in: allocation.ApplicationInput{Subject: "p-emma", Services: []string{"respite-stay"}, Need: "Vi trenger avlastning for Emma én helg i måneden."}},
	}
	for _, s := range specs {
		var rc allocation.Receipt
		var err error
		if s.paper {
			l.at = today
			s.in.Received = day(today, s.daysAgo)
			rc, err = l.co.RegisterPaperApplication(s.sender(), s.in)
		} else {
			l.at = day(today, s.daysAgo)
			rc, err = l.co.Apply(s.sender(), s.in)
		}
		if err == nil && s.assign {
			l.at = l.at.AddDate(0, 0, 1)
			_, err = l.co.AssignCase(l.as(ctx, officer), rc.Application.Reference, "")
		}
		if err != nil {
			return fmt.Errorf("application for %s: %w", s.in.Subject, err)
		}
	}
	return nil
}

func userNamed(username string) User {
	for _, u := range Users() {
		if u.Username == username {
			return u
		}
	}
	return User{}
}
