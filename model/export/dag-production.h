/* dag-production.h — the production of one calendar month: per indication
 * the billable units, capped at the indicated volume and priced with the
 * contract's tariff and staffel; transport rides as their own product; and
 * the problems that keep attendance from being billed. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

typedef enum {
  DAG_PROBLEM_UNREGISTERED,      /* a past session without registered attendance */
  DAG_PROBLEM_ABOVE_VOLUME,      /* units (or rides) beyond the indicated volume */
  DAG_PROBLEM_OUTSIDE_VALIDITY,  /* attended on a date the indication does not cover */
  DAG_PROBLEM_NOT_PLANNED,       /* attended on a date or slot with no session */
  DAG_PROBLEM_NO_INDICATION,     /* attended (or travelled) without an indication for the product */
  DAG_PROBLEM_IN_FUTURE,         /* present or no-show registered for a day after today */
} DagProblemKind;

typedef struct {
  DagProblemKind kind;
  int            participant;
  int            indication;   /* the indication concerned, or -1 */
  DagDate        date;
  int            part;         /* DagPart, or -1 for the whole date */
  int            units;        /* units or rides not billed (ABOVE_VOLUME), else 0 */
  gboolean       transport;    /* the problem is about transport rides */
} DagProductionProblem;

typedef struct {
  int     indication;
  int     participant;
  int     contract;
  int     product;             /* index into the contract's products */
  int     municipality;        /* the contract's municipality */
  DagDate period_start;        /* the month clipped to the indication */
  DagDate period_end;
  int     units;
  gint64  amount_cents;
} DagProductionLine;

typedef struct {
  int    group;
  gint64 hbo_minutes;          /* staffed minutes in the month */
  gint64 mbo_minutes;
} DagProductionMix;

typedef struct {
  int     year, month;
  DagDate first, last;
  GArray *lines;     /* of DagProductionLine: by municipality code, BSN, product code */
  GArray *problems;  /* of DagProductionProblem: by date, participant, part */
  GArray *mix;       /* of DagProductionMix: groups with staffing, in group order */
} DagProduction;

/* The production of year-month.  Sessions before today that have no
 * attendance are listed as unregistered.  org must not change meanwhile. */
DagProduction *dag_production_compute (const DagOrg *org,
                                       int           year,
                                       int           month,
                                       DagDate       today);
void           dag_production_free    (DagProduction *self);

/* The minutes a remainder needs to count as one more unit:
 * ceil (fraction × slot_minutes), taking fraction to six decimals so that
 * 0.75 × 240 is exactly 180 and never 181 from binary rounding. */
int            dag_production_threshold_minutes (double fraction,
                                                 int    slot_minutes);
/* DOMAIN.md "Counting rule": the units of one date from the summed
 * minutes of its present slots, never more than present_slots. */
int            dag_production_units_for_minutes (int minutes,
                                                 int present_slots,
                                                 int slot_minutes,
                                                 int threshold_minutes);
/* The amount for units of product in one month: the tariff for units
 * before the first staffel tier, each tier's tariff from its from_unit. */
gint64         dag_production_price (const DagProduct *product,
                                     int               units);

/* One line describing the problem, translated; no BSN. */
char          *dag_production_problem_describe (const DagOrg               *org,
                                                const DagProductionProblem *problem);
/* "unregistered", "above_volume", … (not translated; for machines). */
const char    *dag_production_problem_kind_name (DagProblemKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagProduction, dag_production_free)

G_END_DECLS
