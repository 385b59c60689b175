/* dag-store-absence.h — absences of participants and of staff members
 * (sickness, leave) and one-off changes of one date (an extra dagdeel, a
 * cancellation, a swap), entered and ended in the window: one
 * transaction and an audit entry per change. */

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

/* Cancels the session participant has on date in part (a DagPart) for that
 * date only: a CANCEL one-off of that session's group, kept apart from the
 * standing plan, added to the store and the end of org->one_offs.  No
 * session that takes place then (dag-schedule's answer: nothing planned, a
 * holiday, an absence, already cancelled), or a one-off extra dagdeel
 * (delete that change instead) is DAG_STORE_ERROR_CONSTRAINT with a message
 * for the user; on error nothing changes. */
gboolean dag_store_cancel_session (DagStore   *store,
                                   DagOrg     *org,
                                   int         participant,
                                   DagDate     date,
                                   int         part,
                                   const char *reason,
                                   GError    **error);
/* Swaps the session participant has on date in part for one in to_group
 * on to_date in to_part, for that date only: the cancellation of
 * dag_store_cancel_session and the addition of dag_store_add_extra_session
 * in one transaction (two one-offs at the end of org->one_offs, the
 * cancellation first).  The same group, date and part is
 * DAG_STORE_ERROR_CONSTRAINT, as is anything either half refuses; on error
 * nothing changes. */
gboolean dag_store_swap_session   (DagStore   *store,
                                   DagOrg     *org,
                                   int         participant,
                                   DagDate     date,
                                   int         part,
                                   int         to_group,
                                   DagDate     to_date,
                                   int         to_part,
                                   const char *reason,
                                   GError    **error);

/* The checks of dag_store_add_absence (index -1) or dag_store_end_absence
 * (index of the absence that changes) without changing anything, for
 * dialogs that say what is wrong while the user types. */
gboolean dag_store_check_absence  (const DagOrg *org,
                                   DagAbsenceOf  of,
                                   int           who,
                                   DagDate       from,
                                   DagDate       to,
                                   int           index,
                                   GError      **error);
/* The checks of dag_store_add_extra_session, without changing anything. */
gboolean dag_store_check_extra_session (const DagOrg *org,
                                        int           participant,
                                        int           group,
                                        DagDate       date,
                                        int           part,
                                        GError      **error);
/* The checks of dag_store_swap_session, without changing anything. */
gboolean dag_store_check_swap     (const DagOrg *org,
                                   int           participant,
                                   DagDate       date,
                                   int           part,
                                   int           to_group,
                                   DagDate       to_date,
                                   int           to_part,
                                   GError      **error);
/* Whether every date from..to may still be changed by an absence or a
 * one-off change: FALSE with DAG_STORE_ERROR_FROZEN and a message for the
 * user when from lies before today.  (Not the weeks' freeze of the
 * standing plan: today and the rest of a week with attendance are open.) */
gboolean dag_store_check_dates_open (const DagOrg *org,
                                     DagDate       from,
                                     DagDate       to,
                                     DagDate       today,
                                     GError      **error);

/* A one-off extra dagdeel for staff (an index into org->staff) in group on
 * date and part, to the store and the end of org->one_offs.  A group that
 * does not meet then, a holiday, a staff member who is absent that day or
 * already works in that dagdeel is DAG_STORE_ERROR_CONSTRAINT; on error
 * nothing changes. */
gboolean dag_store_add_staff_extra (DagStore   *store,
                                    DagOrg     *org,
                                    int         staff,
                                    int         group,
                                    DagDate     date,
                                    int         part,
                                    const char *reason,
                                    GError    **error);
/* Cancels the work of staff in group on date and part for that date only
 * (a CANCEL one-off).  No standing staffing that takes place then is
 * DAG_STORE_ERROR_CONSTRAINT (a one-off addition is deleted instead). */
gboolean dag_store_cancel_staff_session (DagStore   *store,
                                         DagOrg     *org,
                                         int         staff,
                                         int         group,
                                         DagDate     date,
                                         int         part,
                                         const char *reason,
                                         GError    **error);

/* Adds the n changes (of people, dates, parts and groups that org knows)
 * as they are, without the checks of the functions above, in one
 * transaction: undo puts back what it took away with this. */
gboolean dag_store_add_one_offs   (DagStore        *store,
                                   DagOrg          *org,
                                   const DagOneOff *changes,
                                   guint            n,
                                   GError         **error);
/* Deletes the one-offs at the n indices of org->one_offs (all different)
 * in one transaction; the others keep their order. */
gboolean dag_store_delete_one_offs (DagStore    *store,
                                    DagOrg      *org,
                                    const guint *indices,
                                    guint        n,
                                    GError     **error);

/* The index of the first one-off in org equal to c (kind, person, date,
 * part and group; not the reason), or -1.  Undo finds its changes by what
 * they are, as indices move. */
int      dag_one_off_find         (const DagOrg    *org,
                                   const DagOneOff *c);
/* The index of the absence of who from..to in org's array of of, or -1. */
int      dag_absence_find         (const DagOrg    *org,
                                   DagAbsenceOf     of,
                                   int              who,
                                   DagDate          from,
                                   DagDate          to);

/* ---- undo ---------------------------------------------------------------- */

typedef enum {
  DAG_DATE_CHANGE_ADD_ONE_OFFS,     /* one_offs were added */
  DAG_DATE_CHANGE_DELETE_ONE_OFFS,  /* one_offs were deleted */
  DAG_DATE_CHANGE_ADD_ABSENCE,
  DAG_DATE_CHANGE_END_ABSENCE,      /* its last day went from old_to to to */
  DAG_DATE_CHANGE_DELETE_ABSENCE,
} DagDateChangeKind;

/* One change made with the functions above, as undo keeps it: what was
 * added, ended or deleted, by content (indices move). */
typedef struct {
  DagDateChangeKind kind;
  GArray           *one_offs;   /* of DagOneOff, with their own reasons */
  DagAbsenceOf      of;
  int               who;
  DagDate           from, to, old_to;
  char             *reason;
} DagDateChange;

/* A change that added (added TRUE) or deleted the n one-offs (copied). */
DagDateChange *dag_date_change_new_one_offs (gboolean         added,
                                             const DagOneOff *changes,
                                             guint            n);
/* A change of an absence of who: added or deleted (from..to, reason), or
 * ended (its last day went from old_to to to). */
DagDateChange *dag_date_change_new_absence  (DagDateChangeKind kind,
                                             DagAbsenceOf      of,
                                             int               who,
                                             DagDate           from,
                                             DagDate           to,
                                             DagDate           old_to,
                                             const char       *reason);
void           dag_date_change_free         (DagDateChange    *change);
/* Takes change back (undo TRUE) or makes it again, in one transaction. */
gboolean       dag_store_apply_date_change  (DagStore            *store,
                                             DagOrg              *org,
                                             const DagDateChange *change,
                                             gboolean             undo,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagDateChange, dag_date_change_free)

G_END_DECLS
