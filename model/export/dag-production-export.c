/* dag-production-export.c — writes a month's production as CSV, as XML
 * declarations and as a summary table. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-production-export.h"

char *
dag_cents_format (gint64 cents,
                  char   separator)
{
  gboolean negative = cents < 0;
  guint64 value = negative ? (guint64) 0 - (guint64) cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%c%02u", negative ? "-" : "",
                          value / 100, separator, (guint) (value % 100));
}

/* A cell a spreadsheet would read as a formula (OWASP "CSV injection"):
 * one that starts with = + - @, a tab or a carriage return.  A participant
 * named =HYPERLINK(…) must stay a name. */
static gboolean
looks_like_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

/* RFC 4180 §2.6–2.7: a field holding the separator, a double quote or a
 * line break is enclosed in double quotes, and its quotes are doubled.
 * A text field that looks like a formula is written as OWASP advises: a
 * single quote in front, and the whole in double quotes.  Numbers (units,
 * amounts) are ours and never negative, and are written as they are. */
static void
csv_field_full (GString    *out,
                const char *text,
                char        separator,
                gboolean    last,
                gboolean    is_text)
{
  gboolean formula;

  if (text == NULL)
    text = "";
  formula = is_text && looks_like_formula (text);
  if (formula || strchr (text, separator) || strpbrk (text, "\"\r\n"))
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *c = text; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  if (last)
    g_string_append (out, "\r\n");
  else
    g_string_append_c (out, separator);
}

static void
csv_field (GString    *out,
           const char *text,
           char        separator,
           gboolean    last)
{
  csv_field_full (out, text, separator, last, TRUE);
}

static void
csv_number (GString    *out,
            const char *text,
            char        separator,
            gboolean    last)
{
  csv_field_full (out, text, separator, last, FALSE);
}

static const DagProduct *
line_product (const DagOrg            *org,
              const DagProductionLine *line)
{
  const DagContract *c = DAG_AT (org->contracts, DagContract, line->contract);
  return DAG_AT (c->products, DagProduct, line->product);
}

char *
dag_production_to_csv (const DagOrg        *org,
                       const DagProduction *production,
                       int                  municipality,
                       DagCsvDialect        dialect,
                       gsize               *length)
{
  GString *out = g_string_sized_new (256 + production->lines->len * 160);
  char sep = dialect == DAG_CSV_DIALECT_NL ? ';' : ',';
  static const char *const columns[] = {
    "municipality_code", "municipality", "bsn", "participant", "birth_date",
    "allocation_number", "product", "product_code", "period_start", "period_end",
    "units", "unit", "amount_cents",
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gboolean last = i + 1 == G_N_ELEMENTS (columns);
      /* The header is a contract (INTERFACES.md §2): the nl dialect
       * writes euros, so its last column says so ("bedrag"), not cents. */
      csv_field (out, last && dialect == DAG_CSV_DIALECT_NL ? "bedrag" : columns[i], sep, last);
    }

  for (guint i = 0; i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, l->municipality);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, l->participant);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, l->indication);
      const DagProduct *prod = line_product (org, l);
      char birth[DAG_DATE_BUF], start[DAG_DATE_BUF], end[DAG_DATE_BUF], units[16];
      g_autofree char *amount = NULL;

      if (municipality >= 0 && l->municipality != municipality)
        continue;
      g_snprintf (units, sizeof units, "%d", l->units);
      if (dialect == DAG_CSV_DIALECT_NL)
        amount = dag_cents_format (l->amount_cents, ',');
      else
        amount = g_strdup_printf ("%" G_GINT64_FORMAT, l->amount_cents);

      csv_field (out, m->code, sep, FALSE);
      csv_field (out, m->name, sep, FALSE);
      csv_field (out, pa->bsn, sep, FALSE);
      csv_field (out, pa->name, sep, FALSE);
      csv_field (out, pa->birth_date ? dag_date_format (pa->birth_date, birth) : "", sep, FALSE);
      csv_field (out, ind->allocation_number, sep, FALSE);
      csv_field (out, prod->product, sep, FALSE);
      csv_field (out, prod->code, sep, FALSE);
      csv_field (out, dag_date_format (l->period_start, start), sep, FALSE);
      csv_field (out, dag_date_format (l->period_end, end), sep, FALSE);
      csv_number (out, units, sep, FALSE);
      csv_field (out, prod->unit, sep, FALSE);
      csv_number (out, amount, sep, TRUE);
    }
  *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
