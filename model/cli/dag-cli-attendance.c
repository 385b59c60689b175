/* dag-cli-attendance.c — "dagritme attendance": lists a day's expected
 * sessions with their attendance, or registers the attendance of one. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "dag-attendance.h"
#include "dag-cli-private.h"
#include "dag-store-attendance.h"
#include "dag-validate.h"

/* Hours as "3", "3.5", "3,5" or "3:30" → minutes; at most 24 hours. */
static gboolean
parse_hours (const char *text,
             int        *minutes)
{
  const char *c = text;
  gint64 whole = 0, frac = 0;
  int digits = 0;

  if (!g_ascii_isdigit (*c))
    return FALSE;
  while (g_ascii_isdigit (*c) && whole <= 24)
    whole = whole * 10 + (*c++ - '0');
  if (*c == ':')
    {
      c++;
      if (!g_ascii_isdigit (c[0]) || !g_ascii_isdigit (c[1]) || c[2] != '\0')
        return FALSE;
      frac = (c[0] - '0') * 10 + (c[1] - '0');
      if (frac >= 60)
        return FALSE;
      *minutes = (int) (whole * 60 + frac);
    }
  else
    {
      if (*c == '.' || *c == ',')
        {
          c++;
          /* Hundredths of an hour, rounded to the nearest minute. */
          for (; g_ascii_isdigit (*c) && digits < 2; c++, digits++)
            frac = frac * 10 + (*c - '0');
          if (digits == 0)
            return FALSE;
          if (digits == 1)
            frac *= 10;
        }
      if (*c != '\0')
        return FALSE;
      *minutes = (int) (whole * 60 + (frac * 60 + 50) / 100);
    }
  return *minutes <= 24 * 60;
}

static const char *
status_label (const DagAttendance *a)
{
  if (a == NULL)
    return _("not registered");
  switch (a->status)
    {
    case DAG_ATTEND_PRESENT:   return _("present");
    case DAG_ATTEND_CANCELLED: return _("cancelled");
    case DAG_ATTEND_NO_SHOW:   return _("no-show");
    default:                   return "?";
    }
}

static const char *
state_reason (DagSessionState state)
{
  switch (state)
    {
    case DAG_SESSION_HOLIDAY:       return _("it is a public holiday");
    case DAG_SESSION_CLOSED:        return _("the location is closed that day");
    case DAG_SESSION_ABSENT:        return _("the participant reported an absence that day");
    case DAG_SESSION_NO_INDICATION: return _("no indication is valid that day");
    case DAG_SESSION_CANCELLED:     return _("the session was cancelled for that day");
    case DAG_SESSION_ON:
    default:                        return "";
    }
}

/* text with every control character (C0, DEL, C1), direction mark, line
 * or paragraph separator and every byte that is not UTF-8 written as \xNN
 * or \u{NN}: a reason holding a terminal escape sequence must be shown,
 * not obeyed by the terminal, and a tab or line break must not break the
 * table. */
static char *
printable (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *c = text; *c; )
    {
      gunichar u = g_utf8_get_char_validated (c, -1);

      if (u == (gunichar) -1 || u == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *c);
          c++;
          continue;
        }
      if (dag_text_char_class (u) != DAG_TEXT_CHAR_OK)
        g_string_append_printf (out, u < 0x80 ? "\\x%02X" : "\\u{%02X}", (guint) u);
      else
        g_string_append_len (out, c, g_utf8_next_char (c) - c);
      c = g_utf8_next_char (c);
    }
  return g_string_free (out, FALSE);
}

/* Appends text, made printable, padded with spaces to width characters
 * (not bytes). */
static void
append_padded (GString    *out,
               const char *raw,
               int         width)
{
  g_autofree char *text = printable (raw);
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  /* At least one space, so that a long value never runs into the next. */
  do
    g_string_append_c (out, ' ');
  while (++n < width);
}

