// Package demo is the demo municipality: Drammen in Norway, with its
// voluntary organisations, sports clubs, immigrant organisations, open
// meeting places, a business and public services, and the leisure
// activities they run in the school year 2026/27. `broen demo` and the first
// `make run` load it so that every page has something true-looking to show.
//
// Everything here is fixed data or derived from it: Organisations and
// Activities return the same values on every call, and Load inserts them in
// the same order, so two demo databases differ only in their timestamps.
// Generate makes any number of synthetic activities from a seed, for search
// benchmarks. The organisations, people, phone numbers and org numbers are
// invented; the districts, postcodes and holidays are Drammen's.
package demo
