/* dag-store-staffing.h — assigning one staff member to one group slot, or
 * taking them off, as the Staff view does: one row, one transaction. */

#pragma once

#include "dag-schedule.h"
#include "dag-store.h"

G_BEGIN_DECLS

/* The undated form, for the command line and old callers: assigns staff_id
 * to group_id in slot in every week (assigned TRUE) or takes every such
 * row away, in one transaction with an audit entry "staffing".  An
 * unknown staff member or group is DAG_STORE_ERROR_NOT_FOUND; a staff
 * member already working elsewhere in that slot is
 * DAG_STORE_ERROR_CONSTRAINT; taking away an assignment that is not there
 * is DAG_STORE_ERROR_NOT_FOUND.  On error nothing changes. */
gboolean dag_store_set_staffing (DagStore   *store,
                                 const char *staff_id,
                                 const char *group_id,
                                 int         slot,
                                 gboolean    assigned,
                                 GError    **error);

/* Replaces every staffing entry of staff (an index into org) in
 * org->staffing by entries (of DagStaffing, all of that staff member, with
 * their dates) and saves those rows, in one transaction with an audit
 * entry action.  org changes only when the store did.  The Staff view and
 * its undo write the dated staffing through this. */
gboolean dag_store_set_staff_staffing (DagStore   *store,
                                       DagOrg     *org,
                                       int         staff,
                                       GArray     *entries,
                                       const char *action,
                                       GError    **error);

/* Assigns staff to group in slot (assigned TRUE), or takes them off, from
 * the week of monday on (dag_dated_replace, DAG_SCOPE_FROM_WEEK: the weeks
 * before keep their staffing), and saves it like
 * dag_store_set_staff_staffing.  A frozen week (dag_schedule_week_frozen
 * with today) is DAG_STORE_ERROR_FROZEN with the reason as message; a staff
 * member who works in another group in that slot that week is CONSTRAINT;
 * taking off one who is not assigned there that week is NOT_FOUND.  On
 * error nothing changes.  before and after, when not NULL, receive copies
 * of the staff member's entries as they were and became (for undo). */
gboolean dag_store_staff_in_week (DagStore   *store,
                                  DagOrg     *org,
                                  int         staff,
                                  int         group,
                                  int         slot,
                                  gboolean    assigned,
                                  DagDate     monday,
                                  DagDate     today,
                                  GArray    **before,
                                  GArray    **after,
                                  GError    **error);

G_END_DECLS
