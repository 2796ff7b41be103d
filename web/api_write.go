package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/accounts"
	"broen/locales"
	"broen/registry"
)

// The JSON API's writes. Another system writes with an API token
// (Authorization: Bearer …) that a coordinator made on /admin/tokens and
// that carries the write_registry scope; a coordinator's own browser may
// also write with its session, same-origin only. Either way the write acts
// for a coordinator, so it applies at once, as the coordinator's pages do:
// no moderation queue.
//
// Bodies are the objects the read API returns. POST takes a whole object,
// PATCH the top-level fields to change: a field that is present is replaced
// whole (a "cost" or "schedules" given replaces the old one), a field that
// is absent keeps its value. Fields the server keeps (id, created_at,
// updated_at, organisation_name, next_occurrences, activity_count) may be
// sent back as read and are ignored; an unknown field is an error.

// maxAPIBody is the largest request body a write accepts: 1 MiB.
const maxAPIBody = 1 << 20

// ctxAPIToken holds the *accounts.APIToken a request was authenticated with.
const ctxAPIToken = "broen.api_token"

// apiAuditArea starts the audit action of every API write: api, a dot,
// then what was done (activity.create). It is kept apart from the rest of
// the action because a whole action written as one string literal would
// read as a message ID to the catalog test, and audit actions are not
// messages.
const apiAuditArea = "api"

// apiWriteRoutes registers the write endpoints on the /api/v1 group.
func (s *Server) apiWriteRoutes(api *gin.RouterGroup) {
	w := api.Group("", s.apiAuth(accounts.ScopeWriteRegistry))
	w.POST("/organisations", s.apiCreateOrganisation)
	w.PATCH("/organisations/:id", s.apiUpdateOrganisation)
	w.DELETE("/organisations/:id", s.apiDeleteOrganisation)
	w.POST("/activities", s.apiCreateActivity)
	w.PATCH("/activities/:id", s.apiUpdateActivity)
	w.DELETE("/activities/:id", s.apiDeleteActivity)
}

// apiAuth lets a request through for an enabled coordinator: the one an
// API token with the scope acts for, or, without an
// Authorization header, the one signed in. The coordinator becomes the
// request's current user, so the audit log says who wrote. A token that is
// malformed, unknown or revoked is 401 (even with a session: the caller
// meant the token), a token without the scope 403, no credentials 401.
func (s *Server) apiAuth(scope accounts.Scope) gin.HandlerFunc {
	return func(c *gin.Context) { s.apiAuthScope(c, scope) }
}

func (s *Server) apiAuthScope(c *gin.Context, scope accounts.Scope) {
	ctx := c.Request.Context()
	header := c.GetHeader("Authorization")
	if header == "" {
		u := currentUser(c)
		switch {
		case u == nil:
			c.Header("WWW-Authenticate", `Bearer realm="broen"`)
			s.apiDeny(c, broen.EUNAUTHORIZED, "error.unauthorized")
		case !u.IsCoordinator():
			s.apiDeny(c, broen.EFORBIDDEN, "error.forbidden")
		default:
			c.Next()
		}
		return
	}
	scheme, plain, _ := strings.Cut(header, " ")
	plain = strings.TrimSpace(plain)
	if !strings.EqualFold(scheme, "Bearer") || plain == "" || s.svc.APITokens == nil {
		s.invalidToken(c)
		return
	}
	t, err := s.svc.APITokens.FindAPITokenByHash(ctx, accounts.HashToken(plain), s.Now().UTC())
	if err != nil {
		if broen.ErrorCode(err) == broen.EUNAUTHORIZED {
			s.invalidToken(c)
			return
		}
		_ = c.Error(err)
		c.Abort()
		return
	}
	if !t.Has(scope) {
		c.Header("WWW-Authenticate", `Bearer realm="broen", error="insufficient_scope", scope="`+string(scope)+`"`)
		s.apiDeny(c, broen.EFORBIDDEN, "api.token.scope")
		return
	}
	u, err := s.svc.Users.FindUserByID(ctx, t.UserID)
	switch {
	case broen.ErrorCode(err) == broen.ENOTFOUND || err == nil && u.Disabled:
		// The person the token acts for is gone or was disabled: the
		// token no longer works.
		s.invalidToken(c)
		return
	case err != nil:
		_ = c.Error(err)
		c.Abort()
		return
	case !u.IsCoordinator():
		s.apiDeny(c, broen.EFORBIDDEN, "error.forbidden")
		return
	}
	c.Set(ctxUser, u)
	c.Set(ctxAPIToken, t)
	c.Next()
}

