/* dag-demo.c — generates the demo organisation: a care provider in Regio
 * Centraal Gelderland with locations around Arnhem, contracts with the ten
 * municipalities, groups, staff, vehicles, participants with indications, a
 * standing week plan with staffing, and a month of attendance.
 *
 * Everything comes from our own PRNG (xoshiro256**, seeded by splitmix64),
 * one stream per phase, and never from hash-table order, so the same options
 * give the same organisation on every machine and GLib version. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dag-demo.h"
#include "dag-planner.h"
#include "dag-schedule.h"

/* ---- random numbers ----------------------------------------------------- */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Each phase has its own stream, so changing one phase does not reshuffle
 * the data of the others. */
static void
rng_init (Rng     *r,
          guint32  seed,
          guint64  stream)
{
  guint64 x = ((guint64) seed << 32) ^ (stream * G_GUINT64_CONSTANT (0xd1342543de82ef95));

  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&x);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in lo..hi inclusive (the modulo bias of a 53-bit draw is
 * negligible for these small ranges). */
static int
rng_int (Rng *r,
         int  lo,
         int  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (int) ((rng_next (r) >> 11) % (guint64) (hi - lo + 1));
}

static double
rng_unit (Rng *r)
{
  return (double) (rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

/* TRUE with probability per_mille / 1000. */
static gboolean
rng_chance (Rng *r,
            int  per_mille)
{
  return rng_int (r, 0, 999) < per_mille;
}

static int
rng_weighted (Rng       *r,
              const int *weights,
              int        n)
{
  int total = 0, x;

  for (int i = 0; i < n; i++)
    total += weights[i];
  x = rng_int (r, 0, total - 1);
  for (int i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

#define PICK(r, array) ((array)[rng_int ((r), 0, G_N_ELEMENTS (array) - 1)])

enum {
  STREAM_ORG = 1,
  STREAM_PEOPLE,
  STREAM_LOCATIONS,
  STREAM_GROUPS,
  STREAM_STAFF,
  STREAM_VEHICLES,
  STREAM_ABSENCES,
  STREAM_ATTENDANCE,
  STREAM_HEAVY,         /* only with DagDemoOptions.heavy */
};

/* ---- geography ---------------------------------------------------------- */

typedef struct {
  const char *code;
  const char *name;
  int         population;
} MuniInfo;

/* Regio Centraal Gelderland, CBS codes, rounded populations. */
static const MuniInfo munis[] = {
  { "0202", "Arnhem",      165000 },
  { "0221", "Doesburg",     11500 },
  { "0226", "Duiven",       25900 },
  { "1705", "Lingewaard",   47900 },
  { "1734", "Overbetuwe",   49200 },
  { "0274", "Renkum",       31800 },
  { "0275", "Rheden",       44100 },
  { "0277", "Rozendaal",     1700 },
  { "0293", "Westervoort",  15100 },
  { "0299", "Zevenaar",     45000 },
};
#define N_MUNIS ((int) G_N_ELEMENTS (munis))

typedef struct {
  int         muni;
  const char *name;
  int         pc_lo, pc_hi;     /* four-digit postcode range of the town */
  double      lat, lon;
  double      radius_km;
  int         weight;           /* share of the municipality's inhabitants */
} TownInfo;

static const TownInfo towns[] = {
  { 0, "Arnhem",      6811, 6846, 51.985, 5.899, 3.5, 100 },
  { 1, "Doesburg",    6981, 6984, 52.013, 6.139, 1.0, 100 },
  { 2, "Duiven",      6921, 6922, 51.947, 6.016, 1.2,  85 },
  { 2, "Groessen",    6923, 6923, 51.934, 6.032, 0.5,  15 },
  { 3, "Huissen",     6851, 6852, 51.936, 5.938, 1.2,  40 },
  { 3, "Bemmel",      6681, 6682, 51.893, 5.898, 1.0,  35 },
  { 3, "Gendt",       6691, 6691, 51.876, 5.969, 0.8,  25 },
  { 4, "Elst",        6661, 6663, 51.919, 5.848, 1.2,  60 },
  { 4, "Heteren",     6666, 6666, 51.957, 5.757, 0.8,  20 },
  { 4, "Driel",       6665, 6665, 51.961, 5.815, 0.7,  20 },
  { 5, "Oosterbeek",  6861, 6862, 51.986, 5.846, 1.2,  45 },
  { 5, "Renkum",      6871, 6871, 51.977, 5.733, 0.8,  20 },
  { 5, "Doorwerth",   6865, 6865, 51.973, 5.790, 0.7,  15 },
  { 5, "Heelsum",     6866, 6866, 51.977, 5.756, 0.6,  12 },
  { 5, "Wolfheze",    6874, 6874, 52.000, 5.795, 0.5,   8 },
  { 6, "Velp",        6881, 6883, 51.995, 5.975, 1.2,  45 },
  { 6, "Rheden",      6991, 6991, 52.012, 6.031, 0.7,  15 },
  { 6, "De Steeg",    6994, 6994, 52.020, 6.063, 0.5,   5 },
  { 6, "Dieren",      6951, 6953, 52.052, 6.101, 1.0,  35 },
  { 7, "Rozendaal",   6891, 6891, 52.005, 5.963, 0.6, 100 },
  { 8, "Westervoort", 6931, 6932, 51.957, 5.972, 1.0, 100 },
  { 9, "Zevenaar",    6901, 6903, 51.929, 6.077, 1.5, 100 },
};
#define N_TOWNS ((int) G_N_ELEMENTS (towns))

static const char *const streets[] = {
  "Hoofdstraat", "Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenweg",
  "Stationsweg", "Kastanjelaan", "Eikenlaan", "Beukenlaan", "Lindelaan",
  "Berkenlaan", "Wilhelminastraat", "Julianastraat", "Beatrixstraat",
  "Oranjestraat", "Nassaustraat", "Parkweg", "Sportlaan", "Tuinstraat",
  "Zonnebloemstraat", "Tulpstraat", "Rozenstraat", "Merelstraat",
  "Lijsterstraat", "Vinkenstraat", "Spoorstraat", "Dijkstraat",
  "Kloosterstraat", "Marktstraat", "Rijnstraat", "IJsselstraat",
  "Veldweg", "Bongerd", "Weverstraat", "Smidsstraat", "Prins Bernhardlaan",
  "Van Goghstraat", "Rembrandtlaan", "Thorbeckestraat", "Burgemeester Weertsstraat",
  "Hazelaarstraat", "Populierenlaan", "Esdoornstraat", "Meidoornstraat",
  "Kamillestraat", "Boterbloem", "Akkerweg", "Schapendrift",
};

/* Letters a demo postcode uses: never S, so never SA, SD or SS. */
static const char postcode_letters[] = "ABCDEGHJKLMNPRTVWXZ";

static int
pick_town (Rng *r,
           int  muni)
{
  int weights[N_TOWNS], idx[N_TOWNS], n = 0;

  for (int t = 0; t < N_TOWNS; t++)
    if (towns[t].muni == muni)
      {
        weights[n] = towns[t].weight;
        idx[n++] = t;
      }
  return idx[rng_weighted (r, weights, n)];
}

static char *
make_address (Rng *r,
              int  town)
{
  const TownInfo *t = &towns[town];
  int pc = rng_int (r, t->pc_lo, t->pc_hi);
  char l1 = postcode_letters[rng_int (r, 0, sizeof postcode_letters - 2)];
  char l2 = postcode_letters[rng_int (r, 0, sizeof postcode_letters - 2)];
  const char *street = PICK (r, streets);
  int number = rng_int (r, 1, 160);
  const char *suffix = rng_chance (r, 60) ? (rng_chance (r, 500) ? "a" : "-2") : "";

  return g_strdup_printf ("%s %d%s, %04d %c%c %s", street, number, suffix, pc, l1, l2, t->name);
}

/* A point uniformly in the disc of radius_km around the town centre. */
static void
place_near (Rng    *r,
            int     town,
            double  radius_km,
            double *lat,
            double *lon)
{
  const TownInfo *t = &towns[town];
  double rad = radius_km * sqrt (rng_unit (r));
  double angle = 2 * G_PI * rng_unit (r);
  double dy = rad * sin (angle), dx = rad * cos (angle);

  /* Rounded to 6 decimals (10 cm), as a geocoder would give them. */
  *lat = round ((t->lat + dy / 111.2) * 1e6) / 1e6;
  *lon = round ((t->lon + dx / (111.2 * cos (t->lat * G_PI / 180))) * 1e6) / 1e6;
}

static double
distance_km (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double dy = (lat2 - lat1) * 111.2;
  double dx = (lon2 - lon1) * 111.2 * cos ((lat1 + lat2) / 2 * G_PI / 180);

  return sqrt (dx * dx + dy * dy);
}

/* ---- names -------------------------------------------------------------- */

static const char *const first_names[] = {
  "Jan", "Piet", "Kees", "Henk", "Gerrit", "Wim", "Johan", "Hans", "Willem",
  "Cor", "Bert", "Theo", "Ria", "Annie", "Truus", "Gerda", "Joke", "Marian",
  "Els", "Ineke", "Tineke", "Wilma", "Mieke", "Anja", "Sandra", "Monique",
  "Linda", "Petra", "Marco", "Erik", "Martijn", "Dennis", "Jeroen", "Mark",
  "Bas", "Tim", "Thijs", "Lars", "Daan", "Sem", "Luuk", "Jesse", "Ruben",
  "Kevin", "Niels", "Joost", "Sanne", "Lisa", "Anouk", "Iris", "Femke", "Eva",
  "Lotte", "Fleur", "Sophie", "Julia", "Emma", "Noor", "Esra", "Mohamed",
  "Fatima", "Yusuf", "Zeynep", "Ahmed", "Naima", "Bram", "Koen", "Stijn",
  "Roos", "Merel", "Gijs", "Hennie", "Dinie", "Riek", "Harrie", "Toon",
  "Greet", "Bep", "Frans", "Ans", "Rob", "Jolanda", "Ilse", "Ricardo",
  "Chantal", "Priscilla", "Mustafa", "Sevda", "Dirk", "Arie", "Jos", "Marloes",
  "Nienke", "Wouter", "Jasper", "Remco", "Kim", "Demi", "Milan", "Zoë",
};

static const char *const last_names[] = {
  "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen",
  "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos",
  "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
  "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok",
  "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
  "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten",
  "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
  "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman",
  "Peeters", "de Jonge", "Kuipers", "van Veen", "Post", "Kuiper", "Veenstra",
  "Kramer", "van den Brink", "Scholten", "van Wijk", "Postma", "Martens",
  "Vink", "de Ruiter", "Timmermans", "Groen", "Gerritsen", "Jonker",
  "van Loon", "van der Velde", "Willemsen", "Smeets", "de Lange", "de Vos",
  "Bosch", "van Dongen", "Schipper", "de Koning", "van der Laan", "Koning",
  "van der Velden", "Driessen", "van Doorn", "Hermans", "Evers",
  "van den Bosch", "van der Meulen", "Hofman", "Bosman", "Wolters",
  "Sanders", "van der Horst", "Mol", "Kuijpers", "Molenaar", "van de Pol",
  "de Leeuw", "Verbeek", "Derksen", "Arts", "Gerrits", "Roelofs",
  "Teunissen", "Hendriksen", "Wiegerinck", "Lamers", "Wijnands", "ter Horst",
  "ten Brinke", "Yilmaz", "El Amrani", "Kaya", "Bouzid", "Öztürk",
};

static char *
make_name (Rng *r)
{
  const char *first = PICK (r, first_names);
  const char *last = PICK (r, last_names);

  return g_strconcat (first, " ", last, NULL);
}

/* ---- the generator ------------------------------------------------------ */

enum { PROD_M1, PROD_M2, PROD_M3, PROD_VERVOER, N_PRODUCTS };
static const char *const product_names[N_PRODUCTS] = { "M1", "M2", "M3", "VERVOER" };

#define N_LEVELS 4
#define N_CELLS  (3 * N_LEVELS)        /* demand per day-activity product and level */

typedef struct {
  const DagDemoOptions *options;
  DagOrg   *org;
  DagDate   month_start, month_end;
  int       year, month;
  int      *town_of;                   /* per participant */
  guint8   *age_of;                    /* per participant, in the demo month */
  guint8   *group_tpl;                 /* per group: its template */
  int      *main_ind;                  /* per participant: day-activity indication */
  guint16  *high_noshow;               /* per participant: no-show rate in ‰, 0 = usual */
} Gen;

static int
weekly_volume (const DagIndication *ind)
{
  switch (ind->per)
    {
    case DAG_PER_WEEK:
      return ind->units;
    case DAG_PER_MONTH:
      /* A weekday occurs at most 5 times in a month. */
      return ind->units / 5;
    case DAG_PER_PERIOD:
    default:
      {
        int days = (int) (ind->end - ind->start) + 1;
        return ind->units / ((days + 6) / 7 + 1);
      }
    }
}

static DagDate
add_months (DagDate date,
            int     months)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_julian (&d, date);
  if (months >= 0)
    g_date_add_months (&d, months);
  else
    g_date_subtract_months (&d, -months);
  return g_date_get_julian (&d);
}

static void
gen_organisation (Gen *gen)
{
  DagOrg *org = gen->org;
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_ORG);
  g_free (org->name);
  org->name = g_strdup ("Stichting Dagritme Demo");
  g_free (org->agb_code);
  org->agb_code = g_strdup_printf ("98%06d", rng_int (&r, 0, 999999));

  for (int m = 0; m < N_MUNIS; m++)
    {
      DagMunicipality mu = { g_strdup (munis[m].code), g_strdup (munis[m].name) };
      g_array_append_val (org->municipalities, mu);
    }

  for (int m = 0; m < N_MUNIS; m++)
    {
      DagContract *c = dag_org_add_contract (org);
      /* Each municipality writes its own product codes. */
      char letter = "ABCDEG"[rng_int (&r, 0, 5)];
      static const char *const names[N_PRODUCTS] = {
        "Dagbesteding arbeidsmatig", "Dagbesteding educatief",
        "Dagbesteding activerend", "Vervoer dagbesteding",
      };
      static const int tariff_lo[N_PRODUCTS] = { 3000, 3200, 3500, 1000 };
      static const int tariff_hi[N_PRODUCTS] = { 4000, 4500, 5500, 1500 };

      c->id = g_strdup_printf ("C-%s", munis[m].code);
      c->municipality = m;
      /* Duiven and Zevenaar pay for no-shows. */
      c->noshow_billable = (m == 2 || m == 9);
      for (int p = 0; p < N_PRODUCTS; p++)
        {
          DagProduct *pr = dag_contract_add_product (c);

          pr->product = g_strdup (product_names[p]);
          if (p == PROD_VERVOER)
            pr->code = g_strdup_printf ("08%c01", letter);
          else
            pr->code = g_strdup_printf ("04%c0%d", letter, p + 1);
          pr->name = g_strdup (names[p]);
          pr->unit = g_strdup (p == PROD_VERVOER ? "rit" : "dagdeel");
          pr->tariff_cents = rng_int (&r, tariff_lo[p], tariff_hi[p]);
          /* iWmo: day activity (07) in dagdelen (16), transport (08) in
           * rides (84). */
          g_strlcpy (pr->category, p == PROD_VERVOER ? "08" : "07", sizeof pr->category);
          g_strlcpy (pr->unit_code, p == PROD_VERVOER ? "84" : "16", sizeof pr->unit_code);
          /* Arnhem, Overbetuwe and Rheden use a staffel on M1 and M3, the
           * tier declared under a product code of its own. */
          if ((m == 0 || m == 4 || m == 6) && (p == PROD_M1 || p == PROD_M3))
            {
              DagStaffel st = { 9, pr->tariff_cents * 9 / 10, "" };

              g_snprintf (st.code, sizeof st.code, "04%c1%d", letter, p + 1);
              g_array_append_val (pr->staffel, st);
            }
        }
    }
}

static char *
make_bsn (Rng        *r,
          GHashTable *used)
{
  for (;;)
    {
      char bsn[10];
      int sum = 0, check;

      for (int i = 0; i < 8; i++)
        {
          int d = rng_int (r, i == 0 ? 1 : 0, 9);
          bsn[i] = '0' + d;
          sum += d * (9 - i);
        }
      /* The last digit has weight −1: it must equal sum mod 11. */
      check = sum % 11;
      if (check == 10)
        continue;
      bsn[8] = '0' + check;
      bsn[9] = '\0';
      if (g_hash_table_contains (used, bsn))
        continue;
      g_hash_table_add (used, g_strdup (bsn));
      return g_strdup (bsn);
    }
}

/* Period of an indication of `months` months, placed relative to the demo
 * month: most cover it, some start or end inside it, some expire within six
 * weeks after it. */
static void
indication_period (Gen     *gen,
                   Rng     *r,
                   int      months,
                   DagDate *start,
                   DagDate *end)
{
  DagDate ms = gen->month_start, me = gen->month_end;
  int mdays = (int) (me - ms) + 1;
  int kind = rng_weighted (r, (const int[]) { 700, 100, 80, 120 }, 4);

  switch (kind)
    {
    case 0:   /* covers the month, ends more than six weeks after it */
      {
        DagDate earliest = me + 43;
        DagDate latest = add_months (ms, months) - 1;
        *end = latest > earliest ? (DagDate) rng_int (r, earliest, latest) : earliest;
        *start = add_months (*end + 1, -months);
        if (*start > ms)
          *start = ms;
        break;
      }
    case 1:   /* starts inside the month */
      *start = ms + rng_int (r, 1, mdays - 5);
      *end = add_months (*start, months) - 1;
      break;
    case 2:   /* ends inside the month */
      *end = ms + rng_int (r, 3, mdays - 2);
      *start = add_months (*end + 1, -months);
      break;
    default:  /* expires within six weeks after the month */
      *end = me + rng_int (r, 1, 42);
      *start = add_months (*end + 1, -months);
      if (*start > ms)
        *start = ms;
      break;
    }
}

static void
gen_participants (Gen *gen)
{
  DagOrg *org = gen->org;
  int n = gen->options->participants;
  int weights[N_MUNIS];
  g_autoptr(GHashTable) bsns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Rng r, heavy;

  rng_init (&r, gen->options->seed, STREAM_PEOPLE);
  rng_init (&heavy, gen->options->seed, STREAM_HEAVY);
  for (int m = 0; m < N_MUNIS; m++)
    weights[m] = munis[m].population;

  gen->town_of = g_new0 (int, n);
  gen->age_of = g_new0 (guint8, n);
  gen->main_ind = g_new0 (int, n);
  gen->high_noshow = g_new0 (guint16, n);
  g_array_set_size (org->participants, 0);
  g_array_set_size (org->indications, 0);

  for (int i = 0; i < n; i++)
    {
      DagParticipant pa = { 0 };
      DagIndication ind = { 0 };
      int m = rng_weighted (&r, weights, N_MUNIS);
      int town = pick_town (&r, m);
      int age_band = rng_weighted (&r, (const int[]) { 25, 45, 30 }, 3);
      int age = age_band == 0 ? rng_int (&r, 19, 29) : age_band == 1 ? rng_int (&r, 30, 64) : rng_int (&r, 65, 90);
      int product, level, months;
      static const int month_choices[] = { 3, 6, 12, 24, 36, 48, 60 };
      int period_kind;
      DagDate birthday_this_year;

      pa.id = g_strdup_printf ("P%05d", i + 1);
      pa.name = make_name (&r);
      /* Born `age` years before the month, on a random day of that year. */
      birthday_this_year = dag_date_from_ymd (gen->year, 1, 1) + rng_int (&r, 0, 364);
      pa.birth_date = add_months (birthday_this_year, -12 * age);
      pa.bsn = make_bsn (&r, bsns);
      pa.address = make_address (&r, town);
      pa.has_coords = TRUE;
      place_near (&r, town, towns[town].radius_km, &pa.lat, &pa.lon);
      pa.municipality = m;
      pa.transport = rng_chance (&r, 350) ? DAG_TRANSPORT_BUS : DAG_TRANSPORT_OWN;
      pa.wheelchair = pa.transport == DAG_TRANSPORT_BUS && rng_chance (&r, 100);
      if (rng_chance (&r, 200))
        {
          int day = rng_int (&r, 0, 4);
          if (rng_chance (&r, 500))
            pa.unavailable = DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (day, DAG_PART_PM));
          else
            pa.unavailable = DAG_SLOT_BIT (DAG_SLOT (day, rng_int (&r, 0, 1)));
        }
      if (rng_chance (&r, 300))
        for (int k = rng_int (&r, 2, 3); k > 0; k--)
          pa.preferred_days |= 1 << rng_int (&r, 0, 4);
      gen->town_of[i] = town;
      gen->age_of[i] = age;
      gen->high_noshow[i] = rng_chance (&r, 60) ? rng_int (&r, 250, 350) : 0;

      /* Older participants mostly come for activating day care (M3). */
      if (age >= 65)
        product = rng_chance (&r, 900) ? PROD_M3 : PROD_M1;
      else
        product = rng_weighted (&r, (const int[]) { 45, 12, 43 }, 3);
      switch (product)
        {
        case PROD_M1: level = 1 + rng_weighted (&r, (const int[]) { 35, 40, 25 }, 3); break;
        case PROD_M2: level = 1 + rng_weighted (&r, (const int[]) { 40, 45, 15 }, 3); break;
        default:      level = 1 + rng_weighted (&r, (const int[]) { 20, 35, 20, 25 }, 4); break;
        }

      /* A chosen level mix redraws the level from a stream of its own, so
       * that everything else stays as without it. */
      if (gen->options->heavy > 0)
        {
          int heavy_pm = (int) lround (gen->options->heavy * 1000);

          if (rng_chance (&heavy, heavy_pm))
            level = product == PROD_M3 ? rng_int (&heavy, 3, 4) : 3;
          else
            level = rng_int (&heavy, 1, 2);
        }

      months = month_choices[rng_weighted (&r, (const int[]) { 25, 20, 30, 10, 6, 5, 4 }, 7)];
      ind.id = g_strdup_printf ("I%06d", org->indications->len + 1);
      ind.participant = i;
      ind.contract = m;
      ind.product = product;
      ind.level = level;
      indication_period (gen, &r, months, &ind.start, &ind.end);
      {
        int y;
        dag_date_to_ymd (ind.start, &y, NULL, NULL);
        /* Numeric, as a municipality's WMO301 gives them. */
        ind.allocation_number = g_strdup_printf ("%02d%06u", y % 100, org->indications->len + 1);
      }
      ind.min_units = -1;
      period_kind = rng_weighted (&r, (const int[]) { 850, 60, 40, 20, 30 }, 5);
      switch (period_kind)
        {
        case 0:   /* dagdelen per week */
          {
            static const int units[] = { 1, 2, 3, 4, 5, 6, 7, 8, 10 };
            ind.units = units[rng_weighted (&r, (const int[]) { 3, 15, 20, 27, 13, 10, 3, 6, 3 }, 9)];
            ind.per = DAG_PER_WEEK;
            break;
          }
        case 1:   /* beschermd wonen: at most 3 dagdelen */
          ind.units = rng_int (&r, 1, 3);
          ind.per = DAG_PER_WEEK;
          break;
        case 2:   /* a weekly band */
          ind.units = rng_int (&r, 3, 6);
          ind.min_units = ind.units - 2;
          ind.per = DAG_PER_WEEK;
          break;
        case 3:   /* per month; at least 5 so that a week gets one */
          ind.units = rng_int (&r, 8, 20);
          ind.per = DAG_PER_MONTH;
          break;
        default:  /* per period */
          {
            int days = (int) (ind.end - ind.start) + 1;
            ind.units = rng_int (&r, 2, 4) * ((days + 6) / 7 + 1);
            ind.units = MIN (ind.units, 5000);
            ind.per = DAG_PER_PERIOD;
            break;
          }
        }
      gen->main_ind[i] = org->indications->len;
      g_array_append_val (org->indications, ind);

      if (pa.transport == DAG_TRANSPORT_BUS)
        {
          DagIndication tr = ind;

          tr.id = g_strdup_printf ("I%06d", org->indications->len + 1);
          tr.product = PROD_VERVOER;
          tr.level = 1;
          tr.allocation_number = g_strdup_printf ("%.2s%06u", ind.allocation_number,
                                                  org->indications->len + 1);
          tr.units = MIN (2 * ind.units, ind.per == DAG_PER_WEEK ? 18 : ind.per == DAG_PER_MONTH ? 80 : 5000);
          tr.min_units = -1;
          g_array_append_val (org->indications, tr);
        }
      g_array_append_val (org->participants, pa);
    }
}

/* ---- locations and groups ----------------------------------------------- */

enum { LOC_DAYCENTRE, LOC_WORKSHOP, LOC_FARM, LOC_SHOP, N_LOC_TYPES };

static const char *const loc_prefix[N_LOC_TYPES] = {
  "Dagcentrum", "Werkplaats", "Zorgboerderij", "Winkel",
};
static const char *const loc_names[N_LOC_TYPES][12] = {
  { "De Linde", "De Wingerd", "Het Baken", "De Brug", "De Zonnehoek", "Het Anker",
    "De Regenboog", "De Kastanje", "De Horizon", "De Ontmoeting", "Het Kompas", "De Vlinder" },
  { "Het Gilde", "De Schaaf", "De Spaak", "Het Ambacht", "De Stek", "De Draaibank",
    "De Hamer", "Het Werkhuis", "De Zaagbank", "De Loods", "Het Atelier", "De Smidse" },
  { "De Hooiberg", "De Klaverhoeve", "Het Wilgenhof", "De Bongerd", "De Groene Weide",
    "De Hazelaar", "De Boomgaard", "Het Kippenhok", "De Kruidentuin", "De Geitenwei",
    "De Vlasakker", "Hoeve Rijnzicht" },
  { "Om de Hoek", "De Tweede Kans", "Het Hoekje", "De Toonbank", "Het Winkeltje",
    "De Kraam", "Het Pakhuis", "De Etalage", "De Markt", "Het Magazijn", "De Buurtwinkel",
    "De Parel" },
};

/* Types in the order new locations get them: mostly day-centres and
 * workshops, a farm in three, a shop in ten. */
static const int loc_cycle[] = {
  LOC_DAYCENTRE, LOC_WORKSHOP, LOC_FARM, LOC_DAYCENTRE, LOC_SHOP,
  LOC_WORKSHOP, LOC_DAYCENTRE, LOC_FARM, LOC_DAYCENTRE, LOC_WORKSHOP,
};

typedef struct {
  const char *name;
  int         type;
  guint8      products;           /* bit per product */
  int         min_level, max_level;
  int         cap_lo, cap_hi;
  int         min_age, max_age;   /* who it is meant for; 0 = anyone */
} GroupTemplate;

#define P(x) (1 << (x))
static const GroupTemplate templates[] = {
  { "Creatief atelier",        LOC_DAYCENTRE, P (PROD_M2) | P (PROD_M3), 1, 3, 8, 12 },
  { "Kookgroep",               LOC_DAYCENTRE, P (PROD_M2) | P (PROD_M3), 1, 3, 6, 10 },
  { "Belevingsgroep dementie", LOC_DAYCENTRE, P (PROD_M3),               2, 4, 8, 10, 60, 0 },
  { "NAH-groep",               LOC_DAYCENTRE, P (PROD_M3),               2, 4, 6,  6 },
  { "Jongerengroep",           LOC_DAYCENTRE, P (PROD_M2) | P (PROD_M3), 1, 3, 8, 10, 0, 30 },
  { "Ontmoetingsgroep",        LOC_DAYCENTRE, P (PROD_M3),               1, 2, 10, 12 },
  { "Zorggroep",               LOC_DAYCENTRE, P (PROD_M3),               3, 4, 6,  8 },
  { "Houtwerkplaats",          LOC_WORKSHOP,  P (PROD_M1),               1, 3, 8, 12 },
  { "Fietsenwerkplaats",       LOC_WORKSHOP,  P (PROD_M1),               1, 3, 8, 10 },
  { "Kaarsenmakerij",          LOC_WORKSHOP,  P (PROD_M1) | P (PROD_M2), 1, 3, 8, 10 },
  { "Inpak en montage",        LOC_WORKSHOP,  P (PROD_M1),               1, 2, 10, 12 },
  { "Textielatelier",          LOC_WORKSHOP,  P (PROD_M1) | P (PROD_M3), 1, 3, 8, 10 },
  { "Tuinploeg",               LOC_FARM,      P (PROD_M1),               1, 3, 8, 12 },
  { "Dierenverzorging",        LOC_FARM,      P (PROD_M1) | P (PROD_M3), 1, 3, 6, 10 },
  { "Boerderijgroep",          LOC_FARM,      P (PROD_M3),               2, 4, 6,  8 },
  { "Groenonderhoud",          LOC_FARM,      P (PROD_M1),               1, 2, 8, 10 },
  { "Winkel",                  LOC_SHOP,      P (PROD_M1),               1, 2, 6, 10 },
  { "Kringloop",               LOC_SHOP,      P (PROD_M1),               1, 3, 8, 12 },
  { "Lunchroom",               LOC_SHOP,      P (PROD_M1) | P (PROD_M2), 1, 3, 6, 10 },
};
#undef P
#define N_TEMPLATES ((int) G_N_ELEMENTS (templates))

static gboolean
template_covers (const GroupTemplate *t,
                 int                  cell)
{
  int product = cell / N_LEVELS, level = cell % N_LEVELS + 1;

  return (t->products & (1 << product)) && level >= t->min_level && level <= t->max_level;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  DagDate x = *(const DagDate *) a, y = *(const DagDate *) b;

  return x < y ? -1 : x > y;
}

static void
add_closure (DagLocation *l,
             DagDate      date)
{
  int wd = dag_date_weekday (date);

  if (date == DAG_DATE_NONE || wd >= 5)
    return;
  for (guint i = 0; i < l->closures->len; i++)
    if (g_array_index (l->closures, DagDate, i) == date)
      return;
  g_array_append_val (l->closures, date);
}

static void
gen_locations (Gen *gen)
{
  DagOrg *org = gen->org;
  int n = gen->options->participants;
  int n_loc = MAX (2, (n + 40) / 80);
  int per_muni[N_MUNIS] = { 0 };
  int type_count[N_LOC_TYPES] = { 0 };
  static const int first_munis[] = { 0, 6, 4, 9 };
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_LOCATIONS);
  for (int i = 0; i < n_loc; i++)
    {
      DagLocation *l = dag_org_add_location (org);
      int type = loc_cycle[i % G_N_ELEMENTS (loc_cycle)];
      int m = 0, town;
      double best = -1;
      g_autofree char *name = NULL;

      /* The first few spread over the region (Arnhem, Rheden, Overbetuwe,
       * Zevenaar), then locations follow the population (D'Hondt). */
      if (i < (int) G_N_ELEMENTS (first_munis))
        m = first_munis[i];
      else
        for (int k = 0; k < N_MUNIS; k++)
          {
            double q = (double) munis[k].population / (per_muni[k] + 1);
            if (q > best)
              {
                best = q;
                m = k;
              }
          }
      per_muni[m]++;
      town = pick_town (&r, m);

      name = g_strdup_printf ("%s %s", loc_prefix[type], loc_names[type][type_count[type] % 12]);
      type_count[type]++;
      if (g_hash_table_contains (names, name))
        {
          char *longer = g_strdup_printf ("%s %s", name, towns[town].name);
          g_free (name);
          name = longer;
          for (int k = 2; g_hash_table_contains (names, name); k++)
            {
              g_free (name);
              name = g_strdup_printf ("%s %s %s %d", loc_prefix[type],
                                      loc_names[type][(type_count[type] - 1) % 12],
                                      towns[town].name, k);
            }
        }
      g_hash_table_add (names, g_strdup (name));

      l->id = g_strdup_printf ("L%03d", i + 1);
      l->name = g_steal_pointer (&name);
      l->address = make_address (&r, town);
      place_near (&r, town, towns[town].radius_km * 0.8, &l->lat, &l->lon);
      l->has_part[DAG_PART_AM] = l->has_part[DAG_PART_PM] = TRUE;
      /* The second location (and a few more) keeps shorter hours, so that
       * even the smallest demo shows the variant. */
      if (rng_chance (&r, 150) || i == 1)
        {
          l->part_start[DAG_PART_AM] = 9 * 60 + 30;
          l->part_end[DAG_PART_AM] = 13 * 60;
          l->part_start[DAG_PART_PM] = 13 * 60 + 30;
          l->part_end[DAG_PART_PM] = 16 * 60 + 30;
        }
      else
        {
          l->part_start[DAG_PART_AM] = 9 * 60;
          l->part_end[DAG_PART_AM] = 13 * 60;
          l->part_start[DAG_PART_PM] = 13 * 60;
          l->part_end[DAG_PART_PM] = 17 * 60;
        }
      l->part_start[DAG_PART_EV] = 18 * 60;
      l->part_end[DAG_PART_EV] = 21 * 60;

      /* A third (always the first) closes between Christmas and New Year. */
      if (rng_chance (&r, 333) || i == 0)
        for (int y = gen->year - 1; y <= gen->year; y++)
          for (int d = 27; d <= 31; d++)
            add_closure (l, dag_date_from_ymd (y, 12, d));
      /* Some (always the second) have a study day in the demo month. */
      if (rng_chance (&r, 150) || i == 1)
        {
          DagDate d = gen->month_start + rng_int (&r, 5, 20);
          while (dag_date_weekday (d) >= 5)
            d++;
          add_closure (l, d);
        }
      g_array_sort (l->closures, compare_dates);
    }
}