static void
print_row (const char *participant,
           const char *name,
           const char *group,
           const char *slot,
           const char *status,
           const char *hours,
           const char *reason)
{
  g_autoptr(GString) line = g_string_new (NULL);

  append_padded (line, participant, 12);
  append_padded (line, name, 25);
  append_padded (line, group, 9);
  append_padded (line, slot, 5);
  append_padded (line, status, 17);
  append_padded (line, hours, 7);
  {
    g_autofree char *shown = printable (reason);

    g_string_append (line, shown);
  }
  g_print ("%s\n", line->str);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const DagOrg *org = user_data;
  const DagAttendanceRow *ra = a, *rb = b;
  int la = ra->session.group >= 0 ? DAG_AT (org->groups, DagGroup, ra->session.group)->location : G_MAXINT;
  int lb = rb->session.group >= 0 ? DAG_AT (org->groups, DagGroup, rb->session.group)->location : G_MAXINT;
  int ga = ra->session.group >= 0 ? ra->session.group : G_MAXINT;
  int gb = rb->session.group >= 0 ? rb->session.group : G_MAXINT;

  if (la != lb)
    return la < lb ? -1 : 1;
  if (ga != gb)
    return ga < gb ? -1 : 1;
  if (ra->session.part != rb->session.part)
    return ra->session.part - rb->session.part;
  return strcmp (DAG_AT (org->participants, DagParticipant, ra->session.participant)->id,
                 DAG_AT (org->participants, DagParticipant, rb->session.participant)->id);
}

static int
list_day (DagOrg     *org,
          DagDate     date,
          int         location)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (org);
  g_autoptr(DagAttendanceIndex) index = dag_attendance_index_new (org);
  g_autoptr(GArray) rows = dag_attendance_list (org, schedule, index, date, date, location);
  char buf[DAG_DATE_BUF];
  const char *holiday = NULL;

  g_array_sort_with_data (rows, compare_rows, org);

  g_print (_("Attendance on %s"), dag_date_format (date, buf));
  if (dag_schedule_is_holiday (schedule, date, &holiday))
    g_print (_(" (public holiday: %s)"), holiday);
  g_print ("\n");
  if (rows->len == 0)
    {
      g_print ("%s\n", _("No sessions."));
      return DAG_EXIT_OK;
    }
  print_row (_("Participant"), _("Name"), _("Group"), _("Slot"), _("Status"), _("Hours"), _("Reason"));
  for (guint i = 0; i < rows->len; i++)
    {
      const DagAttendanceRow *r = DAG_AT (rows, DagAttendanceRow, i);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, r->session.participant);
      const DagAttendance *a = r->attendance >= 0 ? DAG_AT (org->attendance, DagAttendance, r->attendance) : NULL;
      g_autofree char *status = NULL;
      char hours[16] = "";

      if (r->session.state == DAG_SESSION_ON)
        status = g_strdup (status_label (a));
      else
        status = g_strdup_printf (_("%s (not planned)"), status_label (a));
      if (a != NULL && a->minutes >= 0)
        g_snprintf (hours, sizeof hours, "%d:%02d", a->minutes / 60, a->minutes % 60);
      print_row (pa->id, pa->name,
                 r->session.group >= 0 ? DAG_AT (org->groups, DagGroup, r->session.group)->id : "–",
                 dag_part_name (r->session.part), status, hours,
                 a != NULL && a->reason != NULL ? a->reason : "");
    }
  return DAG_EXIT_OK;
}

