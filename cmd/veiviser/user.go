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

// userUsage is what `veiviser user -h` prints.
const userUsage = `usage: veiviser user <command> [flags]

commands:
  add      add a user: --username U --password P --role ROLE, linked to the records they are
           (--patient, --practitioner, --related-person, --unit; each must exist)
  list     list every user: username, name, roles, links, disabled
  disable  disable a user (--username U): they are signed out at once and cannot sign in
  enable   enable a disabled user again (--username U)
  links    list the ids a user can be linked to: citizens, staff, relatives and units

Each command takes --data and --database-url as serve does; "veiviser user <command> -h" lists
its flags.
`

// user administers local users: `veiviser user add|list|disable|enable|links [flags]`.
func user(ctx context.Context, e env) error {
	if len(e.args) == 0 {
		return usageError{errors.New("want a command: add, list, disable, enable or links (veiviser user -h)")}
	}
	sub := env{args: e.args[1:], getenv: e.getenv, stdout: e.stdout, stderr: e.stderr}
	switch e.args[0] {
	case "-h", "-help", "--help", "help":
		_, err := fmt.Fprint(e.stdout, userUsage)
		return err
	case "add":
		return userAdd(ctx, sub)
	case "list":
		return userList(ctx, sub)
	case "disable":
		return userSetDisabled(ctx, sub, true)
	case "enable":
		return userSetDisabled(ctx, sub, false)
	case "links":
		return userLinks(ctx, sub)
	}
	return usageError{fmt.Errorf("unknown command %q: want add, list, disable, enable or links", e.args[0])}
}

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func userAdd(ctx context.Context, e env) error {
	def := config.Defaults()
	fs, where := storeFlags(e, "veiviser user add", def)
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
	return withAccounts(ctx, where(), func(st store.Store, accounts store.Accounts) error {
		if err := checkLinks(ctx, st, accounts, nu); err != nil {
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
	})
}

func envOr(e env, name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}