/* Groups are added until their weekly places cover the demand per product
 * and level plus about 20 %. */
static void
gen_groups (Gen *gen)
{
  DagOrg *org = gen->org;
  int n_loc = org->locations->len;
  gint64 remaining[N_CELLS] = { 0 };
  int *groups_at = g_new0 (int, n_loc);
  int *type_of = g_new0 (int, n_loc);
  int *template_use = g_new0 (int, n_loc * N_TEMPLATES);
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_GROUPS);
  for (int i = 0; i < n_loc; i++)
    type_of[i] = loc_cycle[i % G_N_ELEMENTS (loc_cycle)];

  for (guint p = 0; p < org->participants->len; p++)
    {
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, gen->main_ind[p]);
      remaining[ind->product * N_LEVELS + ind->level - 1] += weekly_volume (ind);
    }
  for (int c = 0; c < N_CELLS; c++)
    remaining[c] = remaining[c] * 6 / 5 + (remaining[c] > 0);

  for (;;)
    {
      int cell = -1, loc = -1, tpl = -1, best_use = G_MAXINT;
      int candidates[N_TEMPLATES], n_candidates = 0;
      int capacity, days;
      gint64 weekly;
      DagGroup *g;

      for (int c = 0; c < N_CELLS; c++)
        if (remaining[c] > 0 && (cell < 0 || remaining[c] > remaining[cell]))
          cell = c;
      if (cell < 0)
        break;

      /* The location with the fewest groups that has a fitting activity. */
      for (int i = 0; i < n_loc; i++)
        {
          gboolean fits = FALSE;
          for (int t = 0; t < N_TEMPLATES && !fits; t++)
            fits = templates[t].type == type_of[i] && template_covers (&templates[t], cell);
          if (fits && (loc < 0 || groups_at[i] < groups_at[loc]))
            loc = i;
        }
      if (loc < 0)
        {
          /* No location type offers it (cannot happen with the templates
           * above); give up on the cell rather than loop. */
          remaining[cell] = 0;
          continue;
        }
      /* Its least used fitting activity, the first drawn among equals. */
      for (int t = 0; t < N_TEMPLATES; t++)
        if (templates[t].type == type_of[loc] && template_covers (&templates[t], cell))
          {
            int use = template_use[loc * N_TEMPLATES + t];
            if (use < best_use)
              {
                best_use = use;
                n_candidates = 0;
              }
            if (use == best_use)
              candidates[n_candidates++] = t;
          }
      tpl = candidates[rng_int (&r, 0, n_candidates - 1)];
      template_use[loc * N_TEMPLATES + tpl]++;
      groups_at[loc]++;

      capacity = rng_int (&r, templates[tpl].cap_lo, templates[tpl].cap_hi);
      /* Small demand gets a group on fewer days; a few groups run four days. */
      if (remaining[cell] < capacity * 10)
        days = CLAMP ((int) ((remaining[cell] + capacity * 2 - 1) / (capacity * 2)), 4, 5);
      else
        days = rng_chance (&r, 150) ? 4 : 5;

      g = dag_org_add_group (org);
      g->id = g_strdup_printf ("G%04u", org->groups->len);
      g->location = loc;
      gen->group_tpl = g_renew (guint8, gen->group_tpl, org->groups->len);
      gen->group_tpl[org->groups->len - 1] = tpl;
      g->name = best_use > 0
        ? g_strdup_printf ("%s %d", templates[tpl].name, best_use + 1)
        : g_strdup (templates[tpl].name);
      for (int p = 0; p < 3; p++)
        if (templates[tpl].products & (1 << p))
          g_ptr_array_add (g->products, g_strdup (product_names[p]));
      g->min_level = templates[tpl].min_level;
      g->max_level = templates[tpl].max_level;
      g->capacity = capacity;
      {
        int skip = days < 5 ? rng_int (&r, 0, 4) : -1;
        int taken = 0;
        for (int k = 0; k < 5 && taken < days; k++)
          {
            int d = (skip + 1 + k + 5) % 5;
            if (days < 5 && d == skip)
              continue;
            g->slots |= DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_PM));
            taken++;
          }
      }

      weekly = (gint64) capacity * days * 2;
      {
        gint64 take = MIN (weekly, remaining[cell]);
        remaining[cell] -= take;
        weekly -= take;
      }
      for (int c = 0; c < N_CELLS && weekly > 0; c++)
        if (c != cell && remaining[c] > 0 && template_covers (&templates[tpl], c))
          {
            gint64 take = MIN (weekly, remaining[c]);
            remaining[c] -= take;
            weekly -= take;
          }
    }

  g_free (groups_at);
  g_free (type_of);
  g_free (template_use);
}

