package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"broen"
	"broen/accounts"
	"broen/sqlite"
)

// The session store fits scs without sqlite/ importing it.
var (
	_ scs.Store    = (*sqlite.SessionStore)(nil)
	_ scs.CtxStore = (*sqlite.SessionStore)(nil)
)

func mustCreateUser(t testing.TB, db *sqlite.DB, u *accounts.User) *accounts.User {
	t.Helper()
	if err := db.CreateUser(context.Background(), u); err != nil {
		t.Fatalf("create user %q: %v", u.Email, err)
	}
	return u
}

func wantFieldError(t testing.TB, err error, code, field, msgID string) {
	t.Helper()
	e := broen.AsError(err)
	if e == nil || e.Code != code || e.Fields[field] != msgID {
		t.Fatalf("got %v, want %s with %s: %s", err, code, field, msgID)
	}
}

func wantError(t testing.TB, err error, code, msgID string) {
	t.Helper()
	e := broen.AsError(err)
	if e == nil || e.Code != code || e.MessageID != msgID {
		t.Fatalf("got %v, want %s %s", err, code, msgID)
	}
}

func TestUserCRUD(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	rk := mustCreateOrg(t, db, newOrg("Drammen Røde Kors"))
	sk := mustCreateOrg(t, db, newOrg("Bragernes sjakklubb"))
	fs := mustCreateOrg(t, db, newOrg("Drammen Frivilligsentral"))

	coord := mustCreateUser(t, db, &accounts.User{Email: " Kari@Drammen.Kommune.NO ", Name: "Kari Nordmann",
		Role: accounts.RoleCoordinator})
	if coord.ID == 0 || coord.Email != "kari@drammen.kommune.no" || coord.Locale != "nb" || !coord.CreatedAt.Equal(fixedNow) {
		t.Fatalf("created %+v", coord)
	}
	editor := mustCreateUser(t, db, &accounts.User{Email: "ola@rodekors.no", Name: "Ola Hansen", Role: accounts.RoleEditor,
		Locale: "nn", OrganisationIDs: []int64{sk.ID, rk.ID, rk.ID}, PasswordHash: "$argon2id$x"})

	t.Run("FindByID", func(t *testing.T) {
		got, err := db.FindUserByID(ctx, editor.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Email != "ola@rodekors.no" || got.Name != "Ola Hansen" || got.Role != accounts.RoleEditor ||
			got.Locale != "nn" || got.PasswordHash != "$argon2id$x" || got.Disabled || !got.LastLoginAt.IsZero() ||
			!got.CreatedAt.Equal(fixedNow) || !slices.Equal(got.OrganisationIDs, []int64{rk.ID, sk.ID}) {
			t.Errorf("found %+v", got)
		}
		got, err = db.FindUserByID(ctx, coord.ID)
		if err != nil || got.OrganisationIDs == nil || len(got.OrganisationIDs) != 0 {
			t.Errorf("coordinator: %+v, %v; want empty, non-nil organisation IDs", got, err)
		}
	})
	t.Run("FindByEmailIgnoresCase", func(t *testing.T) {
		got, err := db.FindUserByEmail(ctx, "  OLA@RodeKors.no")
		if err != nil || got.ID != editor.ID {
			t.Fatalf("got %+v, %v", got, err)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.FindUserByID(ctx, 999)
		wantError(t, err, broen.ENOTFOUND, accounts.MsgUserNotFound)
		_, err = db.FindUserByEmail(ctx, "nobody@example.no")
		wantError(t, err, broen.ENOTFOUND, accounts.MsgUserNotFound)
		_, err = db.UpdateUser(ctx, 999, accounts.UserUpdate{Name: ptr("X")})
		wantError(t, err, broen.ENOTFOUND, accounts.MsgUserNotFound)
	})
	t.Run("ErrConflictEmailAnyCase", func(t *testing.T) {
		u := &accounts.User{Email: "OLA@rodekors.NO", Name: "Ola Kopi", Role: accounts.RoleCoordinator}
		err := db.CreateUser(ctx, u)
		wantFieldError(t, err, broen.ECONFLICT, "email", accounts.MsgEmailTaken)
		if u.ID != 0 {
			t.Errorf("failed create left ID %d", u.ID)
		}
	})
	t.Run("ErrUnknownOrganisationLeavesNothing", func(t *testing.T) {
		u := &accounts.User{Email: "per@example.no", Name: "Per", Role: accounts.RoleEditor,
			OrganisationIDs: []int64{rk.ID, 4242}}
		err := db.CreateUser(ctx, u)
		wantFieldError(t, err, broen.EINVALID, "organisation_ids", "validation.choice")
		if _, err := db.FindUserByEmail(ctx, "per@example.no"); broen.ErrorCode(err) != broen.ENOTFOUND {
			t.Errorf("user stored despite the error: %v", err)
		}
	})
	t.Run("ErrEditorNeedsOrganisation", func(t *testing.T) {
		err := db.CreateUser(ctx, &accounts.User{Email: "per@example.no", Name: "Per", Role: accounts.RoleEditor})
		wantFieldError(t, err, broen.EINVALID, "organisation_ids", accounts.MsgOrganisationRequired)
		_, err = db.UpdateUser(ctx, editor.ID, accounts.UserUpdate{OrganisationIDs: &[]int64{}})
		wantFieldError(t, err, broen.EINVALID, "organisation_ids", accounts.MsgOrganisationRequired)
	})
	t.Run("Update", func(t *testing.T) {
		login := fixedNow.Add(-time.Hour)
		up, err := db.UpdateUser(ctx, editor.ID, accounts.UserUpdate{Name: ptr(" Ola  Hansen-Berg "),
			OrganisationIDs: &[]int64{fs.ID, sk.ID}, LastLoginAt: &login, Locale: ptr("da")})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindUserByID(ctx, editor.ID)
		if up.Name != "Ola Hansen-Berg" || got.Name != up.Name || got.Locale != "da" || !got.LastLoginAt.Equal(login) ||
			!slices.Equal(got.OrganisationIDs, []int64{sk.ID, fs.ID}) || got.PasswordHash != "$argon2id$x" {
			t.Errorf("after update: %+v", got)
		}
		// An update without OrganisationIDs keeps them.
		if _, err := db.UpdateUser(ctx, editor.ID, accounts.UserUpdate{Disabled: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		got, _ = db.FindUserByID(ctx, editor.ID)
		if !got.Disabled || !slices.Equal(got.OrganisationIDs, []int64{sk.ID, fs.ID}) {
			t.Errorf("after disabling: %+v", got)
		}
		if got.CanEditOrganisation(sk.ID) {
			t.Error("disabled editor may edit")
		}
	})
	t.Run("ErrInvalidUpdateLeavesNothing", func(t *testing.T) {
		_, err := db.UpdateUser(ctx, editor.ID, accounts.UserUpdate{Name: ptr("Nytt navn"),
			OrganisationIDs: &[]int64{rk.ID, 4242}})
		wantFieldError(t, err, broen.EINVALID, "organisation_ids", "validation.choice")
		_, err = db.UpdateUser(ctx, editor.ID, accounts.UserUpdate{Name: ptr("Nytt navn"), Role: ptr(accounts.Role("admin"))})
		wantFieldError(t, err, broen.EINVALID, "role", "validation.choice")
		got, _ := db.FindUserByID(ctx, editor.ID)
		if got.Name != "Ola Hansen-Berg" || !slices.Equal(got.OrganisationIDs, []int64{sk.ID, fs.ID}) {
			t.Errorf("failed update changed the user: %+v", got)
		}
	})
	t.Run("DeletedOrganisationLeavesEditor", func(t *testing.T) {
		if err := db.DeleteOrganisation(ctx, sk.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindUserByID(ctx, editor.ID)
		if !slices.Equal(got.OrganisationIDs, []int64{fs.ID}) {
			t.Errorf("after deleting an organisation: %v", got.OrganisationIDs)
		}
	})
	t.Run("List", func(t *testing.T) {
		mustCreateUser(t, db, &accounts.User{Email: "aase@example.no", Name: "Åse Berg", Role: accounts.RoleEditor,
			OrganisationIDs: []int64{fs.ID}})
		mustCreateUser(t, db, &accounts.User{Email: "bjorn@example.no", Name: "Bjørn Dahl", Role: accounts.RoleEditor,
			OrganisationIDs: []int64{rk.ID}})
		names := func(us []*accounts.User) []string {
			var s []string
			for _, u := range us {
				s = append(s, u.Name)
			}
			return s
		}
		list, total, err := db.FindUsers(ctx, accounts.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Åse Berg", "Bjørn Dahl", "Kari Nordmann", "Ola Hansen-Berg"}; total != 4 || !slices.Equal(names(list), want) {
			t.Errorf("all: total %d, %v; want %v", total, names(list), want)
		}
		if len(list[1].OrganisationIDs) != 1 || list[1].OrganisationIDs[0] != rk.ID {
			t.Errorf("list without organisations: %+v", list[1])
		}
		list, total, _ = db.FindUsers(ctx, accounts.UserFilter{Role: ptr(accounts.RoleCoordinator)})
		if total != 1 || list[0].ID != coord.ID {
			t.Errorf("coordinators: total %d, %v", total, names(list))
		}
		list, total, _ = db.FindUsers(ctx, accounts.UserFilter{OrganisationID: &fs.ID})
		if want := []string{"Åse Berg", "Ola Hansen-Berg"}; total != 2 || !slices.Equal(names(list), want) {
			t.Errorf("editors of %s: total %d, %v", fs.Name, total, names(list))
		}
		list, total, _ = db.FindUsers(ctx, accounts.UserFilter{Limit: 2, Offset: 2})
		if want := []string{"Kari Nordmann", "Ola Hansen-Berg"}; total != 4 || !slices.Equal(names(list), want) {
			t.Errorf("page 2: total %d, %v", total, names(list))
		}
		list, total, _ = db.FindUsers(ctx, accounts.UserFilter{Limit: 2, Offset: 10})
		if total != 4 || len(list) != 0 {
			t.Errorf("past the end: total %d, %d items", total, len(list))
		}
	})
}

func newTokenFor(t testing.TB, db *sqlite.DB, userID int64, purpose accounts.TokenPurpose, expires time.Time) (string, []byte) {
	t.Helper()
	plain, hash, err := accounts.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateToken(context.Background(), &accounts.Token{Hash: hash, Purpose: purpose, UserID: userID,
		ExpiresAt: expires}); err != nil {
		t.Fatal(err)
	}
	return plain, hash
}

func TestTokens(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	u := mustCreateUser(t, db, &accounts.User{Email: "kari@example.no", Name: "Kari", Role: accounts.RoleCoordinator})
	reset := accounts.PurposePasswordReset

	t.Run("SingleUse", func(t *testing.T) {
		plain, hash := newTokenFor(t, db, u.ID, reset, fixedNow.Add(time.Hour))
		found, err := db.FindToken(ctx, accounts.HashToken(plain), reset)
		if err != nil || found.UserID != u.ID || !found.CreatedAt.Equal(fixedNow) || !found.ExpiresAt.Equal(fixedNow.Add(time.Hour)) ||
			!found.UsedAt.IsZero() {
			t.Fatalf("FindToken: %+v, %v", found, err)
		}
		used := fixedNow.Add(10*time.Minute + 123*time.Millisecond)
		tok, err := db.UseToken(ctx, hash, reset, used)
		if err != nil {
			t.Fatal(err)
		}
		if tok.UserID != u.ID || tok.Purpose != reset || !tok.UsedAt.Equal(used) || !tok.ExpiresAt.Equal(fixedNow.Add(time.Hour)) {
			t.Errorf("used %+v", tok)
		}
		_, err = db.UseToken(ctx, hash, reset, used.Add(time.Second))
		wantError(t, err, broen.EINVALID, accounts.MsgTokenUsed)
		// Used and then expired: it says used.
		_, err = db.UseToken(ctx, hash, reset, fixedNow.Add(2*time.Hour))
		wantError(t, err, broen.EINVALID, accounts.MsgTokenUsed)
		found, err = db.FindToken(ctx, hash, reset)
		if err != nil || !found.UsedAt.Equal(used) {
			t.Errorf("FindToken after use: %+v, %v", found, err)
		}
	})
	t.Run("ErrExpired", func(t *testing.T) {
		_, hash := newTokenFor(t, db, u.ID, reset, fixedNow.Add(time.Hour))
		_, err := db.UseToken(ctx, hash, reset, fixedNow.Add(time.Hour)) // at the expiry instant
		wantError(t, err, broen.EINVALID, accounts.MsgTokenExpired)
		_, err = db.UseToken(ctx, hash, reset, fixedNow.Add(48*time.Hour))
		wantError(t, err, broen.EINVALID, accounts.MsgTokenExpired)
	})
	t.Run("SubSecondExpiry", func(t *testing.T) {
		// 12:00:00.5 sorts before 12:00:00 in RFC3339Nano text; the store
		// must compare times, not such text.
		_, hash := newTokenFor(t, db, u.ID, reset, fixedNow.Add(500*time.Millisecond))
		if _, err := db.UseToken(ctx, hash, reset, fixedNow); err != nil {
			t.Fatalf("half a second before expiry: %v", err)
		}
		_, hash = newTokenFor(t, db, u.ID, reset, fixedNow)
		_, err := db.UseToken(ctx, hash, reset, fixedNow.Add(500*time.Millisecond))
		wantError(t, err, broen.EINVALID, accounts.MsgTokenExpired)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.UseToken(ctx, accounts.HashToken("nonsense"), reset, fixedNow)
		wantError(t, err, broen.ENOTFOUND, accounts.MsgTokenNotFound)
		_, err = db.FindToken(ctx, accounts.HashToken("nonsense"), reset)
		wantError(t, err, broen.ENOTFOUND, accounts.MsgTokenNotFound)
	})
	t.Run("ErrOtherPurposeIsNotFound", func(t *testing.T) {
		_, hash := newTokenFor(t, db, u.ID, accounts.PurposeInvitation, fixedNow.Add(time.Hour))
		_, err := db.UseToken(ctx, hash, reset, fixedNow)
		wantError(t, err, broen.ENOTFOUND, accounts.MsgTokenNotFound)
		_, err = db.FindToken(ctx, hash, reset)
		wantError(t, err, broen.ENOTFOUND, accounts.MsgTokenNotFound)
		if _, err := db.UseToken(ctx, hash, accounts.PurposeInvitation, fixedNow); err != nil {
			t.Errorf("right purpose after a wrong one: %v", err)
		}
	})
	t.Run("ErrUnknownUser", func(t *testing.T) {
		_, hash, _ := accounts.NewToken()
		err := db.CreateToken(ctx, &accounts.Token{Hash: hash, Purpose: reset, UserID: 999, ExpiresAt: fixedNow.Add(time.Hour)})
		wantError(t, err, broen.ENOTFOUND, accounts.MsgUserNotFound)
	})
	t.Run("ErrBadToken", func(t *testing.T) {
		_, hash, _ := accounts.NewToken()
		for name, tok := range map[string]*accounts.Token{
			"ShortHash": {Hash: []byte("plain"), Purpose: reset, UserID: u.ID, ExpiresAt: fixedNow.Add(time.Hour)},
			"Purpose":   {Hash: hash, Purpose: "login", UserID: u.ID, ExpiresAt: fixedNow.Add(time.Hour)},
			"NoExpiry":  {Hash: hash, Purpose: reset, UserID: u.ID},
		} {
			if err := db.CreateToken(ctx, tok); err == nil {
				t.Errorf("%s: stored", name)
			}
		}
	})
	t.Run("DeleteExpired", func(t *testing.T) {
		_, live := newTokenFor(t, db, u.ID, reset, fixedNow.Add(48*time.Hour))
		n, err := db.DeleteExpiredTokens(ctx, fixedNow.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if n != 5 { // every token above but live
			t.Errorf("deleted %d, want 5", n)
		}
		if _, err := db.FindToken(ctx, live, reset); err != nil {
			t.Errorf("live token: %v", err)
		}
	})
}

// TestUseTokenConcurrently: of many simultaneous uses of one link, exactly
// one succeeds and the others are told it was used.
func TestUseTokenConcurrently(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	u := mustCreateUser(t, db, &accounts.User{Email: "kari@example.no", Name: "Kari", Role: accounts.RoleCoordinator})
	_, hash := newTokenFor(t, db, u.ID, accounts.PurposeInvitation, fixedNow.Add(time.Hour))

	const n = 10
	start := make(chan struct{})
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			_, errs[i] = db.UseToken(ctx, hash, accounts.PurposeInvitation, fixedNow)
		})
	}
	close(start)
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch e := broen.AsError(err); {
		case err == nil:
			ok++
		case e == nil || e.MessageID != accounts.MsgTokenUsed:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 {
		t.Errorf("%d of %d uses succeeded, want exactly 1", ok, n)
	}
}

func TestAudit(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	kari := mustCreateUser(t, db, &accounts.User{Email: "kari@example.no", Name: "Kari", Role: accounts.RoleCoordinator})
	ola := mustCreateUser(t, db, &accounts.User{Email: "ola@example.no", Name: "Ola", Role: accounts.RoleCoordinator})
	rec := func(u *accounts.User, action, objType string, objID int64) *accounts.AuditEntry {
		t.Helper()
		e := &accounts.AuditEntry{Action: action, ObjectType: objType, ObjectID: objID, IP: "192.0.2.7", Detail: "name"}
		if u != nil {
			e.UserID, e.UserEmail = u.ID, u.Email
		}
		if err := db.RecordAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
		return e
	}
	first := rec(kari, "organisation.create", "organisation", 1)
	rec(kari, "activity.create", "activity", 1)
	rec(ola, "organisation.update", "organisation", 1)
	rec(nil, "user.login_failed", "", 0)
	rec(ola, "organisation.update", "organisation", 2)
	last := rec(kari, "organisation.update", "organisation", 1)
	if first.ID == 0 || last.ID <= first.ID || !first.At.Equal(fixedNow) {
		t.Fatalf("recorded %+v … %+v", first, last)
	}
	if err := db.RecordAudit(ctx, &accounts.AuditEntry{ObjectType: "x"}); err == nil {
		t.Error("entry without an action was recorded")
	}

	actions := func(es []*accounts.AuditEntry) []string {
		var s []string
		for _, e := range es {
			s = append(s, fmt.Sprintf("%s %d %s", e.Action, e.ObjectID, e.UserEmail))
		}
		return s
	}
	find := func(f accounts.AuditFilter) ([]*accounts.AuditEntry, int) {
		t.Helper()
		es, total, err := db.FindAuditEntries(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		return es, total
	}

	es, total := find(accounts.AuditFilter{})
	if total != 6 || len(es) != 6 || es[0].ID != last.ID || es[5].ID != first.ID {
		t.Errorf("all: total %d, %v", total, actions(es))
	}
	if e := es[0]; e.UserID != kari.ID || e.UserEmail != kari.Email || e.IP != "192.0.2.7" || e.Detail != "name" ||
		!e.At.Equal(fixedNow) || e.ObjectType != "organisation" {
		t.Errorf("newest: %+v", e)
	}
	if e := es[2]; e.UserID != 0 || e.UserEmail != "" || e.ObjectID != 0 || e.ObjectType != "" {
		t.Errorf("anonymous: %+v", e)
	}

	es, total = find(accounts.AuditFilter{ObjectType: ptr("organisation"), ObjectID: ptr(int64(1))})
	want := []string{"organisation.update 1 kari@example.no", "organisation.update 1 ola@example.no", "organisation.create 1 kari@example.no"}
	if total != 3 || !slices.Equal(actions(es), want) {
		t.Errorf("organisation 1: total %d, %v; want %v", total, actions(es), want)
	}
	es, total = find(accounts.AuditFilter{UserID: &ola.ID})
	want = []string{"organisation.update 2 ola@example.no", "organisation.update 1 ola@example.no"}
	if total != 2 || !slices.Equal(actions(es), want) {
		t.Errorf("by Ola: total %d, %v", total, actions(es))
	}
	es, total = find(accounts.AuditFilter{UserID: &kari.ID, ObjectType: ptr("organisation")})
	if total != 2 || len(es) != 2 {
		t.Errorf("Kari on organisations: total %d, %v", total, actions(es))
	}
	es, total = find(accounts.AuditFilter{Limit: 2, Offset: 2})
	if total != 6 || len(es) != 2 || es[0].Action != "user.login_failed" {
		t.Errorf("page 2: total %d, %v", total, actions(es))
	}
	es, total = find(accounts.AuditFilter{ObjectType: ptr("organisation"), Limit: 2, Offset: 40})
	if total != 4 || len(es) != 0 {
		t.Errorf("past the end: total %d, %d items", total, len(es))
	}
}

func TestSessionStore(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	s := db.SessionStore()
	now := time.Now()

	if b, found, err := s.Find("unknown"); found || b != nil || err != nil {
		t.Errorf("unknown token: %q %v %v", b, found, err)
	}
	if err := s.Commit("tok-a", []byte("data a"), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := s.Find("tok-a"); !found || string(b) != "data a" || err != nil {
		t.Errorf("after commit: %q %v %v", b, found, err)
	}
	// Commit replaces data and expiry.
	if err := s.CommitCtx(ctx, "tok-a", []byte("data a2"), now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := s.FindCtx(ctx, "tok-a"); !found || string(b) != "data a2" || err != nil {
		t.Errorf("after second commit: %q %v %v", b, found, err)
	}
	// An expired session is not found.
	if err := s.Commit("tok-b", []byte("data b"), now.Add(-time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, found, err := s.Find("tok-b"); found || err != nil {
		t.Errorf("expired session found: %v %v", found, err)
	}
	// Committing a later expiry revives the token.
	if err := s.Commit("tok-b", []byte("data b"), now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.Find("tok-b"); !found {
		t.Error("renewed session not found")
	}
	if err := s.Delete("tok-b"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := s.Find("tok-b"); found {
		t.Error("deleted session found")
	}
	if err := s.DeleteCtx(ctx, "never-there"); err != nil {
		t.Errorf("deleting an unknown token: %v", err)
	}
	if _, found, _ := s.Find("tok-a"); !found {
		t.Error("delete removed another session")
	}
	// Empty data is kept as empty data.
	if err := s.Commit("tok-c", nil, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if b, found, err := s.Find("tok-c"); !found || len(b) != 0 || err != nil {
		t.Errorf("empty data: %q %v %v", b, found, err)
	}

	if err := s.Commit("tok-old", []byte("old"), now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteExpired(ctx); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, db)
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM sessions`).Scan(&n); err != nil || n != 2 {
		t.Errorf("after DeleteExpired: %d sessions (%v), want tok-a and tok-c", n, err)
	}
}

// rawDB opens a separate connection to db's file, for looking under the
// store: the tests see what is on disk, not what the store says.
func rawDB(t testing.TB, db *sqlite.DB) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db.Path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	return raw
}

// TestNoSecretsInDatabase: after sign-up, an invitation, a password and a
// session, neither the plain session token, nor the plain link token, nor
// the password is anywhere in the database: not in any value of any table,
// and not in the bytes of the file.
func TestNoSecretsInDatabase(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen Frivilligsentral"))
	const password = "Korrekt-Hest-Batteri-Stift-8317"
	u := mustCreateUser(t, db, &accounts.User{Email: "kari@example.no", Name: "Kari", Role: accounts.RoleEditor,
		OrganisationIDs: []int64{org.ID}})

	linkPlain, linkHash, err := accounts.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateToken(ctx, &accounts.Token{Hash: linkHash, Purpose: accounts.PurposeInvitation, UserID: u.ID,
		ExpiresAt: fixedNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	resetPlain, _ := newTokenFor(t, db, u.ID, accounts.PurposePasswordReset, fixedNow.Add(time.Hour))
	if _, err := db.UseToken(ctx, accounts.HashToken(linkPlain), accounts.PurposeInvitation, fixedNow); err != nil {
		t.Fatal(err)
	}
	hash, err := accounts.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateUser(ctx, u.ID, accounts.UserUpdate{PasswordHash: &hash}); err != nil {
		t.Fatal(err)
	}
	sessionToken, _, _ := accounts.NewToken() // scs makes tokens of this form
	store := db.SessionStore()
	if err := store.Commit(sessionToken, []byte("user_id=1"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordAudit(ctx, &accounts.AuditEntry{UserID: u.ID, UserEmail: u.Email, Action: "user.password",
		ObjectType: "user", ObjectID: u.ID}); err != nil {
		t.Fatal(err)
	}

	secrets := map[string]string{"session token": sessionToken, "invitation token": linkPlain,
		"reset token": resetPlain, "password": password}

	// Every value of every table.
	raw := rawDB(t, db)
	tables, err := raw.QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var name string
		if err := tables.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	tables.Close()
	if !slices.Contains(names, "sessions") || !slices.Contains(names, "tokens") || !slices.Contains(names, "users") {
		t.Fatalf("tables %v", names)
	}
	values := 0
	for _, name := range names {
		rows, err := raw.QueryContext(ctx, `SELECT * FROM "`+name+`"`)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for i, v := range vals {
				var b []byte
				switch v := v.(type) {
				case string:
					b = []byte(v)
				case []byte:
					b = v
				default:
					continue
				}
				values++
				for what, secret := range secrets {
					if bytes.Contains(b, []byte(secret)) {
						t.Errorf("the %s is in %s.%s", what, name, cols[i])
					}
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	if values < 20 {
		t.Fatalf("scanned only %d values", values)
	}

	// The bytes of the file, with the write-ahead log folded in.
	var busy, logFrames, checkpointed int
	if err := raw.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		t.Fatal(err)
	}
	if busy != 0 {
		t.Fatalf("checkpoint blocked: %d %d %d", busy, logFrames, checkpointed)
	}
	file, err := os.ReadFile(db.Path)
	if err != nil {
		t.Fatal(err)
	}
	wal, err := os.ReadFile(db.Path + "-wal")
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if len(wal) != 0 {
		t.Errorf("write-ahead log not empty after checkpoint: %d bytes", len(wal))
	}
	// The check would find them if they were there.
	if !bytes.Contains(file, []byte("kari@example.no")) || !bytes.Contains(file, []byte(hash)) {
		t.Fatal("the file does not hold the email address and the password hash: the check is broken")
	}
	for what, secret := range secrets {
		if bytes.Contains(file, []byte(secret)) || bytes.Contains(wal, []byte(secret)) {
			t.Errorf("the %s is in the database file", what)
		}
	}
}
