// Command veiviser is the one binary of Veiviser: the web application and the FHIR R4 API
// (serve), the database migrations (migrate) and, with later issues, user and client
// administration and the benchmark.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=..."; "devel" otherwise.
var version = "devel"

// env is what a subcommand gets from the process, passed in so tests need no globals.
type env struct {
	args   []string
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name, summary string
	run           func(ctx context.Context, e env) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web application and the FHIR API", serve},
		{"migrate", "apply the database migrations and exit", migrate},
		{"backup", "back up the SQLite store and the access log's journal: backup --data DIR --to FILE", runBackup},
		{"restore", "make a new data folder from a backup: restore --from FILE --data DIR", runRestore},
		{"user", "add a local user: user add --username U --password P --role ROLE", user},
		{"bench", "run the care-plan load generator against a FHIR base URL on loopback", runBench},
		{"client", "add an API client: client add --name NAME --scope SCOPE", runClient},
		{"report", "write the year's report to KPR: report kpr --year YYYY --municipality NNNN --out FILE", runReport},
		{"version", "print the version", printVersion},
		{"help", "show this help", nil}, // handled by dispatch: it needs the list itself
	}
}

func main() {
	// SIGTERM and SIGINT cancel the context: serve then shuts down gracefully; a second signal
	// kills the process as usual, because NotifyContext stops catching after the first.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	code := dispatch(ctx, env{args: os.Args[1:], getenv: os.Getenv, stdout: os.Stdout, stderr: os.Stderr})
	stop()
	os.Exit(code)
}

// dispatch runs the subcommand named by the first argument and returns the exit code:
// 0 success, 1 failure, 2 usage error.
func dispatch(ctx context.Context, e env) int {
	if len(e.args) == 0 {
		usage(e.stderr)
		return 2
	}
	name, rest := e.args[0], e.args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name || c.run == nil {
			continue
		}
		err := c.run(ctx, env{args: rest, getenv: e.getenv, stdout: e.stdout, stderr: e.stderr})
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(e.stderr, "veiviser %s: %v\n", name, err)
			return 2
		default:
			fmt.Fprintf(e.stderr, "veiviser %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "veiviser: unknown command %q\n\n", name)
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: veiviser <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'veiviser <command> -h' for the flags of a command. Every flag can also be set by an\nenvironment variable (VEIVISER_ADDR, VEIVISER_DATA, ...); a flag wins over the variable.")
}

// usageError marks a bad command line (exit code 2), as opposed to a failure while running.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func printVersion(_ context.Context, e env) error {
	if len(e.args) > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", e.args[0])}
	}
	_, err := fmt.Fprintf(e.stdout, "veiviser %s\n", version)
	return err
}
