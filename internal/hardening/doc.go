// Package hardening holds the tests that hold every public package to the
// same bar at once: hostile policy sources are refused with located
// errors, and properties that span packages stay true. It has no API.
package hardening
