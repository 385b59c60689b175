/* dag-travel.h — travel times and distances between participants' homes and
 * locations: from an imported matrix where it has the pair, else estimated
 * from coordinates (great-circle distance × road factor ÷ speed). */

#pragma once

#include <gio/gio.h>

#include "dag-org.h"

G_BEGIN_DECLS

#define DAG_TRAVEL_ERROR (dag_travel_error_quark ())

typedef enum {
  DAG_TRAVEL_ERROR_PARSE,       /* the CSV text is malformed */
  DAG_TRAVEL_ERROR_INVALID,     /* a value is out of range */
  DAG_TRAVEL_ERROR_UNKNOWN_ID,  /* an id names no participant or location */
} DagTravelError;

/* One imported pair, by the ids of participants and locations. */
typedef struct {
  char  *from_id;
  char  *to_id;
  double minutes;
  double km;
} DagTravelEntry;

/* A place is a location (0 .. n_locations-1) or a participant's home
 * (n_locations + participant index); see dag_travel_place_*(). */
typedef struct _DagTravel DagTravel;

GQuark      dag_travel_error_quark (void);

/* A new GArray of DagTravelEntry that frees its entries' ids. */
GArray     *dag_travel_entries_new (void);

/* Parses CSV text with the header "from_id,to_id,minutes,km" into a new
 * array of entries, checking every id against org.  Errors name the line
 * and column ("line 12, column minutes: …"); on error nothing is returned. */
GArray     *dag_travel_parse_csv   (const char   *text,
                                    gsize         length,
                                    DagOrg       *org,
                                    GError      **error);

/* Travel times for org (which must outlive the result and not change),
 * with the imported entries (may be NULL); entries whose ids are unknown
 * are skipped. */
DagTravel  *dag_travel_new         (DagOrg       *org,
                                    const GArray *entries);
void        dag_travel_free        (DagTravel    *self);

int         dag_travel_place_location    (const DagTravel *self, int location);
int         dag_travel_place_participant (const DagTravel *self, int participant);
/* Whether the place has coordinates or is covered by imported pairs. */
gboolean    dag_travel_place_has_coords  (const DagTravel *self, int place);
/* Number of imported pairs in use. */
guint       dag_travel_get_n_imported    (const DagTravel *self);

/* Minutes and km from one place to another (either may be NULL).  Returns
 * TRUE when the pair came from the imported matrix, FALSE when it was
 * estimated from coordinates (0 when a place has none). */
gboolean    dag_travel_get         (const DagTravel *self,
                                    int              from,
                                    int              to,
                                    double          *minutes,
                                    double          *km);

/* Great-circle distance in km between two coordinates. */
double      dag_travel_great_circle_km (double lat1,
                                        double lon1,
                                        double lat2,
                                        double lon2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagTravel, dag_travel_free)

/* Whether location l is within max_ride minutes of the participant's home
 * both ways, driven alone; TRUE when coordinates are unknown. */
gboolean   dag_travel_within_ride (const DagTravel *travel,
                                   int              participant,
                                   int              l,
                                   int              max_ride);

G_END_DECLS
