/* dag-planner-mip.h — the week planning problem with its staffing as an
 * exact integer program (CPLEX-LP text), built from the organisation and
 * the rules alone, so that an exact solver (cbc) gives a reference for the
 * week planner; and a solution read back as a plan and staffing. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

typedef struct _DagPlannerMip DagPlannerMip;

/* The model of the week of week (a date in it) for org: every participant
 * at most one group a dagdeel, only where the rules allow it; the weekly
 * volume per indication; group capacity; staff per group slot (care load,
 * at least one, duo, HBO presence) from the paid staff's available
 * dagdelen and contracts.  The objective is the number of placed dagdelen.
 * Staff absences and holidays are left out (the rules only warn about
 * them).  org must outlive the model and not change. */
DagPlannerMip *dag_planner_mip_new             (const DagOrg  *org,
                                                DagDate        week);
void           dag_planner_mip_free            (DagPlannerMip *self);

/* The model as CPLEX-LP text (newly allocated); relax leaves out the
 * integrality (an LP whose optimum is a true upper bound). */
char          *dag_planner_mip_write           (DagPlannerMip *self,
                                                gboolean       relax);

/* Variables and constraints of the model, for reports. */
void           dag_planner_mip_size            (DagPlannerMip *self,
                                                guint         *columns,
                                                guint         *rows);

/* Reads a cbc solution file (text of "cbc … solu FILE": a status line,
 * then "index name value …" per nonzero variable) and appends the plan
 * and staffing it gives, undated, to plan (of DagPlanEntry) and staffing
 * (of DagStaffing).  Values are rounded to integers.  Returns FALSE with
 * error when the text does not fit the model. */
gboolean       dag_planner_mip_read_solution   (DagPlannerMip *self,
                                                const char    *text,
                                                GArray        *plan,
                                                GArray        *staffing,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagPlannerMip, dag_planner_mip_free)

G_END_DECLS
