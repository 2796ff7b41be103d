package sqlite_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"broen"
	"broen/accounts"
	"broen/sqlite"
)

func newAPIToken(t testing.TB, db *sqlite.DB, userID int64, name string, scopes ...accounts.Scope) (string, *accounts.APIToken) {
	t.Helper()
	plain, hash, err := accounts.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	tok := &accounts.APIToken{Name: name, Hash: hash, Scopes: scopes, UserID: userID}
	if err := db.CreateAPIToken(context.Background(), tok); err != nil {
		t.Fatalf("create api token %q: %v", name, err)
	}
	return plain, tok
}

func TestAPITokenCreate(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen Røde Kors"))
	coord := mustCreateUser(t, db, &accounts.User{Email: "kari@drammen.kommune.no", Name: "Kari", Role: accounts.RoleCoordinator})
	editor := mustCreateUser(t, db, &accounts.User{Email: "ola@rodekors.no", Name: "Ola", Role: accounts.RoleEditor,
		OrganisationIDs: []int64{org.ID}})
	disabled := mustCreateUser(t, db, &accounts.User{Email: "per@drammen.kommune.no", Name: "Per", Role: accounts.RoleCoordinator,
		Disabled: true})

	t.Run("Normalized", func(t *testing.T) {
		_, tok := newAPIToken(t, db, coord.ID, "  Kultur-\nkalender  import ", "write_registry", " READ ", "read")
		if tok.ID == 0 || tok.Name != "Kultur- kalender import" || !tok.CreatedAt.Equal(fixedNow) ||
			!slices.Equal(tok.Scopes, []accounts.Scope{accounts.ScopeRead, accounts.ScopeWriteRegistry}) {
			t.Errorf("created %+v", tok)
		}
		list, err := db.FindAPITokens(ctx)
		if err != nil || len(list) != 1 {
			t.Fatalf("list %v, %v", list, err)
		}
		got := list[0]
		if got.ID != tok.ID || got.Name != tok.Name || got.UserID != coord.ID || !slices.Equal(got.Scopes, tok.Scopes) ||
			!got.CreatedAt.Equal(fixedNow) || !got.LastUsedAt.IsZero() || !got.RevokedAt.IsZero() ||
			!slices.Equal(got.Hash, tok.Hash) {
			t.Errorf("stored %+v", got)
		}
	})

	_, hash, _ := accounts.NewToken()
	tests := []struct {
		name         string
		tok          accounts.APIToken
		field, msgID string
	}{
		{"ErrNameRequired", accounts.APIToken{Name: " \t ", Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: coord.ID}, "name", "validation.required"},
		{"ErrNameTooLong", accounts.APIToken{Name: strings.Repeat("å", 101), Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: coord.ID}, "name", "validation.too_long"},
		{"ErrNameControl", accounts.APIToken{Name: "Import\x00", Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: coord.ID}, "name", "validation.text"},
		{"ErrScopesRequired", accounts.APIToken{Name: "Import", UserID: coord.ID}, "scopes", "validation.choose_one"},
		{"ErrScopeUnknown", accounts.APIToken{Name: "Import", Scopes: []accounts.Scope{accounts.ScopeRead, "admin"}, UserID: coord.ID}, "scopes", "validation.choice"},
		{"ErrUserEditor", accounts.APIToken{Name: "Import", Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: editor.ID}, "user_id", "validation.choice"},
		{"ErrUserDisabled", accounts.APIToken{Name: "Import", Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: disabled.ID}, "user_id", "validation.choice"},
		{"ErrUserUnknown", accounts.APIToken{Name: "Import", Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: 9999}, "user_id", "validation.choice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := tt.tok
			tok.Hash = hash
			err := db.CreateAPIToken(ctx, &tok)
			wantFieldError(t, err, broen.EINVALID, tt.field, tt.msgID)
			if tok.ID != 0 {
				t.Errorf("ID %d after a failed create", tok.ID)
			}
		})
	}
	t.Run("NameOfMaxLength", func(t *testing.T) {
		newAPIToken(t, db, coord.ID, strings.Repeat("å", sqlite.MaxAPITokenNameLen), accounts.ScopeRead)
	})
	t.Run("ErrHashNotSHA256", func(t *testing.T) {
		err := db.CreateAPIToken(ctx, &accounts.APIToken{Name: "Import", Hash: []byte("short"),
			Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: coord.ID})
		if err == nil {
			t.Fatal("stored a token whose hash is not 32 bytes")
		}
	})
	t.Run("ErrHashTaken", func(t *testing.T) {
		_, tok := newAPIToken(t, db, coord.ID, "Første", accounts.ScopeRead)
		err := db.CreateAPIToken(ctx, &accounts.APIToken{Name: "Andre", Hash: tok.Hash,
			Scopes: []accounts.Scope{accounts.ScopeRead}, UserID: coord.ID})
		if err == nil {
			t.Fatal("two tokens with one hash")
		}
	})
}