/* ---- the week plan ------------------------------------------------------ */

/* Chooses up to `want` slots of `usable`, whole days first, preferred days
 * before the others, starting the week at day `rot` to spread the load. */
static DagSlotMask
choose_slots (DagSlotMask usable,
              int         want,
              guint8      preferred,
              int         rot,
              int         single_part)
{
  DagSlotMask chosen = 0;

  for (int pass = 0; pass < 4 && want > 0; pass++)
    {
      gboolean pref_pass = (pass % 2) == 0;
      gboolean whole = pass < 2;

      for (int k = 0; k < 5 && want > 0; k++)
        {
          int d = (rot + k) % 5;
          DagSlotMask am = DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_AM));
          DagSlotMask pm = DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_PM));

          if (((preferred >> d) & 1) != pref_pass)
            continue;
          if (whole)
            {
              if (want >= 2 && (usable & am) && (usable & pm) && !(chosen & (am | pm)))
                {
                  chosen |= am | pm;
                  want -= 2;
                }
            }
          else
            {
              DagSlotMask first = single_part ? pm : am, second = single_part ? am : pm;
              if ((usable & first) && !(chosen & first))
                {
                  chosen |= first;
                  want--;
                }
              else if (want > 0 && (usable & second) && !(chosen & second))
                {
                  chosen |= second;
                  want--;
                }
            }
        }
    }
  return chosen;
}

