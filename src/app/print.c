/* print: finds and loads limber-print.so on first use. */
#include "print.h"

#include <dlfcn.h>
#include <stdio.h>

#include <SDL.h>

#ifndef LIMBER_PRINT_DIR
#define LIMBER_PRINT_DIR "../lib/limber"
#endif

/* The module from the first place that holds one: beside the program,
 * then the installed directory relative to it; else the loader's own
 * search. The first error is the one printed: the place a user expects. */
static void *open_module(void)
{
    char *base = SDL_GetBasePath();
    const char *const where[] = { "", LIMBER_PRINT_DIR "/" };
    void *module = NULL;
    char first_error[512] = "";
    for (size_t i = 0; base && i < sizeof where / sizeof where[0] && !module; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s%s%s", base, where[i], PRINT_MODULE);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fclose(f);
        module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        if (!module && !first_error[0])
            snprintf(first_error, sizeof first_error, "%s", dlerror());
    }
    SDL_free(base);
    if (!module && !first_error[0]) {
        module = dlopen(PRINT_MODULE, RTLD_NOW | RTLD_LOCAL);
        if (!module)
            snprintf(first_error, sizeof first_error, "%s", dlerror());
    }
    if (!module)
        fprintf(stderr, "limber: handouts and SVG, GIF and WebP exports need %s: %s\n",
                PRINT_MODULE, first_error);
    return module;
}

const PrintApi *print_load(void)
{
    static const PrintApi *api;
    static bool tried;
    if (tried)
        return api;
    tried = true;
    void *module = open_module();
    if (!module)
        return NULL;
    const PrintApi *found = (const PrintApi *)dlsym(module, PRINT_API_SYMBOL);
    if (!found || found->version != PRINT_API_VERSION) {
        fprintf(stderr, "limber: %s is from another build of Limber; reinstall it\n",
                PRINT_MODULE);
        dlclose(module);
        return NULL;
    }
    api = found;
    return api;
}

int cmd_handout(const Options *opt)
{
    const PrintApi *p = print_load();
    return p ? p->handout(opt) : 1;
}
