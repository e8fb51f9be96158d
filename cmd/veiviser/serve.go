package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"veiviser/internal/accesslog"
	"veiviser/internal/config"
	"veiviser/internal/coordination"
	"veiviser/internal/fhirapi"
	"veiviser/internal/oauth"
	"veiviser/internal/records"
	"veiviser/internal/server"
	"veiviser/internal/settings"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/web"
)

// parseConfig reads a subcommand's settings and makes its logger.
func parseConfig(command string, e env) (config.Config, *slog.Logger, error) {
	cfg, err := config.Parse(command, e.args, e.getenv, e.stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, err
		}
		return cfg, nil, usageError{err}
	}
	logger, err := server.NewLogger(e.stderr, cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return cfg, nil, usageError{err}
	}
	return cfg, logger, nil
}

func storeConfig(cfg config.Config, logger *slog.Logger) (store.Config, error) {
	if cfg.DatabaseURL == "" {
		// SQLite: the folder is ours to create; 0700 because the file will hold personal data
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return store.Config{}, fmt.Errorf("creating data directory: %w", err)
		}
	}
	return store.Config{DataDir: cfg.DataDir, DatabaseURL: cfg.DatabaseURL, Logger: logger}, nil
}

// serve runs the web application and the FHIR API until SIGTERM or SIGINT.
func serve(ctx context.Context, e env) error {
	cfg, logger, err := parseConfig("serve", e)
	if err != nil {
		return err
	}
	logger.Info("starting veiviser", "version", version, "addr", cfg.Addr, "store", storeKind(cfg))
	scfg, err := storeConfig(cfg, logger)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, scfg)
	if err != nil {
		return fmt.Errorf("opening store: %w", err)
	}
	readLog, err := openAccessLog(ctx, cfg, st, logger)
	if err != nil {
		_ = st.Close()
		return err
	}
	// from here on the store is closed through the log, which stores its last entries first
	closing := logThenStore{Store: st, log: readLog, timeout: cfg.ShutdownTimeout}
	srv, err := assemble(cfg, st, readLog, logger)
	if err != nil {
		_ = closing.Close()
		return err
	}
	if err := loadDemo(ctx, cfg, st, logger); err != nil {
		_ = closing.Close()
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		_ = closing.Close()
		return fmt.Errorf("listening on %s: %w", cfg.Addr, err)
	}
	stopSide, err := startSideListeners(cfg, srv, logger)
	if err != nil {
		_ = ln.Close()
		_ = closing.Close()
		return err
	}
	defer stopSide()
	defer startBackups(ctx, cfg, logger)()
	// Serve closes the store when it returns
	if err := srv.Serve(ctx, ln, cfg.ShutdownTimeout); err != nil {
		return err
	}
	logger.Info("stopped")
	return nil
}

// startSideListeners starts the listeners of their own the configuration asks for: pprof on
// loopback, /metrics for the monitoring network. It returns a function that stops them.
func startSideListeners(cfg config.Config, srv *server.Server, logger *slog.Logger) (stop func(), err error) {
	var stops []func()
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	if cfg.PprofAddr != "" {
		s, err := startPprof(cfg.PprofAddr, logger)
		if err != nil {
			return nil, err
		}
		stops = append(stops, s)
	}
	if cfg.Metrics.Addr == "" && cfg.Metrics.Token == "" {
		logger.Info("metrics: not served; set --metrics-addr or VEIVISER_METRICS_TOKEN to serve /metrics")
	}
	if cfg.Metrics.Addr != "" {
		s, err := startMetrics(cfg.Metrics.Addr, srv.MetricsHandler(), logger)
		if err != nil {
			stop()
			return nil, err
		}
		stops = append(stops, s)
	}
	return stop, nil
}

