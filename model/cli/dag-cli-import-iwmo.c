/* dag-cli-import-iwmo.c — "dagritme import wmo301 FILE.xml" (allocations:
 * lists the differences with the stored indications, then applies them)
 * and "dagritme import wmo325 FILE.xml" (a municipality's answer to a
 * declaration: accepted and rejected lines onto the ledger). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dag-cli-private.h"
#include "dag-iwmo-import.h"
#include "dag-production-export.h"

static gboolean
too_large (const char *path,
           GError    **error)
{
  g_autofree char *base = g_path_get_basename (path);

  g_set_error (error, DAG_IWMO_IMPORT_ERROR, DAG_IWMO_IMPORT_ERROR_SYNTAX,
               _("The file is larger than %d MB, the most an iWmo message may be"),
               DAG_IWMO_MAX_BYTES / 1000000);
  g_prefix_error (error, "%s: ", base);
  return FALSE;
}

/* Reads the message file, refusing one larger than an iWmo message may be
 * before anything is parsed: a regular file by its size, before reading
 * it; a pipe or a device (/dev/zero) once more than that came. */
static gboolean
read_message (const char *path,
              char      **text,
              gsize      *length,
              GError    **error)
{
  g_autoptr(GByteArray) data = NULL;
  GStatBuf st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not open %s: %s"), shown, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > DAG_IWMO_MAX_BYTES)
    {
      close (fd);
      return too_large (path, error);
    }
  data = g_byte_array_new ();
  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_autofree char *shown = g_filename_display_name (path);

          close (fd);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not read %s: %s"), shown, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > DAG_IWMO_MAX_BYTES)
        {
          close (fd);
          return too_large (path, error);
        }
      g_byte_array_append (data, buffer, n);
    }
  close (fd);
  *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *text = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}

static int
fail_in_file (const char *path,
              GError    **error)
{
  g_autofree char *base = g_path_get_basename (path);

  g_prefix_error (error, "%s: ", base);
  return dag_cli_fail (*error);
}