dag_production_has_lines (const DagProduction *production,
                          int                  municipality)
{
  for (guint i = 0; i < production->lines->len; i++)
    if (DAG_AT (production->lines, DagProductionLine, i)->municipality == municipality)
      return TRUE;
  return FALSE;
}

/* ---- summary ------------------------------------------------------------ */

typedef DagProductionSum SumRow;

static int
compare_sum_rows (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DagOrg *org = user_data;
  const SumRow *ra = a, *rb = b;
  const DagContract *ca = DAG_AT (org->contracts, DagContract, ra->contract);
  const DagContract *cb = DAG_AT (org->contracts, DagContract, rb->contract);
  int r = strcmp (DAG_AT (org->municipalities, DagMunicipality, ra->municipality)->code,
                  DAG_AT (org->municipalities, DagMunicipality, rb->municipality)->code);

  if (r == 0)
    r = strcmp (DAG_AT (ca->products, DagProduct, ra->product)->code,
                DAG_AT (cb->products, DagProduct, rb->product)->code);
  return r;
}

/* Appends text padded with spaces to width characters (not bytes: names
 * hold letters such as ö). */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  /* At least one space, so that a long value never runs into the next. */
  do
    g_string_append_c (out, ' ');
  while (++n < width);
}

static char *
hours_format (gint64 minutes)
{
  /* One decimal, rounded half up, in integers. */
  gint64 tenths = (minutes * 10 + 30) / 60;
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%d", tenths / 10, (int) (tenths % 10));
}

GArray *
dag_production_sums (const DagOrg        *org,
                     const DagProduction *production,
                     int                  municipality)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (SumRow));

  /* Lines are sorted by municipality, then BSN: collect per municipality
   * and product code in first-seen order, then sort. */
  for (guint i = 0; i < production->lines->len; i++)
    {
      const DagProductionLine *l = DAG_AT (production->lines, DagProductionLine, i);
      const char *code;
      SumRow *row = NULL;

      if (municipality >= 0 && l->municipality != municipality)
        continue;
      code = line_product (org, l)->code;
      for (guint j = 0; j < rows->len && row == NULL; j++)
        {
          SumRow *r = DAG_AT (rows, SumRow, j);
          const DagContract *c = DAG_AT (org->contracts, DagContract, r->contract);
          if (r->municipality == l->municipality &&
              strcmp (DAG_AT (c->products, DagProduct, r->product)->code, code) == 0)
            row = r;
        }
      if (row == NULL)
        {
          SumRow r = { l->municipality, l->contract, l->product, 0, 0, 0 };
          g_array_append_val (rows, r);
          row = DAG_AT (rows, SumRow, rows->len - 1);
        }
      row->lines++;
      row->units += l->units;
      row->cents += l->amount_cents;
    }

  g_array_sort_with_data (rows, compare_sum_rows, (gpointer) org);
  return rows;
}

