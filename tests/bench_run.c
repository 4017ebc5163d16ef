/*
 * The timer for `make bench`: runs a command several times with its
 * output discarded and prints the shortest wall time in seconds and the
 * largest peak resident size in KiB. The shortest of several runs is the
 * one least disturbed by other work on a shared machine.
 * usage: bench_run RUNS COMMAND [ARG...]
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One run: its wall time, and its peak resident KiB in *rss. */
static double run(char **argv, long *rss)
{
	struct rusage ru;
	double start = now();
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		exit(2);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 2) {
		fprintf(stderr, "bench_run: %s failed\n", argv[0]);
		exit(2);
	}
	*rss = ru.ru_maxrss;
	return now() - start;
}

int main(int argc, char **argv)
{
	double best = 0;
	long peak = 0;
	int runs = argc > 2 ? atoi(argv[1]) : 0;

	if (runs < 1) {
		fprintf(stderr, "usage: bench_run RUNS COMMAND [ARG...]\n");
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		long rss;
		double t = run(argv + 2, &rss);

		if (i == 0 || t < best)
			best = t;
		if (rss > peak)
			peak = rss;
	}
	printf("%.3f %ld\n", best, peak);
	return 0;
}
