// Package sqlite stores Broen in one SQLite file through mattn/go-sqlite3
// (built with the sqlite_fts5 tag). It holds every SQL statement and
// migration and implements the service interfaces of registry (and later
// mentoring and accounts).
//
// Writes go through a single connection, so they never wait on each other's
// locks; reads use a pool. Every connection has foreign keys, WAL, a busy
// timeout and synchronous=NORMAL, set in the DSN.
package sqlite
