package web

import (
	"net/http"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"broen/mentoring"
)

// The JSON API of the intake: volunteers and newcomers, for a coordinator's
// session or a token with the mentoring scope (see apiAuth). The objects are
// mentoring.Volunteer and mentoring.Newcomer as they marshal, the profile's
// fields at the top level. Lists take the pages' filters as query
// parameters (status: a status, "waiting_list" or "all", the default;
// household, district, language, interest (volunteers), need and
// nordic_level (newcomers), q, sort, page, per_page) and answer
// {"items":[…],"total":N,"page":P,"per_page":M}. POST takes a whole
// object; PATCH the top-level fields to change, each replaced whole (a
// "preferences" or "languages" given replaces the old one). Fields the
// server keeps (id, open, active, user_id, waiting_since, created_at,
// updated_at) may be sent back as read and are ignored; an unknown field
// is an error. Reading one newcomer is logged.

// flatJSONFields is jsonFields for a struct that embeds another (the
// profile): the embedded struct's fields count as the outer one's.
func flatJSONFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k := range flatJSONFields(f.Type) {
				out[k] = true
			}
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = true
	}
	return out
}

var (
	volunteerJSONFields = flatJSONFields(reflect.TypeFor[mentoring.Volunteer]())
	newcomerJSONFields  = flatJSONFields(reflect.TypeFor[mentoring.Newcomer]())
)

// profilePatch copies each profile field from a decoded object onto the
// profile kept, for a PATCH.
var profilePatch = map[string]func(from, to *mentoring.Profile){
	"household":     func(f, t *mentoring.Profile) { t.Household = f.Household },
	"name":          func(f, t *mentoring.Profile) { t.Name = f.Name },
	"email":         func(f, t *mentoring.Profile) { t.Email = f.Email },
	"phone":         func(f, t *mentoring.Profile) { t.Phone = f.Phone },
	"locale":        func(f, t *mentoring.Profile) { t.Locale = f.Locale },
	"gender":        func(f, t *mentoring.Profile) { t.Gender = f.Gender },
	"age_group":     func(f, t *mentoring.Profile) { t.AgeGroup = f.AgeGroup },
	"adults":        func(f, t *mentoring.Profile) { t.Adults = f.Adults },
	"children_ages": func(f, t *mentoring.Profile) { t.ChildrenAges = f.ChildrenAges },
	"languages":     func(f, t *mentoring.Profile) { t.Languages = f.Languages },
	"interests":     func(f, t *mentoring.Profile) { t.Interests = f.Interests },
	"district":      func(f, t *mentoring.Profile) { t.District = f.District },
	"coords":        func(f, t *mentoring.Profile) { t.Coords = f.Coords },
	"availability":  func(f, t *mentoring.Profile) { t.Availability = f.Availability },
	"preferences":   func(f, t *mentoring.Profile) { t.Preferences = f.Preferences },
}

// readOnlyWith is the fields the server keeps plus the profile's, which
// patchProfile handles.
func readOnlyWith(kept ...string) map[string]bool {
	out := map[string]bool{}
	for _, k := range kept {
		out[k] = true
	}
	for k := range profilePatch {
		out[k] = true
	}
	return out
}

var volunteerPatch = patchPlan[mentoring.Volunteer, mentoring.VolunteerUpdate]{
	set: map[string]func(*mentoring.Volunteer, *mentoring.VolunteerUpdate){
		"status":           func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.Status = &v.Status },
		"capacity":         func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.Capacity = &v.Capacity },
		"offers":           func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.Offers = &v.Offers },
		"police_check":     func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.PoliceCheck = &v.PoliceCheck },
		"trained_on":       func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.TrainedOn = &v.TrainedOn },
		"pledge_signed_on": func(v *mentoring.Volunteer, u *mentoring.VolunteerUpdate) { u.PledgeSignedOn = &v.PledgeSignedOn },
	},
	readOnly: readOnlyWith("id", "open", "user_id", "waiting_since", "created_at", "updated_at"),
}

var newcomerPatch = patchPlan[mentoring.Newcomer, mentoring.NewcomerUpdate]{
	set: map[string]func(*mentoring.Newcomer, *mentoring.NewcomerUpdate){
		"status":       func(n *mentoring.Newcomer, u *mentoring.NewcomerUpdate) { u.Status = &n.Status },
		"nordic_level": func(n *mentoring.Newcomer, u *mentoring.NewcomerUpdate) { u.NordicLevel = &n.NordicLevel },
		"needs":        func(n *mentoring.Newcomer, u *mentoring.NewcomerUpdate) { u.Needs = &n.Needs },
	},
	readOnly: readOnlyWith("id", "open", "active", "waiting_since", "created_at", "updated_at"),
}

// patchProfile returns the kept profile with the present profile fields
// of from, and their names; nil when none is present.
func patchProfile(kept mentoring.Profile, from *mentoring.Profile, present map[string]bool) (*mentoring.Profile, []string) {
	var changed []string
	for k := range present {
		if set, ok := profilePatch[k]; ok {
			set(from, &kept)
			changed = append(changed, k)
		}
	}
	if len(changed) == 0 {
		return nil, nil
	}
	return &kept, changed
}