func (s *Server) invalidToken(c *gin.Context) {
	c.Header("WWW-Authenticate", `Bearer realm="broen", error="invalid_token"`)
	s.apiDeny(c, broen.EUNAUTHORIZED, "api.token.invalid")
}

func (s *Server) apiDeny(c *gin.Context, code, msgID string) {
	_ = c.Error(&broen.Error{Code: code, MessageID: msgID})
	c.Abort()
}

// apiAbort answers at once with status and e in the API's one error shape,
// for the statuses the error codes do not give (413, 415).
func (s *Server) apiAbort(c *gin.Context, status int, e *broen.Error) {
	l := localizer(c)
	if l == nil {
		l = locales.New(s.bundle, s.cfg.DefaultLocale)
	}
	c.AbortWithStatusJSON(status, apiErrorBody(l, e, requestID(c)))
}

// readBody returns the body of a write: JSON, at most maxAPIBody bytes. It
// answers 415 or 413 itself and returns false then.
func (s *Server) readBody(c *gin.Context) ([]byte, bool) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		s.apiAbort(c, http.StatusUnsupportedMediaType, &broen.Error{Code: broen.EINVALID, MessageID: "api.body.content_type"})
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxAPIBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		s.apiAbort(c, http.StatusRequestEntityTooLarge, &broen.Error{Code: broen.EINVALID, MessageID: "api.body.too_large"})
		return nil, false
	}
	if err != nil {
		_ = c.Error(&broen.Error{Code: broen.EINVALID, MessageID: "api.body.invalid", Err: err})
		return nil, false
	}
	return body, true
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
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
	organisationFields = jsonFields(reflect.TypeFor[registry.Organisation]())
	activityFields     = jsonFields(reflect.TypeFor[registry.Activity]())
)

// jsonPath is a decode error's field path as the client wrote it: the Go
// names of embedded structs ("Profile.children_ages") are not in the JSON.
func jsonPath(field string) string {
	parts := strings.Split(field, ".")
	out := parts[:0]
	for _, p := range parts {
		if r, _ := utf8.DecodeRuneInString(p); !unicode.IsUpper(r) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return field
	}
	return strings.Join(out, ".")
}

// decodeObject decodes body, a JSON object, into dst and returns the
// top-level fields it has. Field names must be exact (encoding/json alone
// would take "Title" for "title"), and unknown fields are refused at every
// level: EINVALID (api.body.invalid) with the field's problem.
func decodeObject(body []byte, dst any, known map[string]bool) (map[string]bool, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil || raw == nil {
		return nil, &broen.Error{Code: broen.EINVALID, MessageID: "api.body.invalid", Err: err}
	}
	fe := broen.FieldErrors{}
	present := make(map[string]bool, len(raw))
	for k := range raw {
		if !known[k] {
			fe.Add(k, "api.body.unknown_field")
		}
		present[k] = true
	}
	if len(fe) > 0 {
		return nil, &broen.Error{Code: broen.EINVALID, MessageID: "api.body.invalid", Fields: fe}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		e := &broen.Error{Code: broen.EINVALID, MessageID: "api.body.invalid", Err: err}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			e.Fields = map[string]string{jsonPath(typeErr.Field): "api.body.wrong_type"}
		} else if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if n, uerr := strconv.Unquote(name); uerr == nil {
				name = n
			}
			e.Fields = map[string]string{name: "api.body.unknown_field"}
		}
		return nil, e
	}
	return present, nil
}

// apiDetail is the audit detail of an API write: the fields it changed
// and the token it came with (its id, never the token).
func apiDetail(c *gin.Context, fields []string) string {
	var parts []string
	if len(fields) > 0 {
		parts = append(parts, "fields="+strings.Join(fields, ","))
	}
	if t, ok := c.Get(ctxAPIToken); ok {
		parts = append(parts, "token="+strconv.FormatInt(t.(*accounts.APIToken).ID, 10))
	}
	return strings.Join(parts, " ")
}

func (s *Server) auditAPI(c *gin.Context, what, objectType string, id int64, fields []string) {
	s.audit(c, apiAuditArea+"."+what, objectType, id, apiDetail(c, fields))
}

