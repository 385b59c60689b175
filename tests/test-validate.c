/* test-validate.c — every validator with good and bad values. */

#include "config.h"

#include <string.h>

#include "dag-validate.h"

static void
test_bsn (void)
{
  const char *good[] = { "111222333", "123456782", "999999990" };
  const char *bad[] = { "111222334", "12345678", "1234567890", "12345678a", "", "000000000", " 11122233" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (dag_validate_bsn (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (dag_validate_bsn (bad[i], &error));
      g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
      /* Never echo the value: it may be a real BSN. */
      g_assert_null (strstr (error->message, bad[i][0] ? bad[i] : "@@"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (dag_validate_bsn (NULL, &error));
  }
  {
    g_autoptr(GError) error = NULL;

    /* A failing elfproef is said in plain words, not "fails the 11-check". */
    g_assert_false (dag_validate_bsn ("111222334", &error));
    g_assert_cmpstr (error->message, ==, "is not a valid BSN (the 11-test fails)");
  }
}

static void
test_postcode (void)
{
  const char *good[] = { "1234 AB", "6828 CA", "9999 ZZ", "6865 MC", "6865MC" };
  const char *bad[] = { "0234 AB", "1234 ab", "1234 SA", "1234 SS", "1234 SD", "123 ABC", "", "12a4 AB",
                        "6865MCC", "6865 MCC", "0865MC", "6865 SA", "6865SA", "6865  MC", "6865 M", "6865 MC ",
                        "6865-MC", "6865" };
  const char *good_addresses[] = { "Dorpsstraat 1, 6865 MC Doorwerth", "Dorpsstraat 1, 6865MC Doorwerth",
                                   "Postbus 12345, Arnhem", "Kerkstraat 1234 Arnhem", "Dorpsstraat 1" };
  const char *bad_addresses[] = { "Dorpsstraat 1, 6865MCC Doorwerth", "Dorpsstraat 1, 6865 MCC Doorwerth",
                                  "Dorpsstraat 1, 0865MC Doorwerth", "Dorpsstraat 1, 6865 SA Doorwerth",
                                  "Dorpsstraat 1, 6865 mc Doorwerth" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    if (!dag_validate_postcode (good[i], NULL))
      g_error ("postcode “%s” was refused", good[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (dag_validate_postcode (bad[i], NULL))
      g_error ("postcode “%s” was accepted", bad[i]);
  for (guint i = 0; i < G_N_ELEMENTS (good_addresses); i++)
    if (!dag_validate_postcode_in_text (good_addresses[i], NULL))
      g_error ("address “%s” was refused", good_addresses[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad_addresses); i++)
    if (dag_validate_postcode_in_text (bad_addresses[i], NULL))
      g_error ("address “%s” was accepted", bad_addresses[i]);
}

static void
test_date (void)
{
  DagDate d = 0, e = 0;
  char buf[DAG_DATE_BUF];
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_validate_date ("2026-02-28", &d, NULL));
  g_assert_cmpstr (dag_date_format (d, buf), ==, "2026-02-28");
  g_assert_true (dag_validate_date ("2028-02-29", &d, NULL));
  g_assert_false (dag_validate_date ("2026-02-29", &d, NULL));
  g_assert_false (dag_validate_date ("2026-13-01", &d, NULL));
  g_assert_false (dag_validate_date ("2026-1-01", &d, NULL));
  g_assert_false (dag_validate_date ("26-01-2026", &d, NULL));
  g_assert_false (dag_validate_date ("", &d, NULL));
  g_assert_false (dag_validate_date ("2026-01-01T00", &d, NULL));
  g_assert_true (dag_validate_date ("2026-11-23", &d, NULL));
  g_assert_cmpint (dag_date_weekday (d), ==, 0); /* a Monday */

  g_assert_true (dag_validate_date ("2026-01-01", &d, NULL));
  g_assert_true (dag_validate_date ("2025-12-31", &e, NULL));
  g_assert_false (dag_validate_period (d, e, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_true (dag_validate_period (e, d, NULL));
  g_assert_true (dag_validate_period (d, d, NULL));
}

static void
test_week (void)
{
  DagDate d = 0;
  char buf[DAG_DATE_BUF];

  /* ISO weeks: 2026-W48 starts on Monday 23 November 2026; 2026-W01 on
   * 29 December 2025 (1 January 2026 is a Thursday); 2026 has 53 weeks. */
  g_assert_true (dag_week_parse ("2026-W48", &d));
  g_assert_cmpstr (dag_date_format (d, buf), ==, "2026-11-23");
  g_assert_true (dag_week_parse ("2026-W01", &d));
  g_assert_cmpstr (dag_date_format (d, buf), ==, "2025-12-29");
  g_assert_true (dag_week_parse ("2026-W53", &d));
  g_assert_cmpstr (dag_date_format (d, buf), ==, "2026-12-28");
  g_assert_false (dag_week_parse ("2027-W53", &d));
  g_assert_false (dag_week_parse ("2026-W00", &d));
  g_assert_false (dag_week_parse ("2026-48", &d));
  g_assert_true (dag_week_parse ("2026-11-25", &d));
  g_assert_cmpstr (dag_date_format (d, buf), ==, "2026-11-25");
}

static void
test_time (void)
{
  int m = -1;
  char buf[6];

  g_assert_true (dag_validate_time ("08:31", &m, NULL));
  g_assert_cmpint (m, ==, 8 * 60 + 31);
  g_assert_cmpstr (dag_time_format (m, buf), ==, "08:31");
  g_assert_false (dag_validate_time ("24:00", &m, NULL));
  g_assert_false (dag_validate_time ("8:31", &m, NULL));
  g_assert_false (dag_validate_time ("08:60", &m, NULL));
}

static void
test_slot (void)
{
  int slot = -1;
  g_autofree char *list = NULL;

  g_assert_true (dag_validate_slot ("mon-am", &slot, NULL));
  g_assert_cmpint (slot, ==, 0);
  g_assert_true (dag_validate_slot ("sat-ev", &slot, NULL));
  g_assert_cmpint (slot, ==, DAG_N_SLOTS - 1);
  g_assert_true (dag_validate_slot ("wed-pm", &slot, NULL));
  g_assert_cmpstr (dag_slot_name (slot), ==, "wed-pm");
  g_assert_false (dag_validate_slot ("sun-am", &slot, NULL));
  g_assert_false (dag_validate_slot ("mon-xx", &slot, NULL));
  g_assert_false (dag_validate_slot ("MON-AM", &slot, NULL));
  g_assert_false (dag_validate_slot ("", &slot, NULL));
  list = dag_slot_mask_to_string (DAG_SLOT_BIT (0) | DAG_SLOT_BIT (4));
  g_assert_cmpstr (list, ==, "mon-am,tue-pm");
}

static void
test_volume (void)
{
  g_assert_true (dag_validate_volume (4, DAG_PER_WEEK, NULL));
  g_assert_true (dag_validate_volume (18, DAG_PER_WEEK, NULL));
  g_assert_false (dag_validate_volume (19, DAG_PER_WEEK, NULL));
  g_assert_false (dag_validate_volume (0, DAG_PER_WEEK, NULL));
  g_assert_false (dag_validate_volume (-3, DAG_PER_MONTH, NULL));
  g_assert_true (dag_validate_volume (40, DAG_PER_MONTH, NULL));
  g_assert_false (dag_validate_volume (81, DAG_PER_MONTH, NULL));
  g_assert_true (dag_validate_volume (400, DAG_PER_PERIOD, NULL));
}

static void
test_money (void)
{
  gint64 c = -1;
  const struct { const char *text; gint64 cents; } good[] = {
    { "34,50", 3450 }, { "34.50", 3450 }, { "34", 3400 }, { "€ 34,5", 3450 },
    { "0,01", 1 }, { " 12,00 ", 1200 }, { "€12", 1200 },
  };
  const char *bad[] = { "34,505", "-1", "abc", "", "34,", ",50", "1 000", "2000000" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (dag_parse_euro (good[i].text, &c, NULL));
      g_assert_cmpint (c, ==, good[i].cents);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (dag_parse_euro (bad[i], &c, NULL));
  g_assert_true (dag_validate_cents (0, NULL));
  g_assert_true (dag_validate_cents (3450, NULL));
  g_assert_false (dag_validate_cents (-1, NULL));
  g_assert_false (dag_validate_cents (100000001, NULL));
}

static void
test_codes (void)
{
  g_assert_true (dag_validate_agb_code ("98765432", NULL));
  g_assert_false (dag_validate_agb_code ("9876543", NULL));
  g_assert_false (dag_validate_agb_code ("9876543x", NULL));
  g_assert_true (dag_validate_municipality_code ("0202", NULL));
  g_assert_false (dag_validate_municipality_code ("202", NULL));
  g_assert_true (dag_validate_id ("P-1", NULL));
  g_assert_false (dag_validate_id ("", NULL));
  g_assert_false (dag_validate_id ("P 1", NULL));
  g_assert_true (dag_validate_coordinates (51.98, 5.9, NULL));
  g_assert_false (dag_validate_coordinates (91, 5.9, NULL));
  g_assert_false (dag_validate_coordinates (51, -181, NULL));
}

static void
test_attendance (void)
{
  DagDate today = dag_date_from_ymd (2026, 11, 23);
  g_autoptr(GError) error = NULL;

  g_assert_true (dag_validate_attendance (DAG_ATTEND_PRESENT, today, today, NULL));
  g_assert_true (dag_validate_attendance (DAG_ATTEND_NO_SHOW, today - 1, today, NULL));
  g_assert_true (dag_validate_attendance (DAG_ATTEND_CANCELLED, today + 7, today, NULL));
  g_assert_false (dag_validate_attendance (DAG_ATTEND_PRESENT, today + 1, today, &error));
  g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
  g_assert_false (dag_validate_attendance (DAG_ATTEND_NO_SHOW, today + 1, today, NULL));
}

static void
test_mask (void)
{
  g_autofree char *masked = dag_bsn_mask ("111222333");

  g_assert_cmpstr (masked, ==, "*****2333");
}

/* Characters that turn a text around on screen (Trojan Source) or break
 * a line where a field has none are refused like control characters, by
 * the editors' text, reason and id checks alike; other non-ASCII passes. */
static void
test_text_direction (void)
{
  static const struct {
    const char *text;
    const char *expected;
  } bad[] = {
    { "Jan \u202EnesnaJ", "contains a character that changes the writing direction (U+202E)" },
    { "Jan \u202AJansen", "contains a character that changes the writing direction (U+202A)" },
    { "\u2066Jan\u2069", "contains a character that changes the writing direction (U+2066)" },
    { "Jan\u2068", "contains a character that changes the writing direction (U+2068)" },
    { "Jan \u200EJansen", "contains a character that changes the writing direction (U+200E)" },
    { "Jan \u200FJansen", "contains a character that changes the writing direction (U+200F)" },
    { "Jan \u061CJansen", "contains a character that changes the writing direction (U+061C)" },
    { "Jan\u2028Jansen", "contains a line or paragraph separator (U+2028)" },
    { "Jan\u2029Jansen", "contains a line or paragraph separator (U+2029)" },
    { "Jan\x1b[2J", "contains a control character (U+001B)" },
    { "Jan\uFFFE", "contains a character that is not allowed (U+FFFE)" },
  };
  const char *good[] = { "Jan Jansen", "Zoë d’Éon", "Ĳsselmonde", "Ali \u0639\u0644\u064A", "Jan\u200BJansen",
                         "Jan\u2027Jansen", "Jan\u202FJansen", "Jan\u206AJansen" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdelimit (g_strdup (bad[i].text), " ", '-');

      g_assert_false (dag_validate_text (bad[i].text, DAG_TEXT_MAX_NAME, &error));
      g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].expected);
      g_clear_error (&error);

      g_assert_false (dag_validate_reason (bad[i].text, &error));
      g_assert_true (g_str_has_prefix (error->message, "Reason: "));
      g_assert_nonnull (strstr (error->message, bad[i].expected));
      g_clear_error (&error);

      /* An id is printed wherever its record is named. */
      g_assert_false (dag_validate_id (id, &error));
      g_assert_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (dag_validate_text (good[i], DAG_TEXT_MAX_NAME, &error));
      g_assert_no_error (error);
      g_assert_true (dag_validate_reason (good[i], NULL));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/bsn", test_bsn);
  g_test_add_func ("/validate/postcode", test_postcode);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/time", test_time);
  g_test_add_func ("/validate/week", test_week);
  g_test_add_func ("/validate/slot", test_slot);
  g_test_add_func ("/validate/volume", test_volume);
  g_test_add_func ("/validate/money", test_money);
  g_test_add_func ("/validate/codes", test_codes);
  g_test_add_func ("/validate/bsn-mask", test_mask);
  g_test_add_func ("/validate/attendance", test_attendance);
  g_test_add_func ("/validate/text-direction", test_text_direction);
  return g_test_run ();
}
