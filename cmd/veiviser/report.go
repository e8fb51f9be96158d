package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/config"
	"veiviser/internal/records"
	"veiviser/internal/reporting"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// reportUsage is what `veiviser report -h` prints.
const reportUsage = `usage: veiviser report kpr --year YYYY --municipality NNNN --out FILE [--data DIR | --database-url URL]

kpr  write the year's IPLOS report to the municipal patient and user register (KPR): each person
     with a decided service running in the year or a refusal decided in it (docs/kpr.md). The
     file holds identity numbers: keep it as the register's other data. Each person written
     gets an entry in their access log (purpose: national reporting).
`

var municipalityNumber = regexp.MustCompile(`^[0-9]{4}$`)

// runReport writes a report: `veiviser report kpr [flags]`.
func runReport(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] == "-h" || e.args[0] == "-help" || e.args[0] == "--help" || e.args[0] == "help" {
		if len(e.args) == 0 {
			return usageError{errors.New("want a report: kpr (veiviser report -h)")}
		}
		_, err := fmt.Fprint(e.stdout, reportUsage)
		return err
	}
	if e.args[0] != "kpr" {
		return usageError{fmt.Errorf("unknown report %q: want kpr", e.args[0])}
	}
	fs, where := storeFlags(e, "veiviser report kpr", config.Defaults())
	year := fs.Int("year", 0, "the year reported (required), e.g. 2026")
	out := fs.String("out", "", "the XML file to write (required; must not exist)")
	municipality := fs.String("municipality", e.getenv("VEIVISER_MUNICIPALITY_NUMBER"), "the municipality's four-digit number (env VEIVISER_MUNICIPALITY_NUMBER)")
	operator := fs.String("operator", e.getenv("USER"), "who runs the report, as the access log names them (default $USER)")
	if err := parseNoArgs(fs, e.args[1:]); err != nil {
		return err
	}
	switch {
	case *year < 2017 || *year > 9999:
		return usageError{errors.New("--year is required: the year reported, 2017 or later (KPR's first)")}
	case *out == "":
		return usageError{errors.New("--out is required")}
	case !municipalityNumber.MatchString(*municipality):
		return usageError{errors.New("--municipality is required: the municipality's four-digit number")}
	case *operator == "":
		return usageError{errors.New("--operator is required when $USER is not set")}
	}
	if _, err := os.Stat(*out); err == nil {
		return usageError{fmt.Errorf("%s exists: the report does not overwrite a file", *out)}
	}
	sum, err := writeKPR(ctx, where(), *year, *municipality, *operator, *out)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "KPR %d written: %s (%d persons, %d services, %d refusals)\n%s", *year, *out, sum.Persons, sum.Services, sum.Refusals, left(sum))
	return err
}

// left says what the report left out, if anything.
func left(sum reporting.Summary) string {
	var s string
	if sum.NoIdentity > 0 {
		s += fmt.Sprintf("left out: %d persons without an identity number\n", sum.NoIdentity)
	}
	codes := make([]string, 0, len(sum.Unmapped))
	for c := range sum.Unmapped {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		s += fmt.Sprintf("not reported: %d decisions on %s, which has no KPR code (docs/kpr.md)\n", sum.Unmapped[c], c)
	}
	return s
}

// writeKPR draws the report from the store of cfg as the operator and writes it to out: the
// access log's entries are stored first (straight into the store, beside a running server's
// journal), then the file is written to a temporary name and renamed, so a file that exists is
// whole.
func writeKPR(ctx context.Context, cfg config.Config, year int, municipality, operator, out string) (reporting.Summary, error) {
	scfg, err := storeConfig(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		return reporting.Summary{}, err
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return reporting.Summary{}, fmt.Errorf("opening store: %w", err)
	}
	defer func() { _ = st.Close() }()
	svc := records.New(st, records.Options{})
	log := accesslog.NewLog(svc)
	wf, err := workflow.New(workflow.Options{Records: svc, Log: log})
	if err != nil {
		return reporting.Summary{}, err
	}
	rs, err := reporting.NewService(wf, log)
	if err != nil {
		return reporting.Summary{}, err
	}
	// the operator acts as a system: the report names everyone the office decided for
	who := access.WithPrincipal(ctx, &access.Principal{ClientID: "veiviser-report-kpr", Name: "veiviser report kpr (" + operator + ")"})
	f, sum, err := rs.KPR(who, year, reporting.Header{Municipality: municipality, Version: version, Made: time.Now()})
	if err != nil {
		return reporting.Summary{}, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return reporting.Summary{}, fmt.Errorf("writing the report: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if err := errors.Join(reporting.WriteXML(tmp, f), tmp.Sync(), tmp.Close()); err != nil {
		return reporting.Summary{}, fmt.Errorf("writing the report: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return reporting.Summary{}, fmt.Errorf("writing the report: %w", err)
	}
	return sum, nil
}
