package accesslog

import (
	"fmt"
	"os"
	"syscall"
)

// datasync is fdatasync: the entries' bytes and the file's size, without the other metadata a
// full fsync also writes.
func datasync(f *os.File) error {
	for {
		err := syscall.Fdatasync(int(f.Fd()))
		if err != syscall.EINTR {
			return err
		}
	}
}

// lockDir takes an exclusive lock on dir's LOCK file for as long as the returned file is open
// (the kernel drops it when the process dies): two servers appending to one journal would
// damage it.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(dir+"/LOCK", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("access log journal: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("access log journal: %s is in use by another process (each server needs a data folder of its own): %w", dir, err)
	}
	return f, nil
}