// patchPlan turns the fields present in a PATCH into an update: set copies
// each writable field from the decoded object, readOnly fields are ignored,
// and any other field of the object cannot be changed through the API.
type patchPlan[T, U any] struct {
	set      map[string]func(v *T, u *U)
	readOnly map[string]bool
}

func (p patchPlan[T, U]) update(v *T, present map[string]bool) (U, []string, broen.FieldErrors) {
	var u U
	var changed []string
	fe := broen.FieldErrors{}
	for k := range present {
		switch set, ok := p.set[k]; {
		case ok:
			set(v, &u)
			changed = append(changed, k)
		case !p.readOnly[k]:
			fe.Add(k, "api.field.read_only")
		}
	}
	sort.Strings(changed)
	return u, changed, fe
}

var organisationPatch = patchPlan[registry.Organisation, registry.OrganisationUpdate]{
	set: map[string]func(*registry.Organisation, *registry.OrganisationUpdate){
		"name":           func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Name = &o.Name },
		"kind":           func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Kind = &o.Kind },
		"country":        func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Country = &o.Country },
		"org_number":     func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.OrgNumber = &o.OrgNumber },
		"description":    func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Description = &o.Description },
		"website":        func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Website = &o.Website },
		"email":          func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Email = &o.Email },
		"phone":          func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Phone = &o.Phone },
		"contact_public": func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.ContactPublic = &o.ContactPublic },
		"address":        func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Address = &o.Address },
		"postcode":       func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Postcode = &o.Postcode },
		"city":           func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.City = &o.City },
		"district":       func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.District = &o.District },
		"status":         func(o *registry.Organisation, u *registry.OrganisationUpdate) { u.Status = &o.Status },
	},
	readOnly: map[string]bool{"id": true, "created_at": true, "updated_at": true, "activity_count": true},
}

// activityPatch has no organisation_id: an activity stays with the
// organisation that runs it (apiUpdateActivity accepts it unchanged).
var activityPatch = patchPlan[registry.Activity, registry.ActivityUpdate]{
	set: map[string]func(*registry.Activity, *registry.ActivityUpdate){
		"title":            func(a *registry.Activity, u *registry.ActivityUpdate) { u.Title = &a.Title },
		"description":      func(a *registry.Activity, u *registry.ActivityUpdate) { u.Description = &a.Description },
		"how_to_join":      func(a *registry.Activity, u *registry.ActivityUpdate) { u.HowToJoin = &a.HowToJoin },
		"category":         func(a *registry.Activity, u *registry.ActivityUpdate) { u.Category = &a.Category },
		"stage":            func(a *registry.Activity, u *registry.ActivityUpdate) { u.Stage = &a.Stage },
		"age_min":          func(a *registry.Activity, u *registry.ActivityUpdate) { u.AgeMin = &a.AgeMin },
		"age_max":          func(a *registry.Activity, u *registry.ActivityUpdate) { u.AgeMax = &a.AgeMax },
		"languages":        func(a *registry.Activity, u *registry.ActivityUpdate) { u.Languages = &a.Languages },
		"helper_languages": func(a *registry.Activity, u *registry.ActivityUpdate) { u.HelperLanguages = &a.HelperLanguages },
		"cost":             func(a *registry.Activity, u *registry.ActivityUpdate) { u.Cost = &a.Cost },
		"accessibility":    func(a *registry.Activity, u *registry.ActivityUpdate) { u.Accessibility = &a.Accessibility },
		"registration_required": func(a *registry.Activity, u *registry.ActivityUpdate) {
			u.RegistrationRequired = &a.RegistrationRequired
		},
		"capacity":       func(a *registry.Activity, u *registry.ActivityUpdate) { u.Capacity = &a.Capacity },
		"contact":        func(a *registry.Activity, u *registry.ActivityUpdate) { u.Contact = &a.Contact },
		"location":       func(a *registry.Activity, u *registry.ActivityUpdate) { u.Location = &a.Location },
		"schedules":      func(a *registry.Activity, u *registry.ActivityUpdate) { u.Schedules = &a.Schedules },
		"status":         func(a *registry.Activity, u *registry.ActivityUpdate) { u.Status = &a.Status },
		"last_confirmed": func(a *registry.Activity, u *registry.ActivityUpdate) { u.LastConfirmed = &a.LastConfirmed },
	},
	readOnly: map[string]bool{"id": true, "organisation_name": true, "next_occurrences": true, "created_at": true,
		"updated_at": true},
}

