/* print_api: the table limber-print.so offers the program (print.h). */
#include "handout.h"
#include "print.h"

/* Found by dlsym, so the one symbol the module must export. */
__attribute__((visibility("default"))) const PrintApi limber_print_api = {
    PRINT_API_VERSION, print_handout, export_svg, export_gif, export_webp,
};
