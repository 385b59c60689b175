/* dag-item-format.c — dates and volumes as the list items show them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-item-format.h"

char *
dag_item_format_date (DagDate date)
{
  GDate d;
  char buf[64];

  if (date == DAG_DATE_NONE || !g_date_valid_julian (date))
    return g_strdup ("—");
  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  /* Translators: a date as shown in lists, strftime() format; "%-d" is the
   * day without a leading zero. */
  if (g_date_strftime (buf, sizeof buf, C_("date format", "%-d %b %Y"), &d) == 0)
    return g_strdup ("—");
  return g_strdup (buf);
}

char *
dag_item_format_volume (int          units,
                        int          min_units,
                        DagVolumePer per)
{
  switch (per)
    {
    case DAG_PER_WEEK:
      if (min_units >= 0 && min_units < units)
        /* Translators: a weekly band of dagdelen, "2–4 per week". */
        return g_strdup_printf (_("%d–%d per week"), min_units, units);
      return g_strdup_printf (_("%d per week"), units);
    case DAG_PER_MONTH:
      return g_strdup_printf (_("%d per month"), units);
    case DAG_PER_PERIOD:
    default:
      /* Translators: units over the whole validity of an indication. */
      return g_strdup_printf (_("%d in total"), units);
    }
}

char *
dag_item_fold_for_search (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)        /* not valid UTF-8: search it as it is */
    return g_ascii_strdown (text, -1);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Decomposition put accents in separate marks; drop them. */
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