char *
dag_production_summary (const DagOrg        *org,
                        const DagProduction *production,
                        int                  municipality)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) rows = dag_production_sums (org, production, municipality);
  char a[DAG_DATE_BUF], b[DAG_DATE_BUF];
  gint64 grand = 0;
  guint shown = 0;


  g_string_append_printf (out, _("Production %04d-%02d (%s – %s)\n\n"), production->year, production->month,
                          dag_date_format (production->first, a), dag_date_format (production->last, b));
  g_string_append_printf (out, "%-6s ", _("Code"));
  append_padded (out, _("Municipality"), 21);
  append_padded (out, _("Product"), 10);
  append_padded (out, _("Prod.code"), 9);
  g_string_append_printf (out, "%11s %8s ", _("Indications"), _("Units"));
  append_padded (out, _("Unit"), 11);
  g_string_append_printf (out, "%14s\n", _("Amount (EUR)"));
  for (guint j = 0; j < rows->len; j++)
    {
      const SumRow *r = DAG_AT (rows, SumRow, j);
      const DagMunicipality *m = DAG_AT (org->municipalities, DagMunicipality, r->municipality);
      const DagContract *c = DAG_AT (org->contracts, DagContract, r->contract);
      const DagProduct *p = DAG_AT (c->products, DagProduct, r->product);
      g_autofree char *amount = dag_cents_format (r->cents, ',');

      g_string_append_printf (out, "%-6s ", m->code);
      append_padded (out, m->name, 21);
      append_padded (out, p->product, 10);
      append_padded (out, p->code, 9);
      g_string_append_printf (out, "%11d %8" G_GINT64_FORMAT " ", r->lines, r->units);
      append_padded (out, p->unit, 11);
      g_string_append_printf (out, "%14s\n", amount);
      grand += r->cents;
      if (j + 1 == rows->len || DAG_AT (rows, SumRow, j + 1)->municipality != r->municipality)
        {
          gint64 total = 0;
          g_autofree char *t = NULL;

          for (guint k = 0; k < rows->len; k++)
            if (DAG_AT (rows, SumRow, k)->municipality == r->municipality)
              total += DAG_AT (rows, SumRow, k)->cents;
          t = dag_cents_format (total, ',');
          g_string_append_printf (out, "%-6s ", m->code);
          append_padded (out, _("total"), 72);
          g_string_append_printf (out, "%14s\n", t);
        }
    }
  {
    g_autofree char *t = dag_cents_format (grand, ',');
    g_string_append_printf (out, "%-6s ", "");
    append_padded (out, _("Total"), 72);
    g_string_append_printf (out, "%14s\n", t);
  }

  g_string_append_printf (out, "\n%s\n", _("HBO/MBO share of staffed hours per group"));
  append_padded (out, _("Group"), 9);
  append_padded (out, _("Name"), 25);
  g_string_append_printf (out, "%10s %10s %9s\n", _("HBO hours"), _("MBO hours"), _("HBO share"));
  for (guint i = 0; i < production->mix->len; i++)
    {
      const DagProductionMix *mix = DAG_AT (production->mix, DagProductionMix, i);
      const DagGroup *g = DAG_AT (org->groups, DagGroup, mix->group);
      gint64 all = mix->hbo_minutes + mix->mbo_minutes;
      g_autofree char *hbo = hours_format (mix->hbo_minutes);
      g_autofree char *mbo = hours_format (mix->mbo_minutes);
      g_autofree char *share = NULL;

      if (all > 0)
        {
          /* Per mille, rounded half up, then as "66,7 %". */
          gint64 pm = (mix->hbo_minutes * 1000 * 2 + all) / (2 * all);
          share = g_strdup_printf ("%" G_GINT64_FORMAT ",%d %%", pm / 10, (int) (pm % 10));
        }
      else
        share = g_strdup ("–");
      append_padded (out, g->id, 9);
      append_padded (out, g->name, 25);
      g_string_append_printf (out, "%10s %10s %9s\n", hbo, mbo, share);
    }

  for (guint i = 0; i < production->problems->len; i++)
    {
      const DagProductionProblem *p = DAG_AT (production->problems, DagProductionProblem, i);

      if (municipality >= 0 && p->indication >= 0 &&
          DAG_AT (org->contracts, DagContract,
                  DAG_AT (org->indications, DagIndication, p->indication)->contract)->municipality != municipality)
        continue;
      if (shown++ == 0)
        g_string_append_printf (out, "\n%s\n", _("Problems and notices"));
      {
        g_autofree char *text = dag_production_problem_describe (org, p);
        g_string_append_printf (out, "  %s\n", text);
      }
    }
  if (shown == 0)
    g_string_append_printf (out, "\n%s\n", _("No problems."));
  return g_string_free (out, FALSE);
}
