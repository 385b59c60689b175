/* dag-ical.h — iCalendar (RFC 5545) export of the dated week plan per
 * participant, staff member, group, location and vehicle: one recurring
 * event per weekly session (ending where the plan changes), with EXDATEs
 * for the dates it does not take place and a single event per one-off
 * addition, in time zone Europe/Amsterdam. */

#pragma once

#include "dag-org.h"
#include "dag-store.h"

G_BEGIN_DECLS

#define DAG_ICAL_ERROR (dag_ical_error_quark ())

typedef enum {
  DAG_ICAL_ERROR_UNKNOWN_ID,   /* no record of that kind has that id */
  DAG_ICAL_ERROR_RANGE,        /* the date range is empty or unusable */
  DAG_ICAL_ERROR_KIND,         /* that kind of record has no calendar */
} DagIcalError;

/* The time zone every event is in; the file carries its VTIMEZONE. */
#define DAG_ICAL_TZID "Europe/Amsterdam"

/* How many weeks the default range spans. */
#define DAG_ICAL_DEFAULT_WEEKS 52

typedef struct _DagIcalExport DagIcalExport;

GQuark         dag_ical_error_quark (void);

/* An export of org's calendars over from..to (both inclusive).  from
 * DAG_DATE_NONE means the Monday of today's week; to DAG_DATE_NONE means
 * DAG_ICAL_DEFAULT_WEEKS weeks after from (the day before).  org must
 * outlive the export and not change while it is used. */
DagIcalExport *dag_ical_export_new      (const DagOrg *org,
                                         DagDate       from,
                                         DagDate       to,
                                         GError      **error);
void           dag_ical_export_free     (DagIcalExport *self);
DagDate        dag_ical_export_get_from (DagIcalExport *self);
DagDate        dag_ical_export_get_to   (DagIcalExport *self);

/* Adds the calendar of one record: kind is DAG_KIND_PARTICIPANT,
 * DAG_KIND_STAFF, DAG_KIND_GROUP, DAG_KIND_LOCATION or DAG_KIND_VEHICLE.
 * Returns the calendar's number (0, 1, …), or -1 with error set when no
 * record of that kind has that id. */
int            dag_ical_export_add      (DagIcalExport *self,
                                         DagKind        kind,
                                         const char    *id,
                                         GError       **error);

/* Works out the events of every calendar added.  With a store, each
 * event's content hash is looked up and recorded in its ical_event table in
 * one transaction: SEQUENCE and DTSTAMP/LAST-MODIFIED stay as they were
 * unless the content changed (then SEQUENCE + 1 and the change time is now).
 * Without a store every event gets SEQUENCE 0 and DTSTAMP now.  now is Unix
 * seconds, or -1 for the current time. */
gboolean       dag_ical_export_build    (DagIcalExport *self,
                                         DagStore      *store,
                                         gint64         now,
                                         GError       **error);

guint          dag_ical_export_get_n_calendars (DagIcalExport *self);
/* The number of events calendar i has (after dag_ical_export_build()). */
guint          dag_ical_export_get_n_events    (DagIcalExport *self,
                                                guint          i);

/* The iCalendar text of calendar i (after dag_ical_export_build()), newly
 * allocated, CRLF line ends; length receives its size when not NULL. */
char          *dag_ical_export_render   (DagIcalExport *self,
                                         guint          i,
                                         gsize         *length);

/* A file name for calendar i: "<id>.ics" when the record's id is a safe
 * file name, otherwise "<kind>-<digest of the id>.ics" (newly allocated). */
char          *dag_ical_export_file_name (DagIcalExport *self,
                                          guint          i);

/* Writes every calendar (after dag_ical_export_build()) into dir, which is
 * created with mode 0700, under dag_ical_export_file_name(), mode 0600.
 * The changed files are staged in a hidden folder inside dir and synced to
 * disk before any is renamed into place; a file that already holds exactly
 * the new text is not touched.  What a killed export left is finished (a
 * complete staging folder) or removed (an incomplete one) by the next
 * export into dir, so a kill never leaves old and new calendars mixed
 * past it.  On error before the commit nothing in dir has changed. */
gboolean       dag_ical_export_write_all (DagIcalExport *self,
                                          const char    *dir,
                                          GError       **error);

/* The UTC time of a local Europe/Amsterdam wall time (minutes after
 * midnight on date), by the EU rules in force since 1996, as Unix seconds. */
gint64         dag_ical_local_to_unix   (DagDate date,
                                         int     minutes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagIcalExport, dag_ical_export_free)

G_END_DECLS
