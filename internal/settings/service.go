package settings

import (
	"context"
	"fmt"
	"sync"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/store"
)

// refresh is how long a copy of the settings is used before it is read again: a second
// instance on the same database sees a change within it, and a page costs no query.
const refresh = 10 * time.Second

// Service reads and keeps the settings.
type Service struct {
	store    store.Settings
	now      func() time.Time
	fallback Site // what a setting never saved is: the configured name, bokmål

	mu     sync.Mutex
	cached Site
	readAt time.Time
	by     map[string]store.Setting
}

// New is the settings over st. fallback is the site before any setting is saved (the name
// given by configuration; an empty language is bokmål).
func New(st store.Settings, now func() time.Time, fallback Site) *Service {
	if now == nil {
		now = time.Now
	}
	if fallback.DefaultLanguage == "" {
		fallback.DefaultLanguage = i18n.Bokmal
	}
	return &Service{store: st, now: now, fallback: fallback}
}

// Current is the settings as last read, read again when older than refresh. When the store
// cannot be read, the last copy (or the fallback) stands: a page shows the name it had.
func (s *Service) Current(ctx context.Context) Site {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.readAt.IsZero() && s.now().Sub(s.readAt) < refresh {
		return s.cached
	}
	if err := s.readLocked(ctx); err != nil && s.readAt.IsZero() {
		return s.fallback
	}
	return s.cached
}

// Changed says who changed the settings last and when; zero when they never were.
func (s *Service) Changed(ctx context.Context) (by string, at time.Time, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readLocked(ctx); err != nil {
		return "", time.Time{}, err
	}
	for _, st := range s.by {
		if st.ChangedAt.After(at) {
			by, at = st.ChangedBy, st.ChangedAt
		}
	}
	return by, at, nil
}

func (s *Service) readLocked(ctx context.Context) error {
	all, err := s.store.Settings(ctx)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	site, by := s.fallback, map[string]store.Setting{}
	for _, st := range all {
		by[st.Key] = st
		switch st.Key {
		case keyMunicipality:
			site.Municipality = st.Value
		case keyPhone:
			site.Phone = st.Value
		case keyEmail:
			site.Email = st.Value
		case keyAddress:
			site.Address = st.Value
		case keyLanguage:
			if l, ok := i18n.Parse(st.Value); ok {
				site.DefaultLanguage = l
			}
		}
	}
	s.cached, s.by, s.readAt = site, by, s.now()
	return nil
}

// Save checks and stores the settings; only an administrator may. The copy is replaced at once,
// so the next page of this instance shows the change.
func (s *Service) Save(ctx context.Context, p *access.Principal, site Site) error {
	if p == nil || !p.Has(access.Administrator) {
		return apperr.New(apperr.Forbidden, "only an administrator changes the settings")
	}
	if err := site.Check(); err != nil {
		return err
	}
	s.mu.Lock()
	err := s.readLocked(ctx)
	before := s.by
	s.mu.Unlock()
	if err != nil {
		return err
	}
	at := s.now()
	var rows []store.Setting // only what changed, so each setting says who changed it
	for key, value := range map[string]string{keyMunicipality: site.Municipality, keyPhone: site.Phone,
		keyEmail: site.Email, keyAddress: site.Address, keyLanguage: string(site.DefaultLanguage)} {
		if old, ok := before[key]; !ok || old.Value != value {
			rows = append(rows, store.Setting{Key: key, Value: value, ChangedBy: p.UserID, ChangedAt: at})
		}
	}
	if err := s.store.PutSettings(ctx, rows); err != nil {
		return fmt.Errorf("settings: saving: %w", err)
	}
	s.mu.Lock()
	s.readAt = time.Time{} // read again on the next Current
	s.mu.Unlock()
	return nil
}
