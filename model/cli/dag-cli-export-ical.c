/* dag-cli-export-ical.c — "dagritme export ical": the iCalendar file of one
 * participant, staff member, group, location or vehicle, or of every
 * participant into a folder. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-cli-private.h"
#include "dag-ical.h"

static gboolean
parse_date_option (const char *option,
                   const char *text,
                   DagDate    *date)
{
  if (text == NULL)
    return TRUE;
  if (dag_date_parse (text, date))
    return TRUE;
  dag_cli_usage (_("%s: “%s” is not a date (YYYY-MM-DD)"), option, text);
  return FALSE;
}

int
dag_cli_export_ical (const char *database,
                     int         argc,
                     char      **argv)
{
  g_autofree char *participant = NULL, *staff = NULL, *group = NULL, *location = NULL, *vehicle = NULL;
  g_autofree char *all_dir = NULL, *from_text = NULL, *to_text = NULL, *output = NULL;
  GOptionEntry entries[] = {
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant, N_("The calendar of this participant"), N_("ID") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff, N_("The calendar of this staff member"), N_("ID") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("The calendar of this group"), N_("ID") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location, N_("The calendar of every group at this location"), N_("ID") },
    { "vehicle", 0, 0, G_OPTION_ARG_STRING, &vehicle, N_("The runs of this vehicle"), N_("ID") },
    { "all-participants", 0, 0, G_OPTION_ARG_FILENAME, &all_dir,
      N_("Write one file per participant into this folder"), N_("DIR") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First date (default: Monday of this week)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last date (default: 52 weeks after the first)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The .ics file to write"), N_("FILE") },
    { NULL }
  };
  struct { DagKind kind; const char *id; } subject = { DAG_KIND_PARTICIPANT, NULL };
  int n_subjects = 0;
  DagDate from = DAG_DATE_NONE, to = DAG_DATE_NONE;
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagIcalExport) export = NULL;

  if (!dag_cli_parse_options ("export ical",
                              "--participant ID | --staff ID | --group ID | --location ID | --vehicle ID | --all-participants DIR",
                              _("Write the week plan as an iCalendar file"), entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("export ical: unexpected argument “%s”"), argv[1]);

  {
    const struct { const char *id; DagKind kind; } given[] = {
      { participant, DAG_KIND_PARTICIPANT },
      { staff, DAG_KIND_STAFF },
      { group, DAG_KIND_GROUP },
      { location, DAG_KIND_LOCATION },
      { vehicle, DAG_KIND_VEHICLE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (given); i++)
      if (given[i].id != NULL)
        {
          subject.kind = given[i].kind;
          subject.id = given[i].id;
          n_subjects++;
        }
  }
  if (all_dir != NULL)
    n_subjects++;
  if (n_subjects != 1)
    return dag_cli_usage (_("export ical: give exactly one of --participant, --staff, --group, --location, --vehicle or --all-participants"));
  if (all_dir == NULL && output == NULL)
    return dag_cli_usage (_("export ical: --output FILE is required"));
  if (all_dir != NULL && output != NULL)
    return dag_cli_usage (_("export ical: --all-participants writes into its folder; leave out --output"));
  if (!parse_date_option ("--from", from_text, &from) || !parse_date_option ("--to", to_text, &to))
    return DAG_EXIT_USAGE;
  if (from != DAG_DATE_NONE && to != DAG_DATE_NONE && to < from)
    return dag_cli_usage (_("export ical: --to lies before --from"));

  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  export = dag_ical_export_new (org, from, to, &error);
  if (export == NULL)
    return dag_cli_fail (error);

  if (all_dir == NULL)
    {
      g_autofree char *text = NULL;
      gsize length;

      if (dag_ical_export_add (export, subject.kind, subject.id, &error) < 0 ||
          !dag_ical_export_build (export, store, -1, &error))
        return dag_cli_fail (error);
      text = dag_ical_export_render (export, 0, &length);
      if (!dag_cli_write_output (output, text, length, 0600, &error))
        return dag_cli_fail (error);
      return DAG_EXIT_OK;
    }

  for (guint p = 0; p < org->participants->len; p++)
    if (dag_ical_export_add (export, DAG_KIND_PARTICIPANT,
                             DAG_AT (org->participants, DagParticipant, p)->id, &error) < 0)
      return dag_cli_fail (error);
  if (!dag_ical_export_build (export, store, -1, &error) ||
      !dag_ical_export_write_all (export, all_dir, &error))
    return dag_cli_fail (error);
  return DAG_EXIT_OK;
}
