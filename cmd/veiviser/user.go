package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/config"
	"veiviser/internal/signin"
	"veiviser/internal/store"
)

// user administers local users: `veiviser user add --username U --password P --role ROLE ...`.
func user(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] != "add" {
		return usageError{errors.New("want: veiviser user add --username U --password P --role ROLE [flags]")}
	}
	return userAdd(ctx, env{args: e.args[1:], getenv: e.getenv, stdout: e.stdout, stderr: e.stderr})
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func userAdd(ctx context.Context, e env) error {
	def := config.Defaults()
	fs := flag.NewFlagSet("veiviser user add", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := fs.String("data", envOr(e, "VEIVISER_DATA", def.DataDir), "data directory holding veiviser.db (env VEIVISER_DATA)")
	dbURL := fs.String("database-url", e.getenv("VEIVISER_DATABASE_URL"), "PostgreSQL URL (env VEIVISER_DATABASE_URL)")
	var nu signin.NewUser
	var roles, units, related listFlag
	fs.StringVar(&nu.Username, "username", "", "username (required; stored in lower case)")
	fs.StringVar(&nu.Password, "password", "", fmt.Sprintf("password (required unless --oidc-only; at least %d characters)", signin.MinPasswordLength))
	fs.StringVar(&nu.Name, "name", "", "full name")
	fs.Var(&roles, "role", fmt.Sprintf("role, repeatable: %v", access.Roles()))
	fs.StringVar(&nu.PatientID, "patient", "", "Patient id of a citizen")
	fs.StringVar(&nu.PractitionerID, "practitioner", "", "Practitioner id of a staff member")
	fs.Var(&units, "unit", "organisation unit id, repeatable")
	fs.Var(&related, "related-person", "RelatedPerson id of a relative, repeatable")
	fs.StringVar(&nu.NationalID, "national-id", "", "a citizen's national identity number, matched at ID-porten sign-in")
	fs.BoolVar(&nu.OIDCOnly, "oidc-only", false, "no password: the user signs in only through OpenID Connect")
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	for _, r := range roles {
		nu.Roles = append(nu.Roles, access.Role(r))
	}
	nu.Units, nu.RelatedPersonIDs = units, related
	if nu.Name == "" {
		nu.Name = nu.Username
	}
	return addUser(ctx, e, config.Config{DataDir: *data, DatabaseURL: *dbURL}, nu)
}

func addUser(ctx context.Context, e env, cfg config.Config, nu signin.NewUser) error {
	scfg, err := storeConfig(cfg, nil)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return fmt.Errorf("opening store: %w", err)
	}
	defer func() { _ = st.Close() }()
	accounts, err := store.AccountsOf(st)
	if err != nil {
		return err
	}
	u, err := signin.AddUser(ctx, accounts, nu, time.Now())
	if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.Conflict) {
		return usageError{errors.New(apperr.As(err).Message)}
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "user added: %s (id %s, roles %s)\n", u.Username, u.ID, strings.Join(u.Roles, ", "))
	return err
}

func envOr(e env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}
