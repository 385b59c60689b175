/* dag-org.h — a plain in-memory snapshot of one organisation: the unit that
 * the store loads and saves, and that import, export, the demo generator,
 * the planners and the exporters share.
 *
 * Records refer to each other by index into the owning array (never by
 * pointer), so a snapshot can be copied, sorted and handed to a thread. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- slots -------------------------------------------------------------- */

/* A slot is a (day, part) pair: day 0 = Monday … 5 = Saturday, part 0 = am,
 * 1 = pm, 2 = ev.  Its index is day * DAG_N_PARTS + part, and slot sets are
 * bit masks of those indices (this layout is also what the store saves). */
#define DAG_N_DAYS  6
#define DAG_N_PARTS 3
#define DAG_N_SLOTS (DAG_N_DAYS * DAG_N_PARTS)

typedef enum {
  DAG_PART_AM,
  DAG_PART_PM,
  DAG_PART_EV,
} DagPart;

typedef guint32 DagSlotMask;

#define DAG_SLOT(day, part)   ((day) * DAG_N_PARTS + (part))
#define DAG_SLOT_DAY(slot)    ((slot) / DAG_N_PARTS)
#define DAG_SLOT_PART(slot)   ((slot) % DAG_N_PARTS)
#define DAG_SLOT_BIT(slot)    (((DagSlotMask) 1) << (slot))

gboolean     dag_slot_parse    (const char *text, int *slot);
const char  *dag_slot_name     (int slot);
/* "Monday morning", in the user's language, as in a sentence. */
const char  *dag_slot_label    (int slot);
gboolean     dag_day_parse     (const char *text, int *day);
const char  *dag_day_name      (int day);
gboolean     dag_part_parse    (const char *text, int *part);
const char  *dag_part_name     (int part);
/* Returns a newly allocated "mon-am,tue-pm" list of the mask (for messages). */
char        *dag_slot_mask_to_string (DagSlotMask mask);

/* ---- dates and times ---------------------------------------------------- */

/* A date is its GDate Julian day number (1 = 0001-01-01); 0 means "none". */
typedef guint32 DagDate;

#define DAG_DATE_NONE 0
#define DAG_DATE_BUF  11

gboolean     dag_date_parse    (const char *text, DagDate *date);
DagDate      dag_date_from_ymd (int year, int month, int day);
void         dag_date_to_ymd   (DagDate date, int *year, int *month, int *day);
/* Writes "YYYY-MM-DD" into buf (DAG_DATE_BUF bytes) and returns buf. */
const char  *dag_date_format   (DagDate date, char *buf);
/* 0 = Monday … 6 = Sunday. */
int          dag_date_weekday  (DagDate date);
int          dag_date_days_in_month (int year, int month);
/* A date "YYYY-MM-DD" (that date) or an ISO week "YYYY-Www" (its Monday). */
gboolean     dag_week_parse    (const char *text, DagDate *date);
/* Today in local time, or the date in $DAGRITME_TODAY (YYYY-MM-DD) when
 * set: tests and demonstrations fix "today" with it. */
DagDate      dag_date_today    (void);

/* Times are minutes after midnight. */
gboolean     dag_time_parse    (const char *text, int *minutes);
/* Writes "HH:MM" into buf (6 bytes) and returns buf. */
const char  *dag_time_format   (int minutes, char *buf);

/* ---- records ------------------------------------------------------------ */

typedef enum {
  DAG_TRANSPORT_OWN,
  DAG_TRANSPORT_BUS,
} DagTransport;

typedef enum {
  DAG_QUAL_HBO,
  DAG_QUAL_MBO,
  DAG_QUAL_VOLUNTEER,
} DagQualification;

typedef enum {
  DAG_PER_WEEK,
  DAG_PER_MONTH,
  DAG_PER_PERIOD,
} DagVolumePer;

typedef enum {
  DAG_ATTEND_PRESENT,
  DAG_ATTEND_CANCELLED,
  DAG_ATTEND_NO_SHOW,
} DagAttendStatus;

