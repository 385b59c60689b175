/* dag-gui-test.h — what the headless GUI tests share: waiting for the main
 * loop, for frames, and saving a widget as a PNG screenshot. */

#pragma once

#include <gtk/gtk.h>

#include "dag-application.h"
#include "dag-store.h"
#include "dag-window.h"

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

/* A demo organisation saved in a new store in a new temporary folder: what
 * most GUI tests start from. */
typedef struct {
  char     *dir;
  char     *path;      /* the database file */
  DagStore *store;
  DagDate   month;     /* the demo month: the one with attendance */
} DagTestDemo;

/* Generates the demo of participants for month (DAG_DATE_NONE: the
 * default month) and saves it; name goes into the folder's name. */
void       dag_test_demo_setup    (DagTestDemo *demo,
                                   const char  *name,
                                   guint        participants,
                                   DagDate      month);
/* The same with org, made by the test. */
void       dag_test_demo_setup_org (DagTestDemo  *demo,
                                    const char   *name,
                                    const DagOrg *org);
/* Lets the main loop finish what it has, closes the store and removes
 * the folder. */
void       dag_test_demo_teardown (DagTestDemo *demo);

/* A window on store of width × height, presented, with the organisation
 * loaded (asserted). */
DagWindow *dag_test_open_window   (DagApplication *app,
                                   DagStore       *store,
                                   int             width,
                                   int             height);
/* Whether window is done loading (a DagTestReadyFunc). */
gboolean   dag_test_window_loaded (gpointer window);

G_END_DECLS
