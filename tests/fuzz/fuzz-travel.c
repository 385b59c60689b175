/* fuzz-travel.c — fuzz target for the travel-times CSV reader, against the
 * test organisation: every accepted pair lies within the documented
 * ranges, and the planner's table built from them answers for every pair. */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dag-org-import.h"
#include "dag-travel.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static DagOrg *
organisation (void)
{
  static DagOrg *org;

  if (org == NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *env = g_getenv ("DAG_FUZZ_ORGANISATION");
      g_autofree char *path = env ? g_strdup (env)
                                  : g_build_filename (SOURCE_DIR, "tests", "data", "organisation.json", NULL);

      org = dag_org_import_file (path, &error);
      if (org == NULL)
        g_error ("%s: %s", path, error->message);
    }
  return org;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  DagOrg *org = organisation ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = dag_travel_parse_csv ((const char *) data, size, org, &error);
  DagTravel *travel;

  if (entries == NULL)
    {
      if (error == NULL || !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const DagTravelEntry *e = &g_array_index (entries, DagTravelEntry, i);

      if (!(e->minutes >= 0 && e->minutes <= 600 && e->km >= 0 && e->km <= 1000))
        abort ();
    }
  travel = dag_travel_new (org, entries);
  for (guint i = 0; i < org->participants->len; i++)
    for (guint l = 0; l < org->locations->len; l++)
      {
        double minutes = -1, km = -1;
        int from = dag_travel_place_participant (travel, (int) i);
        int to = dag_travel_place_location (travel, (int) l);

        dag_travel_get (travel, from, to, &minutes, &km);
        if (!(minutes >= 0 && km >= 0) || minutes > 1e6)
          abort ();
      }
  dag_travel_free (travel);
  return 0;
}
