/* dag-validate.c — field validators shared by import, the command line and
 * the window. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-validate.h"

G_DEFINE_QUARK (dag-validate-error-quark, dag_validate_error)

static gboolean check_chars (const char *text, gsize *n_chars, GError **error);

static gboolean
fail (GError    **error,
      const char *message)
{
  g_set_error_literal (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID, message);
  return FALSE;
}

gboolean
dag_validate_bsn (const char *text,
                  GError    **error)
{
  int sum = 0;

  if (text == NULL || strlen (text) != 9)
    return fail (error, _("must be nine digits"));
  for (int i = 0; i < 9; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return fail (error, _("must be nine digits"));
      /* Weights 9 … 2 and −1 for the last digit. */
      sum += (text[i] - '0') * (i < 8 ? 9 - i : -1);
    }
  if (sum % 11 != 0 || strcmp (text, "000000000") == 0)
    return fail (error, _("is not a valid BSN (the 11-test fails)"));
  return TRUE;
}

gboolean
dag_validate_postcode (const char *text,
                       GError    **error)
{
  const char *letters;

  /* Four digits, the first not 0, an optional single space, two capitals
   * and nothing after them ("6865MCC" is not a postcode). */
  if (text == NULL || strlen (text) < 6 ||
      text[0] < '1' || text[0] > '9' ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]))
    return fail (error, _("must be a postcode like “1234 AB”"));
  letters = text[4] == ' ' ? text + 5 : text + 4;
  if (strlen (letters) != 2 || !g_ascii_isupper (letters[0]) || !g_ascii_isupper (letters[1]))
    return fail (error, _("must be a postcode like “1234 AB”"));
  if (strcmp (letters, "SA") == 0 || strcmp (letters, "SD") == 0 || strcmp (letters, "SS") == 0)
    return fail (error, _("uses letters that postcodes never have (SA, SD, SS)"));
  return TRUE;
}

gboolean
dag_validate_postcode_in_text (const char *text,
                               GError    **error)
{
  if (text == NULL)
    return TRUE;

  /* Four digits standing alone, then letters right after them or, after
   * one space, two letters or a run of capitals: that is where a person
   * wrote the postcode ("6865 MC", "6865MC", "6865MCC"), and it has to be
   * a real one.  "1234 Arnhem" and "Postbus 12345" are not postcodes. */
  for (const char *s = text; *s; s++)
    {
      const char *l;
      gsize n = 0;
      gboolean all_upper = TRUE;
      g_autofree char *code = NULL;

      if (s > text && g_ascii_isalnum (s[-1]))
        continue;
      if (!(g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2])
            && g_ascii_isdigit (s[3])))
        continue;
      l = s[4] == ' ' ? s + 5 : s + 4;
      while (g_ascii_isalnum (l[n]))
        {
          all_upper = all_upper && g_ascii_isupper (l[n]);
          n++;
        }
      if (n == 0 || !g_ascii_isalpha (l[0]))
        continue;
      if (l == s + 5 && n != 2 && !all_upper)
        continue;
      code = g_strndup (s, l + n - s);
      return dag_validate_postcode (code, error);
    }
  return TRUE;
}

gboolean
dag_validate_date (const char *text,
                   DagDate    *date,
                   GError    **error)
{
  DagDate d;

  if (!dag_date_parse (text, &d))
    return fail (error, _("must be an existing date written YYYY-MM-DD"));
  if (date)
    *date = d;
  return TRUE;
}

gboolean
dag_validate_period (DagDate  start,
                     DagDate  end,
                     GError **error)
{
  if (end < start)
    return fail (error, _("the end date is before the start date"));
  return TRUE;
}

gboolean
dag_validate_time (const char *text,
                   int        *minutes,
                   GError    **error)
{
  int m;

  if (!dag_time_parse (text, &m))
    return fail (error, _("must be a time written HH:MM"));
  if (minutes)
    *minutes = m;
  return TRUE;
}

gboolean
dag_validate_slot (const char *text,
                   int        *slot,
                   GError    **error)
{
  int s;

  if (!dag_slot_parse (text, &s))
    return fail (error, _("must be a slot like “mon-am” (mon … sat, am, pm or ev)"));
  if (slot)
    *slot = s;
  return TRUE;
}

gboolean
dag_validate_volume (int          units,
                     DagVolumePer per,
                     GError     **error)
{
  int max = per == DAG_PER_WEEK ? DAG_N_SLOTS : per == DAG_PER_MONTH ? 80 : 5000;

  if (units < 1)
    return fail (error, _("must be at least one unit"));
  if (units > max)
    return fail (error, per == DAG_PER_WEEK ? _("is more units than a week has slots")
                      : per == DAG_PER_MONTH ? _("is more units than a month can hold")
                      : _("is more units than an indication can hold"));
  return TRUE;
}

gboolean
dag_validate_cents (gint64   cents,
                    GError **error)
{
  if (cents < 0)
    return fail (error, _("must not be negative"));
  if (cents > 100000000)
    return fail (error, _("is more than one million euro"));
  return TRUE;
}

