/* dag-record-check.c — field checks of locations, groups, staff, vehicles
 * and contracts, shared by the organisation import and the record editor. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dag-record-check.h"
#include "dag-store-edit.h"
#include "dag-validate.h"

/* Limits of the organisation file (INTERFACES.md §1 gives the fields; these
 * bounds keep the numbers meaningful). */
#define LEVEL_MIN      1
#define LEVEL_MAX      99
#define CAPACITY_MAX   1000
#define HOURS_MAX      168
#define SEATS_MAX      100
#define FROM_UNIT_MAX  100000
#define RATIO_MAX      100

static gboolean
fail (const char **field,
      const char  *key,
      GError     **error,
      const char  *message)
{
  *field = key;
  g_set_error_literal (error, DAG_VALIDATE_ERROR, DAG_VALIDATE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
fail_error (const char **field,
            const char  *key,
            GError     **error,
            GError      *reason)
{
  return fail (field, key, error, reason->message);
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Text that may be absent, capped as the import caps it (max_chars) and
 * without control characters, so what is typed can be imported again. */
static gboolean
check_optional_text (const char  *text,
                     gsize        max_chars,
                     const char  *key,
                     const char **field,
                     GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!dag_validate_text (text, max_chars, &local))
    return fail_error (field, key, error, local);
  return TRUE;
}

static gboolean
check_text (const char  *text,
            gsize        max_chars,
            const char  *key,
            const char **field,
            GError     **error)
{
  if (is_blank (text))
    return fail (field, key, error, _("must not be empty"));
  return check_optional_text (text, max_chars, key, field, error);
}

static gboolean
check_id (const char  *id,
          const char **field,
          GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!dag_validate_id (id, &local))
    return fail_error (field, "id", error, local);
  return TRUE;
}

static gboolean
check_range (int          value,
             int          min,
             int          max,
             const char  *key,
             const char **field,
             GError     **error)
{
  g_autofree char *message = NULL;

  if (value < min)
    message = g_strdup_printf (_("must be at least %d"), min);
  else if (value > max)
    message = g_strdup_printf (_("must be at most %d"), max);
  else
    return TRUE;
  return fail (field, key, error, message);
}

static gboolean
check_cents (gint64       cents,
             const char  *key,
             const char **field,
             GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!dag_validate_cents (cents, &local))
    return fail_error (field, key, error, local);
  return TRUE;
}

static gboolean
check_mask (DagSlotMask  mask,
            const char  *key,
            const char **field,
            GError     **error)
{
  if (mask & ~((DagSlotMask) ((1u << DAG_N_SLOTS) - 1)))
    return fail (field, key, error, _("holds a dagdeel that does not exist"));
  return TRUE;
}

gboolean
dag_record_check_location (const DagLocation *l,
                           const char       **field,
                           GError           **error)
{
  /* Keys of the part times: the start and the end of each part. */
  static const char *const start_keys[DAG_N_PARTS] = { "slots.am[0]", "slots.pm[0]", "slots.ev[0]" };
  static const char *const end_keys[DAG_N_PARTS] = { "slots.am[1]", "slots.pm[1]", "slots.ev[1]" };
  g_autoptr(GError) local = NULL;
  int previous_end = -1;
  int previous = -1;

  if (!check_id (l->id, field, error) ||
      !check_text (l->name, DAG_TEXT_MAX_NAME, "name", field, error) ||
      !check_text (l->address, DAG_TEXT_MAX_ADDRESS, "address", field, error))
    return FALSE;
  if (!dag_validate_address_postcode (l->address, &local))
    return fail_error (field, "address", error, local);
  if (!dag_validate_coordinates (l->lat, l->lon, &local))
    return fail_error (field, l->lat >= -90 && l->lat <= 90 ? "lon" : "lat", error, local);
  for (int part = 0; part < DAG_N_PARTS; part++)
    {
      if (!l->has_part[part])
        continue;
      if (l->part_start[part] < 0 || l->part_start[part] >= 24 * 60)
        return fail (field, start_keys[part], error, _("must be a time of day"));
      if (l->part_end[part] <= l->part_start[part] || l->part_end[part] > 24 * 60)
        return fail (field, end_keys[part], error, _("must be later than the start"));
      if (l->part_start[part] < previous_end)
        {
          g_autofree char *message = g_strdup_printf (_("must not be before the end of “%s”"),
                                                      dag_part_name (previous));
          return fail (field, start_keys[part], error, message);
        }
      previous_end = l->part_end[part];
      previous = part;
    }
  if (previous < 0)
    return fail (field, "slots", error, _("must give the times of at least one of “am”, “pm” and “ev”"));
  for (guint i = 0; l->closures && i < l->closures->len; i++)
    {
      DagDate d = g_array_index (l->closures, DagDate, i);

      if (d == DAG_DATE_NONE || !g_date_valid_julian (d))
        return fail (field, "closures", error, _("must be an existing date written YYYY-MM-DD"));
      if (i > 0 && d <= g_array_index (l->closures, DagDate, i - 1))
        return fail (field, "closures", error, _("holds the same date twice"));
    }
  return TRUE;
}