func apiLocation(kind string, id int64) string {
	return "/api/v1/" + kind + "/" + strconv.FormatInt(id, 10)
}

// apiCreateOrganisation: POST /api/v1/organisations. The organisation is
// approved unless the body gives another status.
func (s *Server) apiCreateOrganisation(c *gin.Context) {
	ctx := c.Request.Context()
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var o registry.Organisation
	if _, err := decodeObject(body, &o, organisationFields); err != nil {
		_ = c.Error(err)
		return
	}
	o.ID, o.ActivityCount = 0, 0
	if o.Status == "" {
		o.Status = registry.StatusApproved
	}
	if err := s.svc.Organisations.CreateOrganisation(ctx, &o); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "organisation.create", "organisation", o.ID, nil)
	out, err := s.svc.Organisations.FindOrganisationByID(ctx, o.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Location", apiLocation("organisations", o.ID))
	c.JSON(http.StatusCreated, out)
}

// apiUpdateOrganisation: PATCH /api/v1/organisations/{id}.
func (s *Server) apiUpdateOrganisation(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var o registry.Organisation
	present, err := decodeObject(body, &o, organisationFields)
	if err != nil {
		_ = c.Error(err)
		return
	}
	upd, changed, fe := organisationPatch.update(&o, present)
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	out, err := s.svc.Organisations.UpdateOrganisation(c.Request.Context(), id, upd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "organisation.update", "organisation", id, changed)
	c.JSON(http.StatusOK, out)
}

// apiDeleteOrganisation: DELETE /api/v1/organisations/{id}, with its
// activities.
func (s *Server) apiDeleteOrganisation(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	if err := s.svc.Organisations.DeleteOrganisation(c.Request.Context(), id); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "organisation.delete", "organisation", id, nil)
	c.Status(http.StatusNoContent)
}

// apiCreateActivity: POST /api/v1/activities. The activity is approved
// unless the body gives another status, so it is public at once when its
// organisation is.
func (s *Server) apiCreateActivity(c *gin.Context) {
	ctx := c.Request.Context()
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	var a registry.Activity
	if _, err := decodeObject(body, &a, activityFields); err != nil {
		_ = c.Error(err)
		return
	}
	a.ID, a.OrganisationName, a.Next = 0, "", nil
	if a.Status == "" {
		a.Status = registry.StatusApproved
	}
	if err := s.svc.Activities.CreateActivity(ctx, &a); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "activity.create", "activity", a.ID, nil)
	out, err := s.svc.Activities.FindActivityByID(ctx, a.ID)
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Location", apiLocation("activities", a.ID))
	c.JSON(http.StatusCreated, out)
}

// apiUpdateActivity: PATCH /api/v1/activities/{id}. organisation_id may be
// sent back unchanged; moving an activity to another organisation is
// refused.
func (s *Server) apiUpdateActivity(c *gin.Context) {
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
	var a registry.Activity
	present, err := decodeObject(body, &a, activityFields)
	if err != nil {
		_ = c.Error(err)
		return
	}
	moving := present["organisation_id"]
	delete(present, "organisation_id")
	upd, changed, fe := activityPatch.update(&a, present)
	if moving {
		cur, err := s.svc.Activities.FindActivityByID(ctx, id)
		if err != nil {
			_ = c.Error(err)
			return
		}
		if cur.OrganisationID != a.OrganisationID {
			fe.Add("organisation_id", "api.field.read_only")
		}
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	out, err := s.svc.Activities.UpdateActivity(ctx, id, upd)
	if err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "activity.update", "activity", id, changed)
	c.JSON(http.StatusOK, out)
}

// apiDeleteActivity: DELETE /api/v1/activities/{id}.
func (s *Server) apiDeleteActivity(c *gin.Context) {
	id, err := parseID(c.Param("id"))
	if err != nil {
		_ = c.Error(err)
		return
	}
	if err := s.svc.Activities.DeleteActivity(c.Request.Context(), id); err != nil {
		_ = c.Error(err)
		return
	}
	s.auditAPI(c, "activity.delete", "activity", id, nil)
	c.Status(http.StatusNoContent)
}
