/* dag-fit-label.h — a one-line label with a long and a short text: it
 * shows the long one where it fits and the short one where it does not
 * (the week plan's names: "Anna de Vries" or "Anna de V."). */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DAG_TYPE_FIT_LABEL (dag_fit_label_get_type ())
G_DECLARE_FINAL_TYPE (DagFitLabel, dag_fit_label, DAG, FIT_LABEL, GtkWidget)

/* A new label; short_text NULL is text.  The accessible name is text. */
GtkWidget  *dag_fit_label_new            (const char  *text,
                                          const char  *short_text);
void        dag_fit_label_set_texts      (DagFitLabel *self,
                                          const char  *text,
                                          const char  *short_text);
const char *dag_fit_label_get_text       (DagFitLabel *self);
const char *dag_fit_label_get_short_text (DagFitLabel *self);
/* The text drawn at the current width: the long or the short one (which
 * is drawn cut in the middle with "…" when even it does not fit). */
const char *dag_fit_label_get_shown_text (DagFitLabel *self);

G_END_DECLS