static gboolean
check_level (const DagOrg *org,
             int           level,
             const char   *key,
             const char  **field,
             GError      **error)
{
  if (!check_range (level, LEVEL_MIN, LEVEL_MAX, key, field, error))
    return FALSE;
  if (dag_org_find_level (org, level) == NULL)
    return fail (field, key, error, _("is not a level in “settings.levels”"));
  return TRUE;
}

gboolean
dag_record_check_group (const DagOrg   *org,
                        const DagGroup *g,
                        const char    **field,
                        GError        **error)
{
  const DagLocation *l;

  if (!check_id (g->id, field, error))
    return FALSE;
  if (g->location < 0 || (guint) g->location >= org->locations->len)
    return fail (field, "location", error, _("there is no such location"));
  if (!check_text (g->name, DAG_TEXT_MAX_NAME, "name", field, error))
    return FALSE;
  for (guint i = 0; g->products && i < g->products->len; i++)
    {
      const char *product = g_ptr_array_index (g->products, i);

      if (!check_text (product, DAG_TEXT_MAX_OTHER, "products", field, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (strcmp (g_ptr_array_index (g->products, j), product) == 0)
          return fail (field, "products", error, _("holds the same product twice"));
    }
  if (!check_level (org, g->min_level, "min_level", field, error) ||
      !check_level (org, g->max_level, "max_level", field, error))
    return FALSE;
  if (g->max_level < g->min_level)
    return fail (field, "max_level", error, _("must not be below “min_level”"));
  if (!check_range (g->capacity, 1, CAPACITY_MAX, "capacity", field, error) ||
      !check_mask (g->slots, "slots", field, error))
    return FALSE;
  l = DAG_AT (org->locations, DagLocation, g->location);
  for (int slot = 0; slot < DAG_N_SLOTS; slot++)
    if ((g->slots & DAG_SLOT_BIT (slot)) && !l->has_part[DAG_SLOT_PART (slot)])
      return fail (field, "slots", error, _("is a part of the day in which the location is not open"));
  return TRUE;
}

/* Something@something.something without spaces: enough to catch a typo,
 * not a full RFC 5322 parser. */
static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;
  at = strchr (at + 1, '.');
  return at != NULL && at[1] != '\0' && at[-1] != '@';
}

gboolean
dag_record_check_staff (const DagStaff *s,
                        const char    **field,
                        GError        **error)
{
  if (!check_id (s->id, field, error) ||
      !check_text (s->name, DAG_TEXT_MAX_NAME, "name", field, error) ||
      !check_optional_text (s->email, DAG_TEXT_MAX_EMAIL, "email", field, error))
    return FALSE;
  if (s->qualification != DAG_QUAL_HBO && s->qualification != DAG_QUAL_MBO &&
      s->qualification != DAG_QUAL_VOLUNTEER)
    return fail (field, "qualification", error, _("must be HBO, MBO or volunteer"));
  if (!check_range (s->contract_hours, 0, HOURS_MAX, "contract_hours", field, error) ||
      !check_mask (s->available, "available", field, error))
    return FALSE;
  if (s->email != NULL && !looks_like_email (s->email))
    return fail (field, "email", error, _("must be an address like “name@example.org”"));
  return TRUE;
}

gboolean
dag_record_check_vehicle (const DagOrg     *org,
                          const DagVehicle *v,
                          const char      **field,
                          GError          **error)
{
  if (!check_id (v->id, field, error) ||
      !check_text (v->name, DAG_TEXT_MAX_NAME, "name", field, error) ||
      !check_range (v->seats, 1, SEATS_MAX, "seats", field, error) ||
      !check_range (v->wheelchair_places, 0, SEATS_MAX, "wheelchair_places", field, error))
    return FALSE;
  if (v->location < 0 || (guint) v->location >= org->locations->len)
    return fail (field, "location", error, _("there is no such location"));
  if (!check_range (v->available_from, 0, 24 * 60, "available_from", field, error) ||
      !check_range (v->available_until, 0, 24 * 60, "available_until", field, error))
    return FALSE;
  if (v->available_from > 0 && v->available_until > 0 && v->available_until <= v->available_from)
    return fail (field, "available_until", error, _("must be later than the start"));
  return check_cents (v->cost_per_km_cents, "cost_per_km_cents", field, error);
}

gboolean
dag_record_check_contract (const DagOrg      *org,
                           const DagContract *c,
                           const char       **field,
                           GError           **error)
{
  if (!check_id (c->id, field, error))
    return FALSE;
  if (c->municipality < 0 || (guint) c->municipality >= org->municipalities->len)
    return fail (field, "municipality", error, _("there is no such municipality"));
  for (guint i = 0; c->products && i < c->products->len; i++)
    {
      const DagProduct *p = DAG_AT (c->products, DagProduct, i);

      if (p->product == NULL || !dag_validate_id (p->product, NULL))
        return fail (field, "products", error, _("must be a product name without spaces, like “M3”"));
      for (guint j = 0; j < i; j++)
        if (strcmp (DAG_AT (c->products, DagProduct, j)->product, p->product) == 0)
          return fail (field, "products", error, _("holds the same product twice"));
      if (!check_text (p->code, DAG_TEXT_MAX_OTHER, "products", field, error) ||
          !check_text (p->name, DAG_TEXT_MAX_NAME, "products", field, error) ||
          !check_text (p->unit, DAG_TEXT_MAX_OTHER, "products", field, error) ||
          !check_cents (p->tariff_cents, "products", field, error))
        return FALSE;
      for (guint k = 0; p->staffel && k < p->staffel->len; k++)
        {
          const DagStaffel *st = DAG_AT (p->staffel, DagStaffel, k);

          if (!check_range (st->from_unit, 2, FROM_UNIT_MAX, "products", field, error) ||
              !check_cents (st->tariff_cents, "products", field, error))
            return FALSE;
          if (k > 0 && st->from_unit <= DAG_AT (p->staffel, DagStaffel, k - 1)->from_unit)
            return fail (field, "products", error, _("a staffel starts twice at the same unit"));
        }
    }
  return TRUE;
}

gboolean
dag_record_check_organisation (const char  *name,
                               const char  *agb_code,
                               const char **field,
                               GError     **error)
{
  g_autoptr(GError) local = NULL;

  if (!check_text (name, DAG_TEXT_MAX_NAME, "name", field, error))
    return FALSE;
  if (!dag_validate_agb_code (agb_code, &local))
    return fail_error (field, "agb_code", error, local);
  return TRUE;
}

gboolean
dag_record_check_municipality (const DagMunicipality *m,
                               const char           **field,
                               GError               **error)
{
  g_autoptr(GError) local = NULL;

  if (!dag_validate_municipality_code (m->code, &local))
    return fail_error (field, "code", error, local);
  return check_text (m->name, DAG_TEXT_MAX_NAME, "name", field, error);
}

gboolean
dag_record_check_level (const DagLevel *l,
                        const char    **field,
                        GError        **error)
{
  return check_range (l->level, LEVEL_MIN, LEVEL_MAX, "level", field, error) &&
         check_text (l->name, DAG_TEXT_MAX_NAME, "name", field, error) &&
         check_range (l->ratio, 1, RATIO_MAX, "ratio", field, error);
}

const char *
dag_record_field_label (DagKind     kind,
                        const char *field)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    { "id", N_("Id") },
    { "name", N_("Name") },
    { "address", N_("Address") },
    { "lat", N_("Latitude") },
    { "lon", N_("Longitude") },
    { "slots.am", N_("Morning") },
    { "slots.pm", N_("Afternoon") },
    { "slots.ev", N_("Evening") },
    { "closures", N_("Closed on") },
    { "location", N_("Location") },
    { "products", N_("Products") },
    { "min_level", N_("Lowest level") },
    { "max_level", N_("Highest level") },
    { "capacity", N_("Capacity") },
    { "qualification", N_("Qualification") },
    { "contract_hours", N_("Contract hours") },
    { "available", N_("Available dagdelen") },
    { "driver", N_("Driver") },
    { "email", N_("Email") },
    { "seats", N_("Seats") },
    { "wheelchair_places", N_("Wheelchair places") },
    { "cost_per_km_cents", N_("Cost per km") },
    { "available_from", N_("Available from") },
    { "available_until", N_("Available until") },
    { "municipality", N_("Municipality") },
    { "noshow_billable", N_("No-shows billable") },
    { "agb_code", N_("AGB code") },
    { "code", N_("Code") },
    { "level", N_("Level") },
    { "ratio", N_("Participants per staff member") },
  };
  gsize n = strcspn (field, "[");

  /* A group's "slots" are the dagdelen it runs; a location's are its times. */
  if (strcmp (field, "slots") == 0)
    return kind == DAG_KIND_LOCATION ? _("Opening times") : _("Dagdelen");
  for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strlen (labels[i].key) == n && strncmp (labels[i].key, field, n) == 0)
      return _(labels[i].label);
  return field;
}
