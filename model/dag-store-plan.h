/* dag-store-plan.h — changing one participant's entries of the dated
 * standing plan, as the Week Plan view does for every move, without
 * rewriting the plan. */

#pragma once

#include "dag-schedule.h"
#include "dag-store.h"

G_BEGIN_DECLS

/* TRUE when the week of monday may still change; else FALSE with
 * DAG_STORE_ERROR_FROZEN and dag_schedule_frozen_message() as message. */
gboolean dag_store_check_week_open (const DagOrg *org,
                                    DagDate       monday,
                                    DagDate       today,
                                    GError      **error);

/* Replaces every plan entry of participant (an index into org) in
 * org->plan by entries (of DagPlanEntry, all of that participant, with
 * their dates) and saves them, in one transaction with an audit entry
 * action.  org changes only when the store did.  This is the one row-level
 * write of the dated plan: moves and their undo use it. */
gboolean dag_store_set_participant_plan (DagStore   *store,
                                         DagOrg     *org,
                                         int         participant,
                                         GArray     *entries,
                                         const char *action,
                                         GError    **error);

/* Moves participant out of from_group/from_slot (-1: from the waiting
 * list) into to_group/to_slot (-1: to the waiting list) in the week of
 * monday, for that week only or from that week on (dag_dated_replace), and
 * saves it like dag_store_set_participant_plan.  A frozen week
 * (dag_schedule_week_frozen with today) is DAG_STORE_ERROR_FROZEN with the
 * reason as message; a participant who is not in from_group/from_slot that
 * week is NOT_FOUND, one already planned on to_slot is CONSTRAINT.  On
 * error nothing changes.  before, when not NULL, receives a copy of the
 * participant's entries as they were (for undo). */
gboolean dag_store_move_in_week (DagStore     *store,
                                 DagOrg       *org,
                                 int           participant,
                                 int           from_group,
                                 int           from_slot,
                                 int           to_group,
                                 int           to_slot,
                                 DagDate       monday,
                                 DagPlanScope  scope,
                                 DagDate       today,
                                 const char   *action,
                                 GArray      **before,
                                 GError      **error);

G_END_DECLS
