// Package enum gives the string-typed enumerations of the callfloor
// packages (instruments, kinds, statuses, steps of discipline) one text
// form: MarshalText writes a value only when it is one of the
// enumeration's names, and UnmarshalText reads only those names, so that
// a misspelt or unknown value is an *callfloor.InputError naming what is
// allowed instead of a value no rule knows.
package enum
