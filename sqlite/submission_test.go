package sqlite_test

import (
	"context"
	"testing"

	"broen"
	"broen/registry"
)

func TestModerationNewActivity(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Drammen Røde Kors"))
	a := newActivity(org.ID, "Leksehjelp")
	sub, err := db.SubmitActivity(ctx, a, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !sub.IsNew() || a.Status != registry.StatusPending {
		t.Fatalf("submission %+v, status %s", sub, a.Status)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("leksehjelp")}); n != 0 {
		t.Fatal("pending listing is public")
	}
	// The editor fixes a typo before the coordinator looks: applied at once,
	// still one pending submission.
	a.Title = registry.Text{"nb": "Leksehjelp for ungdom"}
	if _, err := db.SubmitActivity(ctx, a, 0); err != nil {
		t.Fatal(err)
	}
	pending := registry.SubmissionPending
	queue, total, err := db.FindSubmissions(ctx, registry.SubmissionFilter{Status: &pending})
	if err != nil || total != 1 || queue[0].Activity.Title["nb"] != "Leksehjelp for ungdom" {
		t.Fatalf("queue: %v, %d, %+v", err, total, queue)
	}
	changes, err := queue[0].Changes()
	if err != nil || len(changes) == 0 {
		t.Fatalf("changes of a new listing: %v %v", changes, err)
	}
	decided, err := db.DecideSubmission(ctx, queue[0].ID, true, "", 0)
	if err != nil || decided.Status != registry.SubmissionApproved {
		t.Fatalf("approve: %v %+v", err, decided)
	}
	if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("leksehjelp")}); n != 1 {
		t.Error("approved listing is not public")
	}
	t.Run("ErrAlreadyDecided", func(t *testing.T) {
		_, err := db.DecideSubmission(ctx, queue[0].ID, false, "for sent", 0)
		if broen.ErrorCode(err) != broen.ECONFLICT {
			t.Errorf("second decision: %v", err)
		}
	})
}

func TestModerationChangeToPublicActivity(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	org := mustCreateOrg(t, db, newOrg("Konnerud IL"))
	a := mustCreate(t, db, newActivity(org.ID, "Fotballtrening"))
	edit := *a
	edit.Title = registry.Text{"nb": "Fotballtrening for jenter"}
	edit.Schedules = []registry.Schedule{weekly("WE", "17:00")}
	sub, err := db.SubmitActivity(ctx, &edit, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The public still sees the approved version.
	got, _ := db.FindActivityByID(ctx, a.ID)
	if got.Title["nb"] != "Fotballtrening" || !got.Public {
		t.Fatalf("public version changed before approval: %v", got.Title)
	}
	changes, err := sub.Changes()
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]registry.Change{}
	for _, c := range changes {
		fields[c.Field] = c
	}
	if c := fields["title.nb"]; c.Old != "Fotballtrening" || c.New != "Fotballtrening for jenter" {
		t.Errorf("title change %+v (all: %+v)", c, changes)
	}
	if c := fields["schedules.0.rrule"]; c.Old != "FREQ=WEEKLY;BYDAY=TU" || c.New != "FREQ=WEEKLY;BYDAY=WE" {
		t.Errorf("schedule change %+v", c)
	}
	// Exactly what the editor changed; ids and the confirmation date are
	// bookkeeping.
	if len(changes) != 3 || fields["schedules.0.start_time"].New != "17:00" {
		t.Errorf("changes: %+v", changes)
	}
	t.Run("Returned", func(t *testing.T) {
		_, err := db.DecideSubmission(ctx, sub.ID, false, "", 0)
		if e := broen.AsError(err); e == nil || e.Fields["reason"] == "" {
			t.Fatalf("return without reason: %v", err)
		}
		s, err := db.DecideSubmission(ctx, sub.ID, false, "Skriv hvilken bane dere trener på.", 0)
		if err != nil || s.Status != registry.SubmissionReturned {
			t.Fatalf("return: %v", err)
		}
		got, _ := db.FindActivityByID(ctx, a.ID)
		if got.Title["nb"] != "Fotballtrening" {
			t.Error("returned change was applied")
		}
	})
	t.Run("ResubmittedAndApproved", func(t *testing.T) {
		edit.Location.Name = "Konnerud kunstgress"
		sub2, err := db.SubmitActivity(ctx, &edit, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.DecideSubmission(ctx, sub2.ID, true, "", 0); err != nil {
			t.Fatal(err)
		}
		got, _ := db.FindActivityByID(ctx, a.ID)
		if got.Title["nb"] != "Fotballtrening for jenter" || got.Schedules[0].RRule != "FREQ=WEEKLY;BYDAY=WE" || !got.Public {
			t.Errorf("after approval: %+v", got)
		}
		if n, _ := search(t, db, registry.ActivityFilter{Query: ptr("jenter")}); n != 1 {
			t.Error("approved change not in the search")
		}
	})
	t.Run("NewerChangeReplacesPending", func(t *testing.T) {
		e1, e2 := edit, edit
		e1.Capacity, e2.Capacity = 10, 12
		s1, _ := db.SubmitActivity(ctx, &e1, 0)
		if _, err := db.SubmitActivity(ctx, &e2, 0); err != nil {
			t.Fatal(err)
		}
		old, _ := db.FindSubmissionByID(ctx, s1.ID)
		if old.Status != registry.SubmissionReplaced {
			t.Errorf("older pending change is %s", old.Status)
		}
		if _, err := db.DecideSubmission(ctx, s1.ID, true, "", 0); broen.ErrorCode(err) != broen.ECONFLICT {
			t.Errorf("approving a replaced submission: %v", err)
		}
	})
	t.Run("ErrInvalidChangeNotQueued", func(t *testing.T) {
		bad := edit
		bad.Title = registry.Text{}
		if _, err := db.SubmitActivity(ctx, &bad, 0); broen.ErrorCode(err) != broen.EINVALID {
			t.Errorf("invalid change: %v", err)
		}
	})
}

func TestModerationNewOrganisation(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	o := newOrg("Somalisk kvinneforening")
	sub, err := db.SubmitOrganisation(ctx, o, 0)
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != registry.StatusPending {
		t.Fatalf("status %s", o.Status)
	}
	if _, total, _ := db.FindOrganisations(ctx, registry.OrganisationFilter{}); total != 0 {
		t.Fatal("pending organisation listed")
	}
	if _, err := db.DecideSubmission(ctx, sub.ID, true, "", 0); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := db.FindOrganisations(ctx, registry.OrganisationFilter{}); total != 1 {
		t.Error("approved organisation not listed")
	}
}