int
dag_cli_import_wmo301 (const char *database,
                       int         argc,
                       char      **argv)
{
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("List the differences, change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagWmo301) import = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const DagParticipant *p;
  const DagMunicipality *m;
  guint n_new, n_changed, n_ended, n_unchanged;

  if (!dag_cli_parse_options ("import wmo301", _("FILE.xml"),
                              _("Create, change or end indications from an iWmo WMO301 allocation message"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc != 2)
    return dag_cli_usage (_("import wmo301 needs exactly one FILE.xml"));

  if (!read_message (argv[1], &text, &length, &error))
    return dag_cli_fail (error);
  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  import = dag_wmo301_read (text, length, org, &error);
  if (import == NULL)
    return fail_in_file (argv[1], &error);

  p = DAG_AT (org->participants, DagParticipant, import->participant);
  m = DAG_AT (org->municipalities, DagMunicipality, import->municipality);
  g_print (_("WMO301 %s from municipality %s (%s), client %s: participant %s (%s)\n"),
           import->message_id ? import->message_id : "?", m->code, m->name,
           import->client, p->id, p->name);

  for (guint i = 0; i < import->differences->len; i++)
    {
      const DagWmo301Difference *d = g_ptr_array_index (import->differences, i);
      g_autofree char *line = NULL;

      if (d->kind == DAG_WMO301_UNCHANGED)
        continue;
      line = dag_wmo301_describe (d, org);
      g_print ("  %s\n", line);
    }
  n_new = dag_wmo301_count (import, DAG_WMO301_NEW);
  n_changed = dag_wmo301_count (import, DAG_WMO301_CHANGED);
  n_ended = dag_wmo301_count (import, DAG_WMO301_ENDED);
  n_unchanged = dag_wmo301_count (import, DAG_WMO301_UNCHANGED);
  if (n_unchanged > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u allocation is stored as it is already\n",
                          "  %u allocations are stored as they are already\n", n_unchanged),
             n_unchanged);

  if (n_new + n_changed + n_ended == 0)
    {
      g_print ("%s\n", _("No differences with the stored indications; nothing to change."));
      return DAG_EXIT_OK;
    }
  if (dry_run)
    {
      g_print ("%s\n", _("Nothing was changed (--dry-run)."));
      return DAG_EXIT_OK;
    }
  if (!dag_wmo301_apply (import, store, org, &error))
    return dag_cli_fail (error);
  /* Translators: counts of indications, "Applied: 1 new, 2 changed, 0 ended." */
  g_print (_("Applied: %u new, %u changed, %u ended.\n"), n_new, n_changed, n_ended);
  return DAG_EXIT_OK;
}

/* "0611 The tariff differs …; 9340 …" for the codes of a line. */
static char *
describe_codes (const char *const *codes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; codes && codes[i]; i++)
    {
      const char *text = dag_iwmo_return_code_text (codes[i]);

      if (i > 0)
        g_string_append (s, "; ");
      g_string_append (s, codes[i]);
      if (text != NULL)
        g_string_append_printf (s, " %s", text);
    }
  return g_string_free (s, FALSE);
}

int
dag_cli_import_wmo325 (const char *database,
                       int         argc,
                       char      **argv)
{
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Show the answer, store nothing"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagWmo325) answer = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  const DagDeclaration *decl;
  const DagMunicipality *m;
  int year, month, day;

  if (!dag_cli_parse_options ("import wmo325", _("FILE.xml"),
                              _("Store a municipality’s WMO325 answer to a declaration on the ledger"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc != 2)
    return dag_cli_usage (_("import wmo325 needs exactly one FILE.xml"));

  if (!read_message (argv[1], &text, &length, &error))
    return dag_cli_fail (error);
  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);
  answer = dag_wmo325_read (text, length, org, &error);
  if (answer == NULL)
    return fail_in_file (argv[1], &error);

  decl = DAG_AT (org->declarations, DagDeclaration, answer->declaration);
  m = DAG_AT (org->municipalities, DagMunicipality, decl->municipality);
  dag_date_to_ymd (decl->month, &year, &month, &day);
  /* Translators: "Declaration D0202202604 (0202 Arnhem, 2026-04): accepted 10, rejected 2". */
  g_print (_("Declaration %s (%s %s, %04d-%02d): accepted %u, rejected %u\n"),
           decl->number, m->code, m->name, year, month, answer->n_accepted, answer->n_rejected);
  if (answer->has_totals)
    {
      g_autofree char *submitted = dag_cents_format (answer->submitted_cents, ',');
      g_autofree char *granted = dag_cents_format (answer->granted_cents, ',');

      g_print (_("  Submitted € %s, granted € %s\n"), submitted, granted);
    }
  if (answer->refusal_code != NULL)
    {
      const char *const codes[] = { answer->refusal_code, NULL };
      g_autofree char *why = describe_codes (codes);

      g_print (_("  Refused as a whole: %s\n"), why);
    }
  for (guint i = 0; i < answer->lines->len; i++)
    {
      const DagWmo325Line *l = g_ptr_array_index (answer->lines, i);
      const DagDeclarationLine *dl = DAG_AT (decl->lines, DagDeclarationLine, l->line);
      const char *allocation = "?";
      g_autofree char *why = NULL;
      char a[DAG_DATE_BUF], b[DAG_DATE_BUF];

      if (l->accepted)
        continue;
      if (dl->indication >= 0 && (guint) dl->indication < org->indications->len)
        allocation = DAG_AT (org->indications, DagIndication, dl->indication)->allocation_number;
      why = describe_codes ((const char *const *) l->codes);
      /* Translators: one rejected line: reference, client (masked BSN),
       * allocation number, product code, period, then its return codes. */
      g_print (_("  Rejected %s (client %s, allocation %s, %s, %s – %s): %s\n"),
               l->reference, l->client, allocation, dl->product_code,
               dag_date_format (dl->period_start, a), dag_date_format (dl->period_end, b), why);
    }

  if (dry_run)
    {
      g_print ("%s\n", _("Nothing was stored (--dry-run)."));
      return DAG_EXIT_OK;
    }
  if (!dag_wmo325_apply (answer, store, org, &error))
    return dag_cli_fail (error);
  g_print ("%s\n", _("The answer is stored on the ledger."));
  if (answer->n_rejected > 0)
    g_print ("%s\n", _("Rejected lines can be corrected and declared again in the next declaration."));
  return DAG_EXIT_OK;
}
