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
dag_date_format_message (DagDate date)
{
  /* Translators: a date in a sentence, strftime() format: year first in
   * English ("2026-11-02"), as people write it in your language
   * ("%d-%m-%Y" in Dutch: "02-11-2026"). */
  return format_date_uncached (date, C_("message date", "%Y-%m-%d"));
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

/* ---- dates typed by people ---------------------------------------------- */

/* Month names in Dutch and English, whole and abbreviated, whatever the
 * locale: a Dutch user may well type "8 feb 1950" in an English session. */
static const struct {
  const char *name;
  int         month;
} month_names[] = {
  { "januari", 1 }, { "january", 1 }, { "jan", 1 },
  { "februari", 2 }, { "february", 2 }, { "feb", 2 },
  { "maart", 3 }, { "march", 3 }, { "mrt", 3 }, { "mar", 3 }, { "maa", 3 },
  { "april", 4 }, { "apr", 4 },
  { "mei", 5 }, { "may", 5 },
  { "juni", 6 }, { "june", 6 }, { "jun", 6 },
  { "juli", 7 }, { "july", 7 }, { "jul", 7 },
  { "augustus", 8 }, { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
  { "november", 11 }, { "nov", 11 },
  { "december", 12 }, { "dec", 12 },
};

/* Reads min_digits to max_digits digits at *p; FALSE if there are fewer
 * or more. */
static gboolean
read_number (const char **p,
             int          min_digits,
             int          max_digits,
             int         *value)
{
  int n = 0, v = 0;

  while (g_ascii_isdigit ((*p)[n]))
    {
      if (n == max_digits)
        return FALSE;
      v = v * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min_digits)
    return FALSE;
  *p += n;
  *value = v;
  return TRUE;
}

static gboolean
read_month_name (const char **p,
                 int         *month)
{
  char word[16];
  gsize n = 0;

  while (g_ascii_isalpha ((*p)[n]))
    {
      if (n + 1 == sizeof word)
        return FALSE;
      word[n] = g_ascii_tolower ((*p)[n]);
      n++;
    }
  word[n] = '\0';
  for (gsize i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (word, month_names[i].name) == 0)
      {
        *p += n;
        if (**p == '.')    /* "8 feb. 1950" */
          (*p)++;
        *month = month_names[i].month;
        return TRUE;
      }
  return FALSE;
}

static void
skip_spaces (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

gboolean
dag_date_parse_human (const char *text,
                      DagDate    *date)
{
  const char *p = text, *start;
  int first, day, month, year;
  char separator;
  DagDate d;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  skip_spaces (&p);
  start = p;
  if (!read_number (&p, 1, 4, &first))
    return FALSE;

  if (p - start == 4)
    {
      /* ISO, also without leading zeros: "1950-2-8". */
      year = first;
      if (*p++ != '-' || !read_number (&p, 1, 2, &month) || *p++ != '-' || !read_number (&p, 1, 2, &day))
        return FALSE;
    }
  else if (p - start <= 2)
    {
      day = first;
      separator = *p;
      if (separator == '-' || separator == '/' || separator == '.')
        {
          p++;
          if (g_ascii_isdigit (*p))
            {
              if (!read_number (&p, 1, 2, &month) || *p++ != separator)
                return FALSE;
            }
          else if (!read_month_name (&p, &month) || *p++ != separator)    /* "8-feb-1950" */
            return FALSE;
        }
      else
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
          skip_spaces (&p);
          if (!read_month_name (&p, &month))
            return FALSE;
          skip_spaces (&p);
        }
      /* Four digits: "50" could be 1950 or 2050, and a birth date guessed
       * wrong by a century is worse than a question. */
      if (!read_number (&p, 4, 4, &year))
        return FALSE;
    }
  else
    return FALSE;

  skip_spaces (&p);
  if (*p != '\0')
    return FALSE;
  d = dag_date_from_ymd (year, month, day);
  if (d == DAG_DATE_NONE)
    return FALSE;
  *date = d;
  return TRUE;
}

const char *
dag_date_format_human (DagDate date,
                       char   *buf)
{
  int y, m, d;

  if (date == DAG_DATE_NONE)
    {
      buf[0] = '\0';
      return buf;
    }
  dag_date_to_ymd (date, &y, &m, &d);
  g_snprintf (buf, DAG_DATE_BUF, "%02d-%02d-%04d", d, m, y);
  return buf;
}

/* ---- amounts ------------------------------------------------------------ */

/* Appends the digits of magnitude to out, grouped by three with the
 * translated thousands separator (the one of amounts). */
static void
append_grouped (GString *out,
                guint64  magnitude)
{
  /* Translators: the separator of thousands in amounts, "12,345.67"; "."
   * in Dutch. */
  const char *thousands = C_("thousands separator", ",");
  char digits[32];
  int n;

  n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
}

char *
dag_format_amount (gint64 cents)
{
  /* Translators: the decimal separator of amounts in euros. */
  const char *decimal = C_("decimal separator", ".");
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  GString *out = g_string_new (cents < 0 ? "−" : "");

  append_grouped (out, magnitude / 100);
  g_string_append_printf (out, "%s%02u", decimal, (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}

char *
dag_format_count (gint64 n)
{
  guint64 magnitude = n < 0 ? (guint64) 0 - (guint64) n : (guint64) n;
  GString *out = g_string_new (n < 0 ? "−" : "");

  append_grouped (out, magnitude);
  return g_string_free (out, FALSE);
}

char *
dag_format_euros (gint64 cents)
{
  g_autofree char *amount = dag_format_amount (cents);

  return g_strconcat ("€ ", amount, NULL);
}
