/* dag-run-item.c — one run of the Transport view's list.  Only an index:
 * the rows read the run itself when they are bound, so a day of hundreds
 * of runs costs one small object each.  The view keeps its items from day
 * to day and points them at other runs, so that GTK keeps its rows. */

#include "config.h"

#include "dag-run-item.h"

struct _DagRunItem
{
  GObject parent_instance;

  guint   run;
  double  km;
};

G_DEFINE_FINAL_TYPE (DagRunItem, dag_run_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dag_run_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DagRunItem *self = DAG_RUN_ITEM (object);

  switch (prop_id)
    {
    case PROP_RUN:
      g_value_set_uint (value, self->run);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dag_run_item_class_init (DagRunItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dag_run_item_get_property;
  properties[PROP_RUN] = g_param_spec_uint ("run", NULL, NULL, 0, G_MAXUINT, 0,
                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dag_run_item_init (DagRunItem *self)
{
  self->km = -1;
}

DagRunItem *
dag_run_item_new (guint run)
{
  DagRunItem *self = g_object_new (DAG_TYPE_RUN_ITEM, NULL);

  self->run = run;
  return self;
}

guint
dag_run_item_get_run (DagRunItem *self)
{
  g_return_val_if_fail (DAG_IS_RUN_ITEM (self), 0);
  return self->run;
}

void
dag_run_item_set_run (DagRunItem *self,
                      guint       run)
{
  g_return_if_fail (DAG_IS_RUN_ITEM (self));
  self->run = run;
  self->km = -1;
  /* Always: the same index may now be another run of a changed day. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

double
dag_run_item_get_km (DagRunItem *self)
{
  g_return_val_if_fail (DAG_IS_RUN_ITEM (self), -1);
  return self->km;
}

void
dag_run_item_set_km (DagRunItem *self,
                     double      km)
{
  g_return_if_fail (DAG_IS_RUN_ITEM (self));
  self->km = km;
}