gboolean
dag_parse_euro (const char *text,
                gint64     *cents,
                GError    **error)
{
  gint64 whole = 0;
  int decimals = -1, frac = 0;
  const char *p = text;
  gboolean digits = FALSE;

  if (text == NULL)
    return fail (error, _("must be an amount like “34,50”"));
  while (g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "€"))
    p += strlen ("€");
  while (g_ascii_isspace (*p))
    p++;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          digits = TRUE;
          if (decimals < 0)
            {
              whole = whole * 10 + (*p - '0');
              if (whole > 1000000)
                return fail (error, _("is more than one million euro"));
            }
          else if (decimals < 2)
            {
              frac = frac * 10 + (*p - '0');
              decimals++;
            }
          else
            return fail (error, _("has more than two decimals"));
        }
      else if ((*p == ',' || *p == '.') && decimals < 0 && digits)
        decimals = 0;
      else if (g_ascii_isspace (*p))
        {
          while (g_ascii_isspace (*p))
            p++;
          if (*p)
            return fail (error, _("must be an amount like “34,50”"));
          break;
        }
      else
        return fail (error, _("must be an amount like “34,50”"));
    }
  if (!digits || decimals == 0)
    return fail (error, _("must be an amount like “34,50”"));
  if (decimals == 1)
    frac *= 10;
  *cents = whole * 100 + (decimals > 0 ? frac : 0);
  return dag_validate_cents (*cents, error);
}

static gboolean
all_digits (const char *text,
            gsize       n)
{
  if (text == NULL || strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
dag_validate_agb_code (const char *text,
                       GError    **error)
{
  if (!all_digits (text, 8))
    return fail (error, _("must be an AGB code of eight digits"));
  return TRUE;
}

gboolean
dag_validate_municipality_code (const char *text,
                                GError    **error)
{
  if (!all_digits (text, 4))
    return fail (error, _("must be a CBS municipality code of four digits"));
  return TRUE;
}

gboolean
dag_validate_id (const char *text,
                 GError    **error)
{
  if (text == NULL || *text == '\0')
    return fail (error, _("must not be empty"));
  if (strlen (text) > 64)
    return fail (error, _("is longer than 64 characters"));
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, _("is not valid UTF-8"));
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return fail (error, _("must not contain spaces"));
  /* An id is printed wherever its record is named. */
  return check_chars (text, NULL, error);
}

gboolean
dag_validate_coordinates (double   lat,
                          double   lon,
                          GError **error)
{
  if (!(lat >= -90 && lat <= 90))
    return fail (error, _("latitude must lie between −90 and 90"));
  if (!(lon >= -180 && lon <= 180))
    return fail (error, _("longitude must lie between −180 and 180"));
  return TRUE;
}

char *
dag_bsn_mask (const char *bsn)
{
  gsize n = bsn ? strlen (bsn) : 0;

  if (n < 4)
    return g_strdup ("*********");
  return g_strdup_printf ("*****%s", bsn + n - 4);
}

gboolean
dag_validate_attendance (DagAttendStatus status,
                         DagDate         date,
                         DagDate         today,
                         GError        **error)
{
  if (status != DAG_ATTEND_CANCELLED && date > today)
    return fail (error, _("is a day still to come: only a cancellation can be registered in advance"));
  return TRUE;
}

DagTextChar
dag_text_char_class (gunichar c)
{
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
    return DAG_TEXT_CHAR_CONTROL;
  if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
    return DAG_TEXT_CHAR_BIDI;
  if (c == 0x2028 || c == 0x2029)
    return DAG_TEXT_CHAR_SEPARATOR;
  if (c == 0xFFFE || c == 0xFFFF)
    return DAG_TEXT_CHAR_NONCHARACTER;
  return DAG_TEXT_CHAR_OK;
}

char *
dag_text_char_describe (DagTextChar kind,
                        gunichar    c)
{
  switch (kind)
    {
    case DAG_TEXT_CHAR_CONTROL:
      return g_strdup_printf (_("contains a control character (U+%04X)"), (guint) c);
    case DAG_TEXT_CHAR_BIDI:
      return g_strdup_printf (_("contains a character that changes the writing direction (U+%04X)"), (guint) c);
    case DAG_TEXT_CHAR_SEPARATOR:
      return g_strdup_printf (_("contains a line or paragraph separator (U+%04X)"), (guint) c);
    case DAG_TEXT_CHAR_NONCHARACTER:
    case DAG_TEXT_CHAR_OK:
    default:
      return g_strdup_printf (_("contains a character that is not allowed (U+%04X)"), (guint) c);
    }
}

/* The first character of text that dag_text_char_class() refuses, as an
 * error; text must be valid UTF-8. */
static gboolean
check_chars (const char *text,
             gsize      *n_chars,
             GError    **error)
{
  gsize n = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      DagTextChar kind = dag_text_char_class (c);

      if (kind != DAG_TEXT_CHAR_OK)
        {
          g_autofree char *message = dag_text_char_describe (kind, c);

          return fail (error, message);
        }
    }
  if (n_chars)
    *n_chars = n;
  return TRUE;
}

gboolean
dag_validate_text (const char *text,
                   gsize       max_chars,
                   GError    **error)
{
  gsize n = 0;

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, _("is not valid UTF-8 text"));
  /* The same characters the strict reader refuses (dag-json-strict.c), so
   * that whatever is typed can be exported and imported again. */
  if (!check_chars (text, &n, error))
    return FALSE;
  if (n > max_chars)
    {
      g_set_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
                   _("is longer than %u characters"), (guint) max_chars);
      return FALSE;
    }
  return TRUE;
}

gboolean
dag_validate_reason (const char *reason,
                     GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (dag_validate_text (reason, DAG_TEXT_MAX_REASON, &local))
    return TRUE;
  g_set_error (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID,
               /* TRANSLATORS: a field name, then what is wrong with it */
               _("%s: %s"), _("Reason"), local->message);
  return FALSE;
}
