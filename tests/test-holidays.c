/* test-holidays.c — computed Dutch public holidays. */

#include "config.h"

#include "dag-holidays.h"

static DagDate
date (const char *text)
{
  DagDate d = 0;
  g_assert_true (dag_date_parse (text, &d));
  return d;
}

static void
test_easter (void)
{
  const struct { int year; const char *easter; } cases[] = {
    { 2024, "2024-03-31" }, { 2025, "2025-04-20" }, { 2026, "2026-04-05" },
    { 2027, "2027-03-28" }, { 2038, "2038-04-25" }, { 2008, "2008-03-23" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (dag_easter_sunday (cases[i].year), ==, date (cases[i].easter));
}

static void
test_days (void)
{
  g_autoptr(DagOrg) org = dag_org_new ();
  DagSettings *s = &org->settings;
  const char *name = NULL;
  const struct { const char *date; const char *name; } holidays[] = {
    { "2026-01-01", "Nieuwjaarsdag" }, { "2026-04-05", "Eerste Paasdag" },
    { "2026-04-06", "Tweede Paasdag" }, { "2026-04-27", "Koningsdag" },
    { "2026-05-14", "Hemelvaartsdag" }, { "2026-05-24", "Eerste Pinksterdag" },
    { "2026-05-25", "Tweede Pinksterdag" }, { "2026-12-25", "Eerste Kerstdag" },
    { "2026-12-26", "Tweede Kerstdag" },
    /* 27 April 2025 was a Sunday: Koningsdag moved to Saturday the 26th. */
    { "2025-04-26", "Koningsdag" },
  };
  const char *workdays[] = { "2026-04-03", "2026-05-05", "2025-04-27", "2026-04-26", "2026-11-23" };

  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      g_assert_true (dag_holiday_check (s, date (holidays[i].date), &name));
      g_assert_cmpstr (name, ==, holidays[i].name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (workdays); i++)
    g_assert_false (dag_holiday_check (s, date (workdays[i]), NULL));

  /* Goede Vrijdag and Bevrijdingsdag are settings. */
  s->holiday_good_friday = TRUE;
  s->holiday_liberation_day = TRUE;
  g_assert_true (dag_holiday_check (s, date ("2026-04-03"), &name));
  g_assert_cmpstr (name, ==, "Goede Vrijdag");
  g_assert_true (dag_holiday_check (s, date ("2026-05-05"), &name));
  g_assert_cmpstr (name, ==, "Bevrijdingsdag");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/holidays/easter", test_easter);
  g_test_add_func ("/holidays/days", test_days);
  return g_test_run ();
}
