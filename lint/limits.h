/* Safety limits on everything that comes from outside (rule ML002). */
#ifndef MOUNTLINT_LIMITS_H
#define MOUNTLINT_LIMITS_H

#define LIMIT_FILE_BYTES	((size_t)64 << 20)
#define LIMIT_YAML_DEPTH	512
#define LIMIT_ALIAS_NODES	1000000UL
#define LIMIT_FINDINGS		10000
#define LIMIT_COMMAND_BYTES	((size_t)1 << 20)

#endif
