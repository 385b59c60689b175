/* test-absence.c — absences of participants and staff and one-off extra
 * dagdelen entered in the window (dag-store-absence), and the dated
 * staffing a Staff view tick writes (dag-store-staffing): each change is
 * one transaction with an audit entry, and bad input leaves the database
 * as it was. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-schedule.h"
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
  f->store = dag_store_open (f->path, &error);
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

  g_assert_true (dag_store_delete_one_off (f->store, f->org, f->org->one_offs->len - 1, &error));
  g_assert_no_error (error);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/absence/staff", Fixture, NULL, fixture_setup, test_staff_absence, fixture_teardown);
  g_test_add ("/absence/participant", Fixture, NULL, fixture_setup, test_participant_absence, fixture_teardown);
  g_test_add ("/absence/bad-input", Fixture, NULL, fixture_setup, test_bad_input, fixture_teardown);
  g_test_add ("/absence/extra-session", Fixture, NULL, fixture_setup, test_extra_session, fixture_teardown);
  g_test_add ("/absence/staffing-from-week", Fixture, NULL, fixture_setup, test_staffing_from_week,
              fixture_teardown);
  return g_test_run ();
}