typedef enum {
  DAG_DIRECTION_TO,     /* home → location; time is the arrival */
  DAG_DIRECTION_FROM,   /* location → home; time is the departure */
} DagDirection;

typedef struct {
  int   level;
  char *name;
  int   ratio;            /* participants of this level one staff member takes */
} DagLevel;

typedef struct {
  int     slot_minutes;
  int     max_ride_minutes;
  /* The carriers' ride rule: a rider rides at most
   * min (max_ride_minutes, ceil (direct × ride_factor) + ride_extra_minutes)
   * minutes; ride_factor 0 (the default) switches the second term off. */
  double  ride_factor;
  int     ride_extra_minutes;
  /* Minutes spent at a stop getting in or out, counted in the ride. */
  int     boarding_minutes;
  int     boarding_wheelchair_minutes;
  int     early_arrival_minutes;
  double  road_factor;
  double  speed_kmh;
  int     hbo_from_level;
  double  min_unit_fraction;
  gboolean holiday_good_friday;     /* optional setting, default FALSE */
  gboolean holiday_liberation_day;  /* optional setting, default FALSE */
  GArray *levels;                   /* of DagLevel, ascending level */
} DagSettings;

typedef struct {
  char *code;                       /* CBS code, four digits */
  char *name;
} DagMunicipality;

/* iWmo codes are short and fixed in length, so they are kept in place:
 * records are copied by value (the window's forms), and "" means not
 * given.  A product code has at most 5 characters (iWmo), a category and
 * a unit code 2 digits. */
#define DAG_IWMO_CODE_SIZE 8

typedef struct {
  int    from_unit;
  gint64 tariff_cents;
  char   code[DAG_IWMO_CODE_SIZE];  /* product code of this tier (WMO323), "" none */
} DagStaffel;

typedef struct {
  char   *product;                  /* "M3", "VERVOER", … */
  char   *code;                     /* contract product code, "04A03" */
  char   *name;
  char   *unit;                     /* "dagdeel", "rit", … */
  gint64  tariff_cents;
  GArray *staffel;                  /* of DagStaffel, ascending from_unit */
  char    category[DAG_IWMO_CODE_SIZE];  /* iWmo product category, "07"; "" none */
  char    unit_code[DAG_IWMO_CODE_SIZE]; /* iWmo unit, "16"; "" none */
} DagProduct;

typedef struct {
  char    *id;
  int      municipality;
  gboolean noshow_billable;
  GArray  *products;                /* of DagProduct */
} DagContract;

typedef struct {
  char    *id;
  char    *name;
  char    *address;
  double   lat, lon;
  gboolean has_part[DAG_N_PARTS];
  int      part_start[DAG_N_PARTS]; /* minutes */
  int      part_end[DAG_N_PARTS];
  GArray  *closures;                /* of DagDate, ascending */
} DagLocation;

typedef struct {
  char       *id;
  int         location;
  char       *name;
  GPtrArray  *products;             /* of char *, product names ("M1") */
  int         min_level, max_level;
  int         capacity;
  DagSlotMask slots;
} DagGroup;

typedef struct {
  char            *id;
  char            *name;
  DagQualification qualification;
  int              contract_hours;
  DagSlotMask      available;
  gboolean         driver;
  char            *email;           /* NULL when unknown */
} DagStaff;

typedef struct {
  char  *id;
  char  *name;
  int    seats;
  int    wheelchair_places;
  int    location;
  gint64 cost_per_km_cents;
  int    available_from;            /* minutes: leaves home no earlier (0: any time) */
  int    available_until;           /* minutes: is home again by then (0: no limit) */
} DagVehicle;

typedef struct {
  char        *id;
  char        *name;
  DagDate      birth_date;
  char        *bsn;
  char        *address;
  gboolean     has_coords;
  double       lat, lon;
  int          municipality;
  DagTransport transport;
  gboolean     wheelchair;
  DagSlotMask  unavailable;
  guint8       preferred_days;      /* bit per day, bit 0 = Monday */
} DagParticipant;

