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

typedef struct {
  int     participants;
  guint32 seed;
  DagDate month;        /* first day of the month that gets attendance */
} DagDemoOptions;

/* The first day of the last full calendar month before today. */
DagDate  dag_demo_default_month (DagDate today);

/* Fills options with the defaults: 150 participants, seed 1 and the last
 * full month before today. */
void     dag_demo_options_init  (DagDemoOptions *options);

/* A new organisation.  The same participants, seed and month always give the
 * same organisation (only when month is the current month does today's date
 * matter: attendance is left unregistered from a few days before today).
 * A month that is not the first day of a month is moved to it. */
DagOrg  *dag_demo_generate      (const DagDemoOptions *options);

G_END_DECLS
