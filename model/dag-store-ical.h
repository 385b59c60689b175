/* dag-store-ical.h — what each exported calendar event last looked like
 * (content hash, SEQUENCE, time of the last change), so that a re-export of
 * an unchanged plan gives the same bytes and a changed event a higher
 * SEQUENCE. */

#pragma once

#include "dag-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *uid;        /* in: the event's UID */
  const char *hash;       /* in: hex digest of the event's content */
  int         sequence;   /* out: 0 for a new event, +1 for each change */
  gint64      changed;    /* out: when the content last changed, Unix seconds UTC */
} DagIcalStamp;

/* Looks up every stamp's uid in one transaction: a new uid is recorded with
 * sequence 0 and changed = now; a uid whose hash differs gets sequence + 1
 * and changed = now; an unchanged one keeps what was recorded.  On error
 * nothing is recorded. */
gboolean dag_store_ical_stamp (DagStore     *self,
                               DagIcalStamp *stamps,
                               guint         n_stamps,
                               gint64        now,
                               GError      **error);

G_END_DECLS
