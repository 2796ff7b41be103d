// Package web is Broen's HTTP face: the gin engine, every route (HTML pages
// under / and the JSON API under /api/v1, both calling the same services),
// middleware, the template renderer and the embedded static assets.
//
// Handlers are thin: parse, call a service, render. Errors are recorded with
// c.Error and rendered by one middleware in the negotiated format.
package web
