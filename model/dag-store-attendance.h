/* dag-store-attendance.h — registering attendance: one transaction per
 * change, each with an audit entry. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Registers (or replaces) the attendance of participant_id on date and
 * part: status, the minutes actually attended (-1 when not registered) and
 * a cancellation reason (may be NULL).  One transaction with an audit
 * entry; on error nothing changes.  An unknown participant is
 * DAG_STORE_ERROR_NOT_FOUND. */
gboolean dag_store_set_attendance   (DagStore        *store,
                                     const char      *participant_id,
                                     DagDate          date,
                                     int              part,
                                     DagAttendStatus  status,
                                     int              minutes,
                                     const char      *reason,
                                     GError         **error);

/* Removes the registration (back to "not registered"); one transaction
 * with an audit entry.  Removing what is not there is not an error. */
gboolean dag_store_clear_attendance (DagStore   *store,
                                     const char *participant_id,
                                     DagDate     date,
                                     int         part,
                                     GError    **error);

G_END_DECLS
