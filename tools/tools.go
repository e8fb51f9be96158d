//go:build tools

// Package tools records the tool dependencies so go mod tidy keeps them.
package tools

import (
	_ "github.com/go-gremlins/gremlins/cmd/gremlins"
	_ "honnef.co/go/tools/cmd/staticcheck"
)
