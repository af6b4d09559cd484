#ifndef NPYB_CNCURSES_SHIM_H
#define NPYB_CNCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline attr_t npyb_A_BOLD(void) { return A_BOLD; }
static inline attr_t npyb_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t npyb_A_DIM(void) { return A_DIM; }
static inline attr_t npyb_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t npyb_A_NORMAL(void) { return A_NORMAL; }
static inline int npyb_wcwidth(wchar_t c) { return wcwidth(c); }
static inline FILE *npyb_stdout(void) { return stdout; }
static inline FILE *npyb_stderr(void) { return stderr; }
static inline FILE *npyb_stdin(void) { return stdin; }
static inline int npyb_lines(void) { return LINES; }
static inline int npyb_cols(void) { return COLS; }
static inline WINDOW *npyb_stdscr(void) { return stdscr; }
static inline int npyb_color_pair(int n) { return COLOR_PAIR(n); }
#endif
