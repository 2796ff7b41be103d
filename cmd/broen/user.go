package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"broen"
	"broen/accounts"
	"broen/demo"
	"broen/mentoring"
	"broen/registry"
	"broen/sqlite"
)

const userUsage = `Usage: broen user add --email ADDRESS [--role coordinator|editor] [--name NAME]
                      [--org ID] [--locale nb|nn|da|sv|en] [-db FILE]

Creates a user. The password is asked for twice at the terminal, or read
from the first line of standard input when that is not a terminal:

  broen user add --role coordinator --email kari@drammen.kommune.no
  printf '%s\n' "$PASSWORD" | broen user add --email kari@example.no
`

// userCmd runs "broen user add".
func userCmd(ctx context.Context, db *sqlite.DB, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		_, _ = io.WriteString(stderr, userUsage)
		return errors.New(`the user command needs "add"`)
	}
	fs := flag.NewFlagSet("broen user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("email", "", "the person's email address (their sign-in)")
	name := fs.String("name", "", "the person's name (default: the part of the address before @)")
	role := fs.String("role", string(accounts.RoleCoordinator), "coordinator or editor")
	org := fs.String("org", "", "comma-separated organisation IDs an editor may edit")
	locale := fs.String("locale", "nb", "language of their emails: nb, nn, da, sv or en")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	u := &accounts.User{Email: *email, Name: *name, Role: accounts.Role(*role), Locale: *locale}
	if u.Name == "" {
		u.Name, _, _ = strings.Cut(*email, "@")
	}
	for _, s := range strings.Split(*org, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("--org: %q is not an organisation ID", s)
		}
		u.OrganisationIDs = append(u.OrganisationIDs, id)
	}
	password, err := readPassword(stdin, stderr)
	if err != nil {
		return err
	}
	if err := accounts.ValidatePassword(password, u.Email); err != nil {
		return describe(err)
	}
	if u.PasswordHash, err = accounts.HashPassword(password); err != nil {
		return err
	}
	if err := db.CreateUser(ctx, u); err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "user %d created: %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}

// readPassword asks twice at a terminal, or reads one line from a pipe.
func readPassword(stdin io.Reader, stderr io.Writer) (string, error) {
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(stderr, "Again: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the two passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// describe turns a validation error into a line a person at a terminal can
// act on (field names and message IDs; the catalogs hold the sentences).
func describe(err error) error {
	e := broen.AsError(err)
	if e == nil || len(e.Fields) == 0 {
		return err
	}
	var parts []string
	for f, id := range e.Fields {
		parts = append(parts, f+": "+id)
	}
	return fmt.Errorf("%s (%s)", e.Code, strings.Join(parts, ", "))
}

// demoAccounts creates the demo coordinator and an editor of the first demo
// organisation with random passwords, and prints the one-time logins. Only
// called right after the demo data was loaded into an empty database.
func demoAccounts(ctx context.Context, db *sqlite.DB, stdout io.Writer) error {
	orgs, _, err := db.FindOrganisations(ctx, registry.OrganisationFilter{Limit: 1})
	if err != nil {
		return err
	}
	if len(orgs) == 0 {
		return errors.New("demo accounts: no organisations")
	}
	// The demo volunteer sign-in belongs to the demo volunteer who has an
	// active pairing and a proposal waiting for their answer.
	email := demo.LoginVolunteerEmail
	vols, _, err := db.FindVolunteers(ctx, mentoring.VolunteerFilter{Query: &email, Limit: 1})
	if err != nil {
		return err
	}
	if len(vols) == 0 {
		return fmt.Errorf("demo accounts: no volunteer %s", email)
	}
	volunteer := vols[0]
	logins := []*accounts.User{
		{Email: "koordinator@demo.broen.example", Name: "Demo Koordinator", Role: accounts.RoleCoordinator, Locale: "nb"},
		{Email: "redaktor@demo.broen.example", Name: "Demo Redaktør", Role: accounts.RoleEditor, Locale: "nb",
			OrganisationIDs: []int64{orgs[0].ID}},
		{Email: "frivillig@demo.broen.example", Name: volunteer.Name, Role: accounts.RoleVolunteer, Locale: volunteer.Locale},
	}
	fmt.Fprintln(stdout, "\nDemo sign-ins (demo data only; shown once, change them or remove the users before real use):")
	for _, u := range logins {
		pw := rand.Text()
		u.PasswordHash, err = accounts.HashPassword(pw)
		if err != nil {
			return err
		}
		if err := db.CreateUser(ctx, u); err != nil {
			return err
		}
		what := "coordinator"
		switch u.Role {
		case accounts.RoleEditor:
			what = "editor of " + orgs[0].Name
		case accounts.RoleVolunteer:
			if _, err := db.UpdateVolunteer(ctx, volunteer.ID, mentoring.VolunteerUpdate{UserID: &u.ID}); err != nil {
				return err
			}
			what = "volunteer " + volunteer.Name
		}
		fmt.Fprintf(stdout, "  %-32s password %s   (%s)\n", u.Email, pw, what)
	}
	fmt.Fprintln(stdout)
	return nil
}
