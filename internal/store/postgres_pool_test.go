package store

import "testing"

func TestPostgresPoolSize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ procs, want int }{{1, 16}, {2, 16}, {4, 16}, {8, 32}, {16, 64}} {
		if got := postgresPoolSize(tc.procs); got != tc.want {
			t.Errorf("postgresPoolSize(%d) = %d, want %d", tc.procs, got, tc.want)
		}
	}
}

// TestPostgresPoolHoldsSixteenWriters: a PostgreSQL store lets 16 transactions hold a connection
// at once (the workload's 16 writers), whatever the machine's processors.
func TestPostgresPoolHoldsSixteenWriters(t *testing.T) {
	t.Parallel()
	st := openInternal(t, legacyPostgres(t))
	if got := st.p.write.Stats().MaxOpenConnections; got < minPostgresConns {
		t.Errorf("the pool opens at most %d connections, want at least %d", got, minPostgresConns)
	}
}
