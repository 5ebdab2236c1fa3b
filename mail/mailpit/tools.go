//go:build tools

// Package tools pins Mailpit (github.com/axllent/mailpit) so `go build` can produce its binary
// from the Go module proxy; scripts/build-mailpit.sh builds it into a cache outside the
// checkout and it is never committed.
package tools

import _ "github.com/axllent/mailpit"