static gboolean
age_fits (const GroupTemplate *t,
          int                  age)
{
  return (t->min_age == 0 || age >= t->min_age) && (t->max_age == 0 || age <= t->max_age);
}

static int
compare_by_distance (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const double *dist = user_data;
  int x = *(const int *) a, y = *(const int *) b;

  if (dist[x] != dist[y])
    return dist[x] < dist[y] ? -1 : 1;
  return x - y;
}

/* The standing week plan: each participant in turn, into the nearest group
 * that takes their product and level and has room on enough of its slots
 * they can come; otherwise into several groups.  Simple on purpose: the
 * real planner replaces it. */
static void
demo_place (Gen *gen)
{
  DagOrg *org = gen->org;
  guint n_groups = org->groups->len, n_loc = org->locations->len;
  guint8 *used = g_new0 (guint8, n_groups * DAG_N_SLOTS);
  DagSlotMask *full = g_new0 (DagSlotMask, n_groups);
  guint *takes = g_new0 (guint, n_groups);
  int *order[N_TOWNS];
  double *dist = g_new (double, n_loc);
  int *loc_order = g_new (int, n_loc);
  guint *loc_start = g_new0 (guint, n_loc + 1);
  int *by_loc = g_new (int, n_groups + 1);

  /* The products a group takes as a bit set, and the groups per location. */
  for (guint g = 0; g < n_groups; g++)
    {
      const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
      for (guint i = 0; i < gr->products->len; i++)
        for (int p = 0; p < N_PRODUCTS; p++)
          if (strcmp (g_ptr_array_index (gr->products, i), product_names[p]) == 0)
            takes[g] |= 1u << p;
      loc_start[gr->location + 1]++;
    }
  for (guint l = 0; l < n_loc; l++)
    loc_start[l + 1] += loc_start[l];
  {
    g_autofree guint *fill = g_memdup2 (loc_start, sizeof (guint) * (n_loc + 1));
    for (guint g = 0; g < n_groups; g++)
      by_loc[fill[DAG_AT (org->groups, DagGroup, g)->location]++] = g;
  }

  /* Per town, the groups by the distance of their location. */
  for (int t = 0; t < N_TOWNS; t++)
    {
      int k = 0;

      for (guint l = 0; l < n_loc; l++)
        {
          const DagLocation *loc = DAG_AT (org->locations, DagLocation, l);
          dist[l] = distance_km (towns[t].lat, towns[t].lon, loc->lat, loc->lon);
          loc_order[l] = l;
        }
      g_qsort_with_data (loc_order, n_loc, sizeof (int), compare_by_distance, dist);
      order[t] = g_new (int, n_groups);
      for (guint li = 0; li < n_loc; li++)
        for (guint j = loc_start[loc_order[li]]; j < loc_start[loc_order[li] + 1]; j++)
          order[t][k++] = by_loc[j];
    }

  for (guint p = 0; p < org->participants->len; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, gen->main_ind[p]);
      const DagContract *c = DAG_AT (org->contracts, DagContract, ind->contract);
      const char *product = DAG_AT (c->products, DagProduct, ind->product)->product;
      guint product_bit = 0;
      int want = weekly_volume (ind);
      int *ord = order[gen->town_of[p]];
      DagSlotMask taken = 0;
      int rot = p % 5, single = (p / 5) % 2;

      for (int k = 0; k < N_PRODUCTS; k++)
        if (strcmp (product, product_names[k]) == 0)
          product_bit = 1u << k;

      /* Passes: one group for the whole week that is meant for their age,
       * then any such group; then filling up, again age first. */
      for (int pass = 0; pass < 4 && want > 0; pass++)
        for (guint k = 0; k < n_groups && want > 0; k++)
          {
            int g = ord[k];
            const DagGroup *gr = DAG_AT (org->groups, DagGroup, g);
            DagSlotMask usable, chosen;

            if (!(takes[g] & product_bit) || ind->level < gr->min_level || ind->level > gr->max_level)
              continue;
            usable = gr->slots & ~pa->unavailable & ~taken & ~full[g];
            if (usable == 0 || (pass < 2 && __builtin_popcount (usable) < want))
              continue;
            if ((pass == 0 || pass == 2) && !age_fits (&templates[gen->group_tpl[g]], gen->age_of[p]))
              continue;
            chosen = choose_slots (usable, want, pa->preferred_days, rot, single);
            for (int s = 0; s < DAG_N_SLOTS; s++)
              if (chosen & DAG_SLOT_BIT (s))
                {
                  DagPlanEntry e = { p, g, s };
                  g_array_append_val (org->plan, e);
                  if (++used[g * DAG_N_SLOTS + s] >= gr->capacity)
                    full[g] |= DAG_SLOT_BIT (s);
                  want--;
                }
            taken |= chosen;
          }
    }

  for (int t = 0; t < N_TOWNS; t++)
    g_free (order[t]);
  g_free (used);
  g_free (full);
  g_free (takes);
  g_free (dist);
  g_free (loc_order);
  g_free (loc_start);
  g_free (by_loc);
}

