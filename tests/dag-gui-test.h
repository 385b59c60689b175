/* dag-gui-test.h — what the headless GUI tests share: waiting for the main
 * loop, for frames, and saving a widget as a PNG screenshot. */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*DagTestReadyFunc) (gpointer data);

/* Removes dir and everything below it. */
void dag_test_remove_tree      (const char *dir);
/* Iterates the main loop until ready (data) is TRUE; fails after 120 s. */
void dag_test_wait_until       (DagTestReadyFunc ready,
                                gpointer         data);
/* Iterates the main loop until widget has drawn n more frames. */
void dag_test_wait_for_frames  (GtkWidget *widget,
                                guint      n);
/* Sorts the n timings in ms and prints their median and range. */
void dag_test_report_ms        (const char *what,
                                double     *ms,
                                guint       n);
/* Renders widget to screenshot-NAME.png in the test build directory. */
void dag_test_save_screenshot  (GtkWidget  *widget,
                                const char *name);

G_END_DECLS
