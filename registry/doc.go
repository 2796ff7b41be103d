// Package registry is the municipality's register of voluntary organisations
// and their activities: the types, the rules that make a listing valid
// (organisation numbers, postcodes, phone numbers, schedules), the search
// filter, and the service interfaces that sqlite/ implements.
//
// It does no I/O and imports neither net/http nor database/sql.
package registry
