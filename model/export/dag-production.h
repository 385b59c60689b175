/* dag-production.h — the production of one calendar month: per indication
 * the billable units of the care delivered, capped at the indicated volume
 * and priced with the contract's tariff and staffel; transport rides as
 * their own product; the problems that keep attendance from being billed
 * and the notices about what was billed outside the plan; and the volume
 * an allocation has left. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

/* What keeps attendance from being billed; UNPLANNED_BILLED is a notice
 * (it was billed), see dag_production_problem_is_notice(). */
typedef enum {
  DAG_PROBLEM_UNREGISTERED,      /* a past session without registered attendance */
  DAG_PROBLEM_ABOVE_VOLUME,      /* units (or rides) beyond the indicated volume */
  DAG_PROBLEM_OUTSIDE_VALIDITY,  /* attended on a date the indication does not cover */
  DAG_PROBLEM_NOT_PLANNED,       /* a billable no-show of a dagdeel that was not planned:
                                  * no care was delivered, not billed */
  DAG_PROBLEM_NO_INDICATION,     /* attended (or travelled) without an indication for the
                                  * product (for rides: of the day care's municipality) */
  DAG_PROBLEM_IN_FUTURE,         /* present or no-show registered for a day after today */
  DAG_PROBLEM_UNPLANNED_BILLED,  /* notice: present on a dagdeel outside the plan (a swap,
                                  * an extra day, during a reported absence or a cancelled
                                  * session), billed within the indication and its volume */
  DAG_PROBLEM_CLOSED_DAY,        /* present on a public holiday or a closure day of the
                                  * location: not billed */
} DagProblemKind;

typedef struct {
  DagProblemKind kind;
  int            participant;
  int            indication;   /* the indication concerned, or -1 */
  DagDate        date;
  int            part;         /* DagPart, or -1 for the whole date */
  int            units;        /* units or rides not billed (ABOVE_VOLUME, rides of
                                * NO_INDICATION), else 0 */
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

/* The production of year-month (DOMAIN.md "Attendance and production"):
 * what was delivered, planned or not, within each indication's validity
 * and volume; hours counted in units of settings.slot_minutes; no
 * production on holidays and closure days; rides only for dates with a
 * billed slot at which the participant was present, under the transport
 * indication of the same municipality.  Sessions before today that have
 * no attendance are listed as unregistered.  org must not change
 * meanwhile. */
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
/* "unregistered", "above_volume", … "unplanned_billed", "closed_day"
 * (not translated; for machines). */
const char    *dag_production_problem_kind_name (DagProblemKind kind);
/* Whether kind is a notice about something that was billed (a report lists
 * it, but it kept nothing from being billed) rather than a problem. */
gboolean       dag_production_problem_is_notice (DagProblemKind kind);

/* ---- the volume an allocation has left ---------------------------------- */

/* The volume of an indication over its whole validity: per week, the ISO
 * weeks (Monday–Sunday) the validity touches × units (a week the validity
 * only partly covers has the whole weekly volume, as production counts
 * it); per month, the calendar months it touches × units; per period,
 * units.  0 when the validity is empty. */
gint64         dag_production_indicated_units (const DagIndication *ind);

/* iWmo IV077 (TR321/TR322): the most units of ind that may be declared for
 * period_start..period_end (a declaration period, within one calendar
 * month), the period first clipped to ind's validity: per week, the
 * calendar weeks (Monday–Sunday) the clipped period touches × units; per
 * month, the calendar months it touches × units; per period, units.  0
 * when the period lies outside the validity. */
int            dag_production_month_max_units (const DagIndication *ind,
                                               DagDate              period_start,
                                               DagDate              period_end);

typedef struct {
  gint64   indicated;    /* dag_production_indicated_units() */
  gint64   declared;     /* the ledger, months other than production's */
  gint64   this_month;   /* units of production's month */
  gint64   remaining;    /* indicated − declared − this_month; < 0 when over */
  gboolean over;         /* remaining < 0: this month goes past the indication */
} DagRemaining;

/* The volume indication (an index into org->indications) has left.
 * declared sums the lines of that indication in org->declarations
 * (written or sent): debit lines +units, credit lines −units, leaving out
 * lines the municipality rejected (WMO325, response not accepted) and
 * lines whose period starts in production's month: that month counts as
 * computed now, this_month, the units of production's lines for the
 * indication (0 when production is NULL; then the ledger counts every
 * month). */
void           dag_production_remaining (const DagOrg        *org,
                                         const DagProduction *production,
                                         int                  indication,
                                         DagRemaining        *out);
/* The same for every indication at once, in one pass over the ledger and
 * the lines: a new array of org->indications->len (g_free). */
DagRemaining  *dag_production_remaining_all (const DagOrg        *org,
                                             const DagProduction *production);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagProduction, dag_production_free)

G_END_DECLS
