package store_test

import (
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/store/storetest"
	"veiviser/internal/testutil"
)

func TestSQLite(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store { return testutil.NewSQLite(t) })
}

func TestPostgres(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) store.Store { return testutil.NewPostgres(t) })
}
