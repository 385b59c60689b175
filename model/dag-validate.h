/* dag-validate.h — checks for every field a person types: BSN, postcode,
 * dates, times, slots, volumes, money.  Messages are translated and say
 * what is wrong without repeating the value (it may be a BSN). */

#pragma once

#include <glib.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_VALIDATE_ERROR (dag_validate_error_quark ())

typedef enum {
  DAG_VALIDATE_ERROR_INVALID,
} DagValidateError;

GQuark   dag_validate_error_quark (void);

/* Nine digits that pass the elfproef (11-check). */
gboolean dag_validate_bsn        (const char *text, GError **error);
/* A Dutch postcode "1234 AB" (four digits, first not 0, a space, two capitals,
 * not SA, SD or SS). */
gboolean dag_validate_postcode   (const char *text, GError **error);
/* An existing calendar date written YYYY-MM-DD. */
gboolean dag_validate_date       (const char *text, DagDate *date, GError **error);
/* A period whose end is not before its start. */
gboolean dag_validate_period     (DagDate start, DagDate end, GError **error);
gboolean dag_validate_time       (const char *text, int *minutes, GError **error);
/* "mon-am" … "sat-ev". */
gboolean dag_validate_slot       (const char *text, int *slot, GError **error);
/* Units per week (1–18 slots), month (1–80) or period (1–5000). */
gboolean dag_validate_volume     (int units, DagVolumePer per, GError **error);
/* Whole euro cents, 0 … 100,000,000 (one million euro). */
gboolean dag_validate_cents      (gint64 cents, GError **error);
/* A tariff typed by a person: "34,50", "34.50", "€ 34,50" or "34" → cents.
 * At most two decimals; never goes through floating point. */
gboolean dag_parse_euro          (const char *text, gint64 *cents, GError **error);
/* Eight digits. */
gboolean dag_validate_agb_code   (const char *text, GError **error);
/* CBS municipality code: four digits. */
gboolean dag_validate_municipality_code (const char *text, GError **error);
/* A non-empty id of printable characters without spaces, at most 64 bytes. */
gboolean dag_validate_id         (const char *text, GError **error);
/* Latitude −90…90 and longitude −180…180. */
gboolean dag_validate_coordinates (double lat, double lon, GError **error);
/* Whether attendance with status may be registered for date: present and
 * no-show only once the day has come; a cancellation also in advance. */
gboolean dag_validate_attendance (DagAttendStatus status, DagDate date, DagDate today, GError **error);
/* Writes a BSN as "*****2333": only the last four digits shown. */
char    *dag_bsn_mask            (const char *bsn);

G_END_DECLS
