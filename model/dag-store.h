/* dag-store.h — the SQLite file that holds one organisation.  All reads and
 * writes go through here; every user action is one transaction. */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_STORE_ERROR (dag_store_error_quark ())

typedef enum {
  DAG_STORE_ERROR_OPEN,        /* the file cannot be opened or created */
  DAG_STORE_ERROR_VERSION,     /* the file is newer than this program */
  DAG_STORE_ERROR_SQL,         /* SQLite refused a statement */
  DAG_STORE_ERROR_CONSTRAINT,  /* the data breaks a rule of the schema */
  DAG_STORE_ERROR_NOT_FOUND,
  DAG_STORE_ERROR_FROZEN,      /* the week may no longer be changed (past, attendance, declared) */
  DAG_STORE_ERROR_CHANGED,     /* another process changed what this one read; nothing was saved */
  DAG_STORE_ERROR_READ_ONLY,   /* the file or its folder cannot be written */
  DAG_STORE_ERROR_FULL,        /* the disk is full */
  DAG_STORE_ERROR_IO,          /* the disk reported an input/output error */
  DAG_STORE_ERROR_LOCKED,      /* another process kept the database busy too long */
  DAG_STORE_ERROR_CORRUPT,     /* damaged, or a reference to a row that is not there */
} DagStoreError;

/* Which parts of an organisation a save replaces. */
typedef enum {
  DAG_SECTION_MASTER     = 1 << 0, /* organisation, settings and all master data */
  DAG_SECTION_PLAN       = 1 << 1,
  DAG_SECTION_STAFFING   = 1 << 2,
  DAG_SECTION_ABSENCES   = 1 << 3, /* of participants and of staff */
  DAG_SECTION_ATTENDANCE = 1 << 4,
  DAG_SECTION_RUNS       = 1 << 5,
  DAG_SECTION_ONE_OFFS   = 1 << 6, /* one-off changes for a date */
  DAG_SECTION_DECLARATIONS = 1 << 7, /* what was declared to municipalities */
  DAG_SECTION_ALL        = 0xff,
} DagSections;

#define DAG_STORE_SCHEMA_VERSION 7

#define DAG_TYPE_STORE (dag_store_get_type ())
G_DECLARE_FINAL_TYPE (DagStore, dag_store, DAG, STORE, GObject)

GQuark      dag_store_error_quark (void);

/* Opens a PostgreSQL database when path is a postgresql:// URI (and
 * migrates it; see dag-store-pg.c), else opens (and creates, with mode
 * 0600, and migrates) the SQLite database at path,
 * after checking it: PRAGMA foreign_key_check always, quick_check when a
 * -wal file was left (not closed cleanly).  A dangling reference or damage
 * is DAG_STORE_ERROR_CORRUPT naming the table and row. */
DagStore   *dag_store_open        (const char *path, GError **error);

/* Called (on the waiting thread) once a wait for another writer's lock has
 * lasted a second, e.g. to say "waiting for another Dagritme…" (first is
 * TRUE), and again about every quarter of a second while it lasts (to
 * keep a window drawing). */
typedef void (*DagStoreWaitFunc) (DagStore *store, gboolean first, gpointer user_data);
/* How long a write waits for another one (timeout_ms; 0 keeps the
 * default of 15 s) and whom to tell that it waits (may be NULL). */
void        dag_store_set_wait_func (DagStore        *self,
                                     DagStoreWaitFunc func,
                                     gpointer         user_data,
                                     guint            timeout_ms);

/* The sections other connections (this process's or others') changed
 * since this store last read (dag_store_load) or wrote, 0 when none; a
 * cheap query, for a window polling for changes.  Changes to nothing of
 * the organisation (calendar stamps) are taken note of and give 0. */
gboolean    dag_store_poll_changes (DagStore    *self,
                                    DagSections *changed,
                                    GError     **error);
/* The file, or for a shared PostgreSQL database its URI without the
 * password. */
const char *dag_store_get_path    (DagStore *self);
/* What dag_store_open was given (a URI with its password, if it had one),
 * to open another connection to the same database; never to be shown. */
const char *dag_store_get_location (DagStore *self);
/* Whether the store is a shared PostgreSQL database (dag_store_open of a
 * postgresql:// URI) rather than an SQLite file. */
