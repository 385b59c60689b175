/* dag-demo.h — a deterministic, realistic demo organisation in Regio
 * Centraal Gelderland: the default data of the application and the data
 * set every benchmark uses. */

#pragma once

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_DEMO_MIN_PARTICIPANTS     20
#define DAG_DEMO_MAX_PARTICIPANTS     20000
#define DAG_DEMO_DEFAULT_PARTICIPANTS 150
#define DAG_DEMO_DEFAULT_SEED         1
/* Paid staff's contract dagdelen per staff position the first plan needs. */
#define DAG_DEMO_DEFAULT_STAFF        1.25
#define DAG_DEMO_MIN_STAFF            0.1
#define DAG_DEMO_MAX_STAFF            5.0

/* The demo's vehicles. */
typedef enum {
  DAG_DEMO_FLEET_NORMAL,  /* per location, seats for 2/3 of a day's riders
                           * and places for half its wheelchair users */
  DAG_DEMO_FLEET_TIGHT,   /* what a good plan needs plus one vehicle, and fewer
                           * wheelchair places than wheelchair users in the
                           * busiest wave (see gen_tight_fleet) */
} DagDemoFleet;

typedef struct {
  int     participants;
  guint32 seed;
  DagDate month;        /* first day of the month that gets attendance */
  /* Staff supply: the paid staff's contract dagdelen are at least this
   * many times the staff positions (HBO positions too) a first rough plan
   * needs, plus two; 1.25 by default (also when 0), 0.7 makes staff
   * scarce. */
  double  staff;
  /* Share of the paid staff that is HBO, above 0 up to 1; 0 (the default)
   * keeps the usual mix: 7 in 20 staff HBO, and at least staff × the HBO
   * positions in HBO contract dagdelen. */
  double  hbo;
  /* Share of participants of intensity level 3–4, above 0 up to 1 (the
   * others get level 1–2); 0 (the default) keeps the usual mix per product.
   * Zero defaults let callers that fill only the first fields keep
   * today's organisation. */
  double  heavy;
  /* The vehicles; DAG_DEMO_FLEET_NORMAL (0) by default. */
  DagDemoFleet fleet;
} DagDemoOptions;

/* The first day of the last full calendar month before today. */
DagDate  dag_demo_default_month (DagDate today);

/* Fills options with the defaults: 150 participants, seed 1, the last
 * full month before today, staff 1.25, the usual HBO and level mix and the
 * normal fleet. */
void     dag_demo_options_init  (DagDemoOptions *options);

/* Reads a fleet name ("normal" or "tight"); FALSE for any other text. */
gboolean dag_demo_fleet_parse   (const char     *text,
                                 DagDemoFleet   *fleet);

/* A new organisation.  The same participants, seed and month always give the
 * same organisation (only when month is the current month does today's date
 * matter: attendance is left unregistered from a few days before today).
 * A month that is not the first day of a month is moved to it. */
DagOrg  *dag_demo_generate      (const DagDemoOptions *options);

G_END_DECLS
