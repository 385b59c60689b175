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

/* Nine digits that pass the elfproef (the 11-test). */
gboolean dag_validate_bsn        (const char *text, GError **error);
/* A Dutch postcode "1234 AB" or "1234AB" (four digits, first not 0, an
 * optional single space, two capitals, not SA, SD or SS). */
gboolean dag_validate_postcode   (const char *text, GError **error);
/* When text (an address) holds something shaped like a postcode ("1234 AB",
 * "1234AB", "1234ABC"), whether that is a valid postcode; TRUE without one. */
gboolean dag_validate_postcode_in_text (const char *text, GError **error);
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
/* Longest texts, in characters, as the organisation import allows them
 * (dag-org-import.c): a name, an address, a reason, an e-mail address and
 * every other string (ids, codes, allocation numbers, units). */
#define DAG_TEXT_MAX_NAME     200
#define DAG_TEXT_MAX_ADDRESS  300
#define DAG_TEXT_MAX_REASON   500
#define DAG_TEXT_MAX_EMAIL    254
#define DAG_TEXT_MAX_OTHER     64
/* What a character is to stored text: fine, or one no text field may
 * hold, because it drives a terminal, turns the text around on screen
 * (Trojan Source), breaks a line where none may be, or is not allowed in
 * XML. */
typedef enum {
  DAG_TEXT_CHAR_OK,
  DAG_TEXT_CHAR_CONTROL,        /* U+0000–U+001F, U+007F–U+009F */
  DAG_TEXT_CHAR_BIDI,           /* U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069 */
  DAG_TEXT_CHAR_SEPARATOR,      /* U+2028 LINE and U+2029 PARAGRAPH SEPARATOR */
  DAG_TEXT_CHAR_NONCHARACTER,   /* U+FFFE, U+FFFF */
} DagTextChar;

DagTextChar dag_text_char_class  (gunichar c);
/* "contains a control character (U+001B)" and the like for c of class
 * kind (not DAG_TEXT_CHAR_OK); newly allocated, translated. */
char    *dag_text_char_describe  (DagTextChar kind, gunichar c);
/* Valid UTF-8 of at most max_chars characters without a character that
 * dag_text_char_class() refuses; NULL passes. */
gboolean dag_validate_text       (const char *text, gsize max_chars, GError **error);
/* Latitude −90…90 and longitude −180…180. */
gboolean dag_validate_coordinates (double lat, double lon, GError **error);
/* Whether attendance with status may be registered for date: present and
 * no-show only once the day has come; a cancellation also in advance. */
gboolean dag_validate_attendance (DagAttendStatus status, DagDate date, DagDate today, GError **error);
/* Writes a BSN as "*****2333": only the last four digits shown. */
char    *dag_bsn_mask            (const char *bsn);

/* A reason (of an absence, a one-off change, a cancellation) as
 * dag_validate_text with DAG_TEXT_MAX_REASON; the message starts
 * "Reason: " and never repeats the reason. */
gboolean dag_validate_reason (const char *reason,
                              GError    **error);

G_END_DECLS
