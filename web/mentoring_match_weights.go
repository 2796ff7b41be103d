package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"broen"
	"broen/locales"
	"broen/mentoring"
)

// The coordinator's weights of the score: how much a shared language,
// interests, distance and the rest count. They are relative; the score is
// their weighted mean.

type weightsPage struct {
	basePage
	Fields []weightField
	Errors []weightField // the fields with a problem, for the summary
	Saved  bool
}

// weightField is one weight's number input.
type weightField struct {
	Name    string // the JSON name, also the form field
	Label   string
	Hint    string
	Value   string
	Default string
	Error   string
}

func (s *Server) weightsPage(c *gin.Context) {
	w, err := s.svc.Pairings.MatchWeights(c.Request.Context())
	if err != nil {
		_ = c.Error(err)
		return
	}
	l := localizer(c)
	values := map[string]string{}
	for _, name := range mentoring.WeightNames {
		v, _ := w.Get(name)
		values[name] = formatWeight(v)
	}
	s.renderWeights(c, http.StatusOK, l, values, nil)
}

// formatWeight writes a weight for an <input type=number>: a dot, no
// exponent, no needless decimals.
func formatWeight(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (s *Server) renderWeights(c *gin.Context, status int, l *locales.Localizer, values, errs map[string]string) {
	p := weightsPage{basePage: s.base(c, l.T("mentoring.weights.title"))}
	for _, name := range mentoring.WeightNames {
		def, _ := mentoring.DefaultWeights.Get(name)
		f := weightField{Name: name, Label: l.T("mentoring.weight." + name), Hint: l.T("mentoring.weight_hint." + name),
			Value: values[name], Default: l.T("mentoring.weights.default", "Value", l.Decimal(def, -1)), Error: errs[name]}
		p.Fields = append(p.Fields, f)
		if f.Error != "" {
			p.Errors = append(p.Errors, f)
		}
	}
	s.render(c, status, "mentoring_weights", &p)
}

// saveWeights: POST /mentoring/weights with the eight weights, or reset=1
// for the defaults.
func (s *Server) saveWeights(c *gin.Context) {
	l := localizer(c)
	w := mentoring.DefaultWeights
	values := map[string]string{}
	fe := broen.FieldErrors{}
	reset := c.PostForm("reset") != ""
	if !reset {
		for _, name := range mentoring.WeightNames {
			raw := strings.TrimSpace(c.PostForm(name))
			values[name] = raw
			if raw == "" {
				fe.Add(name, "validation.required")
				continue
			}
			v, err := strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				fe.Add(name, "validation.number")
				continue
			}
			w.Set(name, v)
		}
	}
	if e := broen.AsError(w.Validate()); e != nil {
		for f, msg := range e.Fields {
			fe.Add(f, msg)
		}
	}
	err := fe.Err()
	if err == nil {
		err = s.svc.Pairings.SetMatchWeights(c.Request.Context(), w)
	}
	if err != nil {
		if status, _, fields, ok := mpProblem(l, err); ok {
			s.renderWeights(c, status, l, values, fields)
			return
		}
		_ = c.Error(err)
		return
	}
	detail := "reset=false"
	if reset {
		detail = "reset=true"
	}
	s.audit(c, auditWeights, "settings", 0, detail)
	s.flash(c, "mentoring.weights.saved")
	c.Redirect(http.StatusSeeOther, "/mentoring/weights")
}

// apiWeights: GET /api/v1/mentoring/weights.
func (s *Server) apiWeights(c *gin.Context) {
	w, err := s.svc.Pairings.MatchWeights(c.Request.Context())
	if err != nil {
		_ = c.Error(err)
		return
	}
	c.JSON(http.StatusOK, w)
}

// apiSetWeights: PUT /api/v1/mentoring/weights with all eight weights.
func (s *Server) apiSetWeights(c *gin.Context) {
	body, ok := s.readBody(c)
	if !ok {
		return
	}
	known := map[string]bool{}
	for _, n := range mentoring.WeightNames {
		known[n] = true
	}
	var w mentoring.Weights
	present, err := decodeObject(body, &w, known)
	if err != nil {
		_ = c.Error(err)
		return
	}
	fe := broen.FieldErrors{}
	for _, n := range mentoring.WeightNames {
		if !present[n] {
			fe.Add(n, "validation.required")
		}
	}
	if err := fe.Err(); err != nil {
		_ = c.Error(err)
		return
	}
	if err := s.svc.Pairings.SetMatchWeights(c.Request.Context(), w); err != nil {
		_ = c.Error(err)
		return
	}
	s.audit(c, auditWeights, "settings", 0, apiDetail(c, nil))
	c.JSON(http.StatusOK, w)
}