// assemble wires the record layer, the FHIR API and the web UI into the server. readLog is the
// process's one access log of reads, shared by the API and the web pages; every read of
// AuditEvents first waits for what it has journaled to be stored.
func assemble(cfg config.Config, st store.Store, readLog *accesslog.Log, logger *slog.Logger) (*server.Server, error) {
	svc := records.New(st, records.Options{Logger: logger, Rules: recordRules(), BeforeAuditRead: readLog.Barrier})
	coord, err := coordination.New(coordination.Options{Records: svc, Logger: logger, Log: readLog})
	if err != nil {
		return nil, err
	}
	tokens, err := oauth.New(st, oauth.Options{Logger: logger})
	if err != nil {
		return nil, err
	}
	api := fhirapi.New(svc, fhirapi.Options{BaseURL: cfg.BaseURL, Logger: logger, Auth: tokens, ReadLog: readLog, View: coord.APIView})
	accounts, err := store.AccountsOf(st)
	if err != nil {
		return nil, err
	}
	drafts, err := store.DraftsOf(st)
	if err != nil {
		return nil, err
	}
	site, err := store.SettingsOf(st)
	if err != nil {
		return nil, err
	}
	w, err := web.New(web.Options{Logger: logger, Drafts: store.FormDrafts{Drafts: drafts}, Coordination: coord,
		Users: signin.NewAdmin(accounts, st, logger), Languages: accounts, Settings: settings.New(site, nil, settings.Site{})})
	if err != nil {
		return nil, err
	}
	https := strings.HasPrefix(cfg.BaseURL, "https://")
	si, err := signin.New(signin.Options{Accounts: accounts, Pages: w, Secure: https, Logger: logger,
		OIDC: oidcProviders(cfg)})
	if err != nil {
		return nil, err
	}
	closing := logThenStore{Store: st, log: readLog, timeout: cfg.ShutdownTimeout}
	return server.New(server.Options{Store: closing, FHIR: api, Web: w, SignIn: si, HTTPS: https, OAuth: tokens.TokenHandler(), Logger: logger,
		Limits: serverLimits(cfg.HTTP), MetricsToken: cfg.Metrics.Token})
}

// serverLimits are the configured limits as the server takes them.
func serverLimits(h config.HTTP) server.Limits {
	return server.Limits{ReadHeaderTimeout: h.ReadHeaderTimeout, ReadTimeout: h.ReadTimeout, WriteTimeout: h.WriteTimeout,
		IdleTimeout: h.IdleTimeout, MaxHeaderBytes: h.MaxHeaderBytes, MaxConnections: h.MaxConnections}
}

// AccessLogDir is the journal folder of the access log under the data folder.
const AccessLogDir = "access-log"

// openAccessLog opens the journaled access log in <data>/access-log, for SQLite and PostgreSQL
// alike (so a PostgreSQL instance needs a persistent data folder of its own), storing first what
// a crash left in it; damage to acknowledged entries stops the start.
func openAccessLog(ctx context.Context, cfg config.Config, st store.Store, logger *slog.Logger) (*accesslog.Log, error) {
	// its own record layer: the log stores entries, it never reads them back
	svc := records.New(st, records.Options{Logger: logger})
	l, err := accesslog.OpenJournal(ctx, svc, filepath.Join(cfg.DataDir, AccessLogDir), accesslog.JournalOptions{Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("opening the access log: %w", err)
	}
	return l, nil
}

// logThenStore is the store as the server closes it at shutdown: the access log first (no more
// entries, every journaled one stored, within the shutdown timeout), then the store itself.
type logThenStore struct {
	store.Store
	log     *accesslog.Log
	timeout time.Duration
}

func (s logThenStore) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	return errors.Join(s.log.Close(ctx), s.Store.Close())
}

// oidcProviders are the configured OpenID Connect providers; the redirect URLs come from the
// base URL, which config.Validate requires when one is on.
func oidcProviders(cfg config.Config) []signin.OIDCProvider {
	var out []signin.OIDCProvider
	for i, o := range []config.OIDC{cfg.OIDCCitizen, cfg.OIDCStaff} {
		kind := []string{signin.OIDCCitizen, signin.OIDCStaff}[i]
		if o.On() {
			out = append(out, signin.OIDCProvider{Kind: kind, Issuer: o.Issuer, ClientID: o.ClientID,
				ClientSecret: o.ClientSecret, Claim: o.Claim, RedirectURL: signin.RedirectURL(cfg.BaseURL, kind)})
		}
	}
	return out
}

func storeKind(cfg config.Config) string {
	if cfg.DatabaseURL != "" {
		return "postgresql" // never log the URL: it may hold a password
	}
	return "sqlite"
}

// migrate applies the migrations and exits.
func migrate(ctx context.Context, e env) error {
	cfg, logger, err := parseConfig("migrate", e)
	if err != nil {
		return err
	}
	scfg, err := storeConfig(cfg, logger)
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx, scfg); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	logger.Info("migrations applied", "store", storeKind(cfg))
	return nil
}
