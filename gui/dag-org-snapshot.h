/* dag-org-snapshot.h — the organisation as it is now, for one computation
 * on a worker thread (the production of a month, the runs of a day): the
 * arrays the views change in place on the main thread meanwhile (the dated
 * plan and staffing, one-off changes, absences, attendance) are copies of
 * its own; the others are shared, which nobody changes while the window's
 * organisation box is held. */

#pragma once

#include <string.h>

#include "dag-org.h"

G_BEGIN_DECLS

/* A copy of array without its clear function and with each element's
 * char * at reason_offset (-1: none) set to NULL: the reasons belong to
 * the original, and no computation needs them. */
static inline GArray *
dag_org_snapshot_copy_array (GArray *array,
                             gssize  reason_offset)
{
  guint size = g_array_get_element_size (array);
  GArray *copy = g_array_sized_new (FALSE, FALSE, size, array->len);

  g_array_append_vals (copy, array->data, array->len);
  if (reason_offset >= 0)
    for (guint i = 0; i < copy->len; i++)
      G_STRUCT_MEMBER (char *, copy->data + (gsize) i * size, reason_offset) = NULL;
  return copy;
}

/* Free with dag_org_snapshot_free(), never with dag_org_free(). */
static inline DagOrg *
dag_org_snapshot_new (const DagOrg *org)
{
  DagOrg *snap = g_new (DagOrg, 1);

  *snap = *org;
  /* Its own lookup indexes, built when first asked. */
  memset (snap->index, 0, sizeof snap->index);
  snap->plan = dag_org_snapshot_copy_array (org->plan, -1);
  snap->staffing = dag_org_snapshot_copy_array (org->staffing, -1);
  snap->one_offs = dag_org_snapshot_copy_array (org->one_offs, G_STRUCT_OFFSET (DagOneOff, reason));
  snap->absences = dag_org_snapshot_copy_array (org->absences, G_STRUCT_OFFSET (DagAbsence, reason));
  snap->staff_absences = dag_org_snapshot_copy_array (org->staff_absences,
                                                      G_STRUCT_OFFSET (DagStaffAbsence, reason));
  snap->attendance = dag_org_snapshot_copy_array (org->attendance, G_STRUCT_OFFSET (DagAttendance, reason));
  return snap;
}

static inline void
dag_org_snapshot_free (DagOrg *snap)
{
  for (guint k = 0; k < DAG_N_KINDS; k++)
    g_clear_pointer (&snap->index[k], g_hash_table_unref);
  g_array_unref (snap->plan);
  g_array_unref (snap->staffing);
  g_array_unref (snap->one_offs);
  g_array_unref (snap->absences);
  g_array_unref (snap->staff_absences);
  g_array_unref (snap->attendance);
  g_free (snap);
}

G_END_DECLS