/* ---- staff and staffing ------------------------------------------------- */

typedef struct {
  int  count;
  int  load;          /* in 1/lcm of a staff member */
  int  max_level;
} SlotLoad;

static int
ratio_lcm (const DagOrg *org)
{
  int l = 1;

  for (guint i = 0; i < org->settings.levels->len; i++)
    {
      int a = l, b = DAG_AT (org->settings.levels, DagLevel, i)->ratio;
      while (b)
        {
          int t = a % b;
          a = b;
          b = t;
        }
      l = l / a * DAG_AT (org->settings.levels, DagLevel, i)->ratio;
    }
  return l;
}

static SlotLoad *
compute_loads (Gen *gen,
               int *lcm_out)
{
  DagOrg *org = gen->org;
  SlotLoad *loads = g_new0 (SlotLoad, org->groups->len * DAG_N_SLOTS);
  int lcm = ratio_lcm (org);

  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      const DagIndication *ind = DAG_AT (org->indications, DagIndication, gen->main_ind[e->participant]);
      SlotLoad *sl = &loads[e->group * DAG_N_SLOTS + e->slot];
      int ratio = dag_org_level_ratio (org, ind->level);

      sl->count++;
      sl->load += ratio > 0 ? lcm / ratio : lcm;
      sl->max_level = MAX (sl->max_level, ind->level);
    }
  *lcm_out = lcm;
  return loads;
}

