package web

import "github.com/gin-gonic/gin"

// apiWriteRoutes registers the API's write endpoints (being written).
func (s *Server) apiWriteRoutes(api *gin.RouterGroup) {}
