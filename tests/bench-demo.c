/* bench-demo.c — times generating the demo organisation and saving it into
 * a fresh database (the target: 20,000 participants in under 5 s). */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "dag-demo.h"
#include "dag-store.h"

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int participants = argc > 1 ? atoi (argv[1]) : 20000;
  g_autofree char *dir = g_dir_make_tmp ("dagritme-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  DagDemoOptions options;
  gint64 t0, t1, t2;

  dag_demo_options_init (&options);
  options.participants = participants;
  options.month = dag_date_from_ymd (2026, 10, 1);

  t0 = g_get_monotonic_time ();
  org = dag_demo_generate (&options);
  t1 = g_get_monotonic_time ();
  store = dag_store_open (path, &error);
  if (store == NULL || !dag_store_save (store, org, DAG_SECTION_ALL, "demo", &error))
    {
      g_printerr ("bench-demo: %s\n", error->message);
      return 1;
    }
  t2 = g_get_monotonic_time ();

  g_print ("demo %d participants: generate %.3f s, save %.3f s, total %.3f s\n",
           participants, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t0) / 1e6);
  g_print ("  %u locations, %u groups, %u staff, %u vehicles, %u indications, "
           "%u plan entries, %u staffing, %u absences, %u attendance rows\n",
           org->locations->len, org->groups->len, org->staff->len, org->vehicles->len,
           org->indications->len, org->plan->len, org->staffing->len,
           org->absences->len, org->attendance->len);

  g_clear_object (&store);
  remove_tree (dir);
  return 0;
}