static void
slot_needs (const DagOrg   *org,
            const SlotLoad *sl,
            int             lcm,
            int            *required,
            gboolean       *need_hbo,
            gboolean       *need_mbo)
{
  *required = sl->count > 0 ? MAX (1, (sl->load + lcm - 1) / lcm) : 0;
  *need_hbo = sl->count > 0 && (sl->max_level >= org->settings.hbo_from_level || *required >= 2);
  *need_mbo = *required >= 2;
}

static void
gen_staff (Gen *gen)
{
  DagOrg *org = gen->org;
  int lcm;
  g_autofree SlotLoad *loads = compute_loads (gen, &lcm);
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 total = 0, hbo_needed = 0, paid_cap = 0, hbo_cap = 0;
  /* 7 HBO, 11 MBO and 2 volunteers in every 20. */
  static const DagQualification cycle[20] = {
    DAG_QUAL_HBO, DAG_QUAL_MBO, DAG_QUAL_MBO, DAG_QUAL_HBO, DAG_QUAL_MBO,
    DAG_QUAL_MBO, DAG_QUAL_HBO, DAG_QUAL_MBO, DAG_QUAL_MBO, DAG_QUAL_HBO,
    DAG_QUAL_VOLUNTEER, DAG_QUAL_MBO, DAG_QUAL_HBO, DAG_QUAL_MBO, DAG_QUAL_MBO,
    DAG_QUAL_HBO, DAG_QUAL_MBO, DAG_QUAL_MBO, DAG_QUAL_HBO, DAG_QUAL_VOLUNTEER,
  };
  int slot_minutes = org->settings.slot_minutes > 0 ? org->settings.slot_minutes : 240;
  /* The supply factor and the HBO share in thousandths: integers keep the
   * default (1.25: total * 5 / 4) exact on every machine. */
  double staff = gen->options->staff > 0 ? gen->options->staff : DAG_DEMO_DEFAULT_STAFF;
  gint64 staff_pm = (gint64) llround (staff * 1000);
  gboolean mix = gen->options->hbo > 0;
  gint64 hbo_pm = mix ? (gint64) llround (gen->options->hbo * 1000) : 0;
  gint64 paid = 0;
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_STAFF);
  for (guint i = 0; i < org->groups->len * DAG_N_SLOTS; i++)
    {
      int req;
      gboolean hbo, mbo;
      slot_needs (org, &loads[i], lcm, &req, &hbo, &mbo);
      total += req;
      hbo_needed += hbo;
    }

  /* Some slack by default: availability never matches the plan exactly.
   * With a chosen HBO share only the paid capacity counts. */
  for (int i = 0; (!mix && hbo_cap < hbo_needed * staff_pm / 1000 + 2) ||
                  paid_cap < total * staff_pm / 1000 + 2 || i < 6; i++)
    {
      DagStaff s = { 0 };
      g_autofree char *first = NULL, *ascii = NULL, *local = NULL;
      const char *last;
      int slots, days;
      static const int hbo_hours[] = { 24, 28, 32, 36, 36 };
      static const int mbo_hours[] = { 16, 20, 24, 24, 28, 32, 36 };

      s.qualification = cycle[i % 20];
      if (mix && s.qualification != DAG_QUAL_VOLUNTEER)
        {
          /* HBO whenever the running share of HBO among the paid staff
           * would fall below the chosen one. */
          s.qualification = (paid + 1) * hbo_pm / 1000 > paid * hbo_pm / 1000 ? DAG_QUAL_HBO : DAG_QUAL_MBO;
          paid++;
        }
      s.id = g_strdup_printf ("S%04d", i + 1);
      first = g_strdup (PICK (&r, first_names));
      last = PICK (&r, last_names);
      s.name = g_strconcat (first, " ", last, NULL);
      switch (s.qualification)
        {
        case DAG_QUAL_HBO:
          s.contract_hours = PICK (&r, hbo_hours);
          s.driver = rng_chance (&r, 100);
          break;
        case DAG_QUAL_MBO:
          s.contract_hours = PICK (&r, mbo_hours);
          s.driver = rng_chance (&r, 250);
          break;
        default:
          s.contract_hours = 8;
          s.driver = rng_chance (&r, 300);
          break;
        }
      /* Available on whole days, as many as the hours need and sometimes one more. */
      slots = s.contract_hours * 60 / slot_minutes;
      days = MIN (5, (slots + 1) / 2 + (rng_chance (&r, 400) ? 1 : 0));
      {
        int start = rng_int (&r, 0, 4);
        for (int k = 0; k < days; k++)
          {
            int d = (start + k) % 5;
            s.available |= DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_AM)) | DAG_SLOT_BIT (DAG_SLOT (d, DAG_PART_PM));
          }
      }
      ascii = g_str_to_ascii (s.name, "C");
      {
        GString *e = g_string_new (NULL);
        gboolean dot = FALSE;
        for (const char *c = ascii; *c; c++)
          {
            if (g_ascii_isalnum (*c))
              {
                if (dot)
                  g_string_append_c (e, '.');
                dot = FALSE;
                g_string_append_c (e, g_ascii_tolower (*c));
              }
            else if (e->len > 0)
              dot = TRUE;
          }
        local = g_string_free (e, FALSE);
      }
      s.email = g_strdup_printf ("%s@example.org", local);
      for (int k = 2; g_hash_table_contains (emails, s.email); k++)
        {
          g_free (s.email);
          s.email = g_strdup_printf ("%s%d@example.org", local, k);
        }
      g_hash_table_add (emails, g_strdup (s.email));

      if (s.qualification == DAG_QUAL_HBO)
        hbo_cap += slots;
      if (s.qualification != DAG_QUAL_VOLUNTEER)
        paid_cap += slots;
      g_array_append_val (org->staff, s);
    }
}

