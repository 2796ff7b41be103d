package web

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"broen/locales"
)

// TestPanicBecomesLogged500: a handler that panics gives the localized 500
// page with the request ID, and the panic is logged with the same ID.
func TestPanicBecomesLogged500(t *testing.T) {
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s, err := NewServer(Config{}, Services{}, bundle, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	s.engine.GET("/boom", func(*gin.Context) { panic("test panic") })
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom?lang=sv", nil))
	id := rec.Header().Get("X-Request-ID")
	if rec.Code != http.StatusInternalServerError || id == "" {
		t.Fatalf("status %d, request id %q", rec.Code, id)
	}
	if !strings.Contains(rec.Body.String(), `<html lang="sv"`) || !strings.Contains(rec.Body.String(), id) {
		t.Errorf("500 page without the language or the request id:\n%s", rec.Body.String())
	}
	if !strings.Contains(logs.String(), `"panic":"test panic"`) || !strings.Contains(logs.String(), id) {
		t.Errorf("panic not logged with the request id:\n%s", logs.String())
	}
}

// TestClientGoneIsNot500: a request whose client went away is logged as 499
// at info level, not as a server error.
func TestClientGoneIsNot500(t *testing.T) {
	bundle, err := locales.NewBundle()
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s, err := NewServer(Config{}, Services{}, bundle, slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	s.engine.GET("/slow", func(c *gin.Context) { _ = c.Error(c.Request.Context().Err()) })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/slow", nil).WithContext(ctx))
	if rec.Code != statusClientClosed || strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("status %d, logs:\n%s", rec.Code, logs.String())
	}
}
