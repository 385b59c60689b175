/* test-absence.c — absences of participants and staff and one-off changes
 * (extra dagdelen, cancellations, swaps, for participants and staff)
 * entered in the window (dag-store-absence), frozen weeks, and the dated
 * staffing a Staff view tick writes (dag-store-staffing): each change is
 * one transaction with an audit entry, and bad input leaves the database
 * as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-schedule.h"
#include "dag-test-db.h"
#include "dag-store.h"
#include "dag-store-absence.h"
#include "dag-store-staffing.h"

typedef struct {
  char     *dir;
  char     *path;
  DagStore *store;
  DagOrg   *org;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDemoOptions options;
  g_autoptr(DagOrg) demo = NULL;

  f->dir = g_dir_make_tmp ("dagritme-absence-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dag_store_open (dag_test_db (f->path), &error);
  g_assert_no_error (error);
  dag_demo_options_init (&options);
  options.participants = 60;
  options.month = dag_date_from_ymd (2026, 10, 1);
  demo = dag_demo_generate (&options);
  g_assert_true (dag_store_save (f->store, demo, DAG_SECTION_ALL, "test", &error));
  g_assert_no_error (error);
  /* What the window holds: the organisation as loaded. */
  f->org = dag_store_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->org, dag_org_free);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The file and the snapshot hold the same absences, in the same order. */
