// Command quickstart shows each callfloor package in a few lines of real
// use, with the default policies: run it with
//
//	go run ./examples/quickstart
package main
