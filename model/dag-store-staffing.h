/* dag-store-staffing.h — assigning one staff member to one group slot, or
 * taking them off, as the Staff view does: one row, one transaction. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Assigns staff_id to group_id in slot (assigned TRUE) or takes that
 * assignment away, in one transaction with an audit entry "staffing".  An
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

G_END_DECLS
