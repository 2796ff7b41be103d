package e2e

// The server under test is built from source by TestMain, outside what go
// test can see. Linking its packages into the test binary makes a change
// to any of them (templates and styles included: they are embedded)
// a change to the test, so go test never reports a cached result for a
// server that has changed since.
import (
	_ "broen/accounts"
	_ "broen/demo"
	_ "broen/notify"
	_ "broen/registry"
	_ "broen/sqlite"
	_ "broen/web"
)
