package signin_test

import (
	"context"
	"testing"

	"veiviser/internal/store"
)

// openURL opens a second store on an existing database (a second app instance).
func openURL(t *testing.T, dbURL string) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DatabaseURL: dbURL})
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}
