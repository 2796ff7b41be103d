package web

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"broen/registry"
)

type apiPage[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}

func (s *Server) apiActivities(c *gin.Context) {
	form, filter, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Activities.FindActivities(c.Request.Context(), filter)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, apiPage[*registry.Activity]{Items: items, Total: total, Page: form.Page, PerPage: form.PerPage})
}

func (s *Server) apiActivity(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	a, err := s.publicActivity(c, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	a.Next = registry.NextOccurrences(a.Schedules, s.Now(), registry.NextCount)
	c.JSON(http.StatusOK, a)
}

// apiOrganisation is an organisation in the JSON API, with its contact
// details only where it chose to publish them.
func apiOrganisation(o *registry.Organisation) *registry.Organisation {
	if !o.ContactPublic {
		cp := *o
		cp.Email, cp.Phone = "", ""
		return &cp
	}
	return o
}

func (s *Server) apiOrganisations(c *gin.Context) {
	form, _, err := parseSearch(c.Request.URL.Query())
	if err != nil {
		_ = c.Error(err)
		return
	}
	f := registry.OrganisationFilter{Limit: form.PerPage, Offset: (form.Page - 1) * form.PerPage}
	if form.Q != "" {
		f.Query = &form.Q
	}
	if form.District != "" {
		f.District = &form.District
	}
	items, total, err := s.svc.Organisations.FindOrganisations(c.Request.Context(), f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := apiPage[*registry.Organisation]{Items: make([]*registry.Organisation, len(items)), Total: total, Page: form.Page, PerPage: form.PerPage}
	for i, o := range items {
		out.Items[i] = apiOrganisation(o)
	}
	c.JSON(http.StatusOK, out)
}

func (s *Server) apiOrganisation(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	o, err := s.publicOrganisation(c, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, apiOrganisation(o))
}

type apiCategory struct {
	Code  string `json:"code"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

func (s *Server) apiCategories(c *gin.Context) {
	cats, _, err := s.categoryLinks(c, localizer(c))
	if err != nil {
		_ = c.Error(err)
		return
	}
	out := make([]apiCategory, len(cats))
	for i, cat := range cats {
		out[i] = apiCategory(cat)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}
