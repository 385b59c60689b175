/* dag-vehicle-item.c — a vehicle as a GObject for list views. */

#include "config.h"

#include "dag-vehicle-item.h"

struct _DagVehicleItem
{
  GObject parent_instance;

  char   *id;
  char   *name;
  int     seats;
  int     wheelchair_places;
  char   *location;
  gint64  cost_per_km_cents;
};

G_DEFINE_FINAL_TYPE (DagVehicleItem, dag_vehicle_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SEATS,
  PROP_WHEELCHAIR_PLACES,
  PROP_LOCATION,
  PROP_COST_PER_KM_CENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_vehicle_item_finalize (GObject *object)
{
  DagVehicleItem *self = DAG_VEHICLE_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->location);
  G_OBJECT_CLASS (dag_vehicle_item_parent_class)->finalize (object);
}

static void
dag_vehicle_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DagVehicleItem *self = DAG_VEHICLE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:                g_value_set_string (value, self->id); break;
    case PROP_NAME:              g_value_set_string (value, self->name); break;
    case PROP_SEATS:             g_value_set_int (value, self->seats); break;
    case PROP_WHEELCHAIR_PLACES: g_value_set_int (value, self->wheelchair_places); break;
    case PROP_LOCATION:          g_value_set_string (value, self->location); break;
    case PROP_COST_PER_KM_CENTS: g_value_set_int64 (value, self->cost_per_km_cents); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_vehicle_item_class_init (DagVehicleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_vehicle_item_finalize;
  object_class->get_property = dag_vehicle_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SEATS] = g_param_spec_int ("seats", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_WHEELCHAIR_PLACES] = g_param_spec_int ("wheelchair-places", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, flags);
  properties[PROP_COST_PER_KM_CENTS] = g_param_spec_int64 ("cost-per-km-cents", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_vehicle_item_init (DagVehicleItem *self)
{
}

DagVehicleItem *
dag_vehicle_item_new (const DagOrg *org,
                      guint         index)
{
  const DagVehicle *v;
  DagVehicleItem *self;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->vehicles->len, NULL);

  v = DAG_AT (org->vehicles, DagVehicle, index);
  self = g_object_new (DAG_TYPE_VEHICLE_ITEM, NULL);
  self->id = g_strdup (v->id);
  self->name = g_strdup (v->name);
  self->seats = v->seats;
  self->wheelchair_places = v->wheelchair_places;
  if (v->location >= 0 && (guint) v->location < org->locations->len)
    self->location = g_strdup (DAG_AT (org->locations, DagLocation, v->location)->name);
  else
    self->location = g_strdup ("");
  self->cost_per_km_cents = v->cost_per_km_cents;
  return self;
}

GListStore *
dag_vehicle_item_build_store (const DagOrg *org)
{
  g_autoptr(GPtrArray) items = NULL;
  GListStore *store;

  g_return_val_if_fail (org != NULL, NULL);

  items = g_ptr_array_new_full (org->vehicles->len, g_object_unref);
  for (guint i = 0; i < org->vehicles->len; i++)
    g_ptr_array_add (items, dag_vehicle_item_new (org, i));
  store = g_list_store_new (DAG_TYPE_VEHICLE_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

#define GETTER(type, name, fallback) \
type \
dag_vehicle_item_get_##name (DagVehicleItem *self) \
{ \
  g_return_val_if_fail (DAG_IS_VEHICLE_ITEM (self), fallback); \
  return self->name; \
}

GETTER (const char *, id, NULL)
GETTER (const char *, name, NULL)
GETTER (int, seats, 0)
GETTER (int, wheelchair_places, 0)
GETTER (const char *, location, NULL)
GETTER (gint64, cost_per_km_cents, 0)
