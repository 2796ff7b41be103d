// Package accounts is who may do what in Broen: users and their roles
// (coordinator, organisation editor), password hashing, the single-use
// tokens behind invitations and password resets, and the audit log of every
// write. It does no I/O; sqlite/ implements its service interfaces and web/
// its pages.
package accounts
