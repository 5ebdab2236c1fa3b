//go:build tools

// Package tools pins LiveKit's server so `go build` can produce its binary from the Go module
// proxy; the binary is built into .cache/ and never committed.
package tools

import _ "github.com/livekit/livekit-server/cmd/server"
