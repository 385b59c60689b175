/* dag-cli-declare.c — "dagritme declare", "declarations" and "declaration
 * sent": a month's iWmo WMO323 declarations written and kept in the ledger
 * (INTERFACES.md §2a). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dag-cli-private.h"
#include "dag-declare.h"
#include "dag-iwmo-check.h"
#include "dag-production-export.h"

/* Findings listed per message before "… and N more". */
#define MAX_FINDINGS_SHOWN 50

/* "YYYY-MM", month 01–12. */
static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100 +
          g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  *month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  return *year >= 1900 && *month >= 1 && *month <= 12;
}

static const char *
municipality_code (const DagOrg *org,
                   int           municipality)
{
  return DAG_AT (org->municipalities, DagMunicipality, municipality)->code;
}

static const char *
municipality_name (const DagOrg *org,
                   int           municipality)
{
  return DAG_AT (org->municipalities, DagMunicipality, municipality)->name;
}

/* Prints the findings of the messages that have any; returns how many
 * messages had findings. */
static guint
print_findings (const DagOrg           *org,
                const DagDeclareResult *result)
{
  guint refused = 0;

  for (guint i = 0; i < result->messages->len; i++)
    {
      const DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);
      guint n = msg->findings->len;

      if (n == 0)
        continue;
      refused++;
      g_printerr (ngettext ("dagritme: %s (%s) %04d-%02d: the local check found %u problem:\n",
                            "dagritme: %s (%s) %04d-%02d: the local check found %u problems:\n", n),
                  municipality_name (org, msg->municipality), municipality_code (org, msg->municipality),
                  result->year, result->month, n);
      for (guint j = 0; j < n && j < MAX_FINDINGS_SHOWN; j++)
        {
          g_autofree char *text = dag_iwmo_finding_describe (g_ptr_array_index (msg->findings, j));
          g_printerr ("  %s\n", text);
        }
      if (n > MAX_FINDINGS_SHOWN)
        g_printerr (ngettext ("  … and %u more\n", "  … and %u more\n", n - MAX_FINDINGS_SHOWN),
                    n - MAX_FINDINGS_SHOWN);
    }
  return refused;
}

int
dag_cli_declare_month (DagStore   *store,
                       DagOrg     *org,
                       int         year,
                       int         month,
                       int         municipality,
                       const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DagProduction) production = NULL;
  g_autoptr(DagDeclareResult) result = NULL;
  DagDate today = dag_date_today ();
  guint n_problems;

  production = dag_production_compute (org, year, month, today);
  n_problems = production->problems->len;
  result = dag_declare_month (org, production, municipality, today, &error);
  if (result == NULL)
    return dag_cli_fail (error);
  if (print_findings (org, result) > 0)
    {
      g_printerr ("dagritme: %s\n", _("Nothing was written: a municipality would reject these messages"));
      return DAG_EXIT_FAILED;
    }

  /* The files and the ledger go together: the ledger is saved in a
   * transaction that is committed only once every file is in place. */
  if (result->messages->len > 0 || result->withdrawn->len > 0)
    {
      if (!dag_store_begin (store, &error))
        return dag_cli_fail (error);
      dag_declare_result_apply (result, org);
      if (!dag_store_save (store, org, DAG_SECTION_DECLARATIONS, "declare", &error) ||
          !dag_declare_result_write (result, output, &error))
        {
          dag_store_rollback (store);
          return dag_cli_fail (error);
        }
      if (!dag_store_commit (store, &error))
        {
          for (guint i = 0; i < result->messages->len; i++)
            {
              const DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);
              g_autofree char *path = g_build_filename (output, msg->file_name, NULL);
              g_unlink (path);
            }
          return dag_cli_fail (error);
        }
    }

  for (guint i = 0; i < result->messages->len; i++)
    {
      const DagDeclareMessage *msg = g_ptr_array_index (result->messages, i);
      guint n = msg->n_debit + msg->n_credit;
      g_autofree char *path = g_build_filename (output, msg->file_name, NULL);
      g_autofree char *total = dag_cents_format (msg->total_cents, ',');

      g_print (ngettext ("Wrote %s: %u line, total %s EUR\n",
                         "Wrote %s: %u lines, total %s EUR\n", n), path, n, total);
      if (msg->n_credit > 0)
        g_print (_("  corrects what was sent: %u credit and %u debit lines\n"), msg->n_credit, msg->n_debit);
      if (msg->replaces != NULL)
        g_print (_("  replaces declaration %s, which was not sent (do not send its file)\n"), msg->replaces);
    }
  for (guint i = 0; i < result->unchanged->len; i++)
    {
      const char *code = g_ptr_array_index (result->unchanged, i);
      int m = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, code);

      g_print (_("%s (%s): no differences with what was sent for %04d-%02d; nothing written\n"),
               m >= 0 ? municipality_name (org, m) : code, code, year, month);
    }
  for (guint i = 0; i < result->withdrawn->len; i++)
    g_print (_("Declaration %s was not sent and is withdrawn: there is nothing to declare in its place\n"),
             (char *) g_ptr_array_index (result->withdrawn, i));
  if (result->messages->len == 0 && result->unchanged->len == 0 && result->withdrawn->len == 0)
    g_print (_("Nothing to declare for %04d-%02d\n"), year, month);
  if (n_problems > 0)
    g_printerr (ngettext ("%u problem kept attendance from being billed; see export production --format summary\n",
                          "%u problems kept attendance from being billed; see export production --format summary\n",
                          n_problems), n_problems);
  return DAG_EXIT_OK;
}

