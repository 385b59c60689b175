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

/* A registration another user made: the record as it is now (status -1
 * when it was removed). */
typedef struct {
  char   *participant_id;
  DagDate date;
  int     part;
  int     status;   /* a DagAttendStatus, or -1 */
  int     minutes;  /* -1 when not registered */
  char   *reason;
} DagAttendanceChange;

void     dag_attendance_change_clear (DagAttendanceChange *change);

/* When every change other users committed since this store last read is a
 * registration of attendance (one by one, not an import), sets *complete
 * and *changes to those records as they are now (DagAttendanceChange,
 * each once) and takes them as read: a window applies them in place
 * instead of reading the whole organisation.  Otherwise *complete is
 * FALSE and nothing is taken.  FALSE only on a database error. */
gboolean dag_store_read_attendance_changes (DagStore *store,
                                            GArray  **changes,
                                            gboolean *complete,
                                            GError  **error);

G_END_DECLS
