/* dag-indication-item.c — an indication as a GObject for list views: its
 * product, level, validity and volume, and whether it is about to end. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dag-indication-item.h"
#include "dag-item-format.h"

struct _DagIndicationItem
{
  GObject  parent_instance;

  char    *id;
  char    *product;
  char    *product_name;
  int      level;
  char    *level_name;
  char    *allocation_number;
  DagDate  start;
  DagDate  end;
  char    *validity_text;
  char    *volume_text;
  char    *remaining_text;
  int      days_until_end;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (DagIndicationItem, dag_indication_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PRODUCT,
  PROP_PRODUCT_NAME,
  PROP_LEVEL,
  PROP_LEVEL_NAME,
  PROP_ALLOCATION_NUMBER,
  PROP_START,
  PROP_END,
  PROP_VALIDITY_TEXT,
  PROP_VOLUME_TEXT,
  PROP_DAYS_UNTIL_END,
  PROP_ACTIVE,
  PROP_EXPIRING,
  PROP_EXPIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_indication_item_finalize (GObject *object)
{
  DagIndicationItem *self = DAG_INDICATION_ITEM (object);

  g_free (self->id);
  g_free (self->product);
  g_free (self->product_name);
  g_free (self->level_name);
  g_free (self->remaining_text);
  g_free (self->allocation_number);
  g_free (self->validity_text);
  g_free (self->volume_text);
  G_OBJECT_CLASS (dag_indication_item_parent_class)->finalize (object);
}

static void
dag_indication_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DagIndicationItem *self = DAG_INDICATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:                g_value_set_string (value, self->id); break;
    case PROP_PRODUCT:           g_value_set_string (value, self->product); break;
    case PROP_PRODUCT_NAME:      g_value_set_string (value, self->product_name); break;
    case PROP_LEVEL:             g_value_set_int (value, self->level); break;
    case PROP_LEVEL_NAME:        g_value_set_string (value, self->level_name); break;
    case PROP_ALLOCATION_NUMBER: g_value_set_string (value, self->allocation_number); break;
    case PROP_START:             g_value_set_uint (value, self->start); break;
    case PROP_END:               g_value_set_uint (value, self->end); break;
    case PROP_VALIDITY_TEXT:     g_value_set_string (value, self->validity_text); break;
    case PROP_VOLUME_TEXT:       g_value_set_string (value, self->volume_text); break;
    case PROP_DAYS_UNTIL_END:    g_value_set_int (value, self->days_until_end); break;
    case PROP_ACTIVE:            g_value_set_boolean (value, self->active); break;
    case PROP_EXPIRING:          g_value_set_boolean (value, dag_indication_item_get_expiring (self)); break;
    case PROP_EXPIRED:           g_value_set_boolean (value, dag_indication_item_get_expired (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_indication_item_class_init (DagIndicationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dag_indication_item_finalize;
  object_class->get_property = dag_indication_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_PRODUCT] = g_param_spec_string ("product", NULL, NULL, NULL, flags);
  properties[PROP_PRODUCT_NAME] = g_param_spec_string ("product-name", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_int ("level", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_LEVEL_NAME] = g_param_spec_string ("level-name", NULL, NULL, NULL, flags);
  properties[PROP_ALLOCATION_NUMBER] = g_param_spec_string ("allocation-number", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_VALIDITY_TEXT] = g_param_spec_string ("validity-text", NULL, NULL, NULL, flags);
  properties[PROP_VOLUME_TEXT] = g_param_spec_string ("volume-text", NULL, NULL, NULL, flags);
  properties[PROP_DAYS_UNTIL_END] = g_param_spec_int ("days-until-end", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_EXPIRING] = g_param_spec_boolean ("expiring", NULL, NULL, FALSE, flags);
  properties[PROP_EXPIRED] = g_param_spec_boolean ("expired", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_indication_item_init (DagIndicationItem *self)
{
}

DagIndicationItem *
dag_indication_item_new (const DagOrg *org,
                         guint         index,
                         DagDate       today)
{
  const DagIndication *ind;
  const DagContract *contract;
  const DagProduct *product = NULL;
  const DagLevel *level;
  DagIndicationItem *self;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (index < org->indications->len, NULL);

  ind = DAG_AT (org->indications, DagIndication, index);
  contract = DAG_AT (org->contracts, DagContract, ind->contract);
  if (ind->product >= 0 && (guint) ind->product < contract->products->len)
    product = DAG_AT (contract->products, DagProduct, ind->product);
  level = dag_org_find_level (org, ind->level);

  self = g_object_new (DAG_TYPE_INDICATION_ITEM, NULL);
  self->id = g_strdup (ind->id);
  self->product = g_strdup (product ? product->product : "");
  self->product_name = g_strdup (product && product->name ? product->name : "");
  self->level = ind->level;
  self->level_name = g_strdup (level && level->name ? level->name : "");
  self->allocation_number = g_strdup (ind->allocation_number ? ind->allocation_number : "");
  self->start = ind->start;
  self->end = ind->end;
  start = dag_item_format_date (ind->start);
  end = dag_item_format_date (ind->end);
  /* Translators: the validity period of an indication, "start – end". */
  self->validity_text = g_strdup_printf (_("%s – %s"), start, end);
  self->volume_text = dag_item_format_volume (ind->units, ind->min_units, ind->per);
  self->days_until_end = (int) ind->end - (int) today;
  self->active = ind->start <= today && today <= ind->end;
  return self;
}

void
dag_indication_item_set_remaining (DagIndicationItem *self,
                                   gint64             indicated,
                                   gint64             declared)
{
  g_return_if_fail (DAG_IS_INDICATION_ITEM (self));

  g_free (self->remaining_text);
  if (declared == 0)
    self->remaining_text = g_strdup (_("Nothing declared yet"));
  else
    /* Translators: units declared to the municipality so far, the units the
     * indication grants in all, and what is left. */
    self->remaining_text = g_strdup_printf (_("Declared %lld of %lld · %lld left"),
                                            (long long) declared, (long long) indicated,
                                            (long long) (indicated - declared));
}

const char *
dag_indication_item_get_remaining_text (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->remaining_text;
}

const char *
dag_indication_item_get_id (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->id;
}

const char *
dag_indication_item_get_product (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->product;
}

const char *
dag_indication_item_get_product_name (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->product_name;
}

int
dag_indication_item_get_level (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), 0);
  return self->level;
}

const char *
dag_indication_item_get_level_name (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->level_name;
}

const char *
dag_indication_item_get_allocation_number (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->allocation_number;
}

DagDate
dag_indication_item_get_start (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), DAG_DATE_NONE);
  return self->start;
}

DagDate
dag_indication_item_get_end (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), DAG_DATE_NONE);
  return self->end;
}

const char *
dag_indication_item_get_validity_text (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->validity_text;
}

const char *
dag_indication_item_get_volume_text (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), NULL);
  return self->volume_text;
}

int
dag_indication_item_get_days_until_end (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), 0);
  return self->days_until_end;
}

gboolean
dag_indication_item_get_active (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), FALSE);
  return self->active;
}

gboolean
dag_indication_item_get_expiring (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), FALSE);
  return self->days_until_end >= 0 && self->days_until_end <= DAG_INDICATION_WARN_DAYS;
}

gboolean
dag_indication_item_get_expired (DagIndicationItem *self)
{
  g_return_val_if_fail (DAG_IS_INDICATION_ITEM (self), FALSE);
  return self->days_until_end < 0;
}
