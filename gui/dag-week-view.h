/* dag-week-view.h — the Week Plan view: per location the groups × dagdelen
 * with their participants and the planning rules' findings, the waiting
 * list, weeks with their holidays and closures, moving participants (by
 * drag and drop or from the keyboard) with undo, and planning
 * automatically. */

#pragma once

#include <adwaita.h>

#include "dag-planner.h"
#include "dag-schedule.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_TYPE_WEEK_VIEW (dag_week_view_get_type ())
G_DECLARE_FINAL_TYPE (DagWeekView, dag_week_view, DAG, WEEK_VIEW, AdwBin)

/* Shows *org_box (a g_rc_box the view holds a reference to, as does a
 * planner still running): the view saves its plan to store after every
 * change. */
void         dag_week_view_set_org        (DagWeekView *self,
                                           DagStore    *store,
                                           DagOrg     **org_box);
/* week: a date in the week whose rules are checked and that is planned. */
void         dag_week_view_set_week       (DagWeekView *self,
                                           DagDate      week);
/* The Monday of the week shown. */
DagDate      dag_week_view_get_week       (DagWeekView *self);
/* The location shown (an index into org->locations), -1 when none. */
int          dag_week_view_get_location   (DagWeekView *self);
/* location is an index into org->locations. */
void         dag_week_view_set_location   (DagWeekView *self,
                                           int          location);
/* The cell of group and slot (Monday–Friday am/pm), NULL when not shown. */
GtkWidget   *dag_week_view_get_cell       (DagWeekView *self,
                                           int          group,
                                           int          slot);
/* The findings of the cell, one a line, or NULL when there are none. */
const char  *dag_week_view_get_problems   (DagWeekView *self,
                                           int          group,
                                           int          slot);
/* How many kinds of problem the Plan Problems panel lists for group (0
 * when none or not shown). */
guint        dag_week_view_get_problem_kinds (DagWeekView *self,
                                              int          group);
/* The text of group's part of the Plan Problems panel, one label a line,
 * or NULL when it has none; free it. */
char        *dag_week_view_get_problems_text (DagWeekView *self,
                                              int          group);
/* The legend popover (owned by the view). */
GtkWidget   *dag_week_view_get_legend     (DagWeekView *self);
/* Whether the side panel (problems, waiting list) is shown: it gives way
 * when the whole week would not fit beside it. */
gboolean     dag_week_view_get_panel_shown (DagWeekView *self);
/* The scrolled window of the grid (owned by the view). */
GtkScrolledWindow *dag_week_view_get_grid_scroll (DagWeekView *self);
/* The staff text of the cell ("Staff: Jan Bakker (HBO, lead), …"), or NULL
 * when nobody works there. */
const char  *dag_week_view_get_staff_text (DagWeekView *self,
                                           int          group,
                                           int          slot);
/* Why day (0 = Monday … 4 = Friday) of the week shown has no sessions at the
 * location (a holiday's name, "Closed"), or NULL. */
const char  *dag_week_view_get_day_note   (DagWeekView *self,
                                           int          day);
/* The chip of participant in the cell of group and slot (group -1: their
 * row in the waiting list), or NULL. */
GtkWidget   *dag_week_view_get_chip       (DagWeekView *self,
                                           int          participant,
                                           int          group,
                                           int          slot);
/* The "Move to…" popover while it is open, else NULL.  Its list rows carry
 * "group-slot" (group * DAG_N_SLOTS + slot) as object data. */
GtkPopover  *dag_week_view_get_move_popover (DagWeekView *self);
/* How many of participant's indicated dagdelen are unplaced in the week
 * shown (what the waiting list says). */
int          dag_week_view_get_unplaced   (DagWeekView *self,
                                           int          participant);
/* Participants in the waiting list (with dagdelen left unplaced). */
guint        dag_week_view_get_n_waiting  (DagWeekView *self);
/* Moves participant from group/slot (from_group -1: from the waiting
 * list) to group/slot (to_group -1: to the waiting list, out of the plan)
 * in the week shown, for that week only or from that week on (scope),
 * saves it in one transaction and puts the move on the window's undo
 * stack.  It does not ask (a drop or "Move to…" does).  A frozen week is
 * DAG_STORE_ERROR_FROZEN, said in a toast too.  On error nothing changes. */
gboolean     dag_week_view_move           (DagWeekView *self,
                                           int          participant,
                                           int          from_group,
                                           int          from_slot,
                                           int          to_group,
                                           int          to_slot,
                                           DagPlanScope scope,
                                           GError     **error);
/* Why the week shown cannot be changed (the banner's text), or NULL. */
const char  *dag_week_view_get_frozen_message (DagWeekView *self);
/* The text of the last toast the view showed (for tests), or NULL. */
const char  *dag_week_view_get_last_toast (DagWeekView *self);
/* The "Only this week / From this week on" question after a drop or a
 * "Move to…", while it is open, else NULL.  Its responses are "only",
 * "from" and "cancel". */
AdwMessageDialog *dag_week_view_get_scope_dialog (DagWeekView *self);
/* Plans the shown week on, for the shown location only (the week plan's
 * "Plan Automatically"); dag_week_view_plan_all for every location. */
void         dag_week_view_plan           (DagWeekView *self);
void         dag_week_view_plan_all       (DagWeekView *self);
/* Whether the planner is running. */
gboolean     dag_week_view_is_planning    (DagWeekView *self);
/* While planning: "placed n of at most m" as shown beside the bar (owned
 * by the view), or "" before the planner has told. */
const char  *dag_week_view_get_progress_text (DagWeekView *self);
/* The proposal bar's text (owned by the view). */
const char  *dag_week_view_get_proposal_text (DagWeekView *self);
/* Ends the running planner's search: it proposes its best plan so far. */
void         dag_week_view_stop_planning  (DagWeekView *self);
/* The proposal shown for acceptance, NULL when there is none. */
const DagPlanResult *dag_week_view_get_proposal (DagWeekView *self);
/* Accepts (saves from the proposal's week on, in one transaction, one
 * undo step) or rejects the proposal. */
gboolean     dag_week_view_accept_proposal (DagWeekView *self,
                                            GError     **error);
/* Accepts one change of the proposal (change: an index into its changes),
 * or with change -1 every change that concerns group, from the proposal's
 * week on; the plan's staffing is kept (accepting all takes the proposed
 * staffing).  The accepted changes leave the proposal; the proposal ends
 * when none are left. */
gboolean     dag_week_view_accept_changes  (DagWeekView *self,
                                            int          change,
                                            int          group,
                                            GError     **error);
/* The chip that shows change (an index into the proposal's changes) in
 * the grid: the proposed place of an addition or a move, the current place
 * of a removal; NULL when not shown. */
GtkWidget   *dag_week_view_get_proposed_chip (DagWeekView *self,
                                              int          change);
void         dag_week_view_reject_proposal (DagWeekView *self);
/* Shows the week anew from the organisation, after another view changed
 * it (the staffing, attendance, absences, an undo). */
void         dag_week_view_refresh        (DagWeekView *self);

G_END_DECLS