/* Opens the database and finds the municipality by code (-1 for none). */
static DagOrg *
load (const char *database,
      const char *code,
      DagStore  **store,
      int        *municipality,
      GError    **error)
{
  g_autoptr(DagOrg) org = NULL;

  org = dag_cli_open_and_load (database, store, error);
  if (org == NULL)
    return NULL;
  *municipality = -1;
  if (code != NULL)
    {
      *municipality = dag_org_lookup (org, DAG_KIND_MUNICIPALITY, code);
      if (*municipality < 0)
        {
          g_set_error (error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                       _("There is no municipality with code “%s”"), code);
          return NULL;
        }
    }
  return g_steal_pointer (&org);
}

int
dag_cli_declare (const char *database,
                 int         argc,
                 char      **argv)
{
  g_autofree char *month_text = NULL, *code = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month to declare (YYYY-MM)"), N_("MONTH") },
    { "municipality", 0, 0, G_OPTION_ARG_STRING, &code, N_("Only this municipality (CBS code)"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The folder for the WMO323 files"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  int year, month, municipality;

  if (!dag_cli_parse_options ("declare", "",
                              _("Write the WMO323 declarations of a month and keep them in the ledger"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("declare takes no arguments besides its options"));
  if (!parse_month (month_text, &year, &month))
    return dag_cli_usage (_("declare needs --month YYYY-MM"));
  if (output == NULL || strcmp (output, "-") == 0)
    return dag_cli_usage (_("declare needs --output DIR, the folder for the files"));

  org = load (database, code, &store, &municipality, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  return dag_cli_declare_month (store, org, year, month, municipality, output);
}

/* Appends text padded with spaces to width characters (names hold
 * letters such as ö: characters, not bytes). */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  do
    g_string_append_c (out, ' ');
  while (++n < width);
}

static int
compare_listed (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagDeclaration *x = *(DagDeclaration *const *) a, *y = *(DagDeclaration *const *) b;
  int r = (x->month > y->month) - (x->month < y->month);

  if (r == 0)
    r = strcmp (municipality_code (org, x->municipality), municipality_code (org, y->municipality));
  /* Then in ledger order: pointers into one array. */
  if (r == 0)
    r = (x > y) - (x < y);
  return r;
}

static char *
declaration_state (const DagDeclaration *d)
{
  guint accepted = 0, rejected = 0, open = 0;
  char date[DAG_DATE_BUF];

  if (d->sent == DAG_DATE_NONE)
    return g_strdup_printf (_("written %s"), dag_date_format (d->written, date));
  for (guint i = 0; i < d->lines->len; i++)
    {
      const DagDeclarationLine *l = DAG_AT (d->lines, DagDeclarationLine, i);

      if (!l->has_response)
        open++;
      else if (l->response_accepted)
        accepted++;
      else
        rejected++;
    }
  if (accepted + rejected == 0)
    return g_strdup_printf (_("sent %s"), dag_date_format (d->sent, date));
  if (open == 0)
    return g_strdup_printf (_("answered: %u accepted, %u rejected"), accepted, rejected);
  return g_strdup_printf (_("answered: %u accepted, %u rejected, %u without answer"), accepted, rejected, open);
}

int
dag_cli_declarations (const char *database,
                      int         argc,
                      char      **argv)
{
  g_autofree char *month_text = NULL;
  GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("Only this month (YYYY-MM)"), N_("MONTH") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  DagDate first = DAG_DATE_NONE;
  int year = 0, month = 0, municipality;

  if (!dag_cli_parse_options ("declarations", "", _("List the declarations written and sent"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("declarations takes no arguments besides its options"));
  if (month_text != NULL)
    {
      if (!parse_month (month_text, &year, &month))
        return dag_cli_usage (_("--month must be YYYY-MM"));
      first = dag_date_from_ymd (year, month, 1);
    }

  org = load (database, NULL, &store, &municipality, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  for (guint i = 0; i < org->declarations->len; i++)
    {
      DagDeclaration *d = DAG_AT (org->declarations, DagDeclaration, i);
      if (first == DAG_DATE_NONE || d->month == first)
        g_ptr_array_add (listed, d);
    }
  if (listed->len == 0)
    {
      if (first == DAG_DATE_NONE)
        g_print ("%s\n", _("No declarations yet."));
      else
        g_print (_("No declarations for %04d-%02d.\n"), year, month);
      return DAG_EXIT_OK;
    }
  g_ptr_array_sort_with_data (listed, compare_listed, org);

  append_padded (out, _("Number"), 14);
  append_padded (out, _("Municipality"), 22);
  append_padded (out, _("Month"), 8);
  g_string_append_printf (out, "%6s %14s  %s\n", _("Lines"), _("Total (EUR)"), _("State"));
  for (guint i = 0; i < listed->len; i++)
    {
      const DagDeclaration *d = g_ptr_array_index (listed, i);
      g_autofree char *who = g_strdup_printf ("%s %s", municipality_code (org, d->municipality),
                                              municipality_name (org, d->municipality));
      g_autofree char *total = dag_cents_format (dag_declaration_total_cents (d), ',');
      g_autofree char *state = declaration_state (d);
      int y, m;
      char when[8];

      dag_date_to_ymd (d->month, &y, &m, NULL);
      g_snprintf (when, sizeof when, "%04d-%02d", y, m);
      append_padded (out, d->number, 14);
      append_padded (out, who, 22);
      append_padded (out, when, 8);
      g_string_append_printf (out, "%6u %14s  %s\n", d->lines->len, total, state);
    }
  g_print ("%s", out->str);
  return DAG_EXIT_OK;
}

int
dag_cli_declaration_sent (const char *database,
                          int         argc,
                          char      **argv)
{
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The date it was sent (default today)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDate date = dag_date_today ();
  const DagDeclaration *d = NULL;
  int municipality, year, month;
  char buf[DAG_DATE_BUF];

  if (!dag_cli_parse_options ("declaration sent", _("NUMBER"),
                              _("Mark a declaration as sent: its month becomes final"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc != 2)
    return dag_cli_usage (_("declaration sent needs the number of one declaration"));
  if (date_text != NULL && !dag_date_parse (date_text, &date))
    return dag_cli_usage (_("--date must be YYYY-MM-DD"));

  org = load (database, NULL, &store, &municipality, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  if (!dag_declaration_mark_sent (org, argv[1], date, &error) ||
      !dag_store_save (store, org, DAG_SECTION_DECLARATIONS, "declaration sent", &error))
    return dag_cli_fail (error);

  for (guint i = 0; i < org->declarations->len && d == NULL; i++)
    if (g_strcmp0 (DAG_AT (org->declarations, DagDeclaration, i)->number, argv[1]) == 0)
      d = DAG_AT (org->declarations, DagDeclaration, i);
  dag_date_to_ymd (d->month, &year, &month, NULL);
  g_print (_("Declaration %s was sent on %s: %04d-%02d is final for %s (%s)\n"), d->number,
           dag_date_format (d->sent, buf), year, month,
           municipality_name (org, d->municipality), municipality_code (org, d->municipality));
  return DAG_EXIT_OK;
}