typedef struct {
  char        *id;
  int          participant;
  int          contract;
  int          product;             /* index into the contract's products */
  int          level;
  char        *allocation_number;
  DagDate      start, end;          /* both inclusive */
  int          units;
  DagVolumePer per;
  int          min_units;           /* weekly band minimum, -1 when none */
} DagIndication;

/* Plan and staffing entries are dated: an entry applies from `from` (a
 * Monday) up to and including `until` (a Sunday); DAG_DATE_NONE leaves that
 * end open, so an undated entry applies in every week.  Entries of one
 * person never overlap in time on the same slot. */
typedef struct {
  int     participant;
  int     group;
  int     slot;
  DagDate from, until;
} DagPlanEntry;

typedef struct {
  int     staff;
  int     group;
  int     slot;
  DagDate from, until;
} DagStaffing;

/* Whether an entry dated from..until (DAG_DATE_NONE = open) applies on
 * date. */
#define DAG_DATED_APPLIES(from, until, date) \
  (((from) == DAG_DATE_NONE || (from) <= (date)) && \
   ((until) == DAG_DATE_NONE || (date) <= (until)))

typedef enum {
  DAG_ONE_OFF_ADD,      /* an extra dagdeel (or the new half of a swap) */
  DAG_ONE_OFF_CANCEL,   /* this date's session does not take place */
} DagOneOffKind;

/* A change of the plan or the staffing for one date only, kept apart
 * from the standing plan.  A swap is a cancellation plus an addition. */
typedef struct {
  DagOneOffKind kind;
  int           participant;        /* -1 when the change is about staff */
  int           staff;              /* -1 when it is about a participant */
  DagDate       date;
  int           part;
  int           group;              /* ADD: the group; CANCEL: -1 = any */
  char         *reason;             /* may be NULL */
} DagOneOff;

typedef struct {
  int     staff;
  DagDate from, to;                 /* both inclusive */
  char   *reason;                   /* may be NULL: sickness, leave, … */
} DagStaffAbsence;

typedef struct {
  int     participant;
  DagDate from, to;                 /* both inclusive */
  char   *reason;                   /* may be NULL */
} DagAbsence;

typedef struct {
  int             participant;
  DagDate         date;
  int             part;
  DagAttendStatus status;
  int             minutes;          /* actual time attended, -1 when not registered */
  char           *reason;           /* cancellation reason, may be NULL */
} DagAttendance;

typedef struct {
  int participant;
  int time;                         /* minutes */
} DagStop;

typedef struct {
  char        *id;
  DagDate      date;
  int          vehicle;
  int          driver;              /* staff index, -1 for an external driver */
  int          location;
  DagDirection direction;
  int          time;                /* arrival (to) or departure (from), minutes */
  GArray      *stops;               /* of DagStop, in driving order */
} DagRun;

/* A line of a declaration as it was sent (iWmo WMO323): the amount is
 * always units × tariff (TR346); a credit line ('C') takes back the line
 * whose reference it names in corrects (TR323). */
typedef struct {
  char    *reference;               /* unique for ever (TR314) */
  int      indication;
  char    *product_code;
  DagDate  period_start, period_end; /* within the declaration's month */
  int      units;
  gint64   tariff_cents;
  gint64   amount_cents;
  char     debit_credit;            /* 'D' or 'C' */
  char    *corrects;                /* reference of the corrected line, or NULL */
  gboolean has_response;            /* the municipality answered (WMO325) */
  char    *response_code;           /* its return code ("0200"), or NULL */
  gboolean response_accepted;
} DagDeclarationLine;

/* What was declared to a municipality for a calendar month.  Once sent,
 * the month is final: its plan is frozen (dag_schedule_week_frozen). */
typedef struct {
  char    *number;                  /* DeclaratieNummer, [A-Za-z0-9]{1,12} */
  int      municipality;
  DagDate  month;                   /* its first day */
  DagDate  written;
  DagDate  sent;                    /* DAG_DATE_NONE while not sent */
  GArray  *lines;                   /* of DagDeclarationLine */
} DagDeclaration;

