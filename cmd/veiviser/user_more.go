package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"veiviser/internal/apperr"
	"veiviser/internal/config"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/signin"
	"veiviser/internal/store"
)

// storeFlags is a user command's flag set with --data and --database-url; where reads them
// once the flags are parsed.
func storeFlags(e env, name string, def config.Config) (*flag.FlagSet, func() config.Config) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", envOr(e, "VEIVISER_DATA", def.DataDir), "data directory holding veiviser.db (env VEIVISER_DATA)")
	dbURL := fs.String("database-url", e.getenv("VEIVISER_DATABASE_URL"), "PostgreSQL URL (env VEIVISER_DATABASE_URL)")
	return fs, func() config.Config { return config.Config{DataDir: *data, DatabaseURL: *dbURL} }
}

// parseNoArgs parses a command's flags, which take no positional arguments.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// withAccounts opens the store of cfg and runs do on it and its accounts, closing it after.
func withAccounts(ctx context.Context, cfg config.Config, do func(store.Store, store.Accounts) error) error {
	st, accounts, err := openAccounts(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = st.Close() }()
	return do(st, accounts)
}

// openAccounts opens the store of cfg and its accounts; the caller closes the store.
func openAccounts(ctx context.Context, cfg config.Config) (store.Store, store.Accounts, error) {
	scfg, err := storeConfig(cfg, nil)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return nil, nil, fmt.Errorf("opening store: %w", err)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		_ = st.Close()
		return nil, nil, err
	}
	return st, accounts, nil
}

// checkLinks refuses a user linked to a record or unit that does not exist: a user whose
// Practitioner is missing would sign in to pages that cannot save anything.
func checkLinks(ctx context.Context, st store.Store, accounts store.Accounts, nu signin.NewUser) error {
	missing, err := signin.CheckLinks(ctx, st, accounts, nu)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return usageError{fmt.Errorf("no such %s (veiviser user links lists what a user can be linked to)", strings.Join(missing, ", "))}
	}
	return nil
}

func userList(ctx context.Context, e env) error {
	fs, where := storeFlags(e, "veiviser user list", config.Defaults())
	if err := parseNoArgs(fs, e.args); err != nil {
		return err
	}
	return withAccounts(ctx, where(), func(_ store.Store, accounts store.Accounts) error {
		return listUsers(ctx, e, accounts)
	})
}

func listUsers(ctx context.Context, e env, accounts store.Accounts) error {
	users, err := accounts.Users(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USERNAME\tNAME\tROLES\tLINKED TO\tSTATE")
	for _, u := range users {
		var links []string
		for _, l := range []struct{ typ, id string }{{"Patient", u.PatientID}, {"Practitioner", u.PractitionerID}} {
			if l.id != "" {
				links = append(links, l.typ+"/"+l.id)
			}
		}
		for _, id := range u.RelatedPersonIDs {
			links = append(links, "RelatedPerson/"+id)
		}
		for _, id := range u.Units {
			links = append(links, "unit "+id)
		}
		state := "active"
		if u.Disabled {
			state = "disabled"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Username, u.Name, strings.Join(u.Roles, ","), strings.Join(links, " "), state)
	}
	return tw.Flush()
}

func userSetDisabled(ctx context.Context, e env, disabled bool) error {
	verb := map[bool]string{true: "disable", false: "enable"}[disabled]
	fs, where := storeFlags(e, "veiviser user "+verb, config.Defaults())
	username := fs.String("username", "", "the user's username (required)")
	if err := parseNoArgs(fs, e.args); err != nil {
		return err
	}
	if *username == "" {
		return usageError{errors.New("--username is required")}
	}
	return withAccounts(ctx, where(), func(_ store.Store, accounts store.Accounts) error {
		u, err := accounts.UserByUsername(ctx, strings.ToLower(*username))
		if apperr.Is(err, apperr.NotFound) {
			return usageError{fmt.Errorf("no user %q (veiviser user list lists them)", *username)}
		}
		if err != nil {
			return err
		}
		if err := accounts.SetUserDisabled(ctx, u.ID, disabled); err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "user %sd: %s\n", verb, u.Username)
		return err
	})
}

// userLinks lists what a user can be linked to: each citizen, member of staff and relative (by
// record id, with the name) and each unit.
func userLinks(ctx context.Context, e env) error {
	fs, where := storeFlags(e, "veiviser user links", config.Defaults())
	if err := parseNoArgs(fs, e.args); err != nil {
		return err
	}
	return withAccounts(ctx, where(), func(st store.Store, accounts store.Accounts) error {
		return listLinks(ctx, e, st, accounts)
	})
}

func listLinks(ctx context.Context, e env, st store.Store, accounts store.Accounts) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FLAG\tID\tNAME")
	for _, l := range []struct{ flag, typ string }{{"--patient", "Patient"}, {"--practitioner", "Practitioner"}, {"--related-person", "RelatedPerson"}} {
		if err := listRecords(ctx, st, l.typ, func(r *fhir.Resource) {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", l.flag, r.ID(), nameOf(r))
		}); err != nil {
			return err
		}
	}
	units, err := accounts.Units(ctx)
	if err != nil {
		return err
	}
	for _, u := range units {
		fmt.Fprintf(tw, "--unit\t%s\t%s\n", u.ID, u.Name)
	}
	return tw.Flush()
}

// listRecords calls each with every current resource of typ.
func listRecords(ctx context.Context, st store.Store, typ string, each func(*fhir.Resource)) error {
	rs, err := records.Find(ctx, st, typ)
	if err != nil {
		return err
	}
	for _, r := range rs {
		each(r)
	}
	return nil
}

// nameOf is a person's name as a list shows it: the first name's text, or given and family.
func nameOf(r *fhir.Resource) string {
	for _, n := range kernel.Objects(r.Object(), "name") {
		if t := kernel.PathString(n, "text"); t != "" {
			return t
		}
		var parts []string
		if given, ok := n.Array("given"); ok {
			for _, g := range given {
				if s, ok := g.(string); ok {
					parts = append(parts, s)
				}
			}
		}
		if f := kernel.PathString(n, "family"); f != "" {
			parts = append(parts, f)
		}
		if len(parts) > 0 {
			return strings.Join(parts, " ")
		}
	}
	return ""
}
