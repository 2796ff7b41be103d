// Package broen holds the primitives every part of Broen shares: the Error
// type with its codes. Domain logic lives in registry/,
// mentoring/ and accounts/; storage in sqlite/; HTTP in web/.
package broen
