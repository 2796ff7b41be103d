package web

import (
	"io/fs"
	"net"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"

	"broen/accounts"
)

// routes registers every route of the server.
func (s *Server) routes() {
	e := s.engine
	// Metrics first, so they count and time every route below.
	e.Use(s.metrics.observe)
	// Probes answer before the other middleware (/livez is answered in
	// ServeHTTP, uncounted).
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.internalOnly, gin.WrapH(s.metrics.handler()))

	e.Use(s.requestContext, securityHeaders, s.loadUser, s.chooseLocale)
	e.GET("/static/*path", s.static)
	e.HEAD("/static/*path", s.static)
	e.NoRoute(s.notFound)
	e.NoMethod(s.methodNotAllowed)

	e.GET("/", s.homePage)
	e.GET("/activities", s.searchPage)
	e.GET("/activities/:id", s.activityPage)
	e.GET("/organisations", s.organisationsPage)
	e.GET("/organisations/:id", s.organisationPage)

	e.GET("/login", s.loginForm)
	e.POST("/login", s.login)
	e.POST("/logout", s.logout)
	e.GET("/password/forgot", s.forgotForm)
	e.POST("/password/forgot", s.forgot)
	e.GET("/password/reset", s.passwordForm(accounts.PurposePasswordReset))
	e.POST("/password/reset", s.setPassword(accounts.PurposePasswordReset))
	e.GET("/invitation", s.passwordForm(accounts.PurposeInvitation))
	e.POST("/invitation", s.setPassword(accounts.PurposeInvitation))

	signedIn := e.Group("/", s.requireUser)
	signedIn.GET("/account", s.accountPage)
	signedIn.GET("/manage", s.managePage)
	signedIn.GET("/manage/organisations/:id/edit", s.orgEditForm)
	signedIn.POST("/manage/organisations/:id/edit", s.orgEdit)
	signedIn.GET("/manage/activities/new", s.newActivityForm)
	signedIn.POST("/manage/activities/new", s.createActivity)
	signedIn.GET("/manage/activities/:id/edit", s.editActivityForm)
	signedIn.POST("/manage/activities/:id/edit", s.editActivity)
	signedIn.POST("/manage/activities/:id/status", s.changeStatus)
	signedIn.POST("/manage/activities/:id/confirm", s.confirmOwn)
	signedIn.GET("/account/invite", s.inviteForm)
	signedIn.POST("/account/invite", s.invite)

	e.GET("/confirm", s.confirmForm)
	e.POST("/confirm", s.confirm)
	e.GET("/register", s.registerForm)
	e.POST("/register", s.register)

	admin := e.Group("/admin", s.requireUser, s.requireCoordinator)
	admin.GET("/audit", s.auditPage)
	admin.GET("/moderation", s.moderationQueue)
	admin.GET("/moderation/:id", s.reviewSubmission)
	admin.POST("/moderation/:id", s.decide)
	admin.GET("/activities", s.adminActivities)
	admin.GET("/organisations", s.adminOrganisations)
	admin.POST("/organisations/:id/archive", s.archiveOrganisation)
	admin.GET("/organisations/:id/merge", s.mergeForm)
	admin.POST("/organisations/:id/merge", s.merge)
	s.tokenRoutes(admin)
	s.mentoringPeopleRoutes(e)
	s.mentoringPairingRoutes(e)

	api := e.Group("/api/v1")
	api.GET("/activities", s.apiActivities)
	api.GET("/activities/:id", s.apiActivity)
	api.GET("/organisations", s.apiOrganisations)
	api.GET("/organisations/:id", s.apiOrganisation)
	api.GET("/categories", s.apiCategories)
	s.apiWriteRoutes(api)
}

// static serves the embedded assets: files only (no folder listings), and
// the localized 404 page for anything else.
func (s *Server) static(c *gin.Context) {
	name := "static" + path.Clean("/"+c.Param("path"))
	if st, err := fs.Stat(staticFS, name); err != nil || st.IsDir() {
		s.notFound(c)
		return
	}
	c.Header("Cache-Control", "public, max-age=86400")
	http.ServeFileFS(c.Writer, c.Request, staticFS, name)
}

// internalOnly lets through requests from this machine or a private
// network (where Prometheus scrapes from) and answers 404 to the internet:
// route names and traffic are not for the public.
func (s *Server) internalOnly(c *gin.Context) {
	ip := net.ParseIP(c.ClientIP())
	if ip == nil || !(ip.IsLoopback() || ip.IsPrivate()) {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.Next()
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
