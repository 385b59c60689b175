/* bench-items.c — times building the participant list items of a demo
 * organisation (the work the window does on its loading thread after the
 * store has read the organisation).  Prints the median of 5 runs. */

#include "config.h"

#include <stdlib.h>

#include "dag-demo.h"
#include "dag-participant-item.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;
  double ms[5];

  dag_demo_options_init (&options);
  options.participants = participants;
  org = dag_demo_generate (&options);

  for (guint run = 0; run < G_N_ELEMENTS (ms); run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GListStore) store = dag_participant_item_build_store (org, dag_date_today ());

      ms[run] = (g_get_monotonic_time () - t0) / 1000.0;
      if (g_list_model_get_n_items (G_LIST_MODEL (store)) != (guint) participants)
        return 1;
    }
  qsort (ms, G_N_ELEMENTS (ms), sizeof ms[0], compare_doubles);
  g_print ("build %d participant items (%u indications): median %.1f ms (min %.1f, max %.1f)\n",
           participants, org->indications->len, ms[2], ms[0], ms[4]);
  return 0;
}
