// libedit's el_set, el_get and history are variadic, which Swift cannot call; these wrappers give
// each call the REPL makes a fixed signature.
#ifndef REPORTDESK_CLIBEDIT_SHIM_H
#define REPORTDESK_CLIBEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

typedef unsigned char (*rd_el_function)(EditLine *, int);
typedef char *(*rd_el_prompt_function)(EditLine *);

static inline int rd_el_set_prompt(EditLine *el, rd_el_prompt_function prompt) {
    return el_set(el, EL_PROMPT, prompt);
}
static inline int rd_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
// EL_HIST takes libedit's `history` function and the History it works on; a parameter named
// `history` would shadow the function and hand libedit a data pointer to call.
static inline int rd_el_set_history(EditLine *el, History *entries) {
    return el_set(el, EL_HIST, history, entries);
}
static inline int rd_el_set_signal(EditLine *el, int flag) {
    return el_set(el, EL_SIGNAL, flag);
}
static inline int rd_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *rd_el_get_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int rd_el_add_function(EditLine *el, const char *name, const char *help, rd_el_function fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int rd_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
static inline int rd_el_source(EditLine *el) {
    return el_source(el, NULL);
}

static inline int rd_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int rd_history_clear(History *h) {
    HistEvent ev;
    return history(h, &ev, H_CLEAR);
}
static inline int rd_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

#endif
