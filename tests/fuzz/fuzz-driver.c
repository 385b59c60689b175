/* fuzz-driver.c — a small mutation fuzzer that runs a libFuzzer target
 * (LLVMFuzzerTestOneInput) where libFuzzer is not at hand (gcc builds):
 * it reads seed files, mutates them at random with JSON and CSV tokens
 * for a bounded time, and on a crash leaves the input in crash-<name>.
 * It takes libFuzzer's flags it needs: -max_total_time=S, -runs=N,
 * -seed=N, -max_len=N, then seed files or folders.  A file given without
 * any flag is run once (to replay a crash). */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* AddressSanitizer calls this before it ends the process. */
extern void __sanitizer_set_death_callback (void (*callback) (void)) __attribute__ ((weak));

static const guint8 *current;
static gsize current_size;
static char crash_path[256] = "crash-input";

static void
save_current (void)
{
  int fd = open (crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  if (fd >= 0)
    {
      gsize done = 0;

      while (done < current_size)
        {
          ssize_t n = write (fd, current + done, current_size - done);

          if (n <= 0)
            break;
          done += n;
        }
      close (fd);
    }
  (void) !write (2, "fuzz-driver: the input is in ", 29);
  (void) !write (2, crash_path, strlen (crash_path));
  (void) !write (2, "\n", 1);
}

static void
on_signal (int sig)
{
  save_current ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static const char *const tokens[] = {
  "/*", "*/", "//", "'", "\"", "\\u0000", "\\u001b", "\\ud800", "\\udc00", "\\ud83d\\ude00",
  "\\uFFFF", "\\", "0x1F", "NaN", "Infinity", "-0", "+1", "01", "1e300", "1e400", "-1e-400",
  "123456782", "[[[[[[[[", "]]]]]]]]", "{{{{", "}}}}", "{\"a\":1,\"a\":2}", ",", ":", "null",
  "true", "false", "\"name\"", "\"id\"", "\"P1\"", "\"L1\"", "\xc0\xaf", "\xed\xa0\x80",
  "\xc2\x9b", "\xef\xbb\xbf", "\xef\xbf\xbe", "\x1b[2J", "\r\n", "\n", "\t", " ", "\0",
  "99999999999999999999999", "0.000000000000000000001", "\"\"", "[]", "{}",
  "P1,L1,", "600", "600.0001", "1000", "nan", "inf", "-1", "\"\"\"", ",,,,",
};

static void
mutate (GByteArray *b,
        GRand      *rand,
        GPtrArray  *seeds,
        gsize       max_len)
{
  int rounds = g_rand_int_range (rand, 1, 6);

  for (int r = 0; r < rounds; r++)
    {
      guint len = b->len;
      guint at = len ? g_rand_int_range (rand, 0, len + 1) : 0;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:   /* flip a bit */
          if (len)
            b->data[g_rand_int_range (rand, 0, len)] ^= 1u << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* a random byte */
          if (len)
            b->data[g_rand_int_range (rand, 0, len)] = g_rand_int_range (rand, 0, 256);
          break;
        case 2:   /* delete a run */
          if (len)
            {
              guint n = g_rand_int_range (rand, 1, MIN (len, 64u) + 1);

              at = g_rand_int_range (rand, 0, len - n + 1);
              g_byte_array_remove_range (b, at, n);
            }
          break;
        case 3:   /* insert a token */
        case 4:
          {
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize n = *t ? strlen (t) : 1;

            g_byte_array_set_size (b, len + n);
            memmove (b->data + at + n, b->data + at, len - at);
            memcpy (b->data + at, t, n);
          }
          break;
        case 5:   /* repeat a run */
          if (len)
            {
              guint from = g_rand_int_range (rand, 0, len);
              guint n = g_rand_int_range (rand, 1, MIN (len - from, 256u) + 1);
              guint times = g_rand_int_range (rand, 1, 9);
              g_autofree guint8 *run = g_memdup2 (b->data + from, n);

              for (guint k = 0; k < times; k++)
                {
                  g_byte_array_set_size (b, b->len + n);
                  memmove (b->data + at + n, b->data + at, b->len - n - at);
                  memcpy (b->data + at, run, n);
                }
            }
          break;
        case 6:   /* splice in a piece of another seed */
          {
            GBytes *other = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
            gsize olen = 0;
            const guint8 *odata = g_bytes_get_data (other, &olen);

            if (olen)
              {
                guint from = g_rand_int_range (rand, 0, olen);
                guint n = g_rand_int_range (rand, 1, MIN (olen - from, 512u) + 1);

                g_byte_array_set_size (b, len + n);
                memmove (b->data + at + n, b->data + at, len - at);
                memcpy (b->data + at, odata + from, n);
              }
          }
          break;
        default:  /* cut */
          g_byte_array_set_size (b, at);
          break;
        }
    }
  if (b->len > max_len)
    g_byte_array_set_size (b, max_len);
}

static void
add_seed (GPtrArray  *seeds,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
            add_seed (seeds, child);
        }
      return;
    }
  if (!g_file_get_contents (path, &data, &length, &error))
    g_error ("%s", error->message);
  g_ptr_array_add (seeds, g_bytes_new_take (data, length));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GByteArray) input = g_byte_array_new ();
  double max_time = 0;
  gint64 runs = -1, execs = 0;
  guint32 seed = 1;
  gsize max_len = 256 * 1024;
  gboolean flags = FALSE;
  gint64 start, deadline;
  g_autofree char *name = g_path_get_basename (argv[0]);

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "-max_total_time="))
        max_time = g_ascii_strtod (argv[i] + 16, NULL), flags = TRUE;
      else if (g_str_has_prefix (argv[i], "-runs="))
        runs = g_ascii_strtoll (argv[i] + 6, NULL, 10), flags = TRUE;
      else if (g_str_has_prefix (argv[i], "-seed="))
        seed = (guint32) g_ascii_strtoull (argv[i] + 6, NULL, 10);
      else if (g_str_has_prefix (argv[i], "-max_len="))
        max_len = g_ascii_strtoull (argv[i] + 9, NULL, 10);
      else if (argv[i][0] == '-')
        ;   /* another libFuzzer flag: not ours */
      else
        add_seed (seeds, argv[i]);
    }
  if (seeds->len == 0)
    g_ptr_array_add (seeds, g_bytes_new ("", 0));
  g_snprintf (crash_path, sizeof crash_path, "crash-%s", name);
  signal (SIGSEGV, on_signal);
  signal (SIGABRT, on_signal);
  signal (SIGBUS, on_signal);
  signal (SIGFPE, on_signal);
  signal (SIGILL, on_signal);
  if (__sanitizer_set_death_callback)
    __sanitizer_set_death_callback (save_current);

  /* Every seed as it is, first. */
  for (guint i = 0; i < seeds->len; i++)
    {
      current = g_bytes_get_data (g_ptr_array_index (seeds, i), &current_size);
      LLVMFuzzerTestOneInput (current, current_size);
      execs++;
    }
  if (!flags)
    {
      g_printerr ("%s: ran %" G_GINT64_FORMAT " inputs\n", name, execs);
      return 0;
    }

  rand = g_rand_new_with_seed (seed);
  start = g_get_monotonic_time ();
  deadline = max_time > 0 ? start + (gint64) (max_time * G_USEC_PER_SEC) : G_MAXINT64;
  while ((runs < 0 || execs < runs) && g_get_monotonic_time () < deadline)
    {
      GBytes *base = g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
      gsize blen = 0;
      const guint8 *bdata = g_bytes_get_data (base, &blen);

      g_byte_array_set_size (input, 0);
      g_byte_array_append (input, bdata, blen);
      /* Several generations on one input reach further from the seed. */
      for (int gen = g_rand_int_range (rand, 1, 5); gen > 0; gen--)
        mutate (input, rand, seeds, max_len);
      current = input->data;
      current_size = input->len;
      LLVMFuzzerTestOneInput (current, current_size);
      execs++;
    }
  g_printerr ("%s: %" G_GINT64_FORMAT " executions in %.1f s (seed %u), no crash\n", name, execs,
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, seed);
  return 0;
}