func TestAPITokenUse(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	coord := mustCreateUser(t, db, &accounts.User{Email: "kari@drammen.kommune.no", Name: "Kari", Role: accounts.RoleCoordinator})
	plain, tok := newAPIToken(t, db, coord.ID, "Kulturkalender", accounts.ScopeWriteRegistry)
	stored := func() *accounts.APIToken {
		t.Helper()
		list, err := db.FindAPITokens(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range list {
			if x.ID == tok.ID {
				return x
			}
		}
		t.Fatalf("token %d not listed", tok.ID)
		return nil
	}
	t0 := fixedNow.Add(time.Hour)

	t.Run("Found", func(t *testing.T) {
		got, err := db.FindAPITokenByHash(ctx, accounts.HashToken(plain), t0)
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != tok.ID || got.UserID != coord.ID || !got.Has(accounts.ScopeWriteRegistry) || got.Has(accounts.ScopeRead) ||
			!got.LastUsedAt.Equal(t0) {
			t.Errorf("found %+v", got)
		}
		if !stored().LastUsedAt.Equal(t0) {
			t.Errorf("last use not stored: %v", stored().LastUsedAt)
		}
	})
	t.Run("LastUsedAtMostOnceAMinute", func(t *testing.T) {
		if _, err := db.FindAPITokenByHash(ctx, accounts.HashToken(plain), t0.Add(59*time.Second)); err != nil {
			t.Fatal(err)
		}
		if got := stored().LastUsedAt; !got.Equal(t0) {
			t.Errorf("written again within a minute: %v", got)
		}
		later := t0.Add(time.Minute)
		if _, err := db.FindAPITokenByHash(ctx, accounts.HashToken(plain), later); err != nil {
			t.Fatal(err)
		}
		if got := stored().LastUsedAt; !got.Equal(later) {
			t.Errorf("last use %v, want %v", got, later)
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		other, _, _ := accounts.NewToken()
		for _, h := range [][]byte{accounts.HashToken(other), nil, []byte("short")} {
			_, err := db.FindAPITokenByHash(ctx, h, t0)
			wantError(t, err, broen.EUNAUTHORIZED, "api.token.invalid")
		}
	})
	t.Run("Revoked", func(t *testing.T) {
		revokedAt := t0.Add(2 * time.Hour)
		if err := db.RevokeAPIToken(ctx, tok.ID, revokedAt); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindAPITokenByHash(ctx, accounts.HashToken(plain), revokedAt.Add(time.Second))
		wantError(t, err, broen.EUNAUTHORIZED, "api.token.invalid")
		// Revoking again keeps the first time.
		if err := db.RevokeAPIToken(ctx, tok.ID, revokedAt.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := stored().RevokedAt; !got.Equal(revokedAt) {
			t.Errorf("revoked at %v, want %v", got, revokedAt)
		}
	})
	t.Run("ErrRevokeUnknown", func(t *testing.T) {
		err := db.RevokeAPIToken(ctx, 9999, t0)
		wantError(t, err, broen.ENOTFOUND, "error.not_found")
	})
}

func TestAPITokensNewestFirst(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	coord := mustCreateUser(t, db, &accounts.User{Email: "kari@drammen.kommune.no", Name: "Kari", Role: accounts.RoleCoordinator})
	for i, name := range []string{"Eldst", "Midt", "Nyest"} {
		_, hash, _ := accounts.NewToken()
		if err := db.CreateAPIToken(ctx, &accounts.APIToken{Name: name, Hash: hash, Scopes: []accounts.Scope{accounts.ScopeRead},
			UserID: coord.ID, CreatedAt: fixedNow.Add(time.Duration(i) * time.Minute)}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.FindAPITokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range list {
		names = append(names, x.Name)
	}
	if !slices.Equal(names, []string{"Nyest", "Midt", "Eldst"}) {
		t.Errorf("order %v", names)
	}
}

// TestAPITokenNotStored: only the hash of an API token reaches the database.
func TestAPITokenNotStored(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	coord := mustCreateUser(t, db, &accounts.User{Email: "kari@drammen.kommune.no", Name: "Kari", Role: accounts.RoleCoordinator})
	plain, _ := newAPIToken(t, db, coord.ID, "Kulturkalender", accounts.ScopeRead)
	if _, err := db.FindAPITokenByHash(ctx, accounts.HashToken(plain), fixedNow); err != nil {
		t.Fatal(err)
	}
	rows, err := rawDB(t, db).QueryContext(ctx, `SELECT name, hash, scopes FROM api_tokens`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, scopes string
		var hash []byte
		if err := rows.Scan(&name, &hash, &scopes); err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{name, string(hash), scopes} {
			if strings.Contains(v, plain) {
				t.Errorf("plain token stored")
			}
		}
		if !slices.Equal(hash, accounts.HashToken(plain)) {
			t.Errorf("stored hash is not the SHA-256 of the token")
		}
	}
}
