/*
 * Functions that overflow buffers, hide errors or keep hidden state.
 * Include this last in every .c file; use snprintf, strtol and the
 * buf module instead.
 */
#ifndef MOUNTLINT_BANNED_H
#define MOUNTLINT_BANNED_H

#define BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef gets
#define gets(x) BANNED(gets)

#endif
