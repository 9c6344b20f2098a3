//go:build !race

package main

// raceBuild says the tests run with the race detector, so TestMain builds
// the binary with it too.
const raceBuild = false
