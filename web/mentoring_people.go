package web

import "github.com/gin-gonic/gin"

// mentoringPeopleRoutes registers the intake pages and API: volunteers and
// newcomers, their waiting lists, and the public volunteer sign-up.
func (s *Server) mentoringPeopleRoutes(e *gin.Engine) {}
