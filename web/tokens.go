package web

import "github.com/gin-gonic/gin"

// tokenRoutes registers the coordinator's API token pages (being written).
func (s *Server) tokenRoutes(admin *gin.RouterGroup) {}