/* ---- vehicles ----------------------------------------------------------- */

/* The tight fleet (DAG_DEMO_FLEET_TIGHT): only the vehicles a good plan of
 * the standing week needs, plus one.
 *
 * The busiest wave is the busiest dagdeel of the week over the whole
 * organisation: everyone who attends a morning is brought in one arrival
 * window, everyone who attends an afternoon is taken home after it.  Over
 * the weekdays and both dagdelen we take the most bus riders who sit (S)
 * and the most wheelchair users (W) at once, summed over the locations.
 *
 * - Vehicles: 8-seat buses, ceil (S / 8 / 2) + 1.  The demo's riders live
 *   near their location, so a bus can bring two loads in one arrival window
 *   (the first arrives early, the second just in time), and one spare for
 *   the far riders.  Counted per location (ceil (S_l / 16) + 1 each) this
 *   gave every location two buses or more, 27 for 1,000 participants and
 *   130 for 5,000, while the planner shares buses between nearby locations
 *   and used 12 and 40: nothing was tight.  So the sum is rounded once, and
 *   the buses are homed at the locations in proportion to their own
 *   busiest dagdeel's sitting riders (largest remainder, ties to the first
 *   location): some small locations get none.
 * - Wheelchair places: half of W (two rounds) plus one spare, but always
 *   at least one short of W when W ≥ 2, so that some bus must drive a
 *   second round for a wheelchair user: min (W − 1, ceil (W / 2) + 1).
 *   W = 1 gets its one place (fewer would leave that rider without any).
 *   One place per bus first, a second per bus after; buses without a place
 *   are plain 8-seat buses.
 *
 * Deterministic: the counts come from the plan, the costs per km from the
 * vehicles' stream. */
static void
gen_tight_fleet (Gen *gen)
{
  DagOrg *org = gen->org;
  guint n_loc = org->locations->len;
  g_autofree int *seated = g_new0 (int, n_loc * DAG_N_SLOTS);
  g_autofree int *chairs = g_new0 (int, n_loc * DAG_N_SLOTS);
  g_autofree int *busiest = g_new0 (int, n_loc);
  g_autofree int *count = g_new0 (int, n_loc);
  int max_seated = 0, max_chairs = 0, total = 0, n, places, given = 0, k = 0;
  int n_chair_bus = 0, n_bus = 0;
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_VEHICLES);
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, e->participant);
      int l = DAG_AT (org->groups, DagGroup, e->group)->location;

      if (pa->transport != DAG_TRANSPORT_BUS || DAG_SLOT_DAY (e->slot) >= 5)
        continue;
      if (pa->wheelchair)
        chairs[l * DAG_N_SLOTS + e->slot]++;
      else
        seated[l * DAG_N_SLOTS + e->slot]++;
    }
  for (int s = 0; s < DAG_N_SLOTS; s++)
    {
      int sum_seated = 0, sum_chairs = 0;

      for (guint l = 0; l < n_loc; l++)
        {
          sum_seated += seated[l * DAG_N_SLOTS + s];
          sum_chairs += chairs[l * DAG_N_SLOTS + s];
          busiest[l] = MAX (busiest[l], seated[l * DAG_N_SLOTS + s]);
        }
      max_seated = MAX (max_seated, sum_seated);
      max_chairs = MAX (max_chairs, sum_chairs);
    }
  for (guint l = 0; l < n_loc; l++)
    total += busiest[l];
  if (max_seated + max_chairs == 0)
    return;

  n = (max_seated + 15) / 16 + 1;
  places = max_chairs >= 2 ? MIN (max_chairs - 1, (max_chairs + 1) / 2 + 1) : max_chairs;
  n = MAX (n, (places + 1) / 2);

  /* Largest remainder: each location its whole share of n first, then one
   * more to the largest fractions. */
  for (guint l = 0; l < n_loc && total > 0; l++)
    {
      count[l] = (int) ((gint64) n * busiest[l] / total);
      given += count[l];
    }
  while (given < n)
    {
      int best = 0;
      gint64 best_rest = -1;

      for (guint l = 0; l < n_loc; l++)
        {
          gint64 rest = total > 0 ? (gint64) n * busiest[l] - (gint64) count[l] * total : 0;

          if (rest > best_rest)
            {
              best_rest = rest;
              best = l;
            }
        }
      count[best]++;
      given++;
    }

  for (guint l = 0; l < n_loc; l++)
    for (int j = 0; j < count[l]; j++, k++)
      {
        DagVehicle v = { 0 };

        v.seats = 8;
        v.wheelchair_places = (places >= k + 1) + (places >= n + k + 1);
        if (v.wheelchair_places > 0)
          {
            v.name = g_strdup_printf ("Rolstoelbus %d", ++n_chair_bus);
            v.cost_per_km_cents = rng_int (&r, 45, 60);
          }
        else
          {
            v.name = g_strdup_printf ("Personenbus %d", ++n_bus);
            v.cost_per_km_cents = rng_int (&r, 38, 48);
          }
        v.id = g_strdup_printf ("V%03u", org->vehicles->len + 1);
        v.location = l;
        g_array_append_val (org->vehicles, v);
      }
}

static void
gen_vehicles (Gen *gen)
{
  DagOrg *org = gen->org;
  guint n_loc = org->locations->len, np = org->participants->len;
  int *day_loc;
  int *riders, *chairs;
  int n_bus = 0, n_van = 0, n_car = 0;
  Rng r;

  if (gen->options->fleet == DAG_DEMO_FLEET_TIGHT)
    {
      gen_tight_fleet (gen);
      return;
    }
  day_loc = g_new (int, np * 5);
  riders = g_new0 (int, n_loc * 5);
  chairs = g_new0 (int, n_loc * 5);
  rng_init (&r, gen->options->seed, STREAM_VEHICLES);
  for (guint i = 0; i < np * 5; i++)
    day_loc[i] = -1;
  for (guint i = 0; i < org->plan->len; i++)
    {
      const DagPlanEntry *e = DAG_AT (org->plan, DagPlanEntry, i);
      int d = DAG_SLOT_DAY (e->slot);
      if (d < 5 && day_loc[e->participant * 5 + d] < 0)
        day_loc[e->participant * 5 + d] = DAG_AT (org->groups, DagGroup, e->group)->location;
    }
  for (guint p = 0; p < np; p++)
    {
      const DagParticipant *pa = DAG_AT (org->participants, DagParticipant, p);
      if (pa->transport != DAG_TRANSPORT_BUS)
        continue;
      for (int d = 0; d < 5; d++)
        if (day_loc[p * 5 + d] >= 0)
          {
            riders[day_loc[p * 5 + d] * 5 + d]++;
            chairs[day_loc[p * 5 + d] * 5 + d] += pa->wheelchair;
          }
    }

  for (guint l = 0; l < n_loc; l++)
    {
      int max_riders = 0, max_chairs = 0, seats = 0, places = 0;

      for (int d = 0; d < 5; d++)
        {
          max_riders = MAX (max_riders, riders[l * 5 + d]);
          max_chairs = MAX (max_chairs, chairs[l * 5 + d]);
        }
      /* A vehicle drives one or two rounds each morning and afternoon. */
      while (seats * 3 < max_riders * 2 || places * 2 < max_chairs)
        {
          DagVehicle v = { 0 };
          int left = max_riders - seats * 3 / 2;

          if (places * 2 < max_chairs || left >= 10)
            {
              v.name = g_strdup_printf ("Rolstoelbus %d", ++n_bus);
              v.seats = 8;
              v.wheelchair_places = rng_int (&r, 1, 2);
              v.cost_per_km_cents = rng_int (&r, 45, 60);
            }
          else if (left > 8 || rng_chance (&r, 600))
            {
              v.name = g_strdup_printf ("Personenbusje %d", ++n_van);
              v.seats = 5;
              v.wheelchair_places = rng_int (&r, 0, 1);
              v.cost_per_km_cents = rng_int (&r, 32, 45);
            }
          else
            {
              v.name = g_strdup_printf ("Auto %d", ++n_car);
              v.seats = 4;
              v.wheelchair_places = 0;
              v.cost_per_km_cents = rng_int (&r, 25, 32);
            }
          v.id = g_strdup_printf ("V%03u", org->vehicles->len + 1);
          v.location = l;
          seats += v.seats;
          places += v.wheelchair_places;
          g_array_append_val (org->vehicles, v);
        }
    }
  g_free (day_loc);
  g_free (riders);
  g_free (chairs);
}

