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

int input_read(const char *path, const char *shown, struct buf *b,
	       struct findings *out)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;
	char chunk[65536];
	ssize_t n;

	if (fd < 0) {
		finding_error(out, shown, 0, 0, "cannot open: %s",
			      strerror(errno));
		return -1;
	}
	if (!fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		finding_error(out, shown, 0, 0, "is a directory");
		if (fd)
			close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > LIMIT_FILE_BYTES) {
		add_at_offset(out, "ML002", shown, NULL, 0,
			      "file is larger than the 64 MiB limit");
		if (fd)
			close(fd);
		return -1;
	}
	buf_init(b, LIMIT_FILE_BYTES);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			finding_error(out, shown, 0, 0, "cannot read: %s",
				      strerror(errno));
			break;
		}
		if (buf_add(b, chunk, (size_t)n)) {
			add_at_offset(out, "ML002", shown, NULL, 0,
				      "file is larger than the 64 MiB limit");
			n = -1;
			break;
		}
	}
	if (fd)
		close(fd);
	if (n < 0)
		buf_release(b);
	return n < 0 ? -1 : 0;
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
