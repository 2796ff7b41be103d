package web

import (
	"io/fs"
	"net/http"

	"github.com/gin-gonic/gin"
)

// routes registers every route of the server.
func (s *Server) routes() {
	e := s.engine
	// Probes answer before any middleware: /livez does no work at all.
	e.GET("/livez", func(c *gin.Context) { c.String(http.StatusOK, "ok") })
	e.GET("/readyz", s.readyz)

	static, _ := fs.Sub(staticFS, "static")
	assets := e.Group("/static", func(c *gin.Context) {
		c.Header("Cache-Control", "public, max-age=86400")
		c.Next()
	})
	assets.StaticFS("/", http.FS(static))

	e.Use(s.requestContext, securityHeaders, s.chooseLocale)
	e.NoRoute(s.notFound)
	e.NoMethod(s.methodNotAllowed)

	e.GET("/", s.homePage)
	e.GET("/activities", s.searchPage)
	e.GET("/activities/:id", s.activityPage)
	e.GET("/organisations", s.organisationsPage)
	e.GET("/organisations/:id", s.organisationPage)

	api := e.Group("/api/v1")
	api.GET("/activities", s.apiActivities)
	api.GET("/activities/:id", s.apiActivity)
	api.GET("/organisations", s.apiOrganisations)
	api.GET("/organisations/:id", s.apiOrganisation)
	api.GET("/categories", s.apiCategories)
}

// readyz answers 200 only while the database is reachable and migrated.
func (s *Server) readyz(c *gin.Context) {
	if s.svc.Ready != nil {
		if err := s.svc.Ready(c.Request.Context()); err != nil {
			s.log.Warn("not ready", "error", err.Error())
			c.String(http.StatusServiceUnavailable, "not ready")
			return
		}
	}
	c.String(http.StatusOK, "ready")
}
