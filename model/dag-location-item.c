/* dag-location-item.c — a location as a GObject for list views. */

#include "config.h"

#include "dag-location-item.h"

struct _DagLocationItem
{
  GObject parent_instance;

  char   *id;
  char   *name;
  char   *address;
  double  latitude;
  double  longitude;
  char   *hours_text;
  guint   n_closures;
};

G_DEFINE_FINAL_TYPE (DagLocationItem, dag_location_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_HOURS_TEXT,
  PROP_N_CLOSURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_location_item_finalize (GObject *object)
{
  DagLocationItem *self = DAG_LOCATION_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->address);
  g_free (self->hours_text);
  G_OBJECT_CLASS (dag_location_item_parent_class)->finalize (object);
}

static void
dag_location_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DagLocationItem *self = DAG_LOCATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:         g_value_set_string (value, self->id); break;
    case PROP_NAME:       g_value_set_string (value, self->name); break;
    case PROP_ADDRESS:    g_value_set_string (value, self->address); break;
    case PROP_LATITUDE:   g_value_set_double (value, self->latitude); break;
    case PROP_LONGITUDE:  g_value_set_double (value, self->longitude); break;
    case PROP_HOURS_TEXT: g_value_set_string (value, self->hours_text); break;
    case PROP_N_CLOSURES: g_value_set_uint (value, self->n_closures); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_location_item_class_init (DagLocationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_location_item_finalize;
  object_class->get_property = dag_location_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL, -90, 90, 0, flags);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL, -180, 180, 0, flags);
  properties[PROP_HOURS_TEXT] = g_param_spec_string ("hours-text", NULL, NULL, NULL, flags);
  properties[PROP_N_CLOSURES] = g_param_spec_uint ("n-closures", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_location_item_init (DagLocationItem *self)
{
}

DagLocationItem *
dag_location_item_new (const DagOrg *org,
                       guint         index)
{
  const DagLocation *l;
  DagLocationItem *self;
  GString *hours = g_string_new (NULL);

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->locations->len, NULL);

  l = DAG_AT (org->locations, DagLocation, index);
  self = g_object_new (DAG_TYPE_LOCATION_ITEM, NULL);
  self->id = g_strdup (l->id);
  self->name = g_strdup (l->name);
  self->address = g_strdup (l->address ? l->address : "");
  self->latitude = l->lat;
  self->longitude = l->lon;
  for (int part = 0; part < DAG_N_PARTS; part++)
    {
      char start[6], end[6];

      if (!l->has_part[part])
        continue;
      if (hours->len > 0)
        g_string_append (hours, ", ");
      g_string_append_printf (hours, "%s–%s",
                              dag_time_format (l->part_start[part], start),
                              dag_time_format (l->part_end[part], end));
    }
  self->hours_text = g_string_free (hours, FALSE);
  self->n_closures = l->closures ? l->closures->len : 0;
  return self;
}

GListStore *
dag_location_item_build_store (const DagOrg *org)
{
  g_autoptr(GPtrArray) items = NULL;
  GListStore *store;

  g_return_val_if_fail (org != NULL, NULL);

  items = g_ptr_array_new_full (org->locations->len, g_object_unref);
  for (guint i = 0; i < org->locations->len; i++)
    g_ptr_array_add (items, dag_location_item_new (org, i));
  store = g_list_store_new (DAG_TYPE_LOCATION_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

#define GETTER(type, name, fallback) \
type \
dag_location_item_get_##name (DagLocationItem *self) \
{ \
  g_return_val_if_fail (DAG_IS_LOCATION_ITEM (self), fallback); \
  return self->name; \
}

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, address, NULL)
GETTER (double, latitude, 0)
GETTER (double, longitude, 0)
GETTER (const char *, hours_text, NULL)
GETTER (guint, n_closures, 0)
