/* dag-item-format.c — dates and volumes as the list items show them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "dag-item-format.h"

/* Birth, start and end dates repeat a lot across an organisation: a small
 * cache of formatted dates, shared by the loading threads. */
#define DATE_CACHE_SIZE 1024

typedef struct {
  DagDate     date;
  const char *format;    /* the translated format it was written with */
  char        text[32];
} DateCacheEntry;

static DateCacheEntry date_cache[DATE_CACHE_SIZE];
static GMutex date_cache_lock;

static char *
format_date_uncached (DagDate     date,
                      const char *format)
{
  struct tm tm = { 0, };
  char buf[64];
  int year, month, day;
  gsize n;

  dag_date_to_ymd (date, &year, &month, &day);
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_isdst = -1;
  /* strftime() directly rather than g_date_strftime(): that converts the
   * format and the result through iconv on every call, which was two
   * thirds of the time to build 20,000 participant items.  A non-UTF-8
   * locale gets ISO dates instead. */
  /* The format is a translation, so it cannot be a literal. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  n = strftime (buf, sizeof buf, format, &tm);
#pragma GCC diagnostic pop
  if (n == 0 || !g_utf8_validate (buf, (gssize) n, NULL))
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  return g_strndup (buf, n);
}

char *
dag_item_format_date (DagDate date)
{
  /* Translators: a date as shown in lists, strftime() format; "%-d" is the
   * day without a leading zero. */
  const char *format = C_("date format", "%-d %b %Y");
  DateCacheEntry *entry;
  char *text;

  if (date == DAG_DATE_NONE || !g_date_valid_julian (date))
    return g_strdup ("—");

  entry = &date_cache[date % DATE_CACHE_SIZE];
  g_mutex_lock (&date_cache_lock);
  if (entry->date == date && entry->format == format)
    {
      text = g_strdup (entry->text);
      g_mutex_unlock (&date_cache_lock);
      return text;
    }
  g_mutex_unlock (&date_cache_lock);

  text = format_date_uncached (date, format);
  if (strlen (text) < sizeof entry->text)
    {
      g_mutex_lock (&date_cache_lock);
      entry->date = date;
      entry->format = format;
      g_strlcpy (entry->text, text, sizeof entry->text);
      g_mutex_unlock (&date_cache_lock);
    }
  return text;
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
  const char *p;
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  /* Most names are plain ASCII: no accents to strip. */
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    return g_ascii_strdown (text, -1);
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)        /* not valid UTF-8: search it as it is */
    return g_ascii_strdown (text, -1);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));
  for (p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Decomposition put accents in separate marks; drop them. */
      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}