gboolean    dag_store_is_shared   (DagStore *self);
/* A descriptor that becomes readable when another user of a shared
 * database committed a change (then call dag_store_poll_changes), or -1. */
int         dag_store_get_notify_fd (DagStore *self);
/* Reads what arrived on that descriptor (so it is no longer readable);
 * TRUE when another user's commit was among it.  Not while another
 * thread uses the store. */
gboolean    dag_store_take_notifications (DagStore *self);
/* Whether where is a database server's URI (postgresql:// or
 * postgres://) rather than a file. */
gboolean    dag_store_is_uri      (const char *where);
/* The default database: $DAGRITME_DATABASE when set (a file or a URI),
 * else $XDG_DATA_HOME/dagritme/dagritme.db (newly allocated). */
char       *dag_store_default_path (void);
int         dag_store_get_schema_version (DagStore *self);

/* Whether the database holds no organisation yet. */
gboolean    dag_store_is_empty    (DagStore *self, gboolean *empty, GError **error);

/* Reads the whole organisation in one pass (a read transaction). */
DagOrg     *dag_store_load        (DagStore *self, GError **error);

/* Replaces the given sections with those of org in one transaction and
 * writes one audit entry with action (e.g. "import").  Master data can only
 * be replaced together with every section that refers to it, so
 * DAG_SECTION_MASTER implies DAG_SECTION_ALL; such a save (an import) and
 * one of the declarations are committed with synchronous=FULL.  The plan
 * and the staffing are written as the rows that differ from the stored
 * ones.  Unless it replaces everything, a save of sections another
 * process changed since this store read them (or of anything when the
 * master data changed) is DAG_STORE_ERROR_CHANGED: it would undo that
 * change.  On error nothing changes. */
gboolean    dag_store_save        (DagStore    *self,
                                   const DagOrg *org,
                                   DagSections  sections,
                                   const char  *action,
                                   GError     **error);

/* Transactions for callers that combine several store calls into one user
 * action.  Nested begin/commit pairs join the outer transaction. */
gboolean    dag_store_begin       (DagStore *self, GError **error);
gboolean    dag_store_commit      (DagStore *self, GError **error);
void        dag_store_rollback    (DagStore *self);

/* Inside a write transaction (dag_store_begin): FALSE with
 * DAG_STORE_ERROR_CHANGED when another connection committed a change to
 * one of depends since this store last read (dag_store_load) or wrote;
 * for DAG_SECTION_RUNS only runs of day count (any day when day is
 * DAG_DATE_NONE).  A change of the master data always counts.  Writers
 * that saved what they computed from a loaded organisation call it, then
 * read again and repeat, or refuse. */
gboolean    dag_store_check_current (DagStore   *self,
                                     DagSections depends,
                                     DagDate     day,
                                     GError    **error);

/* The same for a writer that changes one record (key, e.g.
 * "plan:P0001"; dag_store_touch_key notes it): FALSE with
 * DAG_STORE_ERROR_CHANGED, naming who changed it and when, only when
 * another connection changed that record, or all of a section of depends
 * or the master data (an import), since this store last read.  Edits to
 * different records do not conflict. */
gboolean    dag_store_check_current_key (DagStore   *self,
                                         DagSections depends,
                                         const char *key,
                                         GError    **error);

/* Creates the PostgreSQL database uri names (UTF-8, the C collation) on
 * its server when it is not there; *created says whether it was made. */
gboolean    dag_store_create_database (const char *uri, gboolean *created, GError **error);
/* For a shared database: makes (or brings up to date) the roles
 * dagritme_admin, dagritme_coordinator and dagritme_begeleider, their
 * grants and the views a begeleider reads instead of what holds a BSN or
 * health data (see dag-store-pg.c).  Needs the database owner. */
gboolean    dag_store_grant_roles (DagStore *self, GError **error);

/* Appends an entry to the audit log (who = the login name, when = now). */
gboolean    dag_store_audit       (DagStore   *self,
                                   const char *action,
                                   const char *detail,
                                   GError    **error);
/* Number of audit entries (for tests and the about dialog). */
gint64      dag_store_count_audit (DagStore *self, GError **error);

G_END_DECLS