/* ---- absences and attendance -------------------------------------------- */

static void
gen_absences (Gen *gen)
{
  DagOrg *org = gen->org;
  Rng r;

  rng_init (&r, gen->options->seed, STREAM_ABSENCES);
  for (guint p = 0; p < org->participants->len; p++)
    {
      int what = rng_weighted (&r, (const int[]) { 860, 120, 20 }, 3);
      DagAbsence a = { p, 0, 0, NULL };

      if (what == 0)
        continue;
      if (what == 1)
        {
          a.from = gen->month_start - 10 + rng_int (&r, 0, (int) (gen->month_end - gen->month_start) + 10);
          /* From a Monday, one or two weeks. */
          a.from -= dag_date_weekday (a.from);
          a.to = a.from + (rng_chance (&r, 650) ? 6 : 13);
          a.reason = g_strdup ("vakantie");
        }
      else
        {
          a.from = gen->month_start + rng_int (&r, 0, (int) (gen->month_end - gen->month_start));
          a.to = a.from + rng_int (&r, 2, 9);
          a.reason = g_strdup ("ziekenhuisopname");
        }
      g_array_append_val (org->absences, a);
    }
}

typedef struct {
  Gen            *gen;
  Rng             rng;
  DagDate         last_registered;
  int             last_participant;
  DagDate         last_date;
  DagAttendStatus status;
  const char     *reason;
} AttendCtx;

static gboolean
add_attendance (const DagSession *s,
                gpointer          user_data)
{
  AttendCtx *ctx = user_data;
  Rng *r = &ctx->rng;
  DagAttendance a;
  static const char *const reasons[] = { "ziek", "vakantie", "afspraak arts", "familieomstandigheden" };

  if (s->state != DAG_SESSION_ON || s->date > ctx->last_registered)
    return TRUE;

  /* One outcome per participant and day: who is ill misses the afternoon too. */
  if (s->participant != ctx->last_participant || s->date != ctx->last_date)
    {
      int noshow = ctx->gen->high_noshow[s->participant] ? ctx->gen->high_noshow[s->participant] : 33;

      ctx->last_participant = s->participant;
      ctx->last_date = s->date;
      ctx->reason = NULL;
      if (rng_chance (r, 80))
        {
          ctx->status = DAG_ATTEND_CANCELLED;
          ctx->reason = reasons[rng_weighted (r, (const int[]) { 50, 15, 20, 15 }, 4)];
        }
      else if (rng_chance (r, noshow))
        ctx->status = DAG_ATTEND_NO_SHOW;
      else
        ctx->status = DAG_ATTEND_PRESENT;
    }

  a.participant = s->participant;
  a.date = s->date;
  a.part = s->part;
  a.status = ctx->status;
  a.minutes = -1;
  a.reason = ctx->reason ? g_strdup (ctx->reason) : NULL;
  if (a.status == DAG_ATTEND_PRESENT && rng_chance (r, 100))
    {
      /* The whole part, or half an hour to an hour and a half less. */
      const DagOrg *org = ctx->gen->org;
      const DagLocation *l = DAG_AT (org->locations, DagLocation,
                                     DAG_AT (org->groups, DagGroup, s->group)->location);
      int length = l->part_end[s->part] - l->part_start[s->part];
      a.minutes = MAX (30, length - 30 * rng_weighted (r, (const int[]) { 40, 25, 20, 15 }, 4));
    }
  g_array_append_val (ctx->gen->org->attendance, a);
  return TRUE;
}

static void
gen_attendance (Gen *gen)
{
  g_autoptr(DagSchedule) schedule = dag_schedule_new (gen->org);
  DagDate today = dag_date_today ();
  AttendCtx ctx = { gen, { { 0 } }, gen->month_end, -1, DAG_DATE_NONE, DAG_ATTEND_PRESENT, NULL };

  rng_init (&ctx.rng, gen->options->seed, STREAM_ATTENDANCE);
  /* In the current month the last days before today are not registered
   * yet, and the future never is. */
  if (today >= gen->month_start && today <= gen->month_end)
    ctx.last_registered = today - 3;
  dag_schedule_foreach (schedule, gen->month_start, gen->month_end, add_attendance, &ctx);
}

/* ---- public ------------------------------------------------------------- */

DagDate
dag_demo_default_month (DagDate today)
{
  int y, m;

  dag_date_to_ymd (today, &y, &m, NULL);
  if (--m == 0)
    {
      m = 12;
      y--;
    }
  return dag_date_from_ymd (y, m, 1);
}

void
dag_demo_options_init (DagDemoOptions *options)
{
  options->participants = DAG_DEMO_DEFAULT_PARTICIPANTS;
  options->seed = DAG_DEMO_DEFAULT_SEED;
  options->month = dag_demo_default_month (dag_date_today ());
  options->staff = DAG_DEMO_DEFAULT_STAFF;
  options->hbo = 0;
  options->heavy = 0;
  options->fleet = DAG_DEMO_FLEET_NORMAL;
}

gboolean
dag_demo_fleet_parse (const char   *text,
                      DagDemoFleet *fleet)
{
  g_return_val_if_fail (fleet != NULL, FALSE);

  if (g_strcmp0 (text, "normal") == 0)
    *fleet = DAG_DEMO_FLEET_NORMAL;
  else if (g_strcmp0 (text, "tight") == 0)
    *fleet = DAG_DEMO_FLEET_TIGHT;
  else
    return FALSE;
  return TRUE;
}

/* The week plan and its staffing come from the real planner (construction
 * only: fast, and it breaks no rule), started from demo_place()'s rough
 * placement, which also sized the staff.  The plan is made for the first
 * week of the demo month. */
static void
plan_week (Gen *gen)
{
  DagPlannerOptions options;
  DagPlanResult *result;
  DagDate week = gen->month_start;

  while (dag_date_weekday (week) != 0)
    week++;
  dag_planner_options_init (&options);
  options.week = week;
  options.seed = gen->options->seed;
  options.construct_only = TRUE;
  options.keep_existing = TRUE;
  result = dag_planner_run (gen->org, &options, NULL, NULL, NULL, NULL);
  g_assert (result != NULL);
  /* The demo's plan is its standing plan from the start, undated: the
   * rough placement was only the planner's starting point. */
  g_array_set_size (gen->org->plan, 0);
  g_array_append_vals (gen->org->plan, result->plan->data, result->plan->len);
  g_array_set_size (gen->org->staffing, 0);
  g_array_append_vals (gen->org->staffing, result->staffing->data, result->staffing->len);
  dag_plan_result_free (result);
}

DagOrg *
dag_demo_generate (const DagDemoOptions *options)
{
  DagDemoOptions opts;
  Gen gen = { 0 };
  int d;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->participants > 0, NULL);

  opts = *options;
  if (opts.month == DAG_DATE_NONE)
    opts.month = dag_demo_default_month (dag_date_today ());
  dag_date_to_ymd (opts.month, &gen.year, &gen.month, &d);
  gen.options = &opts;
  gen.org = dag_org_new ();
  gen.month_start = dag_date_from_ymd (gen.year, gen.month, 1);
  gen.month_end = gen.month_start + dag_date_days_in_month (gen.year, gen.month) - 1;

  gen_organisation (&gen);
  gen_participants (&gen);
  gen_locations (&gen);
  gen_groups (&gen);
  demo_place (&gen);
  gen_staff (&gen);
  plan_week (&gen);
  gen_vehicles (&gen);
  gen_absences (&gen);
  gen_attendance (&gen);

  g_free (gen.town_of);
  g_free (gen.age_of);
  g_free (gen.group_tpl);
  g_free (gen.main_ind);
  g_free (gen.high_noshow);
  dag_org_invalidate_index (gen.org);
  return gen.org;
}
