/*
 * The floor for `make bench`: a bare libyaml event scan of each file,
 * the least any YAML-reading linter must do.
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

static int scan(const char *path)
{
	FILE *fp = fopen(path, "rb");
	yaml_parser_t parser;
	yaml_event_t event;
	int done = 0, ok = 1;

	if (!fp) {
		perror(path);
		return 1;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, fp);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			ok = 0;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	fclose(fp);
	return !ok;
}

int main(int argc, char **argv)
{
	int bad = 0;

	for (int i = 1; i < argc; i++)
		bad |= scan(argv[i]);
	return bad;
}
