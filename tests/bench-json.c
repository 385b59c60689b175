/* bench-json.c — times exporting the 20,000-participant demo organisation
 * as an organisation file and importing it again (target: well under 5 s
 * each), and checks that the import gives back the same file. */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dag-demo.h"
#include "dag-org-export.h"
#include "dag-org-import.h"

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        int     n)
{
  qsort (values, n, sizeof (double), compare_double);
  return values[n / 2];
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  int rounds = argc > 2 ? atoi (argv[2]) : 3;
  g_autoptr(DagOrg) org = NULL;
  g_autofree double *export_s = NULL;
  g_autofree double *import_s = NULL;
  DagDemoOptions options;
  gsize length = 0;

  if (rounds < 1)
    rounds = 1;
  export_s = g_new0 (double, rounds);
  import_s = g_new0 (double, rounds);
  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);
  org = dag_demo_generate (&options);

  for (int r = 0; r < rounds; r++)
    {
      g_autofree char *text = NULL;
      g_autofree char *again_text = NULL;
      g_autoptr(DagOrg) again = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0, t1, t2;
      clock_t c0, c1, c2;

      /* CPU time too: on a shared machine the wall clock says little. */
      c0 = clock ();
      t0 = g_get_monotonic_time ();
      text = dag_org_export_json (org, &length);
      c1 = clock ();
      t1 = g_get_monotonic_time ();
      again = dag_org_import_json (text, length, &error);
      c2 = clock ();
      t2 = g_get_monotonic_time ();
      if (again == NULL)
        {
          g_printerr ("bench-json: the demo does not import: %s\n", error->message);
          return 1;
        }
      again_text = dag_org_export_json (again, NULL);
      if (strcmp (again_text, text) != 0)
        {
          g_printerr ("bench-json: import → export does not give the same file\n");
          return 1;
        }
      export_s[r] = (t1 - t0) / 1e6;
      import_s[r] = (t2 - t1) / 1e6;
      g_print ("round %d: export %.3f s (cpu %.3f s), import %.3f s (cpu %.3f s)\n", r + 1,
               export_s[r], (double) (c1 - c0) / CLOCKS_PER_SEC,
               import_s[r], (double) (c2 - c1) / CLOCKS_PER_SEC);
    }

  g_print ("organisation file, %d participants, %.1f MB (%u indications, %u plan entries, "
           "%u attendance rows, %u runs)\n",
           participants, length / 1e6, org->indications->len, org->plan->len,
           org->attendance->len, org->runs->len);
  g_print ("median of %d: export %.3f s, import %.3f s\n", rounds,
           median (export_s, rounds), median (import_s, rounds));
  return 0;
}
