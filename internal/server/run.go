package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Serve serves on ln until ctx is cancelled (the caller cancels it on SIGTERM or SIGINT), then
// shuts down gracefully: it stops accepting, lets in-flight requests finish for up to timeout,
// cuts off whatever is still running after that, and finally closes the store. It returns nil
// after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener, timeout time.Duration) error {
	lim := s.limits
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: lim.ReadHeaderTimeout,
		ReadTimeout:       lim.ReadTimeout,
		WriteTimeout:      lim.WriteTimeout,
		IdleTimeout:       lim.IdleTimeout,
		MaxHeaderBytes:    lim.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
		// requests must not be cancelled by the shutdown signal itself: they get the timeout
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if lim.MaxConnections > 0 {
		ln = newLimitListener(ln, lim.MaxConnections)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	s.logger.Info("listening", "addr", ln.Addr().String())

	var serveErr error
	select {
	case err := <-served:
		serveErr = fmt.Errorf("server: serving: %w", err) // the listener failed; still close the store
	case <-ctx.Done():
		serveErr = s.shutdown(srv, served, timeout)
	}
	if err := s.store.Close(); err != nil {
		return errors.Join(serveErr, fmt.Errorf("server: closing store: %w", err))
	}
	s.logger.Info("store closed")
	return serveErr
}

func (s *Server) shutdown(srv *http.Server, served <-chan error, timeout time.Duration) error {
	s.logger.Info("shutting down: letting in-flight requests finish", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		s.logger.Warn("shutdown timeout passed: closing remaining connections", "err", err)
		_ = srv.Close()
		err = fmt.Errorf("server: shutdown: %w", err)
	}
	if e := <-served; e != nil && !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, fmt.Errorf("server: serving: %w", e))
	}
	return err
}