int
dag_cli_attendance (const char *database,
                    int         argc,
                    char      **argv)
{
  g_autofree char *date_text = NULL, *location_id = NULL, *participant_id = NULL;
  g_autofree char *slot_text = NULL, *status_text = NULL, *hours_text = NULL, *reason = NULL;
  gboolean clear = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day (YYYY-MM-DD)"), N_("DATE") },
    { "location", 0, 0, G_OPTION_ARG_STRING, &location_id, N_("List only this location"), N_("ID") },
    { "participant", 0, 0, G_OPTION_ARG_STRING, &participant_id, N_("Register for this participant"), N_("ID") },
    { "slot", 0, 0, G_OPTION_ARG_STRING, &slot_text, N_("The part of the day: am, pm or ev"), N_("PART") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("present, cancelled or no_show"), N_("STATUS") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours_text, N_("Hours actually attended (3.5 or 3:30)"), N_("H") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Reason of a cancellation"), N_("TEXT") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the registration (back to not registered)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DagStore) store = NULL;
  g_autoptr(DagOrg) org = NULL;
  g_autoptr(DagSchedule) schedule = NULL;
  DagDate date;
  int location = -1, participant, part = -1, minutes = -1;
  DagAttendStatus status = DAG_ATTEND_PRESENT;
  DagSession session;

  if (!dag_cli_parse_options ("attendance", "", _("List or register the attendance of a day"),
                              entries, &argc, &argv))
    return DAG_EXIT_USAGE;
  if (argc > 1)
    return dag_cli_usage (_("attendance takes no arguments besides its options"));
  if (date_text == NULL)
    return dag_cli_usage (_("attendance needs --date YYYY-MM-DD"));
  if (!dag_validate_date (date_text, &date, &error))
    return dag_cli_usage ("--date: %s", error->message);

  if (participant_id == NULL)
    {
      if (slot_text || status_text || hours_text || reason || clear)
        return dag_cli_usage (_("--slot, --status, --hours, --reason and --clear need --participant"));
    }
  else
    {
      if (location_id != NULL)
        return dag_cli_usage (_("--location only applies to listing a day"));
      if (slot_text == NULL || !dag_part_parse (slot_text, &part))
        return dag_cli_usage (_("--slot must be am, pm or ev"));
      if (clear)
        {
          if (status_text || hours_text || reason)
            return dag_cli_usage (_("--clear takes no --status, --hours or --reason"));
        }
      else
        {
          if (status_text == NULL || !dag_attend_status_parse (status_text, &status))
            return dag_cli_usage (_("--status must be present, cancelled or no_show"));
          if (hours_text != NULL && status != DAG_ATTEND_PRESENT)
            return dag_cli_usage (_("--hours only applies to status present"));
          if (reason != NULL && status != DAG_ATTEND_CANCELLED)
            return dag_cli_usage (_("--reason only applies to status cancelled"));
          /* Refused as the import refuses it, so that the reason can be
           * exported and imported again and never drives a terminal. */
          if (reason != NULL && !dag_validate_text (reason, DAG_TEXT_MAX_REASON, &error))
            {
              g_prefix_error (&error, "--reason: ");
              return dag_cli_fail (error);
            }
          if (hours_text != NULL && !parse_hours (hours_text, &minutes))
            return dag_cli_usage (_("--hours must be a number of hours from 0 to 24, such as 3.5 or 3:30"));
        }
    }

  org = dag_cli_open_and_load (database, &store, &error);
  if (org == NULL)
    return dag_cli_fail (error);

  if (participant_id == NULL)
    {
      if (location_id != NULL)
        {
          location = dag_org_lookup (org, DAG_KIND_LOCATION, location_id);
          if (location < 0)
            {
              g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                           _("There is no location with id “%s”"), location_id);
              return dag_cli_fail (error);
            }
        }
      return list_day (org, date, location);
    }

  participant = dag_org_lookup (org, DAG_KIND_PARTICIPANT, participant_id);
  if (participant < 0)
    {
      g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                   _("There is no participant with id “%s”"), participant_id);
      return dag_cli_fail (error);
    }

  /* Only what was expected can be registered: attendance elsewhere
   * would be production without a session behind it. */
  schedule = dag_schedule_new (org);
  if (!clear)
    {
      if (dag_date_weekday (date) >= DAG_N_DAYS ||
          !dag_schedule_session_at (schedule, participant, DAG_SLOT (dag_date_weekday (date), part),
                                    date, &session))
        {
          g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                       _("Participant “%s” is not planned on %s in the %s slot"),
                       participant_id, date_text, slot_text);
          return dag_cli_fail (error);
        }
      if (session.state != DAG_SESSION_ON)
        {
          g_set_error (&error, DAG_STORE_ERROR, DAG_STORE_ERROR_NOT_FOUND,
                       _("Participant “%s” has no session on %s in the %s slot: %s"),
                       participant_id, date_text, slot_text, state_reason (session.state));
          return dag_cli_fail (error);
        }
    }

  if (clear ? !dag_store_clear_attendance (store, participant_id, date, part, &error)
            : !dag_store_set_attendance (store, participant_id, date, part, status, minutes, reason, &error))
    return dag_cli_fail (error);

  if (clear)
    g_print (_("Cleared the attendance of %s on %s %s.\n"), participant_id, date_text, slot_text);
  else
    g_print (_("Registered %s as %s on %s %s.\n"), participant_id, status_text, date_text, slot_text);
  return DAG_EXIT_OK;
}
