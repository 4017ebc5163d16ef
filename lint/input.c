#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limits.h"
#include "utf8.h"
#include "banned.h"

static void add_at_offset(struct findings *out, const char *rule,
			  const char *path, const char *text, size_t off,
			  const char *message)
{
	struct loc loc = { path, 1, 1, 1, 2 };

	if (text)
		utf8_position(text, off, &loc.line, &loc.col);
	loc.end_line = loc.line;
	loc.end_col = loc.col + 1;
	finding_add(out, rule, SEV_OFF, &loc, NULL, NULL, "%s", message);
}

/*
 * Reads fd to its end, straight into b; size is what fstat said a
 * regular file holds (0: not known). Once that room is full, a byte
 * more is asked for to see the end.
 */
static enum input_status slurp_fd(int fd, size_t size, struct buf *b)
{
	char more;

	buf_init(b, LIMIT_FILE_BYTES);
	if (buf_grow(b, size ? size : 65536))
		return INPUT_TOO_BIG;
	for (;;) {
		size_t room = b->alloc - b->len - 1;
		ssize_t n = read(fd, room ? b->data + b->len : &more,
				 room ? room : 1);

		if (n == 0)
			return INPUT_OK;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return INPUT_CANNOT_READ;
		if (!room) {
			if (buf_add(b, &more, 1))
				return INPUT_TOO_BIG;
			continue;
		}
		b->len += (size_t)n;
		b->data[b->len] = '\0';
	}
}

/* /dev/null: empty, and never waits ("--env-file /dev/null"). */
static bool is_null_dev(const struct stat *st)
{
	struct stat null;

	return S_ISCHR(st->st_mode) && !stat("/dev/null", &null) &&
	       null.st_rdev == st->st_rdev;
}

enum input_status input_slurp(const char *path, bool regular_only,
			      struct buf *b)
{
	int flags = O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0);
	bool in = !strcmp(path, "-");
	int fd = in ? 0 : open(path, flags);
	enum input_status r = INPUT_CANNOT_READ;
	struct stat st;
	int err;

	buf_init(b, LIMIT_FILE_BYTES);
	if (fd < 0)
		return INPUT_CANNOT_OPEN;
	if (fstat(fd, &st))
		r = INPUT_CANNOT_READ;
	else if (S_ISDIR(st.st_mode))
		r = INPUT_DIRECTORY;
	else if (regular_only && !S_ISREG(st.st_mode) && !is_null_dev(&st))
		r = INPUT_SPECIAL;
	else if (S_ISREG(st.st_mode) &&
		 (size_t)st.st_size > LIMIT_FILE_BYTES)
		r = INPUT_TOO_BIG;
	else
		r = slurp_fd(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0,
			     b);
	err = errno;
	if (!in)
		close(fd);
	if (r != INPUT_OK)
		buf_release(b);
	errno = err;
	return r;
}

const char *input_problem(enum input_status r)
{
	switch (r) {
	case INPUT_OK:
		return "no problem";
	case INPUT_DIRECTORY:
		return "is a directory";
	case INPUT_SPECIAL:
		return "not a regular file: a FIFO, socket or device is not "
		       "read";
	case INPUT_TOO_BIG:
		return "file is larger than the 64 MiB limit";
	default:
		return strerror(errno);
	}
}

int input_report(enum input_status r, const char *shown,
		 struct findings *out)
{
	if (r == INPUT_TOO_BIG)
		add_at_offset(out, "ML002", shown, NULL, 0, input_problem(r));
	else if (r == INPUT_CANNOT_OPEN || r == INPUT_CANNOT_READ)
		finding_error(out, shown, 0, 0, "cannot %s: %s",
			      r == INPUT_CANNOT_OPEN ? "open" : "read",
			      input_problem(r));
	else if (r != INPUT_OK)
		finding_error(out, shown, 0, 0, "%s", input_problem(r));
	return r == INPUT_OK ? 0 : -1;
}

int input_read(const char *path, const char *shown, bool regular_only,
	       struct buf *b, struct findings *out)
{
	return input_report(input_slurp(path, regular_only, b), shown, out);
}

int input_check_text(const char *shown, const struct buf *b,
		     struct findings *out)
{
	const char *nul = memchr(b->data, '\0', b->len);
	size_t bad;

	if (nul) {
		add_at_offset(out, "ML001", shown, b->data,
			      (size_t)(nul - b->data),
			      "binary file: a NUL byte is not text");
		return -1;
	}
	bad = utf8_invalid(b->data, b->len);
	if (bad < b->len) {
		add_at_offset(out, "ML001", shown, b->data, bad,
			      "invalid UTF-8: the file must be UTF-8 text");
		return -1;
	}
	return 0;
}
