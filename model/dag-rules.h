/* dag-rules.h — every planning rule of DOMAIN.md in one place: checks a
 * standing week plan and its staffing and returns findings, and gives the
 * planners the same rules as small functions so no rule is written twice. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

/* Rule ids (stable strings: the GUI, the command line and tests use them). */
#define DAG_RULE_PLAN_REFERENCE       "plan-reference"
#define DAG_RULE_GROUP_CAPACITY       "group-capacity"
#define DAG_RULE_GROUP_PRODUCT        "group-product"
#define DAG_RULE_GROUP_LEVEL          "group-level"
#define DAG_RULE_GROUP_SLOT           "group-slot"
#define DAG_RULE_PARTICIPANT_DOUBLE   "participant-double"
#define DAG_RULE_VOLUME               "indication-volume"
#define DAG_RULE_VOLUME_BAND          "indication-band"
#define DAG_RULE_UNAVAILABLE          "participant-unavailable"
#define DAG_RULE_VALIDITY             "indication-validity"
#define DAG_RULE_HOLIDAY              "holiday"
#define DAG_RULE_CLOSURE              "location-closed"
#define DAG_RULE_STAFF_SHORTAGE       "staff-shortage"
#define DAG_RULE_STAFF_DUO            "staff-duo"
#define DAG_RULE_STAFF_HBO            "staff-hbo"
#define DAG_RULE_STAFF_UNAVAILABLE    "staff-unavailable"
#define DAG_RULE_STAFF_DOUBLE         "staff-double"
#define DAG_RULE_STAFF_CONTRACT       "staff-contract"
#define DAG_RULE_STAFF_ABSENT         "staff-absent"
#define DAG_RULE_EXPIRING             "indication-expiring"
/* A staff member drives a stored run while staffed in a group at a time
 * the run and the way to or from the group's location overlap.  Found by
 * dag_transport_check_drivers() (model/planner/dag-transport-check.h):
 * it needs the travel times, which the rules do not have. */
#define DAG_RULE_DRIVER_CLASH         "driver-clash"

/* How many days before its end an indication is reported as expiring. */
#define DAG_RULES_EXPIRY_DAYS (6 * 7)

typedef enum {
  DAG_SEVERITY_WARNING,
  DAG_SEVERITY_ERROR,
} DagSeverity;

typedef struct {
  const char  *rule;          /* one of DAG_RULE_*, static */
  DagSeverity  severity;
  /* Subjects, as indexes into the organisation; -1 when not concerned. */
  int          participant;
  int          indication;
  int          group;
  int          staff;
  int          slot;
  DagDate      date;          /* DAG_DATE_NONE when not about a date */
  char        *message;       /* translated; names ids, never a BSN */
} DagFinding;

/* Checks the standing plan and staffing of org that apply in the week of
 * week (the dated entries of that week; of this week without one).  week
 * is the Monday of the week to check the date-dependent rules for
 * (indication validity per date, holidays, closures, expiring indications,
 * staff absences); DAG_DATE_NONE checks only the rules that hold for every
 * week, and then any indication of the group's products counts.  Returns a new array of DagFinding (freeing it frees the
 * messages), errors first, then in subject order. */
GArray      *dag_rules_check           (const DagOrg *org,
                                        DagDate       week);
/* The findings dag_rules_check (org, week) makes about the given group
 * slots (group and slot set, cells[i] == group * DAG_N_SLOTS + slot), the
 * same and in the same order, without the work for the others: the week
 * plan re-checks only the cells a move changed. */
GArray      *dag_rules_check_cells     (const DagOrg *org,
                                        DagDate       week,
                                        const int    *cells,
                                        guint         n_cells);
guint        dag_rules_count_errors    (GArray *findings);
/* A new, empty array of DagFinding that frees the messages, as
 * dag_rules_check returns. */
GArray      *dag_rules_findings_new    (void);
/* Moves the findings of more into findings (more is left empty), keeping
 * the order of dag_rules_check: errors first, then in subject order. */
void         dag_rules_merge           (GArray *findings,
                                        GArray *more);
const char  *dag_severity_name         (DagSeverity severity);

/* ---- the rules as building blocks (planners use these) ------------------ */

/* The Monday of the week date falls in. */
DagDate      dag_rules_week_start      (DagDate date);

/* Whether an indication is for day activity (not the transport product). */
gboolean     dag_rules_is_day_activity (const DagOrg *org, const DagIndication *ind);
/* Whether group takes the product by name. */
gboolean     dag_rules_group_takes     (const DagGroup *group, const char *product);
/* Whether level lies in the group's intensity range. */
gboolean     dag_rules_group_level_fits (const DagGroup *group, int level);
/* The product name of an indication (static, owned by org). */
const char  *dag_rules_indication_product (const DagOrg *org, const DagIndication *ind);

/* The number of dagdelen per week the indication allows (max) and, for a
 * band, requires (min, else 0).  Per month: ceil(units * 12 / 52); per
 * period: ceil(units * 7 / days of validity), never more than units. */
void         dag_rules_weekly_volume   (const DagIndication *ind, int *max, int *min);
gboolean     dag_rules_valid_on        (const DagIndication *ind, DagDate date);

/* Staffing load in exact integers: a load is counted in 1/unit staff
 * members, where unit is the least common multiple of the level ratios;
 * a participant of level l adds unit / ratio(l) (a level without a ratio
 * counts as one whole staff member). */
guint        dag_rules_load_unit       (const DagSettings *settings);
guint        dag_rules_share           (const DagSettings *settings, guint unit, int level);
gboolean     dag_rules_needs_hbo       (const DagSettings *settings, int level);

typedef struct {
  int total;   /* staff members that count (HBO or MBO) */
  int hbo;     /* of which at least this many HBO */
  int mbo;     /* and at least this many MBO */
} DagStaffNeed;

/* What a group slot with count participants, the given load and
 * high (some participant needs an HBO present) needs: ceil(load / unit),
 * at least 1 when anyone is planned; the duo rule; HBO presence. */
static inline void
dag_rules_staff_need (guint         unit,
                      guint         load,
                      guint         count,
                      gboolean      high,
                      DagStaffNeed *need)
{
  /* Inline: the planner asks this for every place it weighs. */
  need->total = 0;
  need->hbo = 0;
  need->mbo = 0;
  if (count == 0)
    return;
  need->total = MAX (1, (int) ((load + unit - 1) / unit));
  if (need->total >= 2)
    {
      need->hbo = 1;
      need->mbo = 1;
    }
  if (high)
    need->hbo = MAX (need->hbo, 1);
}

gboolean     dag_rules_staff_covers    (const DagStaffNeed *need, int n_hbo, int n_mbo);
/* Slots a week the contract allows: contract_hours * 60 / slot_minutes. */
int          dag_rules_staff_max_slots (const DagSettings *settings, const DagStaff *staff);

G_END_DECLS
