/* dag-planner-private.h — the compact index-based planning problem that the
 * participant planner, the staff planner and the LP writer share. */

#pragma once

#include "dag-planner.h"
#include "dag-rules.h"

G_BEGIN_DECLS

/* Objective weights, most important first (DOMAIN.md "Week planning"):
 * (1) a placed dagdeel, (2) a kept entry of the existing plan, (3) each
 * extra group a participant attends, (4) a dagdeel on a preferred day,
 * (5) a transported participant's half day, (6) group sizes squared.
 * Each weight is larger than what the next objective can usually gain with
 * one move, so the order holds in practice. */
#define W_PLACED  1000000
#define W_KEEP    10000
#define W_GROUP   1000
#define W_PREF    100
#define W_HALF    50
/* Part of (5): a lone dagdeel (forced by an odd weekly volume, say) on its
 * location's lone-dagdeel morning, so that the lone dagdelen of a location
 * share midday runs instead of each needing its own.  Less than W_HALF, so
 * it never makes a day lone; more than most balance gains. */
#define W_LONE    20
#define W_BALANCE 1
/* A staff position a group slot needs: fewer positions for the same
 * placements leave staff for more (PLANNER.md); below (5). */
#define W_STAFF   30
/* The same when staff is scarce (dag_problem_new): above (3), below (2);
 * and a participant in a group slot with others of the other HBO need. */
#define W_STAFF_SCARCE 2000
#define W_MIX_SCARCE   500

/* The large-neighbourhood search: group slots ruined per round, waiting
 * dagdelen offered the room, rounds without a gain before it stops. */
#define LNS_RUIN     6
#define LNS_WAITING  30
#define LNS_PATIENCE 12000

/* The moves weigh the candidate groups nearest first and stop after this
 * many that can take the dagdeel (a speed-up of the search only: every
 * group the rules allow is a candidate, and the far ones are reached when
 * the near ones are full or cannot be staffed). */
#define SCAN_CANDIDATES 12

typedef struct {
  int         part;          /* index into parts */
  int         indication;    /* index into org->indications */
  int         max, min;      /* weekly volume */
  int         placed;
  guint       share;         /* staffing load of one dagdeel, in 1/unit */
  gboolean    high;          /* needs an HBO present */
  int         cand_start, cand_end;
  DagSlotMask reach_all;     /* slots candidate groups run on valid days */
  DagSlotMask reach;         /* the same without the participant's unavailable slots */
  DagSlotMask reach_ride;    /* slots of matching groups beyond the ride-time limit */
  int         no_staff;      /* dagdelen waiting for want of staff (the result) */
  int         fixed;         /* dagdelen planned at other locations, which a
                              * plan of one location keeps (not in max) */
} Demand;

typedef struct {
  int         org_index;
  int         d_start, d_end;
  gboolean    bus;
  guint8      preferred;
  DagSlotMask used;
  int         group_at[DAG_N_SLOTS];   /* -1 when free */
  int         demand_at[DAG_N_SLOTS];
  int         old_at[DAG_N_SLOTS];     /* group in the existing plan, -1 */
  DagSlotMask fixed;                   /* planned at another location (a plan
                                        * of one location keeps these) */
} Part;

typedef struct _StaffPool StaffPool;

typedef struct {
  const DagOrg *org;
  DagDate       week;
  int           location;   /* -1: all; else only this location's groups */
  gboolean      keep;
  guint         unit;
  int           hbo_from_level;

  int           n_groups;
  int          *group_location;
  /* Per location, the slot on which it gathers its transported
   * participants' lone dagdelen (W_LONE); -1 for none. */
  int          *lone_slot;
  int          *group_capacity;
  DagSlotMask  *group_slots;

  Part         *parts;
  int           n_parts;
  int          *part_of_participant;   /* org participant → part, or -1 */
  Demand       *demands;
  int           n_demands;
  int          *cand_group;
  DagSlotMask  *cand_mask;
  int           n_cands;

  /* Group slots, index group * DAG_N_SLOTS + slot. */
  int          *gs_count;
  guint        *gs_load;
  int          *gs_high;
  int          *gs_off;                  /* into gs_members, capacity places each */
  int          *gs_members;              /* part indexes */
  /* Staff positions per group slot (HBO-only, MBO-only, either), kept
   * fillable by the staff at every step (dag-staff-pool.c). */
  int          *gs_need;                 /* 3 per group slot */
  StaffPool    *pool;
  int          *staff_busy;   /* per staff: slots taken at other locations */
  int          *staff_used;   /* per staff: contract dagdelen taken there */
  /* Undo log of assignments, for moves that try and may fall back. */
  GArray       *log;
  int           log_depth;
  /* The objective and the dagdelen placed, kept up to date by every
   * assignment. */
  gint64        objective;
  int           placed;
  int           fixed_total;  /* dagdelen kept at other locations */
  gint64        w_staff;      /* the weight of a staff position */
  gint64        w_mix;        /* the weight of a participant who needs no
                               * HBO in a group slot with one who does */

  GRand        *rand;
} Problem;


static inline int
gs_index (int group, int slot)
{
  return group * DAG_N_SLOTS + slot;
}

Problem *dag_problem_new       (const DagOrg *org, const DagPlannerOptions *options);
void     dag_problem_free      (Problem *pb);
gint64   dag_problem_objective (Problem *pb);

/* The staffing of the plan in pb: who works which group slot, from the
 * pool's counts (of DagStaffing). */
GArray  *dag_staff_plan        (Problem *pb);

/* Staffing as counts per dagdeel (dag-staff-pool.c).  busy_slots and
 * used_contract (per org staff member, or NULL) hold what other locations
 * already take of each person in a one-location plan. */
StaffPool *dag_staff_pool_new       (const DagOrg *org,
                                     const int    *busy_slots,
                                     const int    *used_contract);
void       dag_staff_pool_free      (StaffPool    *sp);
/* Changes the slot's HBO-only, MBO-only and either positions by delta.
 * TRUE when the staff can fill them all; the change stays only when
 * apply, and never when it cannot be staffed. */
gboolean   dag_staff_pool_change    (StaffPool    *sp,
                                     int           slot,
                                     const int     delta[3],
                                     gboolean      apply);
int        dag_staff_pool_positions (StaffPool    *sp);
/* The dagdelen all pooled staff together may work a week. */
int        dag_staff_pool_capacity  (StaffPool    *sp);
/* left[staff] = dagdelen each pooled staff member may work. */
void       dag_staff_pool_init_left (StaffPool    *sp,
                                     int          *left);
/* Appends the org staff indexes who work slot to hbo and mbo (of int),
 * taking one from left[] each; call for the slots in order. */
void       dag_staff_pool_slot_staff (StaffPool   *sp,
                                      int          slot,
                                      int         *left,
                                      GArray      *hbo,
                                      GArray      *mbo);

/* A true upper bound on the dagdelen any plan of pb can place (counting
 * the demands' fixed dagdelen too), staffing rules included: see
 * dag-planner-bound.c for the relaxation used. */
guint    dag_problem_bound     (const Problem *pb);

G_END_DECLS
