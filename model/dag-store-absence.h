/* dag-store-absence.h — absences of participants and of staff members
 * (sickness, leave) and one-off extra dagdelen, entered and ended in the
 * window: one row, one transaction, one audit entry each. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

/* Whose absence: org->absences (participants) or org->staff_absences. */
typedef enum {
  DAG_ABSENCE_PARTICIPANT,
  DAG_ABSENCE_STAFF,
} DagAbsenceOf;

/* Adds an absence of who (an index into org->participants or org->staff)
 * from..to (both inclusive), with an optional reason, to the store and to
 * the end of org's array.  A missing date, to before from, or an overlap
 * with another absence of the same person is DAG_STORE_ERROR_CONSTRAINT
 * with a message for the user; an unknown person NOT_FOUND.  On error
 * nothing changes.  The audit entry never holds the reason (health data). */
gboolean dag_store_add_absence    (DagStore     *store,
                                   DagOrg       *org,
                                   DagAbsenceOf  of,
                                   int           who,
                                   DagDate       from,
                                   DagDate       to,
                                   const char   *reason,
                                   GError      **error);
/* Ends (or lengthens) absence index of org's array: its last day becomes
 * to, checked as dag_store_add_absence does. */
gboolean dag_store_end_absence    (DagStore     *store,
                                   DagOrg       *org,
                                   DagAbsenceOf  of,
                                   guint         index,
                                   DagDate       to,
                                   GError      **error);
/* Deletes absence index of org's array (the others keep their order). */
gboolean dag_store_delete_absence (DagStore     *store,
                                   DagOrg       *org,
                                   DagAbsenceOf  of,
                                   guint         index,
                                   GError      **error);

/* Adds a one-off extra dagdeel for participant in group on date and part
 * (a DagPart), kept apart from the standing plan, to the store and the end
 * of org->one_offs.  A group that does not meet in that dagdeel, a
 * holiday, or a participant who is already planned then (dag-schedule's
 * answer) is DAG_STORE_ERROR_CONSTRAINT; on error nothing changes. */
gboolean dag_store_add_extra_session (DagStore   *store,
                                      DagOrg     *org,
                                      int         participant,
                                      int         group,
                                      DagDate     date,
                                      int         part,
                                      const char *reason,
                                      GError    **error);
/* Deletes one-off change index of org->one_offs. */
gboolean dag_store_delete_one_off (DagStore   *store,
                                   DagOrg     *org,
                                   guint       index,
                                   GError    **error);

G_END_DECLS