static void
assert_absences_stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) back = dag_store_load (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (back->absences->len, ==, f->org->absences->len);
  g_assert_cmpuint (back->staff_absences->len, ==, f->org->staff_absences->len);
  for (guint i = 0; i < back->absences->len; i++)
    {
      const DagAbsence *a = DAG_AT (back->absences, DagAbsence, i);
      const DagAbsence *b = DAG_AT (f->org->absences, DagAbsence, i);

      g_assert_cmpint (a->participant, ==, b->participant);
      g_assert_cmpuint (a->from, ==, b->from);
      g_assert_cmpuint (a->to, ==, b->to);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
  for (guint i = 0; i < back->staff_absences->len; i++)
    {
      const DagStaffAbsence *a = DAG_AT (back->staff_absences, DagStaffAbsence, i);
      const DagStaffAbsence *b = DAG_AT (f->org->staff_absences, DagStaffAbsence, i);

      g_assert_cmpint (a->staff, ==, b->staff);
      g_assert_cmpuint (a->from, ==, b->from);
      g_assert_cmpuint (a->to, ==, b->to);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
}

static void
test_staff_absence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDate from = dag_date_from_ymd (2026, 11, 3), to = dag_date_from_ymd (2026, 11, 6);
  guint n = f->org->staff_absences->len;
  gint64 audit = dag_store_count_audit (f->store, NULL);
  g_autoptr(DagSchedule) schedule = NULL;

  g_assert_true (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 0, from, to, "  ziek ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->staff_absences->len, ==, n + 1);
  g_assert_cmpstr (DAG_AT (f->org->staff_absences, DagStaffAbsence, n)->reason, ==, "ziek");
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 1);
  assert_absences_stored (f);

  /* The schedule sees it: absent on those dates only. */
  schedule = dag_schedule_new (f->org);
  g_assert_true (dag_schedule_staff_is_absent (schedule, 0, from));
  g_assert_true (dag_schedule_staff_is_absent (schedule, 0, to));
  g_assert_false (dag_schedule_staff_is_absent (schedule, 0, to + 1));
  g_clear_pointer (&schedule, dag_schedule_free);

  /* Ended early: back on Thursday. */
  g_assert_true (dag_store_end_absence (f->store, f->org, DAG_ABSENCE_STAFF, n, from + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (DAG_AT (f->org->staff_absences, DagStaffAbsence, n)->to, ==, from + 1);
  assert_absences_stored (f);

  g_assert_true (dag_store_delete_absence (f->store, f->org, DAG_ABSENCE_STAFF, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->staff_absences->len, ==, n);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 3);
  assert_absences_stored (f);
}

static void
test_participant_absence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDate from = dag_date_from_ymd (2026, 12, 1), to = dag_date_from_ymd (2026, 12, 31);
  guint n = f->org->absences->len;
  g_autoptr(DagSchedule) schedule = NULL;

  g_assert_true (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, 3, from, to, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->absences->len, ==, n + 1);
  g_assert_null (DAG_AT (f->org->absences, DagAbsence, n)->reason);
  schedule = dag_schedule_new (f->org);
  g_assert_true (dag_schedule_is_absent (schedule, 3, from + 10));
  g_clear_pointer (&schedule, dag_schedule_free);
  g_assert_true (dag_store_end_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, n, from + 4, &error));
  assert_absences_stored (f);
  g_assert_true (dag_store_delete_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->absences->len, ==, n);
  assert_absences_stored (f);
}

/* Every refused change says why and leaves the file, the audit and the
 * snapshot as they were. */
static void
test_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDate from = dag_date_from_ymd (2026, 11, 9), to = dag_date_from_ymd (2026, 11, 13);
  gint64 audit;
  guint n;

  g_assert_true (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 1, from, to, "verlof", &error));
  audit = dag_store_count_audit (f->store, NULL);
  n = f->org->staff_absences->len;

  /* Ends before it starts. */
  g_assert_false (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 1, to + 10, to + 5, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "before it starts"));
  g_clear_error (&error);
  /* No dates. */
  g_assert_false (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 1, DAG_DATE_NONE, to, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 1, from, DAG_DATE_NONE, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Overlapping the one there is: says which. */
  g_assert_false (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 1, to, to + 3, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "2026-11-09"));
  g_clear_error (&error);
  /* Nobody. */
  g_assert_false (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_STAFF, 100000, from, to, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Ending before the start, or an absence that is not there. */
  g_assert_false (dag_store_end_absence (f->store, f->org, DAG_ABSENCE_STAFF, n - 1, from - 1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (dag_store_end_absence (f->store, f->org, DAG_ABSENCE_STAFF, n, to, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dag_store_delete_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT,
                                            f->org->absences->len, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (f->org->staff_absences->len, ==, n);
  g_assert_cmpuint (DAG_AT (f->org->staff_absences, DagStaffAbsence, n - 1)->to, ==, to);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);
  assert_absences_stored (f);
}

/* A participant planned somewhere, and a group of the same location that
 * meets on a weekday slot where they are not planned. */
static gboolean
find_extra (const DagOrg *org, int *participant, int *group, int *slot)
{
  for (guint e = 0; e < org->plan->len; e++)
    {
      const DagPlanEntry *pe = DAG_AT (org->plan, DagPlanEntry, e);

      for (int s = 0; s < DAG_SLOT (5, 0); s++)
        {
          gboolean busy = FALSE;

          if (DAG_SLOT_PART (s) == DAG_PART_EV)
            continue;
          for (guint k = 0; k < org->plan->len; k++)
            {
              const DagPlanEntry *o = DAG_AT (org->plan, DagPlanEntry, k);
              busy |= o->participant == pe->participant && o->slot == s;
            }
          if (!busy && DAG_AT (org->groups, DagGroup, pe->group)->slots & DAG_SLOT_BIT (s))
            {
              *participant = pe->participant;
              *group = pe->group;
              *slot = s;
              return TRUE;
            }
        }
    }
  return FALSE;
}

typedef struct {
  int participant;
  int found_extra;
} ExtraData;

static gboolean
extra_session (const DagSession *session, gpointer user_data)
{
  ExtraData *d = user_data;

  if (session->participant == d->participant && session->plan_entry == -1 && session->one_off >= 0 &&
      session->state == DAG_SESSION_ON)
    d->found_extra++;
  return TRUE;
}

static void
test_extra_session (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagSchedule) schedule = NULL;
  g_autoptr(DagOrg) back = NULL;
  int participant = -1, group = -1, slot = -1;
  /* Monday 16 November 2026: no holiday. */
  DagDate monday = dag_date_from_ymd (2026, 11, 16), date;
  ExtraData d = { 0 };
  gint64 audit;

  g_assert_true (find_extra (f->org, &participant, &group, &slot));
  date = monday + DAG_SLOT_DAY (slot);
  g_assert_true (dag_store_add_extra_session (f->store, f->org, participant, group, date,
                                              DAG_SLOT_PART (slot), "inhaaldag", &error));
  g_assert_no_error (error);
  audit = dag_store_count_audit (f->store, NULL);
  schedule = dag_schedule_new (f->org);
  d.participant = participant;
  dag_schedule_foreach (schedule, date, date, extra_session, &d);
  g_assert_cmpint (d.found_extra, ==, 1);
  /* Only on that date. */
  d.found_extra = 0;
  dag_schedule_foreach (schedule, date + 7, date + 7, extra_session, &d);
  g_assert_cmpint (d.found_extra, ==, 0);
  g_clear_pointer (&schedule, dag_schedule_free);

  /* Twice is refused: they are planned then now. */
  g_assert_false (dag_store_add_extra_session (f->store, f->org, participant, group, date,
                                               DAG_SLOT_PART (slot), NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* A Sunday. */
  g_assert_false (dag_store_add_extra_session (f->store, f->org, participant, group, monday + 6,
                                               DAG_PART_AM, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);

  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->one_offs->len, ==, f->org->one_offs->len);
  g_clear_pointer (&back, dag_org_free);

  {
    gboolean ok_ = dag_store_delete_one_off (f->store, f->org, f->org->one_offs->len - 1, &error);
    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  back = dag_store_load (f->store, &error);
  g_assert_cmpuint (back->one_offs->len, ==, f->org->one_offs->len);
}

/* A Staff view tick: from the shown week on, the weeks before unchanged;
 * refused in a frozen week; undone by writing the old entries back. */
static void
test_staffing_from_week (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(DagOrg) back = NULL;
  const DagStaffing *s0 = DAG_AT (f->org->staffing, DagStaffing, 0);
  int staff = s0->staff, group = s0->group, slot = s0->slot;
  DagDate today = dag_date_from_ymd (2026, 11, 11);
  DagDate monday = dag_date_from_ymd (2026, 11, 16);
  g_autoptr(DagOrg) week_before = NULL;
  g_autoptr(DagOrg) week_after = NULL;
  gint64 audit = dag_store_count_audit (f->store, NULL);

  /* A past week is refused and says why. */
  g_assert_false (dag_store_staff_in_week (f->store, f->org, staff, group, slot, FALSE,
                                           dag_date_from_ymd (2026, 10, 5), today, NULL, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);

  g_assert_true (dag_store_staff_in_week (f->store, f->org, staff, group, slot, FALSE, monday, today,
                                          &before, &after, &error));
  g_assert_no_error (error);
  week_before = dag_org_for_week (f->org, monday - 7);
  week_after = dag_org_for_week (f->org, monday);
  {
    gboolean in_before = FALSE, in_after = FALSE;

    for (guint i = 0; i < week_before->staffing->len; i++)
      {
        const DagStaffing *s = DAG_AT (week_before->staffing, DagStaffing, i);
        in_before |= s->staff == staff && s->group == group && s->slot == slot;
      }
    for (guint i = 0; i < week_after->staffing->len; i++)
      {
        const DagStaffing *s = DAG_AT (week_after->staffing, DagStaffing, i);
        in_after |= s->staff == staff && s->group == group && s->slot == slot;
      }
    g_assert_true (in_before);
    g_assert_false (in_after);
  }
  /* Taking off twice: not there any more that week. */
  g_assert_false (dag_store_staff_in_week (f->store, f->org, staff, group, slot, FALSE, monday, today,
                                           NULL, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The file holds what the snapshot holds. */
  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->staffing->len, ==, f->org->staffing->len);
  g_clear_pointer (&back, dag_org_free);

  /* Undo: the old entries back, the file as it was. */
  g_assert_true (dag_store_set_staff_staffing (f->store, f->org, staff, before, "undo", &error));
  g_assert_no_error (error);
  back = dag_store_load (f->store, &error);
  g_assert_no_error (error);
  {
    guint n = 0;

    for (guint i = 0; i < back->staffing->len; i++)
      {
        const DagStaffing *s = DAG_AT (back->staffing, DagStaffing, i);
        if (s->staff == staff)
          {
            const DagStaffing *b = DAG_AT (before, DagStaffing, n);
            g_assert_cmpint (s->group, ==, b->group);
            g_assert_cmpint (s->slot, ==, b->slot);
            g_assert_cmpuint (s->from, ==, b->from);
            g_assert_cmpuint (s->until, ==, b->until);
            n++;
          }
      }
    g_assert_cmpuint (n, ==, before->len);
  }
}

/* ---- one-off cancellations, swaps and staff changes --------------------- */

/* A standing session that takes place in the week of Monday 16 November
 * 2026 (no holiday, after the demo month's attendance). */
typedef struct {
  gboolean   found;
  DagSession session;
} FirstOn;

static gboolean
first_on (const DagSession *session, gpointer user_data)
{
  FirstOn *d = user_data;

  if (session->state != DAG_SESSION_ON || session->plan_entry < 0)
    return TRUE;
  d->found = TRUE;
  d->session = *session;
  return FALSE;
}

static DagSession
planned_session (Fixture *f)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (f->org);
  DagDate monday = dag_date_from_ymd (2026, 11, 16);
  FirstOn d = { FALSE };

  dag_schedule_foreach (schedule, monday, monday + 4, first_on, &d);
  g_assert_true (d.found);
  return d.session;
}

static DagSessionState
state_on (Fixture *f, int participant, DagDate date, int part, int *group)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (f->org);
  DagSession s;

  if (!dag_schedule_session_at (schedule, participant, DAG_SLOT (dag_date_weekday (date), part), date, &s))
    return (DagSessionState) -1;
  if (group != NULL)
    *group = s.group;
  return s.state;
}

/* The detail of the newest audit entry, read from the file. */
static char *
last_audit_detail (Fixture *f)
{
  return dag_test_db_query (dag_test_db (f->path), "SELECT detail FROM audit ORDER BY rowid DESC LIMIT 1");
}

static void
assert_one_offs_stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagOrg) back = dag_store_load (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (back->one_offs->len, ==, f->org->one_offs->len);
  for (guint i = 0; i < back->one_offs->len; i++)
    {
      const DagOneOff *a = DAG_AT (back->one_offs, DagOneOff, i);
      const DagOneOff *b = DAG_AT (f->org->one_offs, DagOneOff, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->participant, ==, b->participant);
      g_assert_cmpint (a->staff, ==, b->staff);
      g_assert_cmpuint (a->date, ==, b->date);
      g_assert_cmpint (a->part, ==, b->part);
      g_assert_cmpint (a->group, ==, b->group);
      g_assert_cmpstr (a->reason, ==, b->reason);
    }
}

/* A cancellation of one date: that date only, one transaction, an audit
 * entry without the reason; refused twice, where nothing is planned and
 * for an extra dagdeel; deleting it (undo) brings the session back. */
static void
test_cancel_session (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  DagSession s = planned_session (f);
  guint n = f->org->one_offs->len;
  gint64 audit = dag_store_count_audit (f->store, NULL);
  int group = -1;

  g_assert_true (dag_store_cancel_session (f->store, f->org, s.participant, s.date, s.part, " tandarts ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n + 1);
  g_assert_cmpint (DAG_AT (f->org->one_offs, DagOneOff, n)->kind, ==, DAG_ONE_OFF_CANCEL);
  g_assert_cmpint (DAG_AT (f->org->one_offs, DagOneOff, n)->group, ==, s.group);
  g_assert_cmpstr (DAG_AT (f->org->one_offs, DagOneOff, n)->reason, ==, "tandarts");
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 1);
  detail = last_audit_detail (f);
  g_assert_nonnull (strstr (detail, "cancel participant="));
  g_assert_null (strstr (detail, "tandarts"));
  assert_one_offs_stored (f);

  /* That date only. */
  g_assert_cmpint (state_on (f, s.participant, s.date, s.part, NULL), ==, DAG_SESSION_CANCELLED);
  g_assert_cmpint (state_on (f, s.participant, s.date + 7, s.part, &group), ==, DAG_SESSION_ON);
  g_assert_cmpint (group, ==, s.group);

  /* Refused: twice, a Sunday, a dagdeel with nothing planned; nothing
   * changes. */
  audit = dag_store_count_audit (f->store, NULL);
  g_assert_false (dag_store_cancel_session (f->store, f->org, s.participant, s.date, s.part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already cancelled"));
  g_clear_error (&error);
  g_assert_false (dag_store_cancel_session (f->store, f->org, s.participant, s.date - dag_date_weekday (s.date) + 6,
                                            DAG_PART_AM, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (dag_store_cancel_session (f->store, f->org, s.participant, s.date, DAG_PART_EV, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "no dagdeel planned"));
  g_clear_error (&error);
  g_assert_false (dag_store_cancel_session (f->store, f->org, 100000, s.date, s.part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n + 1);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);
  assert_one_offs_stored (f);

  /* Undo: the change deleted, the session back. */
  g_assert_true (dag_store_delete_one_off (f->store, f->org, n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_on (f, s.participant, s.date, s.part, NULL), ==, DAG_SESSION_ON);
  assert_one_offs_stored (f);
}

/* Another day of the same week, or another group the same dagdeel, that
 * the swap checks accept. */
static gboolean
find_swap_target (Fixture *f, const DagSession *s, int *group, DagDate *date, int *part)
{
  DagDate monday = s->date - dag_date_weekday (s->date);

  for (int day = 0; day < 5; day++)
    for (int p = DAG_PART_AM; p <= DAG_PART_PM; p++)
      for (guint g = 0; g < f->org->groups->len; g++)
        if (dag_store_check_swap (f->org, s->participant, s->date, s->part, (int) g, monday + day, p, NULL))
          {
            *group = (int) g;
            *date = monday + day;
            *part = p;
            return TRUE;
          }
  return FALSE;
}

/* A swap: the cancellation and the addition in one transaction, on those
 * dates only; deleting both (undo) in one transaction restores the plan. */
static void
test_swap_session (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagSession s = planned_session (f);
  guint n = f->org->one_offs->len;
  int to_group = -1, to_part = -1, group = -1;
  DagDate to_date = DAG_DATE_NONE;
  gint64 audit;
  guint both[2];

  g_assert_true (find_swap_target (f, &s, &to_group, &to_date, &to_part));
  /* The same place is no swap. */
  g_assert_false (dag_store_check_swap (f->org, s.participant, s.date, s.part, s.group, s.date, s.part, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (dag_store_swap_session (f->store, f->org, s.participant, s.date, s.part, s.group, s.date,
                                          s.part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n);

  audit = dag_store_count_audit (f->store, NULL);
  g_assert_true (dag_store_swap_session (f->store, f->org, s.participant, s.date, s.part, to_group, to_date,
                                         to_part, "ruil", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n + 2);
  g_assert_cmpint (DAG_AT (f->org->one_offs, DagOneOff, n)->kind, ==, DAG_ONE_OFF_CANCEL);
  g_assert_cmpint (DAG_AT (f->org->one_offs, DagOneOff, n + 1)->kind, ==, DAG_ONE_OFF_ADD);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 2);
  assert_one_offs_stored (f);

  /* The new half takes place, the old does not: on those dates only. */
  g_assert_cmpint (state_on (f, s.participant, to_date, to_part, &group), ==, DAG_SESSION_ON);
  g_assert_cmpint (group, ==, to_group);
  if (to_date != s.date || to_part != s.part)
    g_assert_cmpint (state_on (f, s.participant, s.date, s.part, NULL), ==, DAG_SESSION_CANCELLED);
  g_assert_cmpint (state_on (f, s.participant, s.date + 7, s.part, &group), ==, DAG_SESSION_ON);
  g_assert_cmpint (group, ==, s.group);
  /* A week later the new half is no extra dagdeel. */
  {
    g_autoptr(DagSchedule) schedule = dag_schedule_new (f->org);
    DagSession next;

    g_assert_true (!dag_schedule_session_at (schedule, s.participant, DAG_SLOT (dag_date_weekday (to_date), to_part),
                                             to_date + 7, &next) || next.plan_entry >= 0);
  }

  /* Undo: both gone in one transaction, the plan as before. */
  audit = dag_store_count_audit (f->store, NULL);
  both[0] = n + 1;
  both[1] = n;
  g_assert_true (dag_store_delete_one_offs (f->store, f->org, both, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit + 2);
  g_assert_cmpint (state_on (f, s.participant, s.date, s.part, NULL), ==, DAG_SESSION_ON);
  assert_one_offs_stored (f);
  /* An index that is not there changes nothing. */
  both[0] = n + 5;
  g_assert_false (dag_store_delete_one_offs (f->store, f->org, both, 1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

typedef struct {
  int             staff;
  DagDate         date;
  int             part;
  gboolean        found;
  DagStaffSession session;
} StaffOn;

static gboolean
staff_on (const DagStaffSession *s, gpointer user_data)
{
  StaffOn *d = user_data;

  if (s->staff != d->staff || s->date != d->date || s->part != d->part)
    return TRUE;
  if (!d->found || d->session.state == DAG_SESSION_CANCELLED)
    d->session = *s;
  d->found = TRUE;
  return TRUE;
}

static StaffOn
staff_session (Fixture *f, int staff, DagDate date, int part)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (f->org);
  StaffOn d = { staff, date, part, FALSE, { 0 } };

  dag_schedule_foreach_staff (schedule, date, date, staff_on, &d);
  return d;
}

/* Staff one-offs: a date off one group, an extra dagdeel in another; each
 * on that date only, refused where they make no sense, and put back as
 * they were (undo) with dag_store_add_one_offs. */
static void
test_staff_one_offs (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const DagStaffing *st = DAG_AT (f->org->staffing, DagStaffing, 0);
  int staff = st->staff, group = st->group, part = DAG_SLOT_PART (st->slot);
  DagDate date = dag_date_from_ymd (2026, 11, 16) + DAG_SLOT_DAY (st->slot);
  guint n = f->org->one_offs->len;
  DagOneOff removed;
  StaffOn on;
  int index;

  g_assert_true (staff_session (f, staff, date, part).found);
  g_assert_true (dag_store_cancel_staff_session (f->store, f->org, staff, group, date, part, NULL, &error));
  g_assert_no_error (error);
  on = staff_session (f, staff, date, part);
  g_assert_cmpint (on.session.state, ==, DAG_SESSION_CANCELLED);
  g_assert_cmpint (staff_session (f, staff, date + 7, part).session.state, ==, DAG_SESSION_ON);
  assert_one_offs_stored (f);
  /* Twice is refused. */
  g_assert_false (dag_store_cancel_staff_session (f->store, f->org, staff, group, date, part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Free now: an extra dagdeel that date in the same group works. */
  g_assert_true (dag_store_add_staff_extra (f->store, f->org, staff, group, date, part, "invallen", &error));
  g_assert_no_error (error);
  on = staff_session (f, staff, date, part);
  g_assert_cmpint (on.session.state, ==, DAG_SESSION_ON);
  g_assert_cmpint (on.session.staffing, ==, -1);
  /* Busy then now: a second extra is refused; so is a Sunday. */
  g_assert_false (dag_store_add_staff_extra (f->store, f->org, staff, group, date, part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "already works"));
  g_clear_error (&error);
  g_assert_false (dag_store_add_staff_extra (f->store, f->org, staff, group, date - dag_date_weekday (date) + 6,
                                             part, NULL, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n + 2);
  assert_one_offs_stored (f);

  /* Undo the cancellation by deleting it, redo by adding it back. */
  index = dag_one_off_find (f->org, &(DagOneOff) { DAG_ONE_OFF_CANCEL, -1, staff, date, part, group, NULL });
  g_assert_cmpint (index, ==, (int) n);
  removed = *DAG_AT (f->org->one_offs, DagOneOff, index);
  removed.reason = NULL;
  g_assert_true (dag_store_delete_one_off (f->store, f->org, (guint) index, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dag_one_off_find (f->org, &removed), ==, -1);
  g_assert_true (dag_store_add_one_offs (f->store, f->org, &removed, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dag_one_off_find (f->org, &removed), ==, (int) n + 1);
  assert_one_offs_stored (f);
  /* Someone unknown is not added back. */
  removed.staff = 100000;
  g_assert_false (dag_store_add_one_offs (f->store, f->org, &removed, 1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* Absences and one-offs: the days gone by are refused with the reason;
 * today, the rest of this week and weeks with attendance are open. */
static void
test_frozen_dates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDate today = dag_date_from_ymd (2026, 11, 11);
  DagDate next = dag_date_from_ymd (2026, 11, 16);
  DagAttendance a = { 0, today, DAG_PART_AM, DAG_ATTEND_PRESENT, -1, NULL };

  g_assert_true (dag_store_check_dates_open (f->org, today, next + 4, today, &error));
  g_assert_no_error (error);
  /* Monday of this week is gone by. */
  g_assert_false (dag_store_check_dates_open (f->org, today - 2, today - 2, today, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "2026-11-09"));
  g_clear_error (&error);
  g_assert_false (dag_store_check_dates_open (f->org, dag_date_from_ymd (2026, 10, 28), next, today, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_FROZEN);
  g_assert_nonnull (strstr (error->message, "2026-10-28"));
  g_assert_nonnull (strstr (error->message, "past"));
  g_clear_error (&error);

  /* Attendance registered today: a sick call for the rest of the week or
   * an extra dagdeel today can still be entered. */
  g_array_append_val (f->org->attendance, a);
  g_assert_true (dag_store_check_dates_open (f->org, today, today + 2, today, &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_check_dates_open (f->org, next + 14, next + 4000, today, NULL));
}

/* What the absence dialogs ask before anything is written. */
static void
test_check_absence (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  DagDate from = dag_date_from_ymd (2026, 12, 7), to = dag_date_from_ymd (2026, 12, 11);
  guint n = f->org->absences->len;
  gint64 audit;

  g_assert_true (dag_store_check_absence (f->org, DAG_ABSENCE_PARTICIPANT, 5, from, to, -1, &error));
  g_assert_no_error (error);
  g_assert_true (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, 5, from, to, "ziek", &error));
  audit = dag_store_count_audit (f->store, NULL);
  g_assert_cmpint (dag_absence_find (f->org, DAG_ABSENCE_PARTICIPANT, 5, from, to), ==, (int) n);
  g_assert_cmpint (dag_absence_find (f->org, DAG_ABSENCE_PARTICIPANT, 5, from, to + 1), ==, -1);

  g_assert_false (dag_store_check_absence (f->org, DAG_ABSENCE_PARTICIPANT, 5, to, from, -1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "before it starts"));
  g_clear_error (&error);
  g_assert_false (dag_store_check_absence (f->org, DAG_ABSENCE_PARTICIPANT, 5, to, to + 3, -1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "overlaps"));
  g_clear_error (&error);
  /* Ending it: the absence itself is no overlap. */
  g_assert_true (dag_store_check_absence (f->org, DAG_ABSENCE_PARTICIPANT, 5, from, from + 1, (int) n, &error));
  g_assert_no_error (error);
  g_assert_false (dag_store_check_absence (f->org, DAG_ABSENCE_PARTICIPANT, 5, from, from + 1, (int) n + 1, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (DAG_AT (f->org->absences, DagAbsence, n)->to, ==, to);
  g_assert_cmpint (dag_store_count_audit (f->store, NULL), ==, audit);
}

/* Undo and redo of what the window did, kept by content: a swap (two
 * one-offs in one step), the end of an absence and a removed extra
 * dagdeel go back and forth with the file in step. */
static void
test_undo_redo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagDateChange) swap = NULL;
  g_autoptr(DagDateChange) end = NULL;
  g_autoptr(DagDateChange) removed = NULL;
  DagSession s = planned_session (f);
  DagDate from = dag_date_from_ymd (2026, 12, 7), to = dag_date_from_ymd (2026, 12, 18);
  guint n = f->org->one_offs->len, na = f->org->absences->len;
  int to_group = -1, to_part = -1;
  DagDate to_date = DAG_DATE_NONE;

  g_assert_true (find_swap_target (f, &s, &to_group, &to_date, &to_part));
  g_assert_true (dag_store_swap_session (f->store, f->org, s.participant, s.date, s.part, to_group, to_date,
                                         to_part, NULL, &error));
  g_assert_no_error (error);
  swap = dag_date_change_new_one_offs (TRUE, DAG_AT (f->org->one_offs, DagOneOff, n), 2);
  for (int round = 0; round < 2; round++)
    {
      g_assert_true (dag_store_apply_date_change (f->store, f->org, swap, TRUE, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (f->org->one_offs->len, ==, n);
      g_assert_cmpint (state_on (f, s.participant, s.date, s.part, NULL), ==, DAG_SESSION_ON);
      assert_one_offs_stored (f);
      g_assert_true (dag_store_apply_date_change (f->store, f->org, swap, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (f->org->one_offs->len, ==, n + 2);
      assert_one_offs_stored (f);
    }

  /* Removing the extra half (the user's "remove"), then undoing that. */
  removed = dag_date_change_new_one_offs (FALSE, DAG_AT (f->org->one_offs, DagOneOff, n + 1), 1);
  g_assert_true (dag_store_delete_one_off (f->store, f->org, n + 1, &error));
  g_assert_true (dag_store_apply_date_change (f->store, f->org, removed, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_on (f, s.participant, to_date, to_part, NULL), ==, DAG_SESSION_ON);
  g_assert_true (dag_store_apply_date_change (f->store, f->org, removed, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->org->one_offs->len, ==, n + 1);
  /* Twice: it is no longer there, and nothing changes. */
  g_assert_false (dag_store_apply_date_change (f->store, f->org, removed, FALSE, &error));
  g_assert_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_one_offs_stored (f);

  /* An absence ended early, undone and redone. */
  g_assert_true (dag_store_add_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, 7, from, to, "ziek", &error));
  g_assert_true (dag_store_end_absence (f->store, f->org, DAG_ABSENCE_PARTICIPANT, na, from + 2, &error));
  g_assert_no_error (error);
  end = dag_date_change_new_absence (DAG_DATE_CHANGE_END_ABSENCE, DAG_ABSENCE_PARTICIPANT, 7, from, from + 2, to,
                                     NULL);
  g_assert_true (dag_store_apply_date_change (f->store, f->org, end, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (DAG_AT (f->org->absences, DagAbsence, na)->to, ==, to);
  g_assert_true (dag_store_apply_date_change (f->store, f->org, end, FALSE, &error));
  g_assert_cmpuint (DAG_AT (f->org->absences, DagAbsence, na)->to, ==, from + 2);
  assert_absences_stored (f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  dag_test_db_init ();
  g_test_add ("/absence/staff", Fixture, NULL, fixture_setup, test_staff_absence, fixture_teardown);
  g_test_add ("/absence/participant", Fixture, NULL, fixture_setup, test_participant_absence, fixture_teardown);
  g_test_add ("/absence/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/absence/extra-session", Fixture, NULL, fixture_setup, test_extra_session, fixture_teardown);
  g_test_add ("/absence/staffing-from-week", Fixture, NULL, fixture_setup, test_staffing_from_week,
              fixture_teardown);
  g_test_add ("/absence/cancel-session", Fixture, NULL, fixture_setup, test_cancel_session, fixture_teardown);
  g_test_add ("/absence/swap-session", Fixture, NULL, fixture_setup, test_swap_session, fixture_teardown);
  g_test_add ("/absence/staff-one-offs", Fixture, NULL, fixture_setup, test_staff_one_offs, fixture_teardown);
  g_test_add ("/absence/frozen-dates", Fixture, NULL, fixture_setup, test_frozen_dates, fixture_teardown);
  g_test_add ("/absence/check-absence", Fixture, NULL, fixture_setup, test_check_absence, fixture_teardown);
  g_test_add ("/absence/undo-redo", Fixture, NULL, fixture_setup, test_undo_redo, fixture_teardown);
  return g_test_run ();
}
