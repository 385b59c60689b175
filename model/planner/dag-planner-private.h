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

/* At most this many candidate groups per indication, nearest first. */
#define MAX_CANDIDATES 12

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
  int         no_staff;      /* dagdelen taken away for want of staff */
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
  /* Once staff are assigned, a group slot may only take what they cover. */
  gboolean      staff_fixed;
  int          *gs_hbo;
  int          *gs_mbo;

  GRand        *rand;
} Problem;


Problem *dag_problem_new       (const DagOrg *org, const DagPlannerOptions *options);
void     dag_problem_free      (Problem *pb);
gint64   dag_problem_objective (Problem *pb);

/* Staff planner: assigns staff to every group slot with participants,
 * returns the staffing (of DagStaffing) and fills pb->gs_hbo/gs_mbo. */
GArray  *dag_staff_plan        (Problem *pb, GCancellable *cancellable);

G_END_DECLS
