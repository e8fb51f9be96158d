package config

import (
	"fmt"
	"strconv"
	"time"
)

// Backups are the server's own scheduled backups of the SQLite store (off when Dir is empty).
type Backups struct {
	Dir   string        // where the backups are written
	Every time.Duration // how often
	Keep  int           // how many of the newest are kept; older ones are removed
}

func backupOptions() []Option {
	serve := []string{"serve"}
	return []Option{
		{Flag: "backup-dir", Env: "VEIVISER_BACKUP_DIR", Commands: serve,
			Usage: "folder the server writes its scheduled backups of the SQLite store to (as veiviser backup does); empty: off",
			set:   func(c *Config, v string) error { c.Backups.Dir = v; return nil },
			get:   func(c *Config) string { return c.Backups.Dir }},
		{Flag: "backup-every", Env: "VEIVISER_BACKUP_EVERY", Commands: serve, Usage: "how often a scheduled backup is taken (Go duration, e.g. 24h)",
			set: func(c *Config, v string) error { return parseDuration(v, &c.Backups.Every) },
			get: func(c *Config) string { return c.Backups.Every.String() }},
		{Flag: "backup-keep", Env: "VEIVISER_BACKUP_KEEP", Commands: serve, Usage: "how many of the newest scheduled backups are kept",
			set: func(c *Config, v string) error {
				n, err := strconv.Atoi(v)
				if err != nil {
					return fmt.Errorf("backup keep %q: want a whole number", v)
				}
				c.Backups.Keep = n
				return nil
			},
			get: func(c *Config) string { return strconv.Itoa(c.Backups.Keep) }},
	}
}

func (b Backups) validate(databaseURL string) []error {
	if b.Dir == "" {
		return nil
	}
	var errs []error
	if databaseURL != "" {
		errs = append(errs, fmt.Errorf("backup dir: scheduled backups are of the SQLite store; back PostgreSQL up with pg_dump (docs/operations.md)"))
	}
	if b.Every < time.Minute {
		errs = append(errs, fmt.Errorf("backup every %s: at least 1m", b.Every))
	}
	if b.Keep < 1 {
		errs = append(errs, fmt.Errorf("backup keep %d: at least 1", b.Keep))
	}
	return errs
}
