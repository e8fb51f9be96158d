//go:build !linux

package accesslog

import (
	"fmt"
	"os"
)

// datasync is fsync where fdatasync is not available.
func datasync(f *os.File) error { return f.Sync() }

// lockDir opens dir's LOCK file; elsewhere than Linux it is not locked.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(dir+"/LOCK", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("access log journal: %w", err)
	}
	return f, nil
}