typedef enum {
  DAG_KIND_MUNICIPALITY,
  DAG_KIND_CONTRACT,
  DAG_KIND_LOCATION,
  DAG_KIND_GROUP,
  DAG_KIND_STAFF,
  DAG_KIND_VEHICLE,
  DAG_KIND_PARTICIPANT,
  DAG_KIND_INDICATION,
  DAG_KIND_RUN,
  DAG_N_KINDS
} DagKind;

typedef struct {
  char       *name;
  char       *agb_code;
  DagSettings settings;

  GArray *municipalities;           /* of DagMunicipality */
  GArray *contracts;                /* of DagContract */
  GArray *locations;                /* of DagLocation */
  GArray *groups;                   /* of DagGroup */
  GArray *staff;                    /* of DagStaff */
  GArray *vehicles;                 /* of DagVehicle */
  GArray *participants;             /* of DagParticipant */
  GArray *indications;              /* of DagIndication */
  GArray *plan;                     /* of DagPlanEntry */
  GArray *staffing;                 /* of DagStaffing */
  GArray *absences;                 /* of DagAbsence */
  GArray *one_offs;                 /* of DagOneOff */
  GArray *staff_absences;           /* of DagStaffAbsence */
  GArray *attendance;               /* of DagAttendance */
  GArray *runs;                     /* of DagRun */
  GArray *declarations;             /* of DagDeclaration, in file order */

  /*< private >*/
  GHashTable *index[DAG_N_KINDS];
} DagOrg;

/* Element access: DAG_ORG_AT (org, participants, DagParticipant, i). */
#define DAG_AT(array, Type, i) (&g_array_index ((array), Type, (i)))

/* A new, empty organisation with the default settings and levels. */
DagOrg      *dag_org_new       (void);
void         dag_org_free      (DagOrg *org);
/* Replaces settings with the defaults of DOMAIN.md. */
void         dag_settings_reset (DagSettings *settings);

/* Index of the record of that kind with that id (code for municipalities),
 * or -1.  Lookups build a hash table on first use; call
 * dag_org_invalidate_index() after adding or renaming records. */
int          dag_org_lookup    (DagOrg *org, DagKind kind, const char *id);
void         dag_org_invalidate_index (DagOrg *org);

/* The ratio of a level, or 0 when the level is unknown. */
int          dag_org_level_ratio (const DagOrg *org, int level);
const DagLevel *dag_org_find_level (const DagOrg *org, int level);

/* Helpers that append a zeroed record with its owned arrays created and
 * return it for filling in. */
DagContract *dag_org_add_contract (DagOrg *org);
DagProduct  *dag_contract_add_product (DagContract *contract);
/* Indications refer to their contract's products by index: after the
 * products of contract were replaced (old holds the list before), points
 * each of its indications at its product by name in the new list.  An
 * indication whose product is gone keeps its index. */
void         dag_org_remap_products (DagOrg            *org,
                                     int                contract,
                                     const DagContract *old);
DagLocation *dag_org_add_location (DagOrg *org);
DagGroup    *dag_org_add_group (DagOrg *org);
DagRun      *dag_org_add_run   (DagOrg *org);
DagDeclaration *dag_org_add_declaration (DagOrg *org);

/* Whether a declaration that was sent, to any municipality, covers the
 * calendar month of date: such a month is final (an unsent declaration
 * is replaced when the month is declared again). */
gboolean     dag_org_month_declared (const DagOrg *org, DagDate date);

/* A new organisation that shares every record array (by reference) with
 * org, except plan and staffing, which are new arrays holding the entries
 * of org that apply in the week of monday (their dates kept).  This is how
 * the rules, the planners and the views see "the week plan of week W".
 * org's arrays must not be freed before the copy; free with dag_org_free. */
DagOrg      *dag_org_for_week  (const DagOrg *org, DagDate monday);

/* Whether the location is closed on that date (a closure, not a holiday). */
gboolean     dag_location_is_closed (const DagLocation *location, DagDate date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DagOrg, dag_org_free)

G_END_DECLS