func (s *Server) apiVolunteers(c *gin.Context) {
	pq, fe := parsePeopleQuery(c.Request.URL.Query(), statusAll, defaultPerPage)
	f := pq.volunteerFilter(fe)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Volunteers.FindVolunteers(c.Request.Context(), f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, apiPage[*mentoring.Volunteer]{Items: items, Total: total, Page: pq.Page, PerPage: pq.PerPage})
}

func (s *Server) apiVolunteer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	v, err := s.svc.Volunteers.FindVolunteerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, v)
}

// apiCreateVolunteer: POST /api/v1/mentoring/volunteers. The volunteer is
// available unless the body gives another status, as on the coordinator's
// form.
func (s *Server) apiCreateVolunteer(c *gin.Context) {
	ctx := c.Request.Context()
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var v mentoring.Volunteer
	if _, err := decodeObject(body, &v, volunteerJSONFields); err != nil {
		_ = c.Error(err)
		return
	}
	v.ID, v.Open, v.UserID = 0, 0, 0
	v.WaitingSince, v.CreatedAt, v.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	if v.Status == "" {
		v.Status = mentoring.VolunteerAvailable
	}
	if err := s.svc.Volunteers.CreateVolunteer(ctx, &v); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "volunteer.create", "volunteer", v.ID, nil)
	out, err := s.svc.Volunteers.FindVolunteerByID(ctx, v.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Location", apiLocation("mentoring/volunteers", v.ID))
	c.JSON(http.StatusCreated, out)
}

// apiUpdateVolunteer: PATCH /api/v1/mentoring/volunteers/{id}.
func (s *Server) apiUpdateVolunteer(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var in mentoring.Volunteer
	present, err := decodeObject(body, &in, volunteerJSONFields)
	if err != nil {
		_ = c.Error(err)
		return
	}
	upd, changed, fe := volunteerPatch.update(&in, present)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	cur, err := s.svc.Volunteers.FindVolunteerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	prof, profChanged := patchProfile(cur.Profile, &in.Profile, present)
	upd.Profile = prof
	changed = append(changed, profChanged...)
	sort.Strings(changed)
	out, err := s.svc.Volunteers.UpdateVolunteer(ctx, id, upd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "volunteer.update", "volunteer", id, changed)
	c.JSON(http.StatusOK, out)
}

func (s *Server) apiNewcomers(c *gin.Context) {
	pq, fe := parsePeopleQuery(c.Request.URL.Query(), statusAll, defaultPerPage)
	f := pq.newcomerFilter(fe)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	items, total, err := s.svc.Newcomers.FindNewcomers(c.Request.Context(), f)
	if err != nil {
		_ = c.Error(err)
		return
	}
	// The list hands out whole records, so each is a read like the
	// record's own GET (DOMAIN.md: log who read a newcomer's record).
	for _, n := range items {
		s.audit(c, "read", "newcomer", n.ID, apiDetail(c, nil))
	}
	c.JSON(http.StatusOK, apiPage[*mentoring.Newcomer]{Items: items, Total: total, Page: pq.Page, PerPage: pq.PerPage})
}

// apiNewcomer: GET /api/v1/mentoring/newcomers/{id}, logged as a read.
func (s *Server) apiNewcomer(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	n, err := s.svc.Newcomers.FindNewcomerByID(c.Request.Context(), id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, "read", "newcomer", id, apiDetail(c, nil))
	c.JSON(http.StatusOK, n)
}

// apiCreateNewcomer: POST /api/v1/mentoring/newcomers. The newcomer waits
// for a pairing unless the body gives another status.
func (s *Server) apiCreateNewcomer(c *gin.Context) {
	ctx := c.Request.Context()
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var n mentoring.Newcomer
	if _, err := decodeObject(body, &n, newcomerJSONFields); err != nil {
		_ = c.Error(err)
		return
	}
	n.ID, n.Open, n.Active = 0, 0, 0
	n.WaitingSince, n.CreatedAt, n.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	if err := s.svc.Newcomers.CreateNewcomer(ctx, &n); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "newcomer.create", "newcomer", n.ID, nil)
	out, err := s.svc.Newcomers.FindNewcomerByID(ctx, n.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Location", apiLocation("mentoring/newcomers", n.ID))
	c.JSON(http.StatusCreated, out)
}

// apiUpdateNewcomer: PATCH /api/v1/mentoring/newcomers/{id}. One who comes
// back after leaving waits from now.
func (s *Server) apiUpdateNewcomer(c *gin.Context) {
	ctx := c.Request.Context()
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var in mentoring.Newcomer
	present, err := decodeObject(body, &in, newcomerJSONFields)
	if err != nil {
		_ = c.Error(err)
		return
	}
	upd, changed, fe := newcomerPatch.update(&in, present)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	cur, err := s.svc.Newcomers.FindNewcomerByID(ctx, id)
	if err != nil {
		_ = c.Error(err)
		return
	}
	prof, profChanged := patchProfile(cur.Profile, &in.Profile, present)
	upd.Profile = prof
	changed = append(changed, profChanged...)
	sort.Strings(changed)
	if upd.Status != nil && *upd.Status == mentoring.NewcomerWaiting && cur.Status == mentoring.NewcomerLeft {
		now := s.Now().UTC()
		upd.WaitingSince = &now
	}
	out, err := s.svc.Newcomers.UpdateNewcomer(ctx, id, upd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "newcomer.update", "newcomer", id, changed)
	c.JSON(http.StatusOK, out)
}
